#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace acci::local {
class LocalPostgres;
}
namespace acci::util {
class CancelToken;
}

namespace acci::ui {

class BackgroundJob;

// The demo: a private PostgreSQL (LocalPostgres) filled with the demo data, and a generator
// that keeps appending a trickle of events so the live tail and the charts move. Starting
// takes seconds (initdb, data), so it runs as a BackgroundJob, and so does the trickle; the
// server stops when the session is destroyed.
class DemoSession : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString directory; // empty: a fresh temporary directory under /tmp
        qint64 events = 20000;
        double eventsPerSecond = 3.0; // the live trickle; 0 turns it off
    };

    explicit DemoSession(Options options, QObject* parent = nullptr);
    ~DemoSession() override;

    void start();
    const QString& conninfo() const { return m_conninfo; }

signals:
    void progress(const QString& message);
    void ready(const QString& conninfo);
    void failed(const QString& message);

private:
    void generate(const util::CancelToken& cancel);

    Options m_options;
    QString m_conninfo;
    std::unique_ptr<local::LocalPostgres> m_server;
    // Declared after the server: destroyed (cancelled and joined) before it stops.
    std::unique_ptr<BackgroundJob> m_starter;
    std::unique_ptr<BackgroundJob> m_generator;
    bool m_ownsDirectory = false;
};

} // namespace acci::ui

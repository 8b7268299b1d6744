#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace acci::local {
class LocalPostgres;
}

namespace acci::ui {

// The demo: a private PostgreSQL (LocalPostgres) filled with the demo data, and a generator
// that keeps appending a trickle of events so the live tail and the charts move. Starting
// takes seconds (initdb, data), so it happens on a thread of its own; the server stops when
// the session is destroyed.
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
    void generate();

    Options m_options;
    QString m_conninfo;
    std::unique_ptr<local::LocalPostgres> m_server;
    std::thread m_starter;
    std::thread m_generator;
    std::atomic<bool> m_stopping { false };
    bool m_ownsDirectory = false;
};

} // namespace acci::ui

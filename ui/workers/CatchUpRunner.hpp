#pragma once

#include <QObject>
#include <QString>

#include <string>

namespace acci::ui {

class BackgroundJob;

// The built-in projections' catch-up runner inside the console (what 'acci-admin projections
// run' does), on a thread and connection of its own until stopped. Signals arrive on the GUI
// thread.
class CatchUpRunner : public QObject {
    Q_OBJECT
public:
    explicit CatchUpRunner(QObject* parent = nullptr);
    ~CatchUpRunner() override;

    // Connects to `conninfo` and runs until stop(). Ignored while it runs.
    void start(const std::string& conninfo);
    // Asks it to stop at its next safe point; finished() follows.
    void stop();
    bool running() const;

signals:
    // It stopped on an error (the connection was lost, a permission is missing): one sentence.
    void failed(const QString& message);
    // It has stopped, asked to or not; running() is false by then.
    void finished();

private:
    BackgroundJob* m_job;
};

} // namespace acci::ui

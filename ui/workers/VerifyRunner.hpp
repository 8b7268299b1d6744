#pragma once

#include <QObject>
#include <QString>

#include <optional>
#include <string>

#include "acci/projections/ProjectionVerify.hpp"

namespace acci::ui {

class BackgroundJob;

// A verification started from the console (issue 16): on a thread and two connections of its
// own, its progress thinned to what a person can read, cancelled at its next event. Every
// signal arrives on the GUI thread, once the job's thread is done for finished and failed.
class VerifyRunner : public QObject {
    Q_OBJECT
public:
    explicit VerifyRunner(QObject* parent = nullptr);
    ~VerifyRunner() override;

    // Verifies the built-in projection `projection` over `conninfo` (a standby will do: it
    // only reads). Ignored while a verification runs.
    void start(const QString& projection, const std::string& conninfo);
    void cancel();
    bool running() const;

signals:
    void progress(const projections::VerifyProgress& progress);
    void finished(const projections::VerifyReport& report);
    // It could not start (no connection, no such table, rows hidden by RLS): one sentence.
    void failed(const QString& message);

private:
    void jobDone();

    BackgroundJob* m_job;
    std::optional<projections::VerifyReport> m_report;
    QString m_error;
};

} // namespace acci::ui

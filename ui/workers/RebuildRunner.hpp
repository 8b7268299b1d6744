#pragma once

#include <QObject>
#include <QString>

#include <optional>
#include <string>

#include "acci/projections/ProjectionRebuild.hpp"

namespace acci::ui {

class BackgroundJob;

// A rebuild started from the console: on a thread and connection of its own (a rebuild
// takes minutes; the views' worker must stay free), its progress thinned to what a person
// can read, cancelled at the rebuild's next safe point. Every signal arrives on the GUI
// thread; finished or failed comes once the job's thread is done, so running() is false by then.
class RebuildRunner : public QObject {
    Q_OBJECT
public:
    explicit RebuildRunner(QObject* parent = nullptr);
    ~RebuildRunner() override;

    // Rebuilds the built-in projection `projection` on a new connection to `conninfo`.
    // Ignored while a rebuild runs.
    void start(const QString& projection, const std::string& conninfo);
    void cancel();
    bool running() const;

signals:
    void progress(const projections::RebuildProgress& progress);
    // The rebuild's own report: completed, cancelled, or failed with its reason.
    void finished(const projections::RebuildReport& report);
    // It could not run at all (no connection, an unknown projection): one sentence.
    void failed(const QString& message);

private:
    void jobDone();

    BackgroundJob* m_job;
    std::optional<projections::RebuildReport> m_report;
    QString m_error;
};

} // namespace acci::ui

#pragma once

#include <QObject>
#include <QString>

#include <optional>
#include <string>

#include "acci/timetravel/SnapshotAudit.hpp"

namespace acci::ui {

class BackgroundJob;

// Every stored snapshot checked against the fold from the console (issue 16): on a thread of
// its own and the audit's small pool of connections, its progress thinned to what a person can
// read, cancelled after the aggregates in hand. Every signal arrives on the GUI thread, once
// the job's thread is done for finished and failed.
class SnapshotAuditRunner : public QObject {
    Q_OBJECT
public:
    explicit SnapshotAuditRunner(QObject* parent = nullptr);
    ~SnapshotAuditRunner() override;

    // Checks the snapshots (of `aggregateType` when given) over `conninfo` with `rules` (a
    // reader and a standby will do: it only reads). Ignored while an audit runs.
    void start(const std::string& conninfo, const timetravel::ReducerRules& rules,
        const std::optional<std::string>& aggregateType);
    void cancel();
    bool running() const;

signals:
    void progress(const timetravel::SnapshotAuditProgress& progress);
    // Also when cancelled: the report then says so and has the counts so far.
    void finished(const timetravel::SnapshotAuditReport& report);
    // It could not run (no connection, a connection lost): one sentence.
    void failed(const QString& message);

private:
    void jobDone();

    BackgroundJob* m_job;
    std::optional<timetravel::SnapshotAuditReport> m_report;
    QString m_error;
};

} // namespace acci::ui

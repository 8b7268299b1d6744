#include "workers/SnapshotAuditRunner.hpp"

#include <chrono>

#include "acci/store/Errors.hpp"
#include "workers/BackgroundJob.hpp"

namespace acci::ui {

SnapshotAuditRunner::SnapshotAuditRunner(QObject* parent)
    : QObject(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::finished, this, &SnapshotAuditRunner::jobDone);
}

SnapshotAuditRunner::~SnapshotAuditRunner() = default;

bool SnapshotAuditRunner::running() const
{
    return m_job->running();
}

void SnapshotAuditRunner::cancel()
{
    m_job->cancel();
}

void SnapshotAuditRunner::start(
    const std::string& conninfo, const timetravel::ReducerRules& rules, const std::optional<std::string>& aggregateType)
{
    if (m_job->running())
        return;
    m_report.reset();
    m_error.clear();
    timetravel::SnapshotAuditOptions options;
    options.aggregateType = aggregateType;
    options.applicationName = "acci-console snapshot audit";
    // Posted callbacks run only while the job lives, and the job is this runner's child.
    m_job->start([this, conninfo, rules, options](BackgroundJob& job, const util::CancelToken& cancel) {
        try {
            auto lastPost = std::chrono::steady_clock::now() - std::chrono::seconds(1);
            const auto report = timetravel::auditSnapshots(
                conninfo, rules, options,
                [&](const timetravel::SnapshotAuditProgress& step) {
                    const auto now = std::chrono::steady_clock::now();
                    if (now - lastPost < std::chrono::milliseconds(100))
                        return; // ten updates a second are plenty for a person
                    lastPost = now;
                    job.post([this, step] { emit progress(step); });
                },
                &cancel);
            job.post([this, report] { m_report = report; });
        } catch (const std::exception& error) {
            const QString message = QString::fromStdString(store::describeError(error));
            job.post([this, message] { m_error = message; });
        }
    });
}

void SnapshotAuditRunner::jobDone()
{
    if (m_report)
        emit finished(*m_report);
    else
        emit failed(m_error);
}

} // namespace acci::ui

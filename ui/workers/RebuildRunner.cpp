#include "workers/RebuildRunner.hpp"

#include <chrono>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "workers/BackgroundJob.hpp"

namespace acci::ui {

RebuildRunner::RebuildRunner(QObject* parent)
    : QObject(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::finished, this, &RebuildRunner::jobDone);
}

RebuildRunner::~RebuildRunner() = default;

bool RebuildRunner::running() const
{
    return m_job->running();
}

void RebuildRunner::cancel()
{
    m_job->cancel();
}

void RebuildRunner::start(const QString& projection, const std::string& conninfo)
{
    if (m_job->running())
        return;
    m_report.reset();
    m_error.clear();
    const std::string name = projection.toStdString();
    // Posted callbacks run only while the job lives, and the job is this runner's child.
    m_job->start([this, name, conninfo](BackgroundJob& job, const util::CancelToken& cancel) {
        try {
            auto connection = store::connect(conninfo, "acci-console rebuild");
            const auto found = projections::findProjection(projections::builtInProjections(), name);
            if (!found)
                throw store::InvalidInputError("No built-in projection is called " + name + ".");
            auto lastPost = std::chrono::steady_clock::now() - std::chrono::seconds(1);
            auto lastPhase = projections::RebuildProgress::Phase::Reading;
            // Progress comes per page; ten updates a second are plenty for a person, but a new
            // phase is always shown.
            const projections::RebuildReport report = projections::rebuildProjection(
                *connection, found, {},
                [&](const projections::RebuildProgress& step) {
                    const auto now = std::chrono::steady_clock::now();
                    if (now - lastPost < std::chrono::milliseconds(100) && step.phase == lastPhase)
                        return;
                    lastPost = now;
                    lastPhase = step.phase;
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

void RebuildRunner::jobDone()
{
    if (m_report)
        emit finished(*m_report);
    else
        emit failed(m_error);
}

} // namespace acci::ui

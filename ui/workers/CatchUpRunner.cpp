#include "workers/CatchUpRunner.hpp"

#include "acci/projections/ProjectionDaemon.hpp"
#include "acci/store/Connection.hpp"
#include "text/ErrorText.hpp"
#include "workers/BackgroundJob.hpp"

namespace acci::ui {

CatchUpRunner::CatchUpRunner(QObject* parent)
    : QObject(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::finished, this, &CatchUpRunner::finished);
}

CatchUpRunner::~CatchUpRunner() = default;

bool CatchUpRunner::running() const
{
    return m_job->running();
}

void CatchUpRunner::stop()
{
    m_job->cancel();
}

void CatchUpRunner::start(const std::string& conninfo)
{
    if (m_job->running())
        return;
    // Posted callbacks run only while the job lives, and the job is this runner's child.
    m_job->start([this, conninfo](BackgroundJob& job, const util::CancelToken& cancel) {
        try {
            auto connection = store::connect(conninfo, "acci-console catch-up");
            projections::ProjectionDaemon daemon(*connection, projections::builtInProjections());
            daemon.run(cancel, [](const std::string&) {});
        } catch (const std::exception& error) {
            const QString message = ErrorText::describe(error);
            job.post([this, message] { emit failed(message); });
        }
    });
}

} // namespace acci::ui

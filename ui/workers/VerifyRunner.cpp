#include "workers/VerifyRunner.hpp"

#include <chrono>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Errors.hpp"
#include "workers/BackgroundJob.hpp"

namespace acci::ui {

VerifyRunner::VerifyRunner(QObject* parent)
    : QObject(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::finished, this, &VerifyRunner::jobDone);
}

VerifyRunner::~VerifyRunner() = default;

bool VerifyRunner::running() const
{
    return m_job->running();
}

void VerifyRunner::cancel()
{
    m_job->cancel();
}

void VerifyRunner::start(const QString& projection, const std::string& conninfo)
{
    if (m_job->running())
        return;
    m_report.reset();
    m_error.clear();
    const std::string name = projection.toStdString();
    // Posted callbacks run only while the job lives, and the job is this runner's child.
    m_job->start([this, name, conninfo](BackgroundJob& job, const util::CancelToken& cancel) {
        try {
            const auto found = projections::findProjection(projections::builtInProjections(), name);
            if (!found)
                throw store::InvalidInputError("No built-in projection is called " + name + ".");
            auto lastPost = std::chrono::steady_clock::now() - std::chrono::seconds(1);
            const auto report = projections::verifyProjection(
                conninfo, *found, {},
                [&](const projections::VerifyProgress& step) {
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

void VerifyRunner::jobDone()
{
    if (m_report)
        emit finished(*m_report);
    else
        emit failed(m_error);
}

} // namespace acci::ui

#include "workers/BackgroundJob.hpp"

#include <QMetaObject>

namespace acci::ui {

BackgroundJob::BackgroundJob(QObject* parent)
    : QObject(parent)
{
}

BackgroundJob::~BackgroundJob()
{
    if (m_cancel)
        m_cancel->cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void BackgroundJob::start(std::function<void(BackgroundJob& job, const util::CancelToken& cancel)> work)
{
    if (m_thread.joinable())
        m_thread.join(); // the previous run has finished (running() was false)
    m_cancel = std::make_shared<util::CancelToken>();
    m_running = true;
    m_thread = std::thread([this, work = std::move(work), cancel = m_cancel] {
        try {
            work(*this, *cancel);
        } catch (...) {
            // Work reports its own failures through post(); nothing may escape the thread.
        }
        post([this] {
            m_running = false;
            emit finished();
        });
    });
}

void BackgroundJob::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

void BackgroundJob::post(std::function<void()> callback)
{
    QMetaObject::invokeMethod(this, std::move(callback), Qt::QueuedConnection);
}

} // namespace acci::ui

#include "workers/LatestOnlyRunner.hpp"

#include <QMetaObject>

#include <exception>

namespace acci::ui {

LatestOnlyRunner::LatestOnlyRunner(QObject* parent)
    : QObject(parent)
    , m_thread([this] { loop(); })
{
}

LatestOnlyRunner::~LatestOnlyRunner()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_pending.reset();
    }
    m_wake.notify_one();
    m_thread.join();
}

void LatestOnlyRunner::submit(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
        m_pendingTicket = m_requests.supersede();
    }
    m_wake.notify_one();
}

void LatestOnlyRunner::discard()
{
    std::lock_guard lock(m_mutex);
    m_pending.reset();
    m_requests.supersede();
}

void LatestOnlyRunner::loop()
{
    for (;;) {
        Job job;
        RequestTracker::Ticket ticket = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_pending.has_value(); });
            if (m_stopping)
                return;
            job = std::move(*m_pending);
            m_pending.reset();
            ticket = m_pendingTicket;
        }
        std::function<void()> deliver;
        try {
            deliver = job();
        } catch (const std::exception&) {
            // Jobs report their own failures through their callback; an escaped exception
            // must not end the thread.
            continue;
        }
        if (!deliver)
            continue;
        // Queued to this object: dropped by Qt if the runner is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, ticket, deliver = std::move(deliver)] {
                if (m_requests.isCurrent(ticket))
                    deliver();
            },
            Qt::QueuedConnection);
    }
}

} // namespace acci::ui

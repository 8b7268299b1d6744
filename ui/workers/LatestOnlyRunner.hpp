#pragma once

#include <QObject>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "workers/RequestTracker.hpp"

namespace acci::ui {

// A background thread for CPU work the GUI asks for faster than it can be done (folding
// while the user drags a slider): only the newest request matters. A job submitted while
// another waits replaces it; a job's result is delivered on the GUI thread only if no newer
// job was submitted meanwhile. Jobs return the callback to run on the GUI thread.
class LatestOnlyRunner : public QObject {
    Q_OBJECT
public:
    using Job = std::function<std::function<void()>()>;

    explicit LatestOnlyRunner(QObject* parent = nullptr);
    ~LatestOnlyRunner() override;

    void submit(Job job);
    // Drops the waiting job and any result still on its way.
    void discard();

private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
    RequestTracker m_requests; // GUI thread only: the newest submission wins
    RequestTracker::Ticket m_pendingTicket = 0; // guarded by m_mutex
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace acci::ui

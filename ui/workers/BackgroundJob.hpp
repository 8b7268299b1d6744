#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <thread>

#include "acci/util/CancelToken.hpp"

namespace acci::ui {

// A long admin operation (a rebuild, the catch-up runner) on a thread and connection of its
// own, so that the worker that serves the views stays free. Progress and the result come
// back to the GUI thread through queued calls; cancel() asks the operation to stop at its
// next safe point, and the destructor waits for it.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override;

    // `work` runs on the job's thread; it may call post() to run code on the GUI thread.
    void start(std::function<void(BackgroundJob& job, const util::CancelToken& cancel)> work);
    void cancel();
    bool running() const { return m_running; }
    // Runs `callback` on the GUI thread (dropped if the job is gone by then).
    void post(std::function<void()> callback);

signals:
    void finished();

private:
    std::thread m_thread;
    std::shared_ptr<util::CancelToken> m_cancel;
    bool m_running = false;
};

} // namespace acci::ui

#pragma once

#include <QString>

#include <functional>

#include "acci/store/LogReader.hpp"

class QObject;

namespace acci::ui {

class DatabaseWorker;

// How the log model reaches the store: a job reads through a store::LogSource off the GUI
// thread and returns what to do with its result on the GUI thread (dropped if the context
// died meanwhile). An interface so that the model's cache is testable with a log in memory.
class LogAccess {
public:
    using Job = std::function<std::function<void()>(store::LogSource& source)>;
    virtual ~LogAccess() = default;
    virtual void run(QObject* context, Job job, std::function<void(QString)> onError) = 0;
    // Cancels, on the server, what a job of this context is running now, if anything.
    virtual void cancel(QObject* context) = 0;
};

// The console's: jobs run on a database worker, over a LogReader of its connection.
class WorkerLogAccess final : public LogAccess {
public:
    explicit WorkerLogAccess(DatabaseWorker* worker)
        : m_worker(worker)
    {
    }
    void run(QObject* context, Job job, std::function<void(QString)> onError) override;
    void cancel(QObject* context) override;

private:
    DatabaseWorker* m_worker;
};

} // namespace acci::ui

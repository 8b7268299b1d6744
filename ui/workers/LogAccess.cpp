#include "workers/LogAccess.hpp"

#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

void WorkerLogAccess::run(QObject* context, Job job, std::function<void(QString)> onError)
{
    m_worker->run<std::function<void()>>(
        context,
        [job = std::move(job)](pqxx::connection& connection) {
            store::LogReader reader(connection);
            return job(reader);
        },
        [](const std::function<void()>& deliver) { deliver(); }, std::move(onError));
}

void WorkerLogAccess::cancel(QObject* context)
{
    m_worker->cancelRunning(context);
}

} // namespace acci::ui

#include "workers/LogAccess.hpp"

#include <pqxx/nontransaction>

#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

void WorkerLogAccess::run(QObject* context, Job job, std::function<void(QString)> onError)
{
    m_worker->run<std::function<void()>>(
        context,
        [job = std::move(job)](pqxx::connection& connection) {
            // A key read with a LIMIT over a filter the planner thinks rare is costed as a scan
            // of the table, and PostgreSQL then compiles it (JIT): 100-250 ms for a read of a
            // few milliseconds, on every tail read of a filtered log. Nothing here runs long
            // enough to gain from it. (Per job: the worker may have reconnected since.)
            pqxx::nontransaction(connection).exec("SET jit = off");
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

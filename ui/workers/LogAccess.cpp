#include "workers/LogAccess.hpp"

#include <pqxx/nontransaction>

#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

void WorkerLogAccess::run(QObject* context, Job job, std::function<void(QString)> onError)
{
    m_worker->run<std::function<void()>>(
        context,
        [job = std::move(job)](pqxx::connection& connection) {
            // Every ordered read here walks idx_events_log in the log's order and stops early
            // (LIMIT); counts read ranges of pages and sort nothing. With a filter it thinks
            // rare (JSON containment: 0.1 %) the planner may prefer reading the whole table and
            // sorting: 1.6 s instead of 0.1 s for the first rows at 10M. Without sorts, the
            // walk is the only plan left. (Per job: the worker may have reconnected since.)
            pqxx::nontransaction(connection).exec("SET enable_sort = off");
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

#include "acci/monitoring/Overview.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>

#include "acci/store/EventStore.hpp"
#include "acci/store/LogQueries.hpp"
#include "store/RowParsing.hpp"
#include "store/SkipScan.hpp"

namespace acci::monitoring {

using store::detail::parseInt;

namespace {

    // The planner's row estimate for a whole table: reltuples scaled to the table's current
    // size, read from the catalog, never from the table.
    std::int64_t plannedRows(pqxx::transaction_base& tx, const std::string& table)
    {
        const auto plan = nlohmann::json::parse(
            tx.exec1("EXPLAIN (FORMAT JSON) SELECT 1 FROM " + tx.quote_name(table))[0].c_str(), nullptr, false);
        if (plan.is_array() && !plan.empty() && plan[0].contains("Plan"))
            return static_cast<std::int64_t>(plan[0]["Plan"].value("Plan Rows", 0.0));
        return 0;
    }

    // Exact when the table is small (a count that stops after exactUpTo + 1 rows, so that
    // statistics that are wrong cost a bounded read, not a scan), else the estimate.
    CountFigure countOrEstimate(pqxx::transaction_base& tx, const std::string& table, std::int64_t exactUpTo)
    {
        const std::int64_t planned = plannedRows(tx, table);
        if (planned > exactUpTo)
            return { planned, true };
        const auto counted = parseInt<std::int64_t>(tx.exec_params1(
            "SELECT count(*) FROM (SELECT 1 FROM " + tx.quote_name(table) + " LIMIT $1) s", exactUpTo + 1)[0]);
        if (counted <= exactUpTo)
            return { counted, false };
        return { std::max(counted, planned), true };
    }

} // namespace

std::vector<std::string> listEventTypes(pqxx::connection& connection, int limit)
{
    pqxx::nontransaction tx(connection);
    return store::detail::distinctValues(tx, "events", "event_type", limit);
}

StoreOverview storeOverview(pqxx::connection& connection, int latestEvents, std::int64_t exactUpTo)
{
    StoreOverview overview;
    pqxx::nontransaction tx(connection);
    overview.serverNowUs
        = parseInt<std::int64_t>(tx.exec1("SELECT " + store::detail::epochMicros("clock_timestamp()"))[0]);
    overview.events = countOrEstimate(tx, "events", exactUpTo);
    overview.aggregates = countOrEstimate(tx, "aggregates", exactUpTo);
    overview.eventTypes = store::detail::distinctValues(tx, "events", "event_type", 10000);
    // The newest events as the log shows them last: a backward walk of idx_events_log from
    // the readable head, then one read of those rows.
    if (const auto head = store::readableHead(tx); head && latestEvents > 0) {
        const auto keys = store::lastLogKeys(tx, latestEvents, {}, *head);
        if (!keys.empty()) {
            overview.latest = store::readAll(tx, store::justBefore(keys.front()), latestEvents);
            std::reverse(overview.latest.begin(), overview.latest.end());
        }
    }
    return overview;
}

} // namespace acci::monitoring

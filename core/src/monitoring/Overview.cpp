#include "acci/monitoring/Overview.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>

#include "acci/store/EventStore.hpp"
#include "acci/store/LogQueries.hpp"
#include "monitoring/OverviewQueries.hpp"
#include "store/RowParsing.hpp"

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

namespace detail {

    std::vector<std::string> eventTypes(pqxx::transaction_base& tx, int limit)
    {
        std::vector<std::string> types;
        // A skip scan of idx_events_type: one probe per distinct type (DISTINCT would read
        // the whole index).
        for (const auto& row : tx.exec_params(R"SQL(
WITH RECURSIVE t(event_type) AS (
    (SELECT event_type FROM events ORDER BY event_type LIMIT 1)
    UNION ALL
    SELECT (SELECT e.event_type FROM events e WHERE e.event_type > t.event_type ORDER BY e.event_type LIMIT 1)
      FROM t WHERE t.event_type IS NOT NULL)
SELECT event_type FROM t WHERE event_type IS NOT NULL LIMIT $1)SQL",
                 limit))
            types.emplace_back(row[0].c_str());
        return types;
    }

} // namespace detail

std::vector<std::string> listEventTypes(pqxx::connection& connection, int limit)
{
    pqxx::nontransaction tx(connection);
    return detail::eventTypes(tx, limit);
}

StoreOverview storeOverview(pqxx::connection& connection, int latestEvents, std::int64_t exactUpTo)
{
    StoreOverview overview;
    pqxx::nontransaction tx(connection);
    overview.serverNowUs
        = parseInt<std::int64_t>(tx.exec1("SELECT " + store::detail::epochMicros("clock_timestamp()"))[0]);
    overview.events = countOrEstimate(tx, "events", exactUpTo);
    overview.aggregates = countOrEstimate(tx, "aggregates", exactUpTo);
    overview.eventTypes = detail::eventTypes(tx, 10000);
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

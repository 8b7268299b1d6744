#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pqxx/result>
#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"
#include "acci/store/LogQueries.hpp"
#include "store/RowParsing.hpp"

namespace acci::store::detail {

// The SQL of a LogFilter, shared by every reader of the log so the filters cannot drift
// apart. Parameters $first .. $first+8, in the order filterParams gives them. Unset filters
// are NULL parameters; the planner folds "NULL IS NULL" away, so each query is planned for
// the filters actually in use.
inline std::string logFilterSql(int first)
{
    auto p = [first](int offset) { return "$" + std::to_string(first + offset); };
    return " AND (" + p(0) + "::text[] IS NULL OR event_type = ANY(" + p(0) + "::text[]))" + " AND (" + p(1)
        + "::text IS NULL OR aggregate_type = " + p(1) + ")" + " AND (" + p(2) + "::text IS NULL OR aggregate_id = "
        + p(2) + ")" + " AND (" + p(3) + "::text IS NULL OR metadata ->> 'tenant_id' = " + p(3) + ")" + " AND (" + p(4)
        + "::text IS NULL OR metadata ->> 'correlation_id' = " + p(4) + ")" + " AND (" + p(5)
        + "::text IS NULL OR metadata ->> 'user_id' = " + p(5) + ")" + " AND (" + p(6)
        + "::timestamptz IS NULL OR timestamp >= " + p(6) + "::timestamptz)" + " AND (" + p(7)
        + "::timestamptz IS NULL OR timestamp < " + p(7) + "::timestamptz)" + " AND (" + p(8)
        + "::jsonb IS NULL OR data @> " + p(8) + "::jsonb)";
}

// Whether a query for the first rows of a filtered log in log order should walk the log's
// index (see logInOrderSql): the filter narrows the log and no index serves it (tenant, user,
// aggregate type, data containment).
inline bool walkLogForFilter(const LogFilter& filter)
{
    return !filter.empty() && !logFilterIndexed(filter);
}

// "SELECT <select> FROM events WHERE <bound> <filter> ORDER BY <order> LIMIT <limit>".
// For a filter no index serves, the planner chooses between walking idx_events_log until LIMIT
// rows match and reading every matching row then sorting; its share of matches for JSON
// containment is a guess, and at 10M events it took the sort (1.6-3.7 s for first rows the
// walk finds in milliseconds). With `walk`, the rows come from a subquery in log order, which
// OFFSET 0 keeps the planner from merging or pushing the filter into, and which is planned to
// give LIMIT rows: the walk. The outer query has no ORDER BY on purpose: one would make the
// planner plan the subquery for all of its rows (a sort); a subquery scan keeps their order.
// A filter that matches nothing then costs a walk of the whole index (about twice a
// sequential read), cancellable like any read.
inline std::string logInOrderSql(const std::string& select, const std::string& bound, const std::string& filter,
    const std::string& order, const std::string& limit, bool walk)
{
    if (!walk)
        return "SELECT " + select + " FROM events WHERE " + bound + filter + " ORDER BY " + order + " LIMIT " + limit;
    return "SELECT " + select + " FROM (SELECT * FROM events WHERE " + bound + " ORDER BY " + order
        + " OFFSET 0) AS events WHERE true" + filter + " LIMIT " + limit;
}

// readAll's rows before parsing: a reader on one thread can hand them to another to parse.
pqxx::result readAllRows(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter, bool withMetadata);

inline auto filterParams(const LogFilter& filter)
{
    std::optional<std::string> eventTypes;
    if (!filter.eventTypes.empty())
        eventTypes = textArrayLiteral(filter.eventTypes);
    return std::make_tuple(eventTypes, filter.aggregateType, filter.aggregateId, filter.tenantId, filter.correlationId,
        filter.userId, filter.since, filter.until, filter.dataContains);
}

// The same values for a query whose parameters travel as literals (COPY takes none).
inline std::vector<std::optional<std::string>> filterValues(const LogFilter& filter)
{
    return std::apply(
        [](auto&&... values) { return std::vector<std::optional<std::string>> { values... }; }, filterParams(filter));
}

} // namespace acci::store::detail

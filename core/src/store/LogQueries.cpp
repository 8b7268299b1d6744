#include "acci/store/LogQueries.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/result>

#include "store/LogFilterSql.hpp"
#include "store/RowParsing.hpp"

namespace acci::store {

using detail::parseInt;

namespace {

    // $1 $2: the upper bound; $3 .. $11: the filter; then each query's own parameters.
    const std::string boundSql = " AND (tx_id, global_position) <= ($1::xid8, $2)"
                                 " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())";
    const std::string boundAndFilterSql = boundSql + detail::logFilterSql(3);

    template <typename... Extra>
    pqxx::result run(
        pqxx::transaction_base& tx, const std::string& sql, const LogFilter& filter, LogPosition upTo, Extra&&... extra)
    {
        return std::apply(
            [&](auto&&... filters) {
                return tx.exec_params(
                    sql, std::to_string(upTo.txId), upTo.globalPosition, filters..., std::forward<Extra>(extra)...);
            },
            detail::filterParams(filter));
    }

    std::vector<LogPosition> keys(const pqxx::result& rows)
    {
        std::vector<LogPosition> result;
        result.reserve(rows.size());
        for (const auto& row : rows)
            result.push_back({ parseInt<std::uint64_t>(row[0]), parseInt<std::int64_t>(row[1]) });
        return result;
    }

} // namespace

std::int64_t countLog(pqxx::transaction_base& tx, const LogFilter& filter, LogPosition upTo)
{
    static const std::string sql = "SELECT count(*) FROM events WHERE true" + boundAndFilterSql;
    return parseInt<std::int64_t>(run(tx, sql, filter, upTo)[0][0]);
}

std::int64_t countLogAfter(pqxx::transaction_base& tx, LogPosition after, const LogFilter& filter, LogPosition upTo)
{
    static const std::string sql
        = "SELECT count(*) FROM events WHERE (tx_id, global_position) > ($12::xid8, $13)" + boundAndFilterSql;
    return parseInt<std::int64_t>(run(tx, sql, filter, upTo, std::to_string(after.txId), after.globalPosition)[0][0]);
}

std::vector<LogPosition> logKeysAfter(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter, LogPosition upTo)
{
    auto sql = [](bool walk) {
        return detail::logInOrderSql("tx_id::text AS tx_text, global_position",
            "(tx_id, global_position) > ($12::xid8, $13)" + boundSql, detail::logFilterSql(3), "tx_id, global_position",
            "$14", walk);
    };
    static const std::string sqls[] = { sql(false), sql(true) };
    return keys(run(tx, sqls[detail::walkLogForFilter(filter) ? 1 : 0], filter, upTo, std::to_string(after.txId),
        after.globalPosition, limit));
}

std::vector<LogPosition> lastLogKeys(pqxx::transaction_base& tx, int limit, const LogFilter& filter, LogPosition upTo)
{
    auto sql = [](bool walk) {
        return detail::logInOrderSql("tx_id::text AS tx_text, global_position", "true" + boundSql,
            detail::logFilterSql(3), "tx_id DESC, global_position DESC", "$12", walk);
    };
    static const std::string sqls[] = { sql(false), sql(true) };
    auto result = keys(run(tx, sqls[detail::walkLogForFilter(filter) ? 1 : 0], filter, upTo, limit));
    std::reverse(result.begin(), result.end());
    return result;
}

std::int64_t estimateLog(pqxx::transaction_base& tx, const LogFilter& filter)
{
    // The filter's parameters are bound, so the plan (and its estimate) is made for the values
    // in use: "NULL IS NULL" folds away, a type's frequency comes from the statistics.
    static const std::string sql = "EXPLAIN (FORMAT JSON) SELECT 1 FROM events WHERE true" + detail::logFilterSql(1);
    const auto plan
        = std::apply([&](auto&&... filters) { return tx.exec_params1(sql, filters...); }, detail::filterParams(filter));
    const auto parsed = nlohmann::json::parse(plan[0].c_str(), nullptr, false);
    if (!parsed.is_array() || parsed.empty() || !parsed[0].contains("Plan"))
        return 0;
    const auto rows = parsed[0]["Plan"].value("Plan Rows", 0.0);
    return rows > 1 ? static_cast<std::int64_t>(rows) : 0;
}

bool logFilterIndexed(const LogFilter& filter)
{
    return !filter.eventTypes.empty() || filter.aggregateId || filter.correlationId || filter.since || filter.until;
}

std::vector<std::int64_t> logCountCuts(pqxx::transaction_base& tx, const LogFilter& filter, int parts)
{
    // Below this many pages (about 60k events) one count takes a moment: parts would only add
    // round trips. An index that finds fewer than IndexedOneGo events counts them faster than
    // a read of every page.
    constexpr std::int64_t OneGo = 2000;
    constexpr std::int64_t IndexedOneGo = 200000;
    const auto pages = parseInt<std::int64_t>(
        tx.exec1("SELECT pg_relation_size('events') / current_setting('block_size')::int8")[0]);
    std::vector<std::int64_t> cuts;
    if (parts < 2 || pages < OneGo || (logFilterIndexed(filter) && estimateLog(tx, filter) < IndexedOneGo))
        return cuts;
    for (int part = 1; part < parts; ++part)
        cuts.push_back(pages * part / parts);
    return cuts;
}

std::int64_t countLogPages(pqxx::transaction_base& tx, const LogFilter& filter, std::int64_t fromPage,
    std::optional<std::int64_t> toPage, LogPosition upTo)
{
    if (fromPage == 0 && !toPage)
        return countLog(tx, filter, upTo);
    // The bounds are constants when planned, so the planner reads only those pages.
    static const std::string sql = "SELECT count(*) FROM events WHERE ctid >= $12::tid"
                                   " AND ($13::tid IS NULL OR ctid < $13::tid)"
        + boundAndFilterSql;
    const auto tid = [](std::int64_t page) { return "(" + std::to_string(page) + ",0)"; };
    std::optional<std::string> to;
    if (toPage)
        to = tid(*toPage);
    return parseInt<std::int64_t>(run(tx, sql, filter, upTo, tid(fromPage), to)[0][0]);
}

} // namespace acci::store

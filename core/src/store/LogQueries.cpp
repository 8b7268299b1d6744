#include "acci/store/LogQueries.hpp"

#include <algorithm>

#include <pqxx/result>

#include "store/LogFilterSql.hpp"
#include "store/RowParsing.hpp"

namespace acci::store {

using detail::parseInt;

namespace {

    // $1 $2: the upper bound; $3 .. $11: the filter; then each query's own parameters.
    const std::string boundAndFilterSql = " AND (tx_id, global_position) <= ($1::xid8, $2)"
                                          " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
        + detail::logFilterSql(3);

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
    static const std::string sql = "SELECT tx_id::text AS tx_text, global_position FROM events"
                                   " WHERE (tx_id, global_position) > ($12::xid8, $13)"
        + boundAndFilterSql + " ORDER BY tx_id, global_position LIMIT $14";
    return keys(run(tx, sql, filter, upTo, std::to_string(after.txId), after.globalPosition, limit));
}

std::vector<LogPosition> lastLogKeys(pqxx::transaction_base& tx, int limit, const LogFilter& filter, LogPosition upTo)
{
    static const std::string sql = "SELECT tx_id::text AS tx_text, global_position FROM events WHERE true"
        + boundAndFilterSql + " ORDER BY tx_id DESC, global_position DESC LIMIT $12";
    auto result = keys(run(tx, sql, filter, upTo, limit));
    std::reverse(result.begin(), result.end());
    return result;
}

} // namespace acci::store

#include "acci/store/LogQueries.hpp"

#include <algorithm>

#include <pqxx/result>

#include "store/RowParsing.hpp"

namespace acci::store {

using detail::parseInt;

namespace {

    // The filters as in readAll: $3.. are the filter values, $1 $2 the upper bound.
    const std::string filterSql = R"SQL(
   AND (tx_id, global_position) <= ($1::xid8, $2)
   AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
   AND ($3::text[] IS NULL OR event_type = ANY($3::text[]))
   AND ($4::text IS NULL OR aggregate_type = $4)
   AND ($5::text IS NULL OR aggregate_id = $5)
   AND ($6::text IS NULL OR metadata ->> 'tenant_id' = $6)
   AND ($7::text IS NULL OR metadata ->> 'correlation_id' = $7)
   AND ($8::text IS NULL OR metadata ->> 'user_id' = $8)
   AND ($9::timestamptz IS NULL OR timestamp >= $9::timestamptz)
   AND ($10::timestamptz IS NULL OR timestamp < $10::timestamptz)
   AND ($11::jsonb IS NULL OR data @> $11::jsonb))SQL";

    template<typename... Extra>
    pqxx::result run(pqxx::transaction_base& tx, const std::string& sql, const LogFilter& filter, LogPosition upTo,
                     Extra&&... extra)
    {
        std::optional<std::string> eventTypes;
        if (!filter.eventTypes.empty())
            eventTypes = detail::textArrayLiteral(filter.eventTypes);
        return tx.exec_params(sql, std::to_string(upTo.txId), upTo.globalPosition, eventTypes, filter.aggregateType,
                              filter.aggregateId, filter.tenantId, filter.correlationId, filter.userId, filter.since,
                              filter.until, filter.dataContains, std::forward<Extra>(extra)...);
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
    static const std::string sql = "SELECT count(*) FROM events WHERE true" + filterSql;
    return parseInt<std::int64_t>(run(tx, sql, filter, upTo)[0][0]);
}

std::vector<LogPosition> logKeysAfter(pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter,
                                      LogPosition upTo)
{
    static const std::string sql = "SELECT tx_id::text AS tx_text, global_position FROM events"
                                   " WHERE (tx_id, global_position) > ($12::xid8, $13)"
        + filterSql + " ORDER BY tx_id, global_position LIMIT $14";
    return keys(run(tx, sql, filter, upTo, std::to_string(after.txId), after.globalPosition, limit));
}

std::vector<LogPosition> lastLogKeys(pqxx::transaction_base& tx, int limit, const LogFilter& filter, LogPosition upTo)
{
    static const std::string sql = "SELECT tx_id::text AS tx_text, global_position FROM events WHERE true" + filterSql
        + " ORDER BY tx_id DESC, global_position DESC LIMIT $12";
    auto result = keys(run(tx, sql, filter, upTo, limit));
    std::reverse(result.begin(), result.end());
    return result;
}

} // namespace acci::store

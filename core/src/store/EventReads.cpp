// The event store's reads: the global log and one aggregate's stream. Each query has one SQL
// text; the rows come either as a plain result (readAllRows, for callers that hand the rows
// to another thread) or, faster, streamed through a binary COPY with the parameters bound
// as literals, so both ways read exactly the same rows.
#include "store/EventReads.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include <pqxx/nontransaction>

#include "acci/store/EventStore.hpp"
#include "store/BinaryCopy.hpp"
#include "store/LogFilterSql.hpp"
#include "store/RowParsing.hpp"

namespace acci::store {

namespace {

    // $1 $2: the position read after; $3: the limit; $4 .. $12: the filter. `copied`: with the
    // columns of a binary COPY (copyEventColumns), else those of a plain query.
    const std::string& logPageSql(bool withMetadata, bool walk, bool copied = false)
    {
        auto sql = [](bool metadata, bool walkIndex, bool binary) {
            return detail::logInOrderSql(binary ? detail::copyEventColumns(metadata) : recordedEventColumns(metadata),
                "(tx_id, global_position) > ($1::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())",
                detail::logFilterSql(4), "tx_id, global_position", "$3", walkIndex);
        };
        // Without metadata the rows are a third smaller: a rebuild that does not need it reads faster.
        static const std::string plain[2][2] = { { sql(false, false, false), sql(false, true, false) },
            { sql(true, false, false), sql(true, true, false) } };
        static const std::string binary[2][2] = { { sql(false, false, true), sql(false, true, true) },
            { sql(true, false, true), sql(true, true, true) } };
        return (copied ? binary : plain)[withMetadata ? 1 : 0][walk ? 1 : 0];
    }

    // Versions are dense, so a page is first asked as a bounded range: with an open
    // "version >= N" PostgreSQL misjudges how many rows one aggregate has past N and picks
    // a bitmap scan plus sort, four times slower on a 100k-event stream. Only a short page
    // (the end of the stream, or a gap left by some other writer) needs the open query.
    // $1: the aggregate, $2: the first version, $3: how many.
    const std::string& boundedStreamSql()
    {
        static const std::string sql = "SELECT " + detail::copyEventColumns()
            + " FROM events WHERE aggregate_id = $1 AND version >= $2 AND version < $2::bigint + $3 ORDER BY version";
        return sql;
    }

    const std::string& openStreamSql()
    {
        static const std::string sql = "SELECT " + detail::copyEventColumns()
            + " FROM events WHERE aggregate_id = $1 AND version >= $2 ORDER BY version LIMIT $3";
        return sql;
    }

    long long copyEvents(pqxx::transaction_base& tx, const std::string& sql,
        const std::vector<std::optional<std::string>>& values, const detail::EventSink& sink)
    {
        RecordedEvent event;
        return detail::copyRows(tx, detail::withLiterals(tx, sql, values), [&](const detail::CopyRow& row) {
            detail::parseRecordedEvent(row, event);
            sink(event);
            return true;
        }).rows;
    }

    // Room for the rows a read may return, without asking the allocator for a page-sized block
    // for a read that returns a handful.
    std::size_t initialCapacity(long long limit)
    {
        return static_cast<std::size_t>(std::clamp<long long>(limit, 0, 256));
    }

} // namespace

long long detail::copyLog(pqxx::transaction_base& tx, LogPosition after, long long limit, const LogFilter& filter,
    bool withMetadata, const EventSink& sink)
{
    // No shortcut for limit <= 0: the server answers as it always did (no rows, or an error).
    std::vector<std::optional<std::string>> values { std::to_string(after.txId), std::to_string(after.globalPosition),
        std::to_string(limit) };
    for (auto& value : filterValues(filter))
        values.push_back(std::move(value));
    return copyEvents(tx, logPageSql(withMetadata, detail::walkLogForFilter(filter), true), values, sink);
}

long long detail::copyStream(
    pqxx::transaction_base& tx, const std::string& aggregateId, int fromVersion, int limit, const EventSink& sink)
{
    if (limit <= 0)
        return 0;
    long long read
        = copyEvents(tx, boundedStreamSql(), { aggregateId, std::to_string(fromVersion), std::to_string(limit) }, sink);
    // In 64 bits: a version near the top of int (2^31 - 1) plus a page would overflow.
    const long long rangeEnd = static_cast<long long>(fromVersion) + limit;
    if (read < limit && rangeEnd <= std::numeric_limits<int>::max())
        read += copyEvents(
            tx, openStreamSql(), { aggregateId, std::to_string(rangeEnd), std::to_string(limit - read) }, sink);
    return read;
}

std::vector<RecordedEvent> EventStore::readStream(const std::string& aggregateId, int fromVersion, int limit)
{
    std::vector<RecordedEvent> events;
    events.reserve(initialCapacity(limit));
    pqxx::nontransaction query(m_connection);
    detail::copyStream(
        query, aggregateId, fromVersion, limit, [&](RecordedEvent& event) { events.push_back(std::move(event)); });
    return events;
}

std::vector<RecordedEvent> EventStore::readAll(LogPosition after, int limit, const LogFilter& filter)
{
    pqxx::nontransaction query(m_connection);
    return store::readAll(query, after, limit, filter);
}

std::vector<RecordedEvent> readAll(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter, bool withMetadata)
{
    std::vector<RecordedEvent> events;
    events.reserve(initialCapacity(limit));
    detail::copyLog(
        tx, after, limit, filter, withMetadata, [&](RecordedEvent& event) { events.push_back(std::move(event)); });
    return events;
}

pqxx::result detail::readAllRows(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter, bool withMetadata)
{
    return std::apply(
        [&](auto&&... filters) {
            return tx.exec_params(logPageSql(withMetadata, detail::walkLogForFilter(filter)),
                std::to_string(after.txId), after.globalPosition, limit, filters...);
        },
        detail::filterParams(filter));
}

} // namespace acci::store

#include "acci/store/EventStore.hpp"

#include <cctype>
#include <unordered_set>

#include <algorithm>
#include <limits>
#include <string_view>

#include <nlohmann/json.hpp>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "NulEscape.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/util/Uuid.hpp"
#include "store/LogFilterSql.hpp"
#include "store/RowParsing.hpp"
#include "store/SkipScan.hpp"

namespace acci::store {

using detail::epochMicros;
using detail::parseInt;
using detail::parseRecordedEvent;
using detail::timestampFromMicros;

std::string recordedEventColumns(bool withMetadata)
{
    // Text casts get their own names: an output column called tx_id would make
    // "ORDER BY tx_id" sort text instead of xid8 (ORDER BY prefers output names).
    return "tx_id::text AS tx_text, global_position, id::text AS id_text, aggregate_id, aggregate_type, event_type, "
           "version, data::text AS data_text, "
        + std::string(withMetadata ? "metadata::text" : "'{}'::text") + " AS metadata_text, " + epochMicros("timestamp")
        + " AS timestamp_us";
}

EventStore::EventStore(pqxx::connection& connection, AppendLimits limits)
    : m_connection(connection)
    , m_limits(limits)
{
}

namespace {

    std::string eventName(std::size_t index)
    {
        return "Event " + std::to_string(index + 1) + " of the batch";
    }

    // The checks an event passes before any of it is written; gives it an id if it has none.
    void checkEvent(NewEvent& event, std::size_t index, std::vector<std::string>& freshIds, std::size_t maxNameBytes)
    {
        if (event.id.empty()) {
            event.id = std::move(freshIds.back());
            freshIds.pop_back();
        } else if (!util::isUuid(event.id)) {
            throw InvalidInputError(
                eventName(index) + " has id '" + event.id + "', which is not a UUID; give a UUID or no id.");
        } else {
            // The server gives ids back in lower case: a retry of an id given in capitals must
            // find it stored (idempotence compares the ids as text).
            std::transform(event.id.begin(), event.id.end(), event.id.begin(),
                [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        }
        if (event.eventType.empty())
            throw InvalidInputError(eventName(index) + " has no event_type; every event needs one.");
        if (event.eventType.find('\0') != std::string::npos)
            throw InvalidInputError(eventName(index) + " has an event_type with a NUL character; remove it.");
        if (event.eventType.size() > maxNameBytes)
            throw InvalidInputError(eventName(index) + " has an event_type of " + std::to_string(event.eventType.size())
                + " bytes, over the limit of " + std::to_string(maxNameBytes) + "; event types are short names.");
        if (!event.data.is_object())
            throw InvalidInputError(eventName(index) + " ('" + event.eventType
                + "') has data that is not a JSON object; wrap the value in an object.");
        if (!event.metadata.is_object())
            throw InvalidInputError(eventName(index) + " ('" + event.eventType
                + "') has metadata that is not a JSON object; wrap the value in an object.");
        // Indexed as names are (idx_events_correlation): refused with its size, not by the index.
        for (const char* key : { "correlation_id", "causation_id" })
            if (const auto found = event.metadata.find(key); found != event.metadata.end() && found->is_string()
                && found->get_ref<const std::string&>().size() > maxNameBytes)
                throw InvalidInputError(eventName(index) + " has a " + key + " of "
                    + std::to_string(found->get_ref<const std::string&>().size()) + " bytes, over the limit of "
                    + std::to_string(maxNameBytes) + "; ids are short.");
    }

    // The checks on an event's payloads as the batch carries them (data and metadata, dumped).
    void checkPayloads(const NewEvent& event, std::size_t index, std::string_view data, std::string_view metadata,
        const AppendLimits& limits)
    {
        if (data.size() + metadata.size() > limits.maxEventBytes)
            throw InvalidInputError(eventName(index) + " ('" + event.eventType + "') is "
                + std::to_string((data.size() + metadata.size()) / 1024) + " KiB, over the limit of "
                + std::to_string(limits.maxEventBytes / 1024)
                + " KiB; store large content elsewhere and reference it.");
        if (detail::dumpedJsonHasNul(data) || detail::dumpedJsonHasNul(metadata))
            throw InvalidInputError(eventName(index) + " ('" + event.eventType
                + "') contains a NUL character, which PostgreSQL cannot store in JSON; "
                  "remove it.");
    }

    // The batch travels as one JSON array that the server unpacks with jsonb_to_recordset.
    // It is written in place by one serializer, so each payload is serialized exactly once and
    // nothing is built per event only to be copied (dump() makes a string and an output
    // adapter per value: that was a third of an append's client time).
    std::string encodeBatch(std::vector<NewEvent>& events, const AppendLimits& limits)
    {
        std::vector<std::string> freshIds = util::newUuids(static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [](const NewEvent& event) { return event.id.empty(); })));
        std::string batch;
        batch.reserve(events.size() * 256);
        nlohmann::detail::serializer<nlohmann::json> json(nlohmann::detail::output_adapter<char>(batch), ' ');
        const auto dump = [&](const nlohmann::json& value) {
            const std::size_t at = batch.size();
            json.dump(value, false, false, 0);
            return at;
        };
        batch += '[';
        std::unordered_set<std::string_view> ids; // one id twice would fail as a conflict on the server
        for (std::size_t i = 0; i < events.size(); ++i) {
            NewEvent& event = events[i];
            checkEvent(event, i, freshIds, limits.maxNameBytes);
            if (!ids.insert(event.id).second)
                throw InvalidInputError(eventName(i) + " has id " + event.id
                    + ", as an earlier event of the batch has; give each event its own id.");
            batch += i ? ",{\"n\":" : "{\"n\":";
            batch += std::to_string(i + 1);
            batch += ",\"id\":\"";
            batch += event.id;
            batch += "\",\"data\":";
            const std::size_t data = dump(event.data);
            const std::size_t dataEnd = batch.size();
            batch += ",\"metadata\":";
            const std::size_t metadata = dump(event.metadata);
            const std::string_view text(batch);
            checkPayloads(event, i, text.substr(data, dataEnd - data), text.substr(metadata), limits);
            // After the payloads' checks, as before: an event type that is not UTF-8 throws here.
            batch += ",\"event_type\":";
            dump(nlohmann::json(event.eventType));
            batch += ",\"ts\":";
            batch += event.timestampUs ? std::to_string(*event.timestampUs) : std::string("null");
            batch += '}';
        }
        batch += ']';
        return batch;
    }

    // Whether text is valid UTF-8: the serializer checks it as it escapes. The server would
    // refuse the whole statement with its "invalid byte sequence" instead.
    bool isUtf8(const std::string& text)
    {
        try {
            std::string ignored;
            nlohmann::detail::serializer<nlohmann::json>(nlohmann::detail::output_adapter<char>(ignored), ' ')
                .dump(nlohmann::json(text), false, false, 0);
            return true;
        } catch (const nlohmann::json::type_error&) {
            return false;
        }
    }

    bool sameContent(const RecordedEvent& stored, const NewEvent& event, const std::string& aggregateId)
    {
        return stored.aggregateId == aggregateId && stored.eventType == event.eventType
            && decodeStoredJson(stored.dataJson).value == event.data
            && decodeStoredJson(stored.metadataJson).value == event.metadata;
    }

    const std::string appendStatement = "acci_append";
    const std::string appendSql = R"SQL(
WITH cur AS (
    SELECT coalesce((SELECT max(version) FROM events WHERE aggregate_id = $1), 0) AS v,
           (SELECT aggregate_type FROM aggregates WHERE aggregate_id = $1) AS t
),
inserted AS (
    INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp)
    SELECT e.id, $1::text, $2::text, e.event_type, cur.v + e.n, e.data, e.metadata,
           coalesce()SQL"
        + timestampFromMicros("e.ts") + R"SQL(, now())
      FROM cur, jsonb_to_recordset($4::jsonb) AS e(n int, id uuid, event_type text, data jsonb, metadata jsonb, ts bigint)
     WHERE ($3 = -1 OR cur.v = $3) AND (cur.t IS NULL OR cur.t = $2)
     ORDER BY e.n
    RETURNING tx_id, global_position, version
)
SELECT i.tx, i.positions, i.first_version, i.last_version, cur.v, cur.t
  FROM cur, (SELECT max(tx_id::text) AS tx, string_agg(global_position::text, ',' ORDER BY global_position) AS positions,
                    min(version) AS first_version, max(version) AS last_version
               FROM inserted) i
)SQL";

} // namespace

AppendResult EventStore::append(
    const std::string& aggregateId, const std::string& aggregateType, int expectedVersion, std::vector<NewEvent> events)
{
    if (aggregateId.empty())
        throw InvalidInputError("The aggregate id is empty; give the id of the aggregate to append to.");
    if (aggregateType.empty())
        throw InvalidInputError("The aggregate type is empty; give the type of aggregate '" + aggregateId + "'.");
    for (const auto& [what, name] :
        { std::pair { "aggregate id", &aggregateId }, { "aggregate type", &aggregateType } }) {
        if (name->size() > m_limits.maxNameBytes)
            throw InvalidInputError(std::string("The ") + what + " is " + std::to_string(name->size())
                + " bytes, over the limit of " + std::to_string(m_limits.maxNameBytes) + "; ids and types are names.");
        // libpq sends text parameters up to their first NUL: "a\0b" would append to "a".
        if (name->find('\0') != std::string::npos)
            throw InvalidInputError(std::string("The ") + what + " contains a NUL character; remove it.");
        if (!isUtf8(*name))
            throw InvalidInputError(std::string("The ") + what + " is not UTF-8 text; give it in UTF-8.");
    }
    if (expectedVersion < ExpectedVersion::Any)
        throw InvalidInputError(
            "The expected version " + std::to_string(expectedVersion) + " is negative; use 0 for a new aggregate.");
    if (events.empty())
        throw InvalidInputError("There are no events to append to '" + aggregateId + "'.");
    if (events.size() > m_limits.maxBatchEvents)
        throw InvalidInputError("A batch of " + std::to_string(events.size()) + " events is over the limit of "
            + std::to_string(m_limits.maxBatchEvents) + "; split it into several appends.");
    const std::string batch = encodeBatch(events, m_limits);

    // An "any version" append can lose a race on the next version number; it simply retries.
    std::optional<int> versionAtLastConflict;
    for (int attempt = 0;; ++attempt) {
        pqxx::result rows;
        try {
            // Prepared once per connection (the same text again is a no-op): planning this
            // statement costs about as much as its trigger, on every append.
            m_connection.prepare(appendStatement, appendSql);
            pqxx::nontransaction statement(m_connection);
            rows = statement.exec_prepared(appendStatement, aggregateId, aggregateType, expectedVersion, batch);
        } catch (const pqxx::unique_violation& violation) {
            const bool versionTaken
                = std::string(violation.what()).find("events_aggregate_version_key") != std::string::npos;
            // A writer that lost a race sees the winner's version now. One that still sees the
            // version it expected, or under "any" the version of its last conflict, ran into rows
            // it may not read (row-level security): no retry or reload gets past those.
            const int actualVersion = currentVersion(aggregateId);
            const bool versionHidden = actualVersion == expectedVersion || actualVersion == versionAtLastConflict;
            if (versionTaken && expectedVersion == ExpectedVersion::Any && attempt < 20 && !versionHidden) {
                versionAtLastConflict = actualVersion;
                continue;
            }
            std::string hidden;
            if (versionHidden)
                hidden = "Nothing was appended to '" + aggregateId + "': this role sees it at version "
                    + std::to_string(actualVersion)
                    + ", but events it cannot see hold the next version or the batch's ids"
                      " (row-level security on events); ask the store's DBA.";
            return resolveFailedAppend(aggregateId, expectedVersion, events, actualVersion, hidden);
        }

        // One row: the transaction, positions and versions written (NULL when nothing was), and
        // the version and type the aggregate had. One row, not one per event: the server's
        // output and the client's parsing of 100 rows cost more than one list.
        const pqxx::row row = rows.at(0);
        if (!row[0].is_null()) {
            AppendResult result;
            const std::uint64_t txId = parseInt<std::uint64_t>(row[0]);
            const std::string_view list(row[1].c_str(), row[1].size());
            result.positions.reserve(events.size());
            for (std::size_t from = 0; from <= list.size();) {
                const std::size_t comma = std::min(list.find(',', from), list.size());
                result.positions.push_back({ txId, parseInt<std::int64_t>(list.substr(from, comma - from)) });
                from = comma + 1;
            }
            result.firstVersion = parseInt<int>(row[2]);
            result.lastVersion = parseInt<int>(row[3]);
            return result;
        }
        const int actualVersion = parseInt<int>(row[4]);
        const std::string actualType = row[5].is_null() ? std::string() : row[5].c_str();
        if (!actualType.empty() && actualType != aggregateType)
            throw InvalidInputError("Aggregate '" + aggregateId + "' is of type '" + actualType + "', not '"
                + aggregateType + "'; append with its own type.");
        // The statement inserted whenever the version was the expected one: if it still wrote
        // nothing, something on the server dropped the rows.
        std::string dropped;
        if (expectedVersion == ExpectedVersion::Any || actualVersion == expectedVersion)
            dropped = "Nothing was appended to '" + aggregateId + "' at version " + std::to_string(actualVersion)
                + ": the events table took none of the batch's " + std::to_string(events.size())
                + " events, so a trigger or rule on events drops them; ask the store's DBA.";
        return resolveFailedAppend(aggregateId, expectedVersion, events, actualVersion, dropped);
    }
}

// Nothing was written: either this is a retry of events already stored (idempotent), an id
// clash, or a genuine concurrency conflict.
AppendResult EventStore::resolveFailedAppend(const std::string& aggregateId, int expectedVersion,
    const std::vector<NewEvent>& events, int actualVersion, const std::string& notAConflict)
{
    std::vector<std::string> ids;
    ids.reserve(events.size());
    for (const auto& event : events)
        ids.push_back(event.id);
    const auto stored = readByIds(ids);
    if (stored.empty() && !notAConflict.empty())
        throw StoreError(notAConflict);
    if (stored.empty())
        throw ConcurrencyError(aggregateId, expectedVersion, actualVersion);

    AppendResult result;
    result.alreadyStored = true;
    for (const auto& event : events) {
        const auto match = std::find_if(
            stored.begin(), stored.end(), [&](const RecordedEvent& candidate) { return candidate.id == event.id; });
        if (match == stored.end())
            throw DuplicateEventIdError("Part of this batch is already stored and part is not (event " + event.id
                + " is new): a retry must resend exactly the events stored before, and if it did, a trigger or"
                  " rule on events dropped some of them; ask the store's DBA.");
        if (!sameContent(*match, event, aggregateId))
            throw DuplicateEventIdError("Event id " + event.id + " is already stored with other content (in '"
                + match->aggregateId + "' version " + std::to_string(match->version)
                + "); give the new event its own id.");
        result.positions.push_back(match->position);
        result.firstVersion = result.firstVersion ? std::min(result.firstVersion, match->version) : match->version;
        result.lastVersion = std::max(result.lastVersion, match->version);
    }
    std::sort(result.positions.begin(), result.positions.end());
    return result;
}

std::optional<LogPosition> readableHead(pqxx::transaction_base& tx)
{
    // The alias matters: an output column named tx_id would make ORDER BY sort text.
    const auto rows = tx.exec("SELECT tx_id::text AS tx_text, global_position FROM events"
                              " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                              " ORDER BY tx_id DESC, global_position DESC LIMIT 1");
    if (rows.empty())
        return std::nullopt;
    return LogPosition { parseInt<std::uint64_t>(rows[0][0]), parseInt<std::int64_t>(rows[0][1]) };
}

std::vector<RecordedEvent> EventStore::readByIds(const std::vector<std::string>& ids)
{
    pqxx::nontransaction query(m_connection);
    const auto rows = query.exec_params(
        "SELECT " + recordedEventColumns() + " FROM events WHERE id = ANY($1::uuid[]) ORDER BY tx_id, global_position",
        detail::textArrayLiteral(ids));
    std::vector<RecordedEvent> events;
    for (const auto& row : rows)
        events.push_back(parseRecordedEvent(row));
    return events;
}

int EventStore::currentVersion(const std::string& aggregateId)
{
    pqxx::nontransaction query(m_connection);
    const auto row
        = query.exec_params1("SELECT coalesce(max(version), 0) FROM events WHERE aggregate_id = $1", aggregateId);
    return parseInt<int>(row[0]);
}

namespace {
    const std::string aggregateColumns
        = "aggregate_id, aggregate_type, version, " + epochMicros("created_at") + ", " + epochMicros("updated_at");

    AggregateInfo parseAggregate(const pqxx::row& row)
    {
        return { row[0].c_str(), row[1].c_str(), parseInt<int>(row[2]), parseInt<std::int64_t>(row[3]),
            parseInt<std::int64_t>(row[4]) };
    }
} // namespace

std::optional<AggregateInfo> EventStore::aggregate(const std::string& aggregateId)
{
    pqxx::nontransaction query(m_connection);
    const auto rows
        = query.exec_params("SELECT " + aggregateColumns + " FROM aggregates WHERE aggregate_id = $1", aggregateId);
    if (rows.empty())
        return std::nullopt;
    return parseAggregate(rows[0]);
}

std::vector<AggregateInfo> EventStore::listAggregates(const AggregateQuery& request)
{
    pqxx::nontransaction query(m_connection);
    const std::string pattern = request.search.empty() ? std::string() : "%" + query.esc_like(request.search) + "%";
    std::optional<std::string> afterId;
    std::optional<std::int64_t> afterUpdated;
    if (request.after) {
        afterId = request.after->aggregateId;
        afterUpdated = request.after->updatedAtUs;
    }
    // The tenant's parameter number differs between the two orders.
    const auto common = [](const std::string& tenantParameter) {
        return "SELECT " + aggregateColumns
            + " FROM aggregates WHERE ($1::text IS NULL OR aggregate_type = $1)"
              " AND ($2 = '' OR aggregate_id ILIKE $2) AND ("
            + tenantParameter + "::text IS NULL OR tenant_id = " + tenantParameter + ")";
    };
    const auto rows = request.sort == AggregateSort::ById
        ? query.exec_params(
            common("$5") + " AND ($3::text IS NULL OR aggregate_id > $3) ORDER BY aggregate_id LIMIT $4",
            request.aggregateType, pattern, afterId, request.limit, request.tenantId)
        : query.exec_params(common("$6") + " AND ($3::text IS NULL OR (updated_at, aggregate_id) < ("
                + timestampFromMicros("$4::int8")
                + ", $3))"
                  " ORDER BY updated_at DESC, aggregate_id DESC LIMIT $5",
            request.aggregateType, pattern, afterId, afterUpdated, request.limit, request.tenantId);
    std::vector<AggregateInfo> aggregates;
    aggregates.reserve(rows.size());
    for (const auto& row : rows)
        aggregates.push_back(parseAggregate(row));
    return aggregates;
}

std::vector<AggregateTypeCount> EventStore::aggregateTypes(const std::optional<std::string>& tenantId)
{
    pqxx::nontransaction query(m_connection);
    const auto rows = query.exec_params("SELECT aggregate_type, count(*) FROM aggregates"
                                        " WHERE ($1::text IS NULL OR tenant_id = $1) GROUP BY 1 ORDER BY 1",
        tenantId);
    std::vector<AggregateTypeCount> types;
    for (const auto& row : rows)
        types.push_back({ row[0].c_str(), parseInt<std::int64_t>(row[1]) });
    return types;
}

std::vector<AggregateTypeCount> EventStore::estimateAggregateTypes(const std::optional<std::string>& tenantId)
{
    pqxx::nontransaction query(m_connection);
    // A skip scan: idx_aggregates_type_id, or idx_aggregates_tenant within a tenant.
    const auto names = query.exec_params(R"SQL(
WITH RECURSIVE t(aggregate_type) AS (
    (SELECT aggregate_type FROM aggregates WHERE ($1::text IS NULL OR tenant_id = $1)
      ORDER BY aggregate_type LIMIT 1)
    UNION ALL
    SELECT (SELECT a.aggregate_type FROM aggregates a
             WHERE a.aggregate_type > t.aggregate_type AND ($1::text IS NULL OR a.tenant_id = $1)
             ORDER BY a.aggregate_type LIMIT 1)
      FROM t WHERE t.aggregate_type IS NOT NULL)
SELECT aggregate_type FROM t WHERE aggregate_type IS NOT NULL)SQL",
        tenantId);
    std::vector<AggregateTypeCount> types;
    for (const auto& row : names) {
        AggregateTypeCount type { row[0].c_str(), 0, true };
        const auto plan = nlohmann::json::parse(
            query
                .exec_params1("EXPLAIN (FORMAT JSON) SELECT 1 FROM aggregates WHERE aggregate_type = $1"
                              " AND ($2::text IS NULL OR tenant_id = $2)",
                    type.aggregateType, tenantId)[0]
                .c_str(),
            nullptr, false);
        if (plan.is_array() && !plan.empty() && plan[0].contains("Plan"))
            type.count = static_cast<std::int64_t>(plan[0]["Plan"].value("Plan Rows", 0.0));
        types.push_back(std::move(type));
    }
    return types;
}

StoreStatistics EventStore::statistics()
{
    pqxx::nontransaction query(m_connection);
    const auto row = query.exec1("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM aggregates), "
                                 "(SELECT "
        + epochMicros("max(timestamp)")
        + " FROM events), "
          "h.tx_id::text, h.global_position "
          "FROM (SELECT 1) one LEFT JOIN LATERAL ("
          "  SELECT tx_id, global_position FROM events"
          "   WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())"
          "   ORDER BY tx_id DESC, global_position DESC LIMIT 1) h ON true");
    StoreStatistics statistics;
    statistics.eventCount = parseInt<std::int64_t>(row[0]);
    statistics.aggregateCount = parseInt<std::int64_t>(row[1]);
    if (!row[2].is_null())
        statistics.newestEventUs = parseInt<std::int64_t>(row[2]);
    if (!row[3].is_null())
        statistics.head = LogPosition { parseInt<std::uint64_t>(row[3]), parseInt<std::int64_t>(row[4]) };
    return statistics;
}

void EventStore::saveSnapshot(const Snapshot& snapshot)
{
    pqxx::nontransaction statement(m_connection);
    statement.exec_params(R"SQL(
INSERT INTO snapshots (aggregate_id, aggregate_type, version, state, timestamp)
VALUES ($1, $2, $3, $4::jsonb, now())
ON CONFLICT (aggregate_id) DO UPDATE
   SET aggregate_type = EXCLUDED.aggregate_type, version = EXCLUDED.version,
       state = EXCLUDED.state, timestamp = EXCLUDED.timestamp)SQL",
        snapshot.aggregateId, snapshot.aggregateType, snapshot.version, snapshot.state.dump());
}

std::optional<Snapshot> EventStore::loadSnapshot(const std::string& aggregateId)
{
    pqxx::nontransaction query(m_connection);
    const auto rows = query.exec_params("SELECT aggregate_id, aggregate_type, version, state::text, "
            + epochMicros("timestamp") + " FROM snapshots WHERE aggregate_id = $1",
        aggregateId);
    if (rows.empty())
        return std::nullopt;
    const auto& row = rows[0];
    auto state = decodeStoredJson(row[3].c_str());
    return Snapshot { row[0].c_str(), row[1].c_str(), parseInt<int>(row[2]), std::move(state.value),
        parseInt<std::int64_t>(row[4]), std::move(state.warnings) };
}

bool LogFilter::empty() const
{
    return eventTypes.empty() && !aggregateType && !aggregateId && !tenantId && !correlationId && !userId && !since
        && !until && !dataContains;
}

std::vector<std::string> listTenants(pqxx::connection& connection, int limit)
{
    pqxx::nontransaction query(connection);
    return detail::distinctValues(query, "aggregates", "tenant_id", limit); // idx_aggregates_tenant
}

void ping(pqxx::connection& connection)
{
    pqxx::nontransaction(connection).exec("SELECT 1");
}

} // namespace acci::store

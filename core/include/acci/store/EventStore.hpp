#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

namespace acci::store {

// The expected version of an append: a number, or "whatever it is now".
struct ExpectedVersion {
    static constexpr int Any = -1;
    static constexpr int NoStream = 0;
};

// What an append stored: the positions and versions of the events, in order.
struct AppendResult {
    int firstVersion = 0;
    int lastVersion = 0;
    std::vector<LogPosition> positions;
    bool alreadyStored = false; // an idempotent retry: nothing new was written
};

// Key of the last row of a page of aggregates, to ask for the next page (keyset paging).
struct AggregateKey {
    std::string aggregateId;
    std::int64_t updatedAtUs = 0; // used when sorting by last change
};

enum class AggregateSort { ById, ByLastChange };

struct AggregateQuery {
    std::optional<std::string> aggregateType;
    std::optional<std::string> tenantId; // the tenant of the aggregate's first event
    std::string search; // substring of the aggregate id, case-insensitive
    AggregateSort sort = AggregateSort::ById;
    std::optional<AggregateKey> after;
    int limit = 100;
};

// Limits that protect the store from what no reader could use.
struct AppendLimits {
    std::size_t maxEventBytes = std::size_t { 8 } * 1024 * 1024; // data + metadata of one event, as JSON text
    std::size_t maxBatchEvents = 10000;
    // Aggregate ids and types and event types are names, indexed: PostgreSQL refuses an index
    // row over ~2.7 kB ("index row requires … bytes"), so a longer name is refused before that.
    std::size_t maxNameBytes = 1024;
};

// The guide's event store (store_event, get_events, check_version, snapshots) on PostgreSQL.
// Not thread-safe: it uses the caller's connection, and a connection belongs to one thread.
class EventStore {
public:
    explicit EventStore(pqxx::connection& connection, AppendLimits limits = {});

    // Appends events to one aggregate in one statement (one round trip, one transaction).
    // Throws ConcurrencyError when expectedVersion is not the current version,
    // DuplicateEventIdError when an id is stored with other content, InvalidInputError for
    // bad input. Retrying the same events (same ids) returns the stored result.
    AppendResult append(const std::string& aggregateId, const std::string& aggregateType, int expectedVersion,
        std::vector<NewEvent> events);

    // Events of one aggregate with version >= fromVersion, in version order.
    std::vector<RecordedEvent> readStream(const std::string& aggregateId, int fromVersion = 1, int limit = 1000);

    // The global log after a position, in (txId, globalPosition) order. Only reads what no
    // transaction still in flight can come before, so a reader that follows the head never
    // skips an event whose transaction commits late.
    std::vector<RecordedEvent> readAll(LogPosition after, int limit, const LogFilter& filter = {});

    // Events in given ids, for idempotency checks and lookups.
    std::vector<RecordedEvent> readByIds(const std::vector<std::string>& ids);

    int currentVersion(const std::string& aggregateId);
    std::optional<AggregateInfo> aggregate(const std::string& aggregateId);
    std::vector<AggregateInfo> listAggregates(const AggregateQuery& query);
    // Counts every aggregate (of the tenant): a scan of `aggregates`, 0.2 s per 2M aggregates.
    std::vector<AggregateTypeCount> aggregateTypes(const std::optional<std::string>& tenantId = std::nullopt);
    // The same types at once, from the indexes (one probe per type), with the planner's
    // estimate of each count: what a page shows while aggregateTypes counts.
    std::vector<AggregateTypeCount> estimateAggregateTypes(const std::optional<std::string>& tenantId = std::nullopt);
    StoreStatistics statistics();

    void saveSnapshot(const Snapshot& snapshot);
    std::optional<Snapshot> loadSnapshot(const std::string& aggregateId);

private:
    // `notAConflict`, when not empty, says why nothing was written although the versions agree
    // (a conflict that no reload settles): thrown instead of a ConcurrencyError.
    AppendResult resolveFailedAppend(const std::string& aggregateId, int expectedVersion,
        const std::vector<NewEvent>& events, int actualVersion, const std::string& notAConflict = {});

    pqxx::connection& m_connection;
    AppendLimits m_limits;
};

// The column list every reader selects, in the order RecordedEvent parsing expects.
std::string recordedEventColumns(bool withMetadata = true);

// EventStore::readAll inside a transaction the caller runs (a projection reads its batch
// and writes its checkpoint in one transaction).
// withMetadata false leaves metadataJson as "{}" (for readers that do not use it).
std::vector<RecordedEvent> readAll(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter = {}, bool withMetadata = true);

// The newest position a reader may read now (below every transaction still in flight).
std::optional<LogPosition> readableHead(pqxx::transaction_base& tx);

// The tenants of the store (each aggregate's tenant, from its first event), sorted; read from
// the aggregates table's index, never by scanning the events.
std::vector<std::string> listTenants(pqxx::connection& connection, int limit = 1000);

// One round trip: throws when the server has gone away.
void ping(pqxx::connection& connection);

} // namespace acci::store

#include "projections/Checkpoints.hpp"

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "store/RowParsing.hpp"

namespace acci::projections::detail {

using store::detail::parseInt;

void ensureCheckpointRow(pqxx::transaction_base& tx, const std::string& projection)
{
    tx.exec_params("INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING", projection);
}

store::LogPosition lockCheckpoint(pqxx::transaction_base& tx, const std::string& projection)
{
    ensureCheckpointRow(tx, projection);
    const auto row = tx.exec_params1(
        "SELECT tx_id::text, position FROM projection_checkpoints WHERE projection = $1 FOR UPDATE", projection);
    return { parseInt<std::uint64_t>(row[0]), parseInt<std::int64_t>(row[1]) };
}

void storeCheckpoint(pqxx::transaction_base& tx, const std::string& projection, store::LogPosition position,
    std::int64_t processed, bool heartbeat)
{
    tx.exec_params("UPDATE projection_checkpoints SET tx_id = $2::xid8, position = $3, updated_at = now(),"
                   " events_processed = events_processed + $4,"
                   " heartbeat_at = CASE WHEN $5 THEN now() ELSE heartbeat_at END"
                   " WHERE projection = $1",
        projection, std::to_string(position.txId), position.globalPosition, processed, heartbeat);
}

void restartCheckpoint(pqxx::transaction_base& tx, const std::string& projection, store::LogPosition position)
{
    tx.exec_params("UPDATE projection_checkpoints SET tx_id = $2::xid8, position = $3, updated_at = now(),"
                   " status = CASE WHEN status = 'faulted' THEN 'idle' ELSE status END, last_error = NULL"
                   " WHERE projection = $1",
        projection, std::to_string(position.txId), position.globalPosition);
}

void parkEvent(pqxx::transaction_base& tx, const std::string& projection, const store::RecordedEvent& event,
    const std::string& error, int attempts, bool blocking)
{
    tx.exec_params("INSERT INTO projection_dead_letters AS d (projection, event_id, tx_id, global_position, error,"
                   " attempts, event_type, aggregate_id, last_attempt_at, blocking)"
                   " VALUES ($1, $2::uuid, $3::xid8, $4, $5, $6, $7, $8, now(), $9)"
                   " ON CONFLICT (projection, event_id) DO UPDATE SET error = EXCLUDED.error,"
                   " attempts = d.attempts + EXCLUDED.attempts, last_attempt_at = now(), blocking = EXCLUDED.blocking",
        projection, event.id, std::to_string(event.position.txId), event.position.globalPosition, error, attempts,
        event.eventType, event.aggregateId, blocking);
}

} // namespace acci::projections::detail

namespace acci::projections::detail {

CatchUpLock::CatchUpLock(pqxx::connection& connection, std::string projection)
    : m_connection(connection)
    , m_projection(std::move(projection))
{
}

void CatchUpLock::acquire(pqxx::transaction_base& tx)
{
    tx.exec_params("SELECT pg_advisory_lock(4242003, hashtext($1))", m_projection);
    m_held = true;
}

CatchUpLock::~CatchUpLock()
{
    if (!m_held)
        return;
    try {
        pqxx::nontransaction tx(m_connection);
        tx.exec_params("SELECT pg_advisory_unlock(4242003, hashtext($1))", m_projection);
    } catch (...) {
        // A broken connection has released it with its backend.
    }
}

std::set<std::string> excludedEvents(pqxx::transaction_base& tx, const std::string& projection)
{
    std::set<std::string> ids;
    for (const auto& row : tx.exec_params("SELECT event_id::text FROM projection_dead_letters WHERE projection = $1"
                                          " UNION SELECT event_id::text FROM projection_skipped_events"
                                          " WHERE projection = $1",
             projection))
        ids.insert(row[0].c_str());
    return ids;
}

} // namespace acci::projections::detail

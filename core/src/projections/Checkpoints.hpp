#pragma once

#include <set>
#include <string>

#include <pqxx/connection>

#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"

namespace acci::projections::detail {

// The checkpoint row of a projection, created at the start of the log when missing, and
// locked for the rest of the caller's transaction (one runner per projection at a time).
store::LogPosition lockCheckpoint(pqxx::transaction_base& tx, const std::string& projection);

void ensureCheckpointRow(pqxx::transaction_base& tx, const std::string& projection);

void storeCheckpoint(pqxx::transaction_base& tx, const std::string& projection, store::LogPosition position,
    std::int64_t processed, bool heartbeat);

// Puts the checkpoint where a reset or a rebuild leaves it, and clears a fault: the
// projection starts over from there, so the old error no longer holds.
void restartCheckpoint(pqxx::transaction_base& tx, const std::string& projection, store::LogPosition position);

// Parks an event the projection cannot apply (a dead letter); `blocking` when the projection
// stops at it. Parking it again adds to its attempts.
void parkEvent(pqxx::transaction_base& tx, const std::string& projection, const store::RecordedEvent& event,
    const std::string& error, int attempts, bool blocking);

} // namespace acci::projections::detail

namespace acci::projections::detail {

// Serializes catch-up batches of one projection, and a rebuild's swap with them, before any
// snapshot is taken: a runner whose repeatable-read snapshot predates another writer of the
// checkpoint would otherwise fail with a serialization error. Session-level advisory lock
// (4242003, hashtext(projection)); acquire() inside or outside a transaction, released on
// destruction, which must come after that transaction has ended.
class CatchUpLock {
public:
    CatchUpLock(pqxx::connection& connection, std::string projection);
    ~CatchUpLock();
    CatchUpLock(const CatchUpLock&) = delete;
    CatchUpLock& operator=(const CatchUpLock&) = delete;
    void acquire(pqxx::transaction_base& tx);

private:
    pqxx::connection& m_connection;
    std::string m_projection;
    bool m_held = false;
};

// Events of a projection that are parked as dead letters or that an operator skipped: a
// rebuild leaves them out, as catch-up did.
std::set<std::string> excludedEvents(pqxx::transaction_base& tx, const std::string& projection);

} // namespace acci::projections::detail

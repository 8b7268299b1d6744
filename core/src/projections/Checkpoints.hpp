#pragma once

#include <string>

#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"

namespace acci::projections::detail {

// The checkpoint row of a projection, created at the start of the log when missing, and
// locked for the rest of the caller's transaction (one runner per projection at a time).
store::LogPosition lockCheckpoint(pqxx::transaction_base& tx, const std::string& projection);

void ensureCheckpointRow(pqxx::transaction_base& tx, const std::string& projection);

void storeCheckpoint(pqxx::transaction_base& tx, const std::string& projection, store::LogPosition position,
                     std::int64_t processed, bool heartbeat);

// Parks an event the projection cannot apply (a dead letter); `blocking` when the projection
// stops at it. Parking it again adds to its attempts.
void parkEvent(pqxx::transaction_base& tx, const std::string& projection, const store::RecordedEvent& event,
               const std::string& error, int attempts, bool blocking);

} // namespace acci::projections::detail

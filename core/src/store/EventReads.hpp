#pragma once

#include <functional>
#include <string>

#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

namespace acci::store::detail {

// Receives each event of a read as it arrives. The reader reuses one event for every row:
// move out of it what you keep (its strings keep their capacity otherwise, so a sink that
// only writes allocates nothing per row).
using EventSink = std::function<void(RecordedEvent&)>;

// The global log after `after`, below the readable head (the never-skip rule), in (tx_id,
// global_position) order, at most `limit` events, filtered: readAll's rows, as one binary
// COPY. Returns how many were read.
long long copyLog(pqxx::transaction_base& tx, LogPosition after, long long limit, const LogFilter& filter,
    bool withMetadata, const EventSink& sink);

// One aggregate's events from `fromVersion` on, in version order, at most `limit`:
// readStream's rows, as binary COPY. Returns how many were read.
long long copyStream(
    pqxx::transaction_base& tx, const std::string& aggregateId, int fromVersion, int limit, const EventSink& sink);

} // namespace acci::store::detail

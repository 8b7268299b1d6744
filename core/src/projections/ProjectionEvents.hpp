#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/transaction_base>

#include "acci/projections/Projection.hpp"
#include "acci/store/Event.hpp"

// How a projection's events come out of the log for a rebuild or a catch-up batch: one
// binary COPY, so the server streams while the client folds, carrying only what the
// projection reads (its event types; the data fields it declares in fieldsNeeded()).
namespace acci::projections::detail {

// Which part of the log to read: after `after` (exclusive) up to `upTo` (inclusive), at most
// `limit` events (0: all of them). `upTo` must be store::readableHead() read in the same
// transaction: that is the never-skip rule (nothing at or below it can still commit), and
// bounding the read by it is what makes this read obey the rule (docs/ARCHITECTURE.md).
struct EventRange {
    store::LogPosition after;
    store::LogPosition upTo;
    long long limit = 0;
};

// Receives each event as it arrives; the event is reused for the next row (move out what you
// keep). Returns false to stop the read: the query is cancelled, and its transaction with it.
using EventSink = std::function<bool(store::RecordedEvent&)>;

struct EventsRead {
    long long events = 0;
    bool stopped = false; // the sink asked to stop; the transaction is aborted
};

// Reads the projection's events of `range` in (tx_id, global_position) order. A projection
// that declares fieldsNeeded() gets as dataJson an object with just those fields, exactly as
// stored (a field absent from the data is absent there too); an event whose data is not an
// object, and every event when the database or the connection is not UTF-8, comes whole, so
// the projection judges it as it always did. Metadata only when the projection needsMetadata().
// An exception from the sink cancels the query and propagates.
EventsRead copyProjectionEvents(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink);

// The same events ordered by the row each one changes, for a verification that folds one row
// at a time: `keyOrder` is the projection's rowKeySql() with the COLLATE of the table's key,
// so the order is the key index's order. The sink also gets the event's key (nullopt: NULL).
using KeyedEventSink = std::function<bool(store::RecordedEvent&, std::optional<std::string_view>)>;
EventsRead copyProjectionEventsByKey(pqxx::transaction_base& tx, const Projection& projection, const EventRange& range,
    const std::string& keyOrder, const KeyedEventSink& sink);

} // namespace acci::projections::detail

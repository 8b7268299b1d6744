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
    bool outOfOrder = false; // copyProjectionEventsAsStored met a row out of log order; aborted too
};

// How the events' data comes: whole, or as the fields the projection declares (fieldsNeeded())
// picked out by the server, or by each payload's size: a payload stored in at most
// 128 bytes whole (formatting it once costs the server less than picking fields out of it), the
// fields of a larger one picked.
enum class PayloadForm { Whole, Picked, BySize };
PayloadForm payloadForm(pqxx::transaction_base& tx, const Projection& projection);

// Reads the projection's events of `range` in (tx_id, global_position) order. Where its fields
// are picked (payloadForm()), the projection gets as dataJson an object with just the fields it
// declares, exactly as stored (a field absent from the data is absent there too; data that is
// not an object comes whole). One event always comes in the same form, whatever the read.
// Metadata only when the projection needsMetadata().
// An exception from the sink cancels the query and propagates.
EventsRead copyProjectionEvents(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink);

// The same events as copyProjectionEvents, read in the order the table stores them, which in a
// log appended in order is the log's order and spares the server the log index's ordered walk (a
// third of a 1M-event rebuild's read: 0.8 s of index scan against 0.4 s of table scan). Rows
// of concurrent transactions interleave in the table; a window of the last 8192 rows (fewer
// when they hold more than 32 MB of data) puts them back in log order before the sink sees them. A row further out of
// place stops the read with `outOfOrder` (the transaction is then aborted; the sink has seen some events, in order, but
// not necessarily all before them), and the caller starts over with copyProjectionEvents in a
// new transaction: a transaction that stayed open while thousands of events were appended
// costs a second read. Returns nullopt, having read nothing, when the planner would not scan
// the whole table for the read (few events of these types: an index serves them) or `range` has
// a limit. Sets max_parallel_workers_per_gather and synchronize_seqscans for the rest of the
// transaction.
std::optional<EventsRead> copyProjectionEventsAsStored(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink);

// The same events ordered by the row each one changes, for a verification that folds one row
// at a time: `keyOrder` is the projection's rowKeySql() with the COLLATE of the table's key,
// so the order is the key index's order. The sink also gets the event's key (nullopt: NULL).
using KeyedEventSink = std::function<bool(store::RecordedEvent&, std::optional<std::string_view>)>;
EventsRead copyProjectionEventsByKey(pqxx::transaction_base& tx, const Projection& projection, const EventRange& range,
    const std::string& keyOrder, const KeyedEventSink& sink);

} // namespace acci::projections::detail

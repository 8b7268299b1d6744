#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/store/Event.hpp"

namespace acci::store {

// What a key typed into the console's quick-open box can name.
enum class LookupKind { Aggregate, Event, Correlation, Position, EventType };

// One place a key leads to.
struct LookupMatch {
    LookupKind kind = LookupKind::Aggregate;
    std::string key; // the aggregate id, event id, correlation id, "TX:POS" or event type
    std::string aggregateId; // aggregate, event, position: the aggregate
    std::string aggregateType;
    std::string eventType; // event, position: the event's type
    int version = 0; // aggregate: its newest version; event, position: the event's
    LogPosition position; // event, position
    std::int64_t count = 0; // correlation: events in the flow (up to the read's limit)
};

// Everything `text` can name, each kind read through its own index (never a scan): an event
// id or a correlation id (exact), a "TX:POS" log position, aggregate ids starting with the
// text, event types containing it (case-insensitive). At most `limit` matches per kind.
std::vector<LookupMatch> lookUp(pqxx::connection& connection, const std::string& text, int limit = 8);

} // namespace acci::store

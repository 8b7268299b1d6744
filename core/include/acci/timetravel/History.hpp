#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acci/store/EventStore.hpp"
#include "acci/timetravel/ReducerRules.hpp"

namespace acci::timetravel {

// What the time-travel views need of one aggregate: its events and its stored snapshot.
struct AggregateHistory {
    std::string aggregateId;
    std::string aggregateType;
    std::vector<store::RecordedEvent> events; // every event, or those after `snapshot` when fromSnapshot
    std::optional<store::Snapshot> snapshot;
};

// Reads an aggregate's stream in large pages. With fromSnapshot, only the events after the
// stored snapshot (the cheap way to the current state); a snapshot at a version the stream
// does not have is no base: then every event is read and `snapshot` is left empty. Throws
// InvalidInputError when the aggregate has no events.
AggregateHistory loadHistory(store::EventStore& store, const std::string& aggregateId, bool fromSnapshot = false);

// An aggregate's current state for a new snapshot: the stored snapshot (if any) plus the
// events after it, folded with `rules` (the built-in User reducer, merge patch for the rest).
struct CurrentState {
    std::string aggregateType;
    int version = 0;
    nlohmann::json state;
    bool exact = true; // see StateFolder::exact()
    std::vector<std::string> inexactBecause; // the fold's warnings when it is not exact
};
CurrentState foldCurrentState(
    store::EventStore& store, const std::string& aggregateId, const ReducerRules& rules = ReducerRules::builtIn());

// Microseconds since the epoch for a date and time written as PostgreSQL reads them
// ("2026-11-26 15:00", ISO 8601, "yesterday"); InvalidInputError when it cannot.
std::int64_t parseTimestampText(pqxx::connection& connection, const std::string& text);

} // namespace acci::timetravel

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/store/Event.hpp"

namespace acci::monitoring {

// A number that is exact when counting it is cheap, else the planner's estimate.
struct CountFigure {
    std::int64_t value = 0;
    bool estimated = false;
};

// The store at a glance (the console's overview): what it holds, and its newest events.
// Every read is bounded so that it costs the same on a store of ten million events as on a
// small one: counts stop at `exactUpTo` rows and then take the statistics' estimate, the event
// types are a skip scan of idx_events_type, the newest events a backward walk of the log index.
struct StoreOverview {
    CountFigure events;
    CountFigure aggregates;
    std::vector<std::string> eventTypes; // every distinct event type, sorted
    std::vector<store::RecordedEvent> latest; // the newest readable events, newest first
    std::int64_t serverNowUs = 0; // the server's clock, for the newest event's age
};

inline constexpr std::int64_t OverviewExactUpTo = 100000;

StoreOverview storeOverview(
    pqxx::connection& connection, int latestEvents = 10, std::int64_t exactUpTo = OverviewExactUpTo);

// The distinct event types (a skip scan: one index probe per type, however many events).
std::vector<std::string> listEventTypes(pqxx::connection& connection, int limit = 10000);

} // namespace acci::monitoring

#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Replication.hpp"

namespace acci::monitoring {

// What collectHealthFigures could not read because the connected role lacks the rights: the
// health checks that need it are left out, and a "rights" check says what to grant.
struct UnreadableFigures {
    std::string role; // the role connected
    std::vector<std::string> relations; // the tables or views the server refused, as it named them
    bool newestEvent = false;
    bool projections = false;
    bool heldBack = false;
    bool snapshots = false; // collectMetrics only: the snapshot size histogram
    bool any() const { return newestEvent || projections || heldBack || snapshots; }
};

// The guide's EventSourcingMetrics, read from the database: what a scrape or the console's
// monitoring page shows.
struct Metrics {
    std::map<std::string, std::int64_t> eventsByType; // the event counter per type
    std::optional<double> newestEventAgeSeconds;
    std::vector<projections::ProjectionStatus> projections; // lag in events and seconds, dead letters
    store::HeldBack heldBack; // committed events the readable head holds back, and why
    // The snapshot size histogram: cumulative counts per upper bound in bytes (+Inf last).
    std::vector<std::pair<double, std::int64_t>> snapshotSizeBuckets;
    double snapshotSizeSum = 0;
    std::int64_t snapshotCount = 0;
    // Primary or hot standby, and a standby's replay delay (unset when not read).
    std::optional<store::ServerRole> server;
    // What the role may not read; those figures are left empty.
    UnreadableFigures unreadable;
};

// Whether collectMetrics counts the events of each type: a scan of the whole table (about a
// second per 10M events), right for a scrape that exports the counter, wasted on a view that
// does not show it (the console's monitoring page polls every 10 s).
enum class EventTypeCounts { Count, Skip };

// Every figure; like collectHealthFigures, each part is read on its own and one the role may
// not read is noted in `unreadable` (a writer may read the events but not the projections).
Metrics collectMetrics(pqxx::connection& connection,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns,
    EventTypeCounts eventTypeCounts = EventTypeCounts::Count);

// Only the figures assessHealth reads (the newest event's age, the projections): no count of
// every event, so that a health probe run every few seconds stays cheap on a large store.
// Each figure is read on its own: one the role may not read is noted in `unreadable` and the
// others are still read (a writer may not read the projections' tables). Other errors throw.
Metrics collectHealthFigures(
    pqxx::connection& connection, const std::vector<std::shared_ptr<projections::Projection>>& builtIns);

// Prometheus text exposition format (version 0.0.4).
std::string toPrometheus(const Metrics& metrics);

} // namespace acci::monitoring

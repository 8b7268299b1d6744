#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <pqxx/connection>

#include "acci/projections/Projection.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/util/CancelToken.hpp"

namespace acci::projections {

struct RebuildProgress {
    enum class Phase { Reading, Writing, Comparing, Applying, CatchingUp };
    Phase phase = Phase::Reading;
    std::int64_t processed = 0; // events read so far
    std::int64_t total = 0; // events to read (the planner's estimate, taken at the start)
    double eventsPerSecond = 0;
    double etaSeconds = 0;
};

struct RebuildReport {
    enum class Outcome { Completed, Cancelled, Failed };
    Outcome outcome = Outcome::Completed;
    std::int64_t processed = 0; // events replayed into the new table
    std::int64_t rows = 0; // rows the events produce
    // What the swap changed in the live table to make it equal those rows.
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t deleted = 0;
    std::int64_t caughtUp = 0; // events applied after the swap (appended during the rebuild)
    std::int64_t parked = 0; // of those, parked as dead letters
    double seconds = 0;
    std::string error; // for Failed: the first failure, naming the event
};

struct RebuildOptions {
    bool catchUpAfterSwap = true;
    EngineOptions engine;
};

// Rebuilds a projection without downtime: replays its events from one consistent snapshot
// into memory, writes the rows in bulk (COPY) into a temporary table, then, in the same
// transaction, makes the live table equal to them by applying only the differences (delete,
// update, insert, matched on its primary key) and sets the checkpoint; then it catches up
// with what was appended meanwhile. The live table stays the same table: its grants, RLS
// and policies, owner, comments, publications, triggers and the views over it are untouched,
// and readers in any isolation level see the old rows until the new ones commit. A cancel,
// a failure or a crash (even kill -9) leaves it as it was. One rebuild per projection runs
// at a time (BusyError names who runs it); the role must be an operator (PermissionError).
// Progress goes to `progress` (called from the calling thread).
RebuildReport rebuildProjection(pqxx::connection& connection, const std::shared_ptr<Projection>& projection,
    const RebuildOptions& options = {}, const std::function<void(const RebuildProgress&)>& progress = {},
    const util::CancelToken* cancel = nullptr);

std::string toString(RebuildProgress::Phase phase);

// What a rebuild is about to do, for the console's pre-flight dialog.
struct RebuildPlan {
    std::int64_t eventsToReplay = 0; // events of the projection's types in the log
    std::int64_t liveRows = 0; // rows of the live table now
    // From the newest completed rebuild of this projection; nullopt when there was none.
    std::optional<double> measuredEventsPerSecond;
    // Set when another session is rebuilding it now: who and since when (a sentence).
    std::optional<std::string> runningElsewhere;
    std::optional<double> estimatedSeconds() const
    {
        if (!measuredEventsPerSecond || *measuredEventsPerSecond <= 0)
            return std::nullopt;
        return static_cast<double>(eventsToReplay) / *measuredEventsPerSecond;
    }
};

RebuildPlan planRebuild(pqxx::connection& connection, const Projection& projection);

} // namespace acci::projections

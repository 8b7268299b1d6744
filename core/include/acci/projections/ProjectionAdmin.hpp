#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "acci/projections/Projection.hpp"
#include "acci/store/Event.hpp"
#include "acci/store/InFlight.hpp"

namespace acci::projections {

// A projection's newest rebuild. outcome: running, completed, failed, cancelled, or
// interrupted (its process died: it no longer holds the rebuild lock).
struct RebuildInfo {
    std::string outcome;
    std::string dbUser;
    std::string osUser;
    std::int64_t startedAtUs = 0;
    std::optional<std::int64_t> finishedAtUs;
};

// What a projection is doing. Read from text once, where rows are read; everything else
// compares these values, never the words.
enum class ProjectionState {
    Idle, // nothing runs, nothing pending
    Running, // a runner's heartbeat is fresh
    Stopped, // nothing runs, events pending
    Faulted, // stopped at an event it cannot apply, until that is retried or skipped
    Rebuilding,
    Unknown, // a word another program stored that we do not know; ProjectionStatus keeps it
};

// The word stored in projection_checkpoints and printed by the CLI ("running", …);
// Unknown has none of its own and prints as "unknown".
std::string toString(ProjectionState state);
// Never throws: text that names no state is Unknown.
ProjectionState parseProjectionState(std::string_view text);

// One projection as an operator sees it: built in, or written by another program and known
// only through its row in projection_checkpoints.
struct ProjectionStatus {
    std::string name;
    bool builtIn = false;
    ProjectionState state = ProjectionState::Idle;
    std::string unknownState; // the stored text, when state is Unknown
    store::LogPosition checkpoint;
    std::optional<store::LogPosition> head;
    std::int64_t lagEvents = 0; // readable events after the checkpoint
    // lagEvents is then an estimate: beyond ExactLagUpTo events the backlog is not counted.
    bool lagEstimated = false;
    double lagSeconds = 0; // age of the oldest of them
    // Committed events past the readable head, which the projection cannot see until the
    // transaction holding the head back ends: the same figures for every projection.
    store::HeldBack heldBack;
    std::int64_t deadLetters = 0;
    std::int64_t eventsProcessed = 0;
    std::string lastError;
    std::optional<std::int64_t> lastErrorAtUs;
    std::optional<std::int64_t> heartbeatAtUs;
    std::optional<double> lastRebuildSeconds;
    std::optional<RebuildInfo> lastRebuild;

    // The state as the CLI prints it: its word, or the stored text when it is Unknown.
    // What the projection still has to process, readable or held back.
    std::int64_t totalLagEvents() const { return lagEvents + heldBack.eventsWaiting; }
    double totalLagSeconds() const { return std::max(lagSeconds, heldBack.secondsWaiting); }

    std::string stateText() const
    {
        return state == ProjectionState::Unknown && !unknownState.empty() ? unknownState : toString(state);
    }
};

// The last error a runner stores when a batch parked events (the events' own errors are on
// their dead letters); a console words it in its own language.
inline constexpr const char* ParkedEventsNote = "events parked as dead letters";

// A runner whose heartbeat is older than this is considered gone.
inline constexpr int HeartbeatTimeoutSeconds = 30;
// A projection's lag is counted exactly up to this many events (one short index range per
// poll); a larger backlog is estimated from the positions (ProjectionStatus::lagEstimated).
inline constexpr std::int64_t ExactLagUpTo = 100000;

// Those of `projections` that run in this store: all but the ones that run only where their
// table exists and whose table does not.
std::vector<std::shared_ptr<Projection>> installedProjections(
    pqxx::transaction_base& tx, const std::vector<std::shared_ptr<Projection>>& projections);

std::vector<ProjectionStatus> listProjections(
    pqxx::connection& connection, const std::vector<std::shared_ptr<Projection>>& builtIns);

// Moves a projection's checkpoint to the start of the log, or to a position. For a built-in
// projection the engine replays from there (idempotently); for an external one its owner
// does. Clears a faulted state. Audited.
void resetProjection(
    pqxx::connection& connection, const std::string& name, std::optional<store::LogPosition> position = std::nullopt);

struct DeadLetter {
    std::int64_t id = 0;
    std::string projection;
    std::string eventId;
    std::string eventType;
    std::string aggregateId;
    store::LogPosition position;
    std::string error;
    int attempts = 0;
    bool blocking = false;
    std::int64_t parkedAtUs = 0;
};

std::vector<DeadLetter> listDeadLetters(
    pqxx::connection& connection, const std::optional<std::string>& projection = {});

// Applies a parked event again (after its cause was fixed). A blocking one (its projection
// stopped at it) is handed back to the projection, which retries it in order. Audited.
// Throws StoreError with the reason when it fails again; the dead letter stays.
void retryDeadLetter(
    pqxx::connection& connection, const std::vector<std::shared_ptr<Projection>>& projections, std::int64_t id);

// Gives up on a parked event for good; a stopped projection moves past it. Audited.
void skipDeadLetter(pqxx::connection& connection, std::int64_t id);

std::shared_ptr<Projection> findProjection(
    const std::vector<std::shared_ptr<Projection>>& projections, const std::string& name);

} // namespace acci::projections

#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/connection>

#include "acci/monitoring/Metrics.hpp"
#include "acci/projections/Projection.hpp"

namespace acci::monitoring {

// The limits a healthy store stays within (acci-admin health's options, the console's
// threshold boxes).
struct HealthThresholds {
    double maxEventAgeSeconds = 300; // the guide's 5 minutes without events
    std::int64_t maxLagEvents = 10000;
    double maxLagSeconds = 300;
    std::int64_t maxDeadLetters = 0;
    double maxHeldBackSeconds = 60; // committed events may wait this long behind an open transaction
    double maxReplayDelaySeconds = 300; // on a standby: replay may be this far behind the primary
};

// Which sentence a check's detail is, so that a console can word it in its own language
// from the figures (HealthCheck::figures, in the order each comment lists). Other: only the
// detail exists (a database error, a schema that is not current).
enum class HealthSentence {
    Other,
    DatabaseAnswers, // standby ("1" or "0")
    SchemaCurrent, // version
    NoEvents,
    NewestEvent, // age in seconds, limit in seconds
    Projection, // name, state (as stateText), events behind, seconds behind, held back, last error
    DeadLetters, // count, projection
    NothingHeldBack,
    HeldBack, // events, seconds waited, limit in seconds, cause
    StandbyNotReceiving, // seconds since its last replayed commit ("" when unknown), paused
    StandbyReplaying, // seconds behind, limit in seconds, paused
    StandbyNothingReplayed, // bytes received and not replayed ("" when none), paused
    // The role may not read what some checks need, so they were left out: role, the tables or
    // views refused (", " between), the checks left out (their names, ", " between)
    MissingRights,
};

// One line of the verdict.
struct HealthCheck {
    // database, schema, rights (only when the role may not read what a check needs),
    // recent-events, held-back, projection:<name>, dead-letters:<name>, replication (on a
    // standby only); figures (only when reading them failed after the schema check passed)
    std::string name;
    bool ok = true;
    std::string detail; // one sentence, in English (acci-admin health)
    HealthSentence sentence = HealthSentence::Other;
    std::vector<std::string> figures;
};

// The verdict and its reasons, in the order acci-admin health prints them.
struct HealthReport {
    bool healthy = true;
    std::vector<HealthCheck> checks;

    void add(std::string name, bool ok, std::string detail, HealthSentence sentence = HealthSentence::Other,
        std::vector<std::string> figures = {});
    nlohmann::json toJson() const;
};

// What resumes a paused replay on a standby: the sentences about it name the statement, and
// it is the core's, like every statement.
inline constexpr const char* ResumeReplayStatement = "SELECT pg_wal_replay_resume()";

// The guide's rules on figures already collected: the newest event is recent, each
// projection is within the lag thresholds and not faulted, and has no more dead letters than
// allowed. No I/O, so that the CLI and the console judge the same figures the same way.
// Figures the role could not read (metrics.unreadable) leave their checks out and add a failed
// "rights" check: what cannot be assessed is not healthy.
HealthReport assessHealth(const Metrics& metrics, const HealthThresholds& thresholds);

// acci-admin health on the caller's connection: the database answers and has the current
// schema, then assessHealth over collectHealthFigures. Never throws: a database error is an
// unhealthy report, its check named after the step that failed (database, schema, figures),
// or "rights" when the role lacks them.
HealthReport checkHealth(pqxx::connection& connection, const HealthThresholds& thresholds,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns);

// The report when no connection could be made; `reason` is store::describeError's sentence.
HealthReport unreachableReport(const std::string& reason);

} // namespace acci::monitoring

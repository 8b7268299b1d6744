#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/projections/Projection.hpp"

namespace acci::monitoring {

struct HealthThresholds {
    double maxEventAgeSeconds = 300; // the guide's 5 minutes without events
    std::int64_t maxLagEvents = 10000;
    double maxLagSeconds = 300;
    std::int64_t maxDeadLetters = 0;
};

struct HealthCheck {
    std::string name; // database, schema, recent-events, projection:<name>, dead-letters:<name>
    bool ok = true;
    std::string detail; // one sentence
};

struct HealthReport {
    bool healthy = true;
    std::vector<HealthCheck> checks;
    nlohmann::json toJson() const;
};

// The guide's check_event_store_health and more: the database answers and has the current
// schema, the newest event is recent, each projection's lag and dead letters are within the
// thresholds. Never throws: an unreachable database is an unhealthy report.
HealthReport checkHealth(const std::string& conninfo, const HealthThresholds& thresholds,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns);

} // namespace acci::monitoring

#include "acci/monitoring/Health.hpp"

#include <cmath>

#include <pqxx/nontransaction>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::monitoring {

nlohmann::json HealthReport::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& check : checks)
        list.push_back({ { "name", check.name }, { "ok", check.ok }, { "detail", check.detail } });
    return { { "healthy", healthy }, { "checks", list } };
}

HealthReport checkHealth(const std::string& conninfo, const HealthThresholds& thresholds,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns)
{
    HealthReport report;
    auto add = [&](std::string name, bool ok, std::string detail) {
        report.checks.push_back({ std::move(name), ok, std::move(detail) });
        report.healthy = report.healthy && ok;
    };
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = store::connect(conninfo, "acci-health");
        add("database", true, "The database answers.");
    } catch (const std::exception& error) {
        add("database", false, store::describeError(error));
        return report;
    }
    try {
        const auto schema = store::schemaStatus(*connection);
        const bool current = schema.state == store::SchemaStatus::State::Current;
        add("schema", current, schema.describe());
        if (!current)
            return report;

        const auto age
            = pqxx::nontransaction(*connection).exec1("SELECT extract(epoch from now() - max(timestamp)) FROM events");
        if (age[0].is_null()) {
            add("recent-events", true, "No events yet.");
        } else {
            const double seconds = age[0].as<double>();
            const bool fresh = seconds <= thresholds.maxEventAgeSeconds;
            add("recent-events", fresh,
                "The newest event is " + std::to_string(static_cast<long long>(std::llround(seconds)))
                    + " s old (limit " + std::to_string(static_cast<long long>(thresholds.maxEventAgeSeconds)) + " s)"
                    + (fresh ? "." : ": no recent events processed."));
        }
        for (const auto& p : projections::listProjections(*connection, builtIns)) {
            const bool lagOk = p.lagEvents <= thresholds.maxLagEvents && p.lagSeconds <= thresholds.maxLagSeconds
                && p.state != projections::ProjectionState::Faulted;
            add("projection:" + p.name, lagOk,
                p.name + " is " + p.stateText() + ", " + std::to_string(p.lagEvents) + " events ("
                    + std::to_string(static_cast<long long>(std::llround(p.lagSeconds))) + " s) behind"
                    + (p.state == projections::ProjectionState::Faulted ? ": " + p.lastError : std::string(".")));
            add("dead-letters:" + p.name, p.deadLetters <= thresholds.maxDeadLetters,
                std::to_string(p.deadLetters) + " dead letters for " + p.name + ".");
        }
    } catch (const std::exception& error) {
        add("database", false, store::describeError(error));
    }
    return report;
}

} // namespace acci::monitoring

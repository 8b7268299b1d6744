// health and metrics: the guide's health checks and metrics, for scripts and scrapers.
#include <iostream>
#include <optional>

#include "Arguments.hpp"
#include "Commands.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/monitoring/Metrics.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/InFlight.hpp"

namespace acci::admin {

int runHealth(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words,
        { "max-event-age", "max-lag-events", "max-lag-seconds", "max-dead-letters", "max-held-back",
            "max-replay-delay" },
        { "json" });
    args.requirePositionalCount(0);
    monitoring::HealthThresholds thresholds;
    thresholds.maxEventAgeSeconds = static_cast<double>(args.integer("max-event-age", 1, 100'000'000).value_or(300));
    thresholds.maxLagEvents = args.integer("max-lag-events", 0, 1'000'000'000'000LL).value_or(thresholds.maxLagEvents);
    thresholds.maxLagSeconds = static_cast<double>(args.integer("max-lag-seconds", 0, 100'000'000).value_or(300));
    thresholds.maxDeadLetters = args.integer("max-dead-letters", 0, 1'000'000'000LL).value_or(0);
    thresholds.maxHeldBackSeconds = static_cast<double>(args.integer("max-held-back", 0, 100'000'000).value_or(60));
    thresholds.maxReplayDelaySeconds
        = static_cast<double>(args.integer("max-replay-delay", 0, 100'000'000).value_or(300));
    // Not connectToStore: an unreachable or unmigrated database is a verdict here, not an error.
    monitoring::HealthReport report;
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = context.connectRaw();
    } catch (const std::exception& error) {
        report = monitoring::unreachableReport(store::describeError(error));
    }
    if (connection)
        report = monitoring::checkHealth(*connection, thresholds, projections::builtInProjections());
    if (args.flag("json")) {
        context.out << report.toJson().dump() << '\n';
    } else {
        for (const auto& check : report.checks)
            context.out << (check.ok ? "ok    " : "FAIL  ") << check.name << ": " << check.detail << '\n';
        context.out << (report.healthy ? "healthy" : "unhealthy") << '\n';
    }
    return report.healthy ? 0 : 1;
}

int runMetrics(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words, {});
    args.requirePositionalCount(0);
    auto connection = context.connectToStore();
    context.out << monitoring::toPrometheus(monitoring::collectMetrics(*connection, projections::builtInProjections()));
    return 0;
}

int runInFlight(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words, {}, { "json" });
    args.requirePositionalCount(0);
    auto connection = context.connectToStore();
    const auto report = store::inFlight(*connection);
    // On a standby the holders run on the primary: listed from there when it can be reached
    // (--primary, or the primary among the hosts), else said in one line.
    std::optional<store::InFlightReport> onPrimary;
    std::string primaryUnreachable;
    if (report.standby) {
        try {
            auto primary = context.connectForWrites();
            onPrimary = store::inFlight(*primary);
        } catch (const store::ReadOnlyServerError&) {
            // Only standbys to reach: the line below says how to name the primary.
        } catch (const std::exception& error) {
            primaryUnreachable = store::describeError(error);
        }
    }
    if (args.flag("json")) {
        auto json = report.toJson();
        if (report.standby)
            json["primary"] = onPrimary ? onPrimary->toJson() : nlohmann::json(nullptr);
        context.out << json.dump() << '\n';
        return 0;
    }
    if (report.standby)
        context.out << "standby: the transactions that hold back the head run on the primary"
                    << (onPrimary                           ? "; listed from the primary below."
                               : primaryUnreachable.empty() ? std::string("; give it with --primary to list them.")
                                                            : "; they cannot be listed: " + primaryUnreachable)
                    << '\n';
    const auto& held = report.heldBack;
    if (held.held())
        context.out << "held back: " << held.eventsWaiting << " committed events have waited "
                    << static_cast<long long>(held.secondsWaiting) << " s. " << held.cause << '\n';
    else
        context.out << "not held back: readers see every committed event.\n";
    const auto& listed = onPrimary ? *onPrimary : report;
    if (listed.transactions.empty() && !(report.standby && !onPrimary))
        context.out << "No transaction with a transaction id is in flight" << (onPrimary ? " on the primary" : "")
                    << ".\n";
    for (const auto& t : listed.transactions) {
        context.out << "xid " << t.xid << "  " << t.describe() << (t.wroteEvents ? "  writing events" : "")
                    << "  events waiting behind it: " << t.eventsWaiting << '\n';
        if (!t.clientAddress.empty())
            context.out << "    client: " << t.clientAddress << '\n';
        if (const auto query = store::printableQuery(t); !query.empty())
            context.out << "    query: " << query.substr(0, 200) << (query.size() > 200 ? "…" : "") << '\n';
        context.out << "    to end it: " << store::terminateStatement(t) << '\n';
    }
    if (!listed.hiddenNote.empty())
        context.out << "note: " << listed.hiddenNote << '\n';
    return 0;
}

} // namespace acci::admin

#include "acci/monitoring/Health.hpp"

#include <cmath>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::monitoring {

namespace {

    std::string wholeSeconds(double seconds)
    {
        return std::to_string(static_cast<long long>(std::llround(seconds)));
    }

    std::string joined(const std::vector<std::string>& parts)
    {
        std::string text;
        for (const auto& part : parts)
            text += (text.empty() ? "" : ", ") + part;
        return text;
    }

    void addRightsCheck(HealthReport& report, const std::string& role, const std::string& relations,
        const std::vector<std::string>& leftOut)
    {
        const std::string checks = joined(leftOut);
        report.add("rights", false,
            "The role " + role + " may not read " + relations + ", so these checks could not run: " + checks
                + ". Have the store's owner run 'acci-admin grant reader " + role
                + "' (README, \"Roles\"), or check health as a role that can read it.",
            HealthSentence::MissingRights, { role, relations, checks });
    }

} // namespace

void HealthReport::add(
    std::string name, bool ok, std::string detail, HealthSentence sentence, std::vector<std::string> figures)
{
    checks.push_back({ std::move(name), ok, std::move(detail), sentence, std::move(figures) });
    healthy = healthy && ok;
}

nlohmann::json HealthReport::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& check : checks)
        list.push_back({ { "name", check.name }, { "ok", check.ok }, { "detail", check.detail } });
    return { { "healthy", healthy }, { "checks", list } };
}

HealthReport assessHealth(const Metrics& metrics, const HealthThresholds& thresholds)
{
    HealthReport report;
    const auto& unreadable = metrics.unreadable;
    if (unreadable.any()) {
        std::vector<std::string> leftOut;
        if (unreadable.newestEvent)
            leftOut.push_back("recent-events");
        if (unreadable.projections)
            leftOut.push_back("projections");
        if (unreadable.heldBack)
            leftOut.push_back("held-back");
        if (!leftOut.empty()) // the snapshot sizes are no health figure
            addRightsCheck(report, unreadable.role, joined(unreadable.relations), leftOut);
    }
    if (unreadable.newestEvent) {
        // left out: the rights check says why
    } else if (!metrics.newestEventAgeSeconds) {
        report.add("recent-events", true, "No events yet.", HealthSentence::NoEvents);
    } else {
        const double seconds = *metrics.newestEventAgeSeconds;
        const bool fresh = seconds <= thresholds.maxEventAgeSeconds;
        report.add("recent-events", fresh,
            "The newest event is " + wholeSeconds(seconds) + " s old (limit "
                + std::to_string(static_cast<long long>(thresholds.maxEventAgeSeconds)) + " s)"
                + (fresh ? "." : ": no recent events processed."),
            HealthSentence::NewestEvent,
            { wholeSeconds(seconds), std::to_string(static_cast<long long>(thresholds.maxEventAgeSeconds)) });
    }
    for (const auto& p : metrics.projections) {
        const bool faulted = p.state == projections::ProjectionState::Faulted;
        const bool keepsUp = p.totalLagEvents() <= thresholds.maxLagEvents
            && p.totalLagSeconds() <= thresholds.maxLagSeconds && !faulted;
        const std::string waiting = p.heldBack.held()
            ? " (" + std::to_string(p.heldBack.eventsWaiting) + " of them held back)"
            : std::string();
        report.add("projection:" + p.name, keepsUp,
            p.name + " is " + p.stateText() + ", " + std::to_string(p.totalLagEvents()) + " events ("
                + wholeSeconds(p.totalLagSeconds()) + " s) behind" + waiting
                + (faulted ? ": " + p.lastError : std::string(".")),
            HealthSentence::Projection,
            { p.name, p.stateText(), std::to_string(p.totalLagEvents()), wholeSeconds(p.totalLagSeconds()),
                std::to_string(p.heldBack.eventsWaiting), faulted ? p.lastError : std::string() });
        report.add("dead-letters:" + p.name, p.deadLetters <= thresholds.maxDeadLetters,
            std::to_string(p.deadLetters) + " dead letters for " + p.name + ".", HealthSentence::DeadLetters,
            { std::to_string(p.deadLetters), p.name });
    }
    // Always present, so that a monitor keyed on the check's name sees it pass as well as fail.
    const auto& held = metrics.heldBack;
    if (unreadable.heldBack) {
        // left out: the rights check says why
    } else if (!held.held()) {
        report.add(
            "held-back", true, "No committed event waits behind an open transaction.", HealthSentence::NothingHeldBack);
    } else {
        const bool brief = held.secondsWaiting <= thresholds.maxHeldBackSeconds;
        report.add("held-back", brief,
            std::to_string(held.eventsWaiting) + " committed events have waited " + wholeSeconds(held.secondsWaiting)
                + " s (limit " + wholeSeconds(thresholds.maxHeldBackSeconds) + " s). " + held.cause,
            HealthSentence::HeldBack,
            { std::to_string(held.eventsWaiting), wholeSeconds(held.secondsWaiting),
                wholeSeconds(thresholds.maxHeldBackSeconds), held.cause });
    }
    // On a standby only: how far it is behind (a primary has nothing to replay).
    if (metrics.server && metrics.server->standby) {
        const auto& server = *metrics.server;
        const std::string paused
            = server.replayPaused ? std::string(" Replay is paused: ") + ResumeReplayStatement + " resumes it." : "";
        const std::string pausedFigure = server.replayPaused ? "1" : "0";
        if (!server.receiving) {
            report.add("replication", false,
                "This is a standby that receives nothing from its primary (no WAL receiver is streaming)"
                    + (server.replayDelaySeconds ? "; its last replayed transaction committed "
                                + wholeSeconds(*server.replayDelaySeconds) + " s ago"
                                                 : std::string())
                    + ": what it shows stays that old. Check primary_conninfo, the primary and the network "
                      "(pg_stat_wal_receiver, the standby's log)."
                    + paused,
                HealthSentence::StandbyNotReceiving,
                { server.replayDelaySeconds ? wholeSeconds(*server.replayDelaySeconds) : std::string(), pausedFigure });
        } else if (server.replayDelaySeconds) {
            const double delay = *server.replayDelaySeconds;
            const bool current = delay <= thresholds.maxReplayDelaySeconds;
            report.add("replication", current,
                "This is a standby, replaying " + wholeSeconds(delay) + " s behind the primary (limit "
                    + wholeSeconds(thresholds.maxReplayDelaySeconds) + " s)"
                    + (current ? "." : ": what it shows is that old; check its replication (pg_stat_wal_receiver).")
                    + paused,
                HealthSentence::StandbyReplaying,
                { wholeSeconds(delay), wholeSeconds(thresholds.maxReplayDelaySeconds), pausedFigure });
        } else {
            report.add("replication", true,
                "This is a standby that has replayed no transaction since it started"
                    + (server.replayLagBytes && *server.replayLagBytes > 0
                            ? " (" + std::to_string(*server.replayLagBytes) + " bytes received, not yet replayed)"
                            : std::string())
                    + "; its delay is not known yet." + paused,
                HealthSentence::StandbyNothingReplayed,
                { server.replayLagBytes && *server.replayLagBytes > 0 ? std::to_string(*server.replayLagBytes)
                                                                      : std::string(),
                    pausedFigure });
        }
    }
    return report;
}

HealthReport checkHealth(pqxx::connection& connection, const HealthThresholds& thresholds,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns)
{
    HealthReport report;
    // The check a failure is reported as: the step under way, so that no name comes twice.
    std::string step = "database";
    try {
        const auto server = store::serverRoleOf(connection);
        report.add("database", true, "The database answers (" + server.describe() + ").",
            HealthSentence::DatabaseAnswers, { server.standby ? "1" : "0" });
        step = "schema";
        const auto schema = store::schemaStatus(connection);
        const bool current = schema.state == store::SchemaStatus::State::Current;
        if (current)
            report.add("schema", true, schema.describe(), HealthSentence::SchemaCurrent,
                { std::to_string(schema.appliedVersion) });
        else
            report.add("schema", false, schema.describe());
        if (!current)
            return report;
        step = "figures";
        for (auto& check : assessHealth(collectHealthFigures(connection, builtIns), thresholds).checks) {
            report.healthy = report.healthy && check.ok;
            report.checks.push_back(std::move(check));
        }
    } catch (const std::exception& error) {
        if (store::classifyError(error) == store::ErrorKind::MissingRights)
            addRightsCheck(report, connection.username(), store::refusedRelation(error), { step });
        else
            report.add(step, false, store::describeError(error));
    }
    return report;
}

HealthReport unreachableReport(const std::string& reason)
{
    HealthReport report;
    report.add("database", false, reason);
    return report;
}

} // namespace acci::monitoring

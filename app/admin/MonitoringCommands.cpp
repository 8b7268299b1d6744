// health and metrics: the guide's health checks and metrics, for scripts and scrapers.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Output.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/monitoring/Metrics.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/InFlight.hpp"

namespace acci::admin {

int runHealth(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("health");
    const Arguments args(words, spec);
    args.requirePositionalCount(0);
    const std::string format = chooseFormat(args, spec, context);
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
    if (format != "table") {
        context.out << report.toJson().dump() << '\n';
    } else {
        for (const auto& check : report.checks)
            context.out << (check.ok ? "ok    " : "FAIL  ") << check.name << ": " << check.detail << '\n';
        context.out << (report.healthy ? "healthy" : "unhealthy") << '\n';
    }
    return report.healthy ? 0 : 1;
}

namespace {

    // One sample of the Prometheus text ("name{label=\"value\",...} value") as a record; the
    // text is the one place that says how each metric is named and labelled.
    std::optional<nlohmann::ordered_json> parseSample(const std::string& line)
    {
        if (line.empty() || line[0] == '#')
            return std::nullopt;
        std::size_t at = 0;
        while (at < line.size() && line[at] != '{' && line[at] != ' ')
            ++at;
        nlohmann::ordered_json sample = { { "metric", line.substr(0, at) } };
        nlohmann::ordered_json labels = nlohmann::ordered_json::object();
        if (at < line.size() && line[at] == '{') {
            ++at;
            while (at < line.size() && line[at] != '}') {
                const auto equals = line.find('=', at);
                if (equals == std::string::npos || equals + 1 >= line.size() || line[equals + 1] != '"')
                    return std::nullopt;
                const std::string name = line.substr(at, equals - at);
                std::string value;
                at = equals + 2;
                for (; at < line.size() && line[at] != '"'; ++at) {
                    if (line[at] == '\\' && at + 1 < line.size()) {
                        ++at;
                        value += line[at] == 'n' ? '\n' : line[at];
                    } else {
                        value += line[at];
                    }
                }
                labels[name] = value;
                ++at; // the closing quote
                if (at < line.size() && line[at] == ',')
                    ++at;
            }
            ++at; // the closing brace
        }
        sample["labels"] = labels;
        const std::string text = line.substr(std::min(line.size(), at + 1));
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        if (end != text.c_str() && *end == '\0' && std::isfinite(number))
            sample["value"] = text.find_first_of(".eE") == std::string::npos && std::fabs(number) < 9e15
                ? nlohmann::ordered_json(static_cast<std::int64_t>(number))
                : nlohmann::ordered_json(number);
        else
            sample["value"] = text; // +Inf, NaN
        return sample;
    }

} // namespace

int runMetrics(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("metrics");
    const Arguments args(words, spec);
    args.requirePositionalCount(0);
    const std::string format = chooseFormat(args, spec, context);
    auto connection = context.connectToStore();
    const auto metrics = monitoring::collectMetrics(*connection, projections::builtInProjections());
    if (const auto& unreadable = metrics.unreadable; unreadable.any()) {
        std::string leftOut;
        for (const auto& [unread, what] : { std::pair { unreadable.newestEvent, "the event counts and age" },
                 { unreadable.projections, "the projections' lag and dead letters" },
                 { unreadable.heldBack, "the held-back events" }, { unreadable.snapshots, "the snapshot sizes" } })
            if (unread)
                leftOut += (leftOut.empty() ? "" : ", ") + std::string(what);
        std::string relations;
        for (const auto& relation : unreadable.relations)
            relations += (relations.empty() ? "" : ", ") + relation;
        context.err << "acci-admin: note: role '" << unreadable.role << "' may not read " << relations
                    << ", so these metrics are left out: " << leftOut << ". Have the store's owner run 'acci-admin "
                    << "grant reader " << unreadable.role << "' (README, \"Roles\") to export them all.\n";
    }
    const std::string text = monitoring::toPrometheus(metrics);
    if (format == "prometheus") {
        context.out << text;
        return 0;
    }
    RecordWriter writer(context.out, format,
        { { "metric", "metric", 48 }, { "labels", "labels_text", 60 }, { "value", "value", 24, true } },
        terminalColumns());
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        auto sample = parseSample(line);
        if (!sample)
            continue;
        if (format == "table") {
            std::string labelText;
            for (const auto& [name, value] : (*sample)["labels"].items())
                labelText += (labelText.empty() ? "" : " ") + name + "=" + value.get<std::string>();
            (*sample)["labels_text"] = labelText;
        }
        writer.add(*sample);
    }
    writer.finish();
    return 0;
}

int runInFlight(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("in-flight");
    const Arguments args(words, spec);
    args.requirePositionalCount(0);
    const std::string format = chooseFormat(args, spec, context);
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
    if (format == "json") {
        auto json = report.toJson();
        if (report.standby)
            json["primary"] = onPrimary ? onPrimary->toJson() : nlohmann::json(nullptr);
        context.out << json.dump() << '\n';
        return 0;
    }
    if (format == "ndjson") {
        for (const auto& t : (onPrimary ? *onPrimary : report).transactions)
            context.out << t.toJson().dump() << '\n';
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

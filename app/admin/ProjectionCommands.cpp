// projections list|rebuild|verify|reset|run and dead-letters list|retry|skip.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Interrupt.hpp"
#include "Output.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionDaemon.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/ProjectionVerify.hpp"
#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/InFlight.hpp"
#include "acci/util/Time.hpp"

namespace acci::admin {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

    std::shared_ptr<projections::Projection> builtIn(const std::string& name)
    {
        auto projection = projections::findProjection(projections::builtInProjections(), name);
        if (!projection)
            throw store::InvalidInputError("'" + name
                + "' is not a projection this program runs (built in: user_view); an external projection is "
                  "replayed by resetting its checkpoint, and kept and checked by its own program.");
        return projection;
    }

    projections::EngineOptions engineOptions(const Arguments& args)
    {
        projections::EngineOptions options;
        options.batchSize = static_cast<int>(args.integer("batch-size", 1, 100000).value_or(1000));
        options.retries = static_cast<int>(args.integer("retries", 1, 100).value_or(3));
        if (const auto policy = args.value("on-failure")) {
            if (*policy == "park")
                options.policy = projections::FailurePolicy::ParkAndContinue;
            else if (*policy == "stop")
                options.policy = projections::FailurePolicy::Stop;
            else
                throw UsageError("--on-failure takes 'park' or 'stop'.");
        }
        return options;
    }

    int list(Context& context, const Arguments& args)
    {
        args.requirePositionalCount(1);
        const std::string format = chooseFormat(args, command("projections list"), context);
        auto connection = context.connectToStore();
        const auto all = projections::listProjections(*connection, projections::builtInProjections());
        if (format == "names") {
            for (const auto& p : all)
                context.out << p.name << '\n';
            return 0;
        }
        RecordWriter writer(context.out, format,
            { { "name", "name", 32 }, { "kind", "kind", 10 }, { "status", "status", 12 },
                { "checkpoint", "checkpoint", 24 }, { "head", "head", 24 }, { "lag", "lag_events", 12, true },
                { "lag s", "lag_seconds", 12, true, 1 }, { "dead letters", "dead_letters", 12, true },
                { "last error", "last_error", 60 } },
            terminalColumns());
        for (const auto& p : all) {
            ordered_json line = { { "name", p.name }, { "kind", p.builtIn ? "built-in" : "external" },
                { "status", p.stateText() }, { "checkpoint", p.checkpoint.toString() },
                { "head", p.head ? json(p.head->toString()) : json() }, { "lag_events", p.totalLagEvents() },
                { "lag_estimated", p.lagEstimated }, { "lag_seconds", p.totalLagSeconds() },
                { "held_back_events", p.heldBack.eventsWaiting }, { "held_back_seconds", p.heldBack.secondsWaiting },
                { "held_back_by", p.heldBack.held() ? json(p.heldBack.cause) : json() },
                { "dead_letters", p.deadLetters }, { "events_processed", p.eventsProcessed } };
            line["last_error"] = p.lastError.empty() ? json() : json(p.lastError);
            if (p.lastRebuild) {
                line["last_rebuild"]
                    = ordered_json { { "outcome", p.lastRebuild->outcome }, { "by", p.lastRebuild->dbUser },
                          { "os_user", p.lastRebuild->osUser.empty() ? json() : json(p.lastRebuild->osUser) },
                          { "started", util::formatTimestampUs(p.lastRebuild->startedAtUs) },
                          { "finished",
                              p.lastRebuild->finishedAtUs ? json(util::formatTimestampUs(*p.lastRebuild->finishedAtUs))
                                                          : json() } };
            } else {
                line["last_rebuild"] = nullptr;
            }
            writer.add(line);
        }
        writer.finish();
        return 0;
    }

    int rebuild(Context& context, const Arguments& args)
    {
        args.requirePositionalCount(2);
        const auto projection = builtIn(args.positional(1, "projection name"));
        auto connection = context.connectForWrites();
        projections::RebuildOptions options;
        options.engine = engineOptions(args);
        util::CancelToken cancel;
        InterruptScope interrupt(cancel);
        const auto report = projections::rebuildProjection(
            *connection, projection, options,
            [&](const projections::RebuildProgress& p) {
                char line[200];
                std::snprintf(line, sizeof line, "%-12s %lld / %lld events  %.0f ev/s  ETA %.1f s\n",
                    projections::toString(p.phase).c_str(), static_cast<long long>(p.processed),
                    static_cast<long long>(p.total), p.eventsPerSecond, p.etaSeconds);
                context.err << line << std::flush;
            },
            &cancel);
        const char* outcome = report.outcome == projections::RebuildReport::Outcome::Completed ? "completed"
            : report.outcome == projections::RebuildReport::Outcome::Cancelled                 ? "cancelled"
                                                                                               : "failed";
        ordered_json summary = { { "projection", projection->name() }, { "outcome", outcome },
            { "processed", report.processed }, { "rows", report.rows }, { "inserted", report.inserted },
            { "updated", report.updated }, { "deleted", report.deleted }, { "caught_up", report.caughtUp },
            { "parked", report.parked }, { "seconds", report.seconds } };
        if (!report.error.empty())
            summary["error"] = report.error;
        context.out << summary.dump() << '\n';
        if (report.outcome == projections::RebuildReport::Outcome::Failed)
            throw store::StoreError(
                "The rebuild of " + projection->name() + " failed and left the live table as it was: " + report.error);
        return report.outcome == projections::RebuildReport::Outcome::Completed ? 0 : 1;
    }

    // Best effort: a verification changes nothing, so a reader role or a lone standby may run
    // it; the audit row is written where the role may write it, and the report says whether.
    bool auditVerification(
        const Context& context, const std::string& projection, const projections::VerifyReport& report)
    {
        try {
            auto connection = context.connectForWrites();
            pqxx::work tx(*connection);
            store::writeAudit(tx,
                { "verify", projection, projections::toString(report.outcome),
                    { { "missing", report.missing }, { "extra", report.extra }, { "different", report.different },
                        { "events", report.eventsReplayed }, { "checkpoint", report.checkpoint.toString() } } });
            tx.commit();
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }

    void printVerification(std::ostream& out, const std::string& projection, const projections::VerifyReport& report)
    {
        using Kind = projections::RowDifference::Kind;
        out << projection << ' '
            << (report.outcome == projections::VerifyReport::Outcome::Agrees ? "agrees with" : "differs from")
            << " its events at its checkpoint " << report.checkpoint.toString() << ": " << report.rowsInTable
            << " rows in the table, " << report.rowsReplayed << " from " << report.eventsReplayed << " events ("
            << report.seconds << " s).\n";
        for (const auto& difference : report.differences) {
            char kind[16];
            std::snprintf(kind, sizeof kind, "%-10s", projections::toString(difference.kind).c_str());
            out << "  " << kind << difference.key;
            if (difference.kind == Kind::Extra)
                out << "  (in the table; no event produces it)";
            else if (difference.kind == Kind::Missing)
                out << "  (the events give it; the table lacks it)";
            for (const auto& column : difference.columns)
                out << "  " << column.column << ": " << column.stored << " stored, " << column.replayed
                    << " from the events;";
            if (!difference.aggregateId.empty())
                out << "  last changed by " << difference.aggregateId << " v" << difference.version;
            out << '\n';
        }
        if (report.listTruncated)
            out << "  (the first " << report.differences.size() << " are listed)\n";
        for (const auto& sample : report.replayErrorSamples)
            out << "  not foldable: " << sample << '\n';
        if (report.outcome != projections::VerifyReport::Outcome::Differs)
            return;
        const auto differences = report.missing + report.extra + report.different;
        out << differences << (differences == 1 ? " difference: " : " differences: ") << report.missing << " missing, "
            << report.extra << " extra, " << report.different << " different";
        if (report.replayErrors > 0)
            out << "; " << report.replayErrors << (report.replayErrors == 1 ? " event" : " events") << " not foldable";
        if (!report.advice.empty())
            out << ". " << report.advice << '\n';
        else
            out << ". 'acci-admin projections rebuild " << projection << "' makes the table agree.\n";
    }

    int verify(Context& context, const Arguments& args)
    {
        args.requirePositionalCount(2);
        const std::string format = chooseFormat(args, command("projections verify"), context);
        const auto projection = builtIn(args.positional(1, "projection name"));
        context.connectToStore(); // a store with a current schema, or the one sentence that says why not
        util::CancelToken cancel;
        InterruptScope interrupt(cancel);
        const auto report = projections::verifyProjection(
            context.conninfo, *projection, {},
            [&](const projections::VerifyProgress& p) {
                char line[200];
                std::snprintf(line, sizeof line, "verifying    %lld / %lld events  %.0f ev/s  ETA %.1f s\n",
                    static_cast<long long>(p.processed), static_cast<long long>(p.total), p.eventsPerSecond,
                    p.etaSeconds);
                context.err << line << std::flush;
            },
            &cancel);
        if (report.outcome == projections::VerifyReport::Outcome::Failed)
            throw store::StoreError("The verification of " + projection->name() + " failed: " + report.error);
        const bool audited = auditVerification(context, projection->name(), report);
        if (format == "json") {
            auto out = projections::toJson(projection->name(), report);
            out["audited"] = audited;
            context.out << out.dump() << '\n';
        } else if (report.outcome == projections::VerifyReport::Outcome::Cancelled) {
            context.err << "Verification cancelled; nothing was changed.\n";
        } else {
            printVerification(context.out, projection->name(), report);
        }
        return report.outcome == projections::VerifyReport::Outcome::Agrees ? 0 : 1;
    }

    int reset(Context& context, const Arguments& args)
    {
        args.requirePositionalCount(2);
        const std::string name = args.positional(1, "projection name");
        std::optional<store::LogPosition> to;
        if (const auto text = args.value("to")) {
            to = store::LogPosition::parse(*text);
            if (!to)
                throw UsageError("--to needs a position TX:POS, such as one printed by 'acci-admin log'.");
        }
        auto connection = context.connectForWrites();
        projections::resetProjection(*connection, name, to);
        context.err << "Checkpoint of " << name << " set to " << to.value_or(store::LogPosition {}).toString() << ".\n";
        return 0;
    }

    // Waits in short steps, so that Ctrl-C or SIGTERM ends the wait at once; false when cancelled.
    bool pause(std::chrono::milliseconds delay, const util::CancelToken& cancel)
    {
        const auto until = std::chrono::steady_clock::now() + delay;
        while (!cancel.cancelled() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return !cancel.cancelled();
    }

    // A new connection after one was lost, tried after 1 s and then at doubling intervals up to
    // 30 s. Only a server that does not answer is waited out: one that answers and refuses the
    // login, or lacks the schema, ends the runner with its sentence. Null when cancelled.
    std::unique_ptr<pqxx::connection> reconnect(const Context& context, const util::CancelToken& cancel)
    {
        std::chrono::milliseconds delay = std::chrono::seconds(1);
        for (;;) {
            if (!pause(delay, cancel))
                return nullptr;
            try {
                return context.connectForWrites();
            } catch (const store::ServerUnreachableError&) {
            } catch (const std::exception& error) {
                if (!store::connectionIsLost(error))
                    throw;
            }
            delay = std::min<std::chrono::milliseconds>(delay * 2, std::chrono::seconds(30));
        }
    }

    int run(Context& context, const Arguments& args)
    {
        args.requirePositionalCount(1);
        projections::DaemonOptions options;
        options.engine = engineOptions(args);
        options.fallbackSeconds = static_cast<int>(args.integer("interval", 1, 3600).value_or(5));
        auto connection = context.connectForWrites();
        const auto log = [&](const std::string& line) {
            context.err << util::formatTimestampUs(util::nowUs()) << ' ' << line << '\n' << std::flush;
        };
        util::CancelToken cancel;
        InterruptScope interrupt(cancel);
        if (args.flag("once")) {
            projections::ProjectionDaemon daemon(*connection, projections::builtInProjections(), options);
            int faulted = 0;
            const auto applied = daemon.catchUpAll(&cancel, log, &faulted);
            context.err << "Caught up: " << applied << " events applied.\n";
            // "Caught up" is up to the readable head: say when committed events wait beyond it.
            pqxx::nontransaction query(*connection);
            if (const auto held = store::heldBack(query); held.held())
                context.err << held.eventsWaiting
                            << " committed events are held back behind an open transaction and could not be applied "
                               "yet. "
                            << held.cause << '\n';
            // A script (cron) must see that a projection did not get past a failing event.
            return faulted > 0 ? 1 : 0;
        }
        log("catching up; waiting for new events (Ctrl-C stops)");
        // Unattended, a server that restarts or a network that drops must not end the runner:
        // it waits for the server and goes on from the checkpoints, which hold only what was
        // committed, so nothing is applied twice or skipped.
        for (;;) {
            try {
                projections::ProjectionDaemon daemon(*connection, projections::builtInProjections(), options);
                daemon.run(cancel, log);
                break;
            } catch (const std::exception& error) {
                if (!store::connectionIsLost(error))
                    throw;
                if (cancel.cancelled())
                    break;
                log("lost the connection to the database server (" + store::errorDetail(error)
                    + "); reconnecting after 1 s, then at most every 30 s, until it answers (Ctrl-C stops)");
            }
            connection.reset();
            connection = reconnect(context, cancel);
            if (!connection)
                break;
            log("connected again; catching up from the checkpoints");
        }
        log("stopped");
        return 0;
    }

} // namespace

int runProjections(Context& context, const std::vector<std::string>& words)
{
    if (words.empty())
        throw UsageError("Missing action: list, rebuild NAME, verify NAME, reset NAME or run.");
    const std::string& action = words.front();
    const CommandHelp* spec = findCommand("projections " + action);
    if (!spec)
        throw UsageError("Unknown projections action '" + action + "'; use list, rebuild, verify, reset or run.");
    // Each action takes the options of its own entry (the words keep the action as the first
    // positional word).
    const Arguments args(words, *spec);
    if (action == "list")
        return list(context, args);
    if (action == "rebuild")
        return rebuild(context, args);
    if (action == "verify")
        return verify(context, args);
    if (action == "reset")
        return reset(context, args);
    if (action == "run")
        return run(context, args);
    throw UsageError("Unknown projections action '" + action + "'; use list, rebuild, verify, reset or run.");
}

int runDeadLetters(Context& context, const std::vector<std::string>& words)
{
    if (words.empty())
        throw UsageError("Missing action: list, retry ID or skip ID.");
    const std::string& action = words.front();
    const CommandHelp* spec = findCommand("dead-letters " + action);
    if (!spec)
        throw UsageError("Unknown dead-letters action '" + action + "'; use list, retry ID or skip ID.");
    const Arguments args(words, *spec);
    if (action == "list") {
        args.requirePositionalCount(1);
        RecordWriter writer(context.out, chooseFormat(args, *spec, context),
            { { "id", "id", 12, true }, { "projection", "projection", 24 }, { "position", "position", 24 },
                { "type", "event_type", 32 }, { "aggregate", "aggregate_id", 36 }, { "attempts", "attempts", 8, true },
                { "blocking", "blocking", 8 }, { "parked", "parked_at", 32 }, { "error", "error", 60 } },
            terminalColumns());
        auto connection = context.connectToStore();
        for (const auto& letter : projections::listDeadLetters(*connection, args.value("projection"))) {
            writer.add(ordered_json { { "id", letter.id }, { "projection", letter.projection },
                { "event_id", letter.eventId }, { "event_type", letter.eventType },
                { "aggregate_id", letter.aggregateId }, { "position", letter.position.toString() },
                { "attempts", letter.attempts }, { "blocking", letter.blocking },
                { "parked_at", util::formatTimestampUs(letter.parkedAtUs) }, { "error", letter.error } });
        }
        writer.finish();
        return 0;
    }
    args.requirePositionalCount(2);
    const std::string idText = args.positional(1, "dead letter id");
    std::int64_t id = 0;
    try {
        std::size_t used = 0;
        id = std::stoll(idText, &used);
        if (used != idText.size())
            throw std::invalid_argument(idText);
    } catch (const std::exception&) {
        throw UsageError("The dead letter id must be a number, as printed by 'acci-admin dead-letters list'.");
    }
    auto connection = context.connectForWrites();
    if (action == "retry") {
        projections::retryDeadLetter(*connection, projections::builtInProjections(), id);
        context.err << "Dead letter " << id << " applied.\n";
    } else {
        projections::skipDeadLetter(*connection, id);
        context.err << "Dead letter " << id << " skipped.\n";
    }
    return 0;
}

} // namespace acci::admin

// The event store commands: migrate, append, stream, log, aggregates, types, stats, snapshot.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Output.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/LogExport.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/store/NdjsonEvents.hpp"
#include "acci/store/Replication.hpp"
#include "acci/store/Roles.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/store/StreamExport.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/util/Time.hpp"

namespace acci::admin {

using nlohmann::json;

std::unique_ptr<pqxx::connection> Context::connectRaw() const
{
    return store::connect(conninfo, "acci-admin");
}

std::unique_ptr<pqxx::connection> Context::connectToStore() const
{
    auto connection = connectRaw();
    store::requireCurrentSchema(*connection);
    // Said before the answers, which are of the rows this role sees (a count, a fold, a check
    // that would otherwise blame the store for what the policy hides).
    if (const auto note = store::rowSecurityNote(*connection); !note.empty())
        err << "acci-admin: note: " << note << '\n';
    return connection;
}

std::unique_ptr<pqxx::connection> Context::connectRawForWrites() const
{
    return store::connectToPrimary(conninfo, primary, "acci-admin");
}

std::unique_ptr<pqxx::connection> Context::connectForWrites() const
{
    auto connection = connectRawForWrites();
    store::requireCurrentSchema(*connection);
    return connection;
}

namespace {

    // One stderr line per step, and for the long steps at most one a second: done, rate, time left.
    class MigrateProgressPrinter {
    public:
        explicit MigrateProgressPrinter(std::ostream& err)
            : m_err(err)
        {
        }

        void operator()(const store::MigrationProgress& progress)
        {
            const auto now = std::chrono::steady_clock::now();
            const bool newStep = progress.step != m_step || progress.detail != m_detail;
            const bool finished = progress.total > 0 && progress.done >= progress.total;
            if (!newStep && (finished ? progress.done == m_done : now - m_printed < std::chrono::seconds(1)))
                return;
            m_done = progress.done;
            m_step = progress.step;
            m_detail = progress.detail;
            m_printed = now;
            if (progress.step == store::UpgradeStep::Done)
                return; // the applied migrations follow
            std::string line = store::describeStep(progress.step);
            line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
            if (!progress.detail.empty())
                line += " (" + progress.detail + ")";
            if (progress.total > 0 || progress.done > 0) {
                line += ": " + std::to_string(progress.done);
                if (progress.total > 0)
                    line += " of " + std::to_string(progress.total) + " ("
                        + std::to_string(progress.done * 100 / progress.total) + "%)";
                if (progress.ratePerSecond > 0)
                    line += ", " + std::to_string(std::llround(progress.ratePerSecond)) + "/s";
                if (progress.etaSeconds >= 0 && !finished)
                    line += ", about " + std::to_string(std::llround(std::ceil(progress.etaSeconds))) + " s left";
            }
            m_err << line << '\n' << std::flush;
        }

    private:
        std::ostream& m_err;
        store::UpgradeStep m_step = store::UpgradeStep::Done;
        std::string m_detail;
        long long m_done = -1;
        std::chrono::steady_clock::time_point m_printed;
    };

} // namespace

int runMigrate(Context& context, const std::vector<std::string>& words)
{
    Arguments args(words, command("migrate"));
    args.requirePositionalCount(0);
    store::MigrateOptions options;
    options.audit = true;
    options.batchSize = static_cast<int>(args.integer("batch-size", 1, 1'000'000).value_or(options.batchSize));
    auto printer = std::make_shared<MigrateProgressPrinter>(context.err);
    options.progress = [printer](const store::MigrationProgress& progress) { (*printer)(progress); };
    auto connection = context.connectRawForWrites();
    const auto before = store::schemaStatus(*connection);
    if (before.state == store::SchemaStatus::State::Newer)
        throw store::SchemaError(before.describe());
    const auto applied = store::migrate(*connection, options);
    if (applied.empty())
        context.err << "Schema already up to date (version " << before.appliedVersion << ").\n";
    for (const auto& name : applied)
        context.err << "Applied " << name << '\n';
    return 0;
}

int runAppend(Context& context, const std::vector<std::string>& words)
{
    Arguments args(words, command("append"));
    args.requirePositionalCount(0);
    const auto aggregateId = args.value("aggregate");
    const auto aggregateType = args.value("type");
    if (!aggregateId || !aggregateType)
        throw UsageError("append needs --aggregate ID and --type T.");
    const int expected = static_cast<int>(
        args.integer("expected-version", 0, std::numeric_limits<int>::max()).value_or(store::ExpectedVersion::Any));

    // Every line is checked before the store is touched: bad input appends nothing.
    auto events = store::readNewEventsNdjson(context.in);

    auto connection = context.connectForWrites();
    store::EventStore eventStore(*connection);
    const auto result = eventStore.append(*aggregateId, *aggregateType, expected, std::move(events));
    json positions = json::array();
    for (const auto& position : result.positions)
        positions.push_back(position.toString());
    context.out << json {
        { "aggregate_id", *aggregateId }, { "first_version", result.firstVersion },
        { "last_version", result.lastVersion }, { "positions", positions }, { "already_stored", result.alreadyStored }
    }.dump() << '\n';
    return 0;
}

namespace {

    // The columns of an event in a table: the log's order, and a stream's (versions first).
    std::vector<Column> logColumns()
    {
        return { { "position", "position", 24 }, { "timestamp", "timestamp", 32 }, { "aggregate", "aggregate_id", 36 },
            { "version", "version", 10, true }, { "type", "event_type", 32 }, { "data", "data", 60 } };
    }
    std::vector<Column> streamColumns()
    {
        return { { "version", "version", 10, true }, { "type", "event_type", 32 }, { "timestamp", "timestamp", 32 },
            { "position", "position", 24 }, { "data", "data", 60 } };
    }

    // An export written as it always was (NDJSON, straight to stdout), or through a
    // RecordWriter for table and json.
    template <typename Export>
    void exportAs(Context& context, const std::string& format, std::vector<Column> columns, Export&& run)
    {
        if (format == "ndjson") {
            run(context.out);
            return;
        }
        RecordWriter writer(context.out, format, std::move(columns), terminalColumns());
        RecordLineStream lines(writer);
        run(lines);
        lines.flush();
        writer.finish();
    }

    // An export to a full disk or a closed pipe must not end with status 0.
    int finishExport(Context& context)
    {
        context.out.flush();
        if (context.out)
            return 0;
        context.err << "acci-admin: the output could not be written (disk full, or the reader went away); "
                       "the export is incomplete.\n";
        return 1;
    }

} // namespace

int runStream(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("stream");
    Arguments args(words, spec);
    args.requirePositionalCount(1);
    const std::string aggregateId = args.positional(0, "aggregate id (acci-admin stream ID)");
    store::StreamExportOptions options;
    options.fromVersion
        = static_cast<int>(args.integer("from-version", 1, std::numeric_limits<int>::max()).value_or(1));
    options.limit = args.integer("limit", 0, std::numeric_limits<int>::max());
    const std::string format = chooseFormat(args, spec, context);

    auto connection = context.connectToStore();
    exportAs(context, format, streamColumns(),
        [&](std::ostream& out) { store::exportStream(*connection, aggregateId, out, options); });
    return finishExport(context);
}

int runLog(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("log");
    Arguments args(words, spec);
    args.requirePositionalCount(0);
    store::LogPosition after;
    if (const auto text = args.value("after")) {
        const auto parsed = store::LogPosition::parse(*text);
        if (!parsed)
            throw UsageError(
                "--after needs a position TX:POS as printed in the 'position' field, not '" + *text + "'.");
        after = *parsed;
    }
    constexpr long long defaultLimit = 100; // a look at the log; exports say --all
    const auto givenLimit = args.integer("limit", 0, std::numeric_limits<long long>::max());
    if (givenLimit && args.flag("all"))
        throw UsageError("--all and --limit contradict each other; give one.");
    const long long limit
        = args.flag("all") ? std::numeric_limits<long long>::max() : givenLimit.value_or(defaultLimit);
    store::LogFilter filter;
    filter.eventTypes = args.values("type");
    filter.aggregateType = args.value("aggregate-type");
    filter.aggregateId = args.value("aggregate");
    filter.tenantId = args.value("tenant");
    filter.correlationId = args.value("correlation");
    filter.userId = args.value("user");
    filter.since = args.value("since");
    filter.until = args.value("until");
    if (const auto contains = args.value("data-contains")) {
        store::requireJsonWithinLimits(*contains); // before the recursive parser sees it
        if (!json::accept(*contains))
            throw UsageError("--data-contains needs JSON, such as '{\"sku\":\"SKU-DOCK\"}'.");
        filter.dataContains = *contains; // as given: PostgreSQL reads its numbers exactly
    }

    const std::string format = chooseFormat(args, spec, context);

    auto connection = context.connectToStore();
    long long printed = 0;
    exportAs(context, format, logColumns(), [&](std::ostream& out) {
        printed = store::exportLog(*connection, out, { after, limit, filter });
    });
    // `acci-admin log > dump.ndjson` without --all must not pass for a whole export.
    if (!givenLimit && !args.flag("all") && printed == defaultLimit)
        context.err << "acci-admin: printed the first " << defaultLimit
                    << " events (the default limit); --all prints the whole log, --limit N that many.\n";
    return finishExport(context);
}

int runAggregates(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("aggregates");
    Arguments args(words, spec);
    args.requirePositionalCount(0);
    store::AggregateQuery query;
    query.aggregateType = args.value("type");
    query.search = args.value("search").value_or("");
    query.tenantId = args.value("tenant");
    const std::string sort = args.value("sort").value_or("id");
    if (sort != "id" && sort != "changed")
        throw UsageError("--sort takes 'id' or 'changed'.");
    query.sort = sort == "id" ? store::AggregateSort::ById : store::AggregateSort::ByLastChange;
    long long remaining = args.integer("limit", 0, std::numeric_limits<long long>::max()).value_or(1000);
    RecordWriter writer(context.out, chooseFormat(args, spec, context),
        { { "aggregate", "aggregate_id", 48 }, { "type", "aggregate_type", 24 }, { "version", "version", 10, true },
            { "updated", "updated_at", 32 }, { "created", "created_at", 32 } },
        terminalColumns());

    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    while (remaining > 0) {
        query.limit = static_cast<int>(std::min<long long>(1000, remaining));
        const auto page = eventStore.listAggregates(query);
        for (const auto& aggregate : page) {
            // json, not ordered_json: the fields in the (sorted) order scripts have always seen.
            writer.add(json { { "aggregate_id", aggregate.aggregateId }, { "aggregate_type", aggregate.aggregateType },
                { "version", aggregate.version }, { "created_at", util::formatTimestampUs(aggregate.createdAtUs) },
                { "updated_at", util::formatTimestampUs(aggregate.updatedAtUs) } });
        }
        remaining -= static_cast<long long>(page.size());
        if (static_cast<int>(page.size()) < query.limit)
            break;
        query.after = store::AggregateKey { page.back().aggregateId, page.back().updatedAtUs };
    }
    writer.finish();
    return 0;
}

int runTypes(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("types");
    Arguments args(words, spec);
    args.requirePositionalCount(0);
    RecordWriter writer(context.out, chooseFormat(args, spec, context),
        { { "type", "aggregate_type", 48 }, { "aggregates", "aggregates", 12, true } }, terminalColumns());
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    for (const auto& type : eventStore.aggregateTypes(args.value("tenant")))
        writer.add({ { "aggregate_type", type.aggregateType }, { "aggregates", type.count } });
    writer.finish();
    return 0;
}

int runStats(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("stats");
    Arguments args(words, spec);
    args.requirePositionalCount(0);
    const std::string format = chooseFormat(args, spec, context);
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    const auto stats = eventStore.statistics();
    json out = { { "events", stats.eventCount }, { "aggregates", stats.aggregateCount } };
    out["head"] = stats.head ? json(stats.head->toString()) : json();
    out["newest_event"] = stats.newestEventUs ? json(util::formatTimestampUs(*stats.newestEventUs)) : json();
    const auto server = store::serverRoleOf(*connection);
    out["server"] = server.standby ? "standby" : "primary";
    out["replay_delay_seconds"] = server.replayDelaySeconds ? json(*server.replayDelaySeconds) : json();
    printObject(context.out, format, out);
    return 0;
}

int runSnapshot(Context& context, const std::vector<std::string>& words)
{
    if (!words.empty() && words[0] == "verify"
        && std::find(words.begin() + 1, words.end(), std::string("--all")) != words.end())
        return verifyAllSnapshots(context, std::vector<std::string>(words.begin() + 1, words.end()));
    if (words.size() >= 2 && words[0] == "verify")
        return verifySnapshot(context, words[1], std::vector<std::string>(words.begin() + 2, words.end()));
    const std::string action = words.empty() ? std::string() : words.front();
    if (action != "save" && action != "show")
        throw UsageError(action.empty() ? "Missing action (save, show or verify)."
                                        : "snapshot takes 'save ID', 'show ID' or 'verify ID'.");
    const auto& spec = command("snapshot " + action);
    Arguments args(std::vector<std::string>(words.begin() + 1, words.end()), spec);
    args.requirePositionalCount(1);
    const std::string aggregateId = args.positional(0, "aggregate id");
    const std::string format = chooseFormat(args, spec, context);
    // save folds and writes on the primary; show reads where it is pointed (a standby too).
    auto connection = action == "save" ? context.connectForWrites() : context.connectToStore();
    store::EventStore eventStore(*connection);
    if (action == "save") {
        const auto folded = timetravel::foldCurrentState(eventStore, aggregateId, reducerRules(args));
        if (!folded.exact)
            throw store::InvalidInputError("The state of " + aggregateId
                + " cannot be saved exactly: some stored value cannot be read back as it is ("
                + (folded.inexactBecause.empty() ? std::string("see 'acci-admin state'")
                                                 : folded.inexactBecause.front())
                + "). A snapshot would store a changed state; none was saved.");
        eventStore.saveSnapshot({ aggregateId, folded.aggregateType, folded.version, folded.state, util::nowUs() });
    }
    const auto snapshot = eventStore.loadSnapshot(aggregateId);
    if (!snapshot)
        throw store::StoreError("Aggregate '" + aggregateId
            + "' has no snapshot; create one with 'acci-admin snapshot save " + aggregateId + "'.");
    printObject(context.out, format,
        json { { "aggregate_id", snapshot->aggregateId }, { "aggregate_type", snapshot->aggregateType },
            { "version", snapshot->version }, { "state", snapshot->state },
            { "timestamp", util::formatTimestampUs(snapshot->timestampUs) } });
    return 0;
}

} // namespace acci::admin

// Time travel from the command line: state, diff, blame, and snapshot verification.
#include <iostream>
#include <limits>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Output.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/timetravel/StateFolder.hpp"
#include "acci/util/Time.hpp"

namespace acci::admin {

using nlohmann::json;

timetravel::ReducerRules reducerRules(const Arguments& args)
{
    auto rules = timetravel::ReducerRules::builtIn();
    if (const auto file = args.value("rules"))
        rules.overrideWith(timetravel::ReducerRules::fromFile(*file));
    return rules;
}

namespace {

    timetravel::StateFolder loadFolder(
        const Arguments& args, store::EventStore& eventStore, const std::string& aggregateId, bool fromSnapshot)
    {
        auto history = timetravel::loadHistory(eventStore, aggregateId, fromSnapshot);
        timetravel::StateFolder folder(reducerRules(args));
        std::optional<store::Snapshot> base;
        if (fromSnapshot)
            base = history.snapshot;
        folder.load(history.aggregateType, std::move(history.events), std::move(base));
        return folder;
    }

    int requireVersion(const timetravel::StateFolder& folder, long long version)
    {
        // A version inside a gap of a sparse stream is the state after the event before it.
        if (version < folder.baseVersion() || version > folder.lastVersion())
            throw store::InvalidInputError("Version " + std::to_string(version)
                + " is not in the stream; it has versions " + std::to_string(folder.baseVersion() + 1) + " to "
                + std::to_string(folder.lastVersion()) + ".");
        return static_cast<int>(version);
    }

    json warningsJson(const std::vector<timetravel::FoldWarning>& warnings, int upTo)
    {
        json list = json::array();
        for (const auto& warning : warnings)
            if (warning.version <= upTo)
                list.push_back({ { "version", warning.version }, { "message", warning.message } });
        return list;
    }

    json eventJson(const store::RecordedEvent* event)
    {
        if (!event)
            return nullptr;
        const json metadata = event->metadata();
        return { { "version", event->version }, { "event_type", event->eventType },
            { "timestamp", util::formatTimestampUs(event->timestampUs) },
            { "user_id", metadata.is_object() ? metadata.value("user_id", json()) : json() },
            { "event_id", event->id } };
    }

} // namespace

int runState(Context& context, const std::vector<std::string>& words)
{
    Arguments args(words, command("state"));
    args.requirePositionalCount(1);
    const std::string aggregateId = args.positional(0, "aggregate id");
    if (args.value("at-version") && args.value("at-time"))
        throw UsageError("Give --at-version or --at-time, not both.");
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    const bool current = !args.value("at-version") && !args.value("at-time");
    // The current state starts from the stored snapshot; a past one needs the whole stream.
    const auto folder = loadFolder(args, eventStore, aggregateId, current);
    int version = folder.lastVersion();
    if (const auto wanted = args.integer("at-version", 0, std::numeric_limits<int>::max()))
        version = requireVersion(folder, *wanted);
    if (const auto when = args.value("at-time"))
        version = folder.versionAt(timetravel::parseTimestampText(*connection, *when));
    const auto folded = folder.stateAt(version);
    nlohmann::ordered_json out;
    out["aggregate_id"] = aggregateId;
    out["aggregate_type"] = folder.aggregateType();
    out["version"] = folded.version;
    out["state"] = folded.state;
    out["warnings"] = warningsJson(folder.warnings(), folded.version);
    context.out << out.dump(2) << '\n';
    return 0;
}

int runDiff(Context& context, const std::vector<std::string>& words)
{
    Arguments args(words, command("diff"));
    args.requirePositionalCount(3);
    const std::string aggregateId = args.positional(0, "aggregate id");
    auto number = [&](std::size_t index, const char* what) {
        try {
            return std::stoll(args.positional(index, what));
        } catch (const std::logic_error&) {
            throw UsageError(std::string(what) + " must be a version number.");
        }
    };
    const long long from = number(1, "first version");
    const long long to = number(2, "second version");
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    const auto folder = loadFolder(args, eventStore, aggregateId, false);
    const auto diff = folder.diff(requireVersion(folder, from), requireVersion(folder, to));
    if (args.flag("patch")) {
        context.out << diff.patch.dump(2) << '\n';
        return 0;
    }
    if (diff.empty())
        context.out << "No difference between versions " << from << " and " << to << ".\n";
    for (const auto& line : diff.summary(200))
        context.out << terminalSafe(line) << '\n';
    return 0;
}

int runBlame(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("blame");
    Arguments args(words, spec);
    args.requirePositionalCount(1);
    const std::string format = chooseFormat(args, spec, context);
    const std::string aggregateId = args.positional(0, "aggregate id");
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    const auto folder = loadFolder(args, eventStore, aggregateId, false);
    int version = folder.lastVersion();
    if (const auto wanted = args.integer("at-version", 0, std::numeric_limits<int>::max()))
        version = requireVersion(folder, *wanted);
    const auto folded = folder.stateAt(version);
    json lines = json::array();
    for (const auto& [pointer, setBy] : folded.origins.byPointer()) {
        const json::json_pointer at(pointer);
        json line = { { "pointer", pointer }, { "value", folded.state.contains(at) ? folded.state.at(at) : json() } };
        line["set_by"] = eventJson(folder.eventAt(setBy));
        if (format == "ndjson") {
            context.out << line.dump() << '\n';
            continue;
        }
        if (format == "json") {
            lines.push_back(line);
            continue;
        }
        const auto& by = line["set_by"];
        std::string text = pointer + " = " + line["value"].dump(-1, ' ', false, json::error_handler_t::replace)
            + "    v" + std::to_string(setBy);
        if (!by.is_null())
            text += ' ' + by["event_type"].get<std::string>() + ' ' + by["timestamp"].get<std::string>()
                + (by["user_id"].is_string() ? " by " + by["user_id"].get<std::string>() : std::string());
        context.out << terminalSafe(text) << '\n';
    }
    if (format == "json")
        context.out << lines.dump(2) << '\n';
    return 0;
}

int verifySnapshot(Context& context, const std::string& aggregateId, const std::vector<std::string>& words)
{
    Arguments args(words, command("snapshot verify"));
    args.requirePositionalCount(0);
    // The entry describes both forms; these go with --all only.
    for (const char* option : { "type", "format" })
        if (args.value(option))
            throw UsageError(std::string("--") + option + " goes with 'snapshot verify --all'.");
    if (args.flag("json"))
        throw UsageError("--json goes with 'snapshot verify --all'.");
    auto connection = context.connectToStore();
    store::EventStore eventStore(*connection);
    const auto snapshot = eventStore.loadSnapshot(aggregateId);
    if (!snapshot)
        throw store::StoreError("Aggregate '" + aggregateId
            + "' has no snapshot; create one with 'acci-admin snapshot save " + aggregateId + "'.");
    const auto folder = loadFolder(args, eventStore, aggregateId, false);
    const auto check = folder.checkSnapshot(*snapshot);
    switch (check.result) {
    case timetravel::SnapshotCheck::Result::Matches:
        context.out << "Snapshot of " << aggregateId << " at version " << check.version << " matches the fold.\n";
        return 0;
    case timetravel::SnapshotCheck::Result::OutOfRange:
        context.out << "Snapshot of " << aggregateId << " is at version " << check.version
                    << ", which the stream does not have (it ends at " << folder.lastVersion() << ").\n";
        return 1;
    case timetravel::SnapshotCheck::Result::Differs:
        break;
    }
    context.out << "Snapshot of " << aggregateId << " at version " << check.version
                << " differs from the fold (fold → snapshot):\n";
    for (const auto& line : check.diff.summary(200))
        context.out << "  " << line << '\n';
    return 1;
}

} // namespace acci::admin

// Reducer rules and the fold: a rules document (first line) and events (one per further line,
// "EventType {data}"; a line starting with '~' jumps a billion versions ahead) either fold or
// give warnings, never an exception, a crash or an allocation sized by the data. Random
// access through checkpoints gives the same state as folding every step, and each frame's
// patch turns the previous state into its own.

#include <optional>
#include <set>

#include "FuzzSupport.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/timetravel/StateFolder.hpp"

using namespace acci;

namespace {

constexpr std::size_t maxEvents = 48; // enough for several checkpoints, fast per input

// The rules and the aggregate type they name first; no rules (the default merge) when the
// document is not valid rules.
std::pair<timetravel::ReducerRules, std::string> rulesFrom(std::string_view line)
{
    const auto decoded = store::decodeStoredJson(line);
    if (decoded.wholeAsText || !decoded.value.is_object() || decoded.value.empty())
        return { timetravel::ReducerRules(), "Fuzzed" };
    try {
        return { timetravel::ReducerRules::fromJson(decoded.value), decoded.value.begin().key() };
    } catch (const store::InvalidInputError&) {
        return { timetravel::ReducerRules(), decoded.value.begin().key() };
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto lines = fuzz::splitLines(fuzz::asText(data, size), maxEvents + 1);
    auto [rules, aggregateType] = rulesFrom(lines.front());

    std::vector<store::RecordedEvent> events;
    int version = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (!line.empty() && line.front() == '~') {
            line.remove_prefix(1);
            if (version < 1'000'000'000)
                version += 1'000'000'000;
        }
        store::RecordedEvent event;
        const auto space = line.find(' ');
        event.eventType.assign(line.substr(0, space));
        event.dataJson.assign(space == std::string_view::npos ? std::string_view("{}") : line.substr(space + 1));
        event.metadataJson = R"({"tenant_id":"t1","user_id":"u1"})";
        event.aggregateType = aggregateType;
        event.version = ++version;
        event.timestampUs = static_cast<std::int64_t>(i) * 1'000'000;
        events.push_back(std::move(event));
    }

    timetravel::StateFolder everyStep(rules, 1);
    timetravel::StateFolder sparse(rules, 5);
    everyStep.load(aggregateType, events);
    sparse.load(aggregateType, events);
    ACCI_FUZZ_CHECK(everyStep.warnings().size() == sparse.warnings().size());

    std::optional<nlohmann::json> previous;
    for (const auto& event : events) {
        const auto stepwise = everyStep.stateAt(event.version);
        const auto jumped = sparse.stateAt(event.version);
        ACCI_FUZZ_CHECK(stepwise.state == jumped.state);
        const auto frame = sparse.frameAt(event.version);
        ACCI_FUZZ_CHECK(frame.after.state == jumped.state);
        if (previous)
            ACCI_FUZZ_CHECK(previous->patch(frame.changes.patch) == frame.after.state);
        (void)frame.after.state.dump();
        previous = jumped.state;
    }
    if (!events.empty()) {
        const auto whole = sparse.diff(0, events.back().version);
        ACCI_FUZZ_CHECK(nlohmann::json::object().patch(whole.patch) == sparse.stateAt(events.back().version).state);
        // "What if the first event had not happened" folds too; its frame is that fold, and
        // its what-if patch turns the real state into it.
        const std::set<int> leftOut { events.front().version };
        const auto whatIf = sparse.frameAt(events.back().version, leftOut);
        ACCI_FUZZ_CHECK(whatIf.after.state == sparse.stateAt(events.back().version, leftOut).state);
        ACCI_FUZZ_CHECK(whatIf.whatIf.has_value());
        ACCI_FUZZ_CHECK(sparse.stateAt(events.back().version).state.patch(whatIf.whatIf->patch) == whatIf.after.state);
    }
    return 0;
}

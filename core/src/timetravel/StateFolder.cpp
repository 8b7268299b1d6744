#include "acci/timetravel/StateFolder.hpp"

#include "acci/store/StoredJson.hpp"
#include "timetravel/PackedState.hpp"

#include <algorithm>
#include <cmath>

namespace acci::timetravel {

namespace {

    // `inexact` is set when the value read is not exactly what is stored.
    nlohmann::json parseOrWarn(const std::string& text, const char* what, const std::string& eventType,
        std::vector<std::string>& warnings, bool* inexact)
    {
        if (text.empty())
            return nlohmann::json::object();
        auto decoded = store::decodeStoredJson(text);
        if (inexact && !decoded.warnings.empty())
            *inexact = true;
        if (decoded.wholeAsText) { // a fold needs an object where the stored text would stand in
            warnings.push_back(eventType + ", " + what + ": " + decoded.warnings.front() + " This event's " + what
                + " is left out of the state.");
            return nlohmann::json::object();
        }
        for (const auto& warning : decoded.warnings)
            warnings.push_back(eventType + ", " + what + ": " + warning);
        return std::move(decoded.value);
    }

    // The size units of a state (see StateFolder::kCheckpointSizePerEvent): what a copy of it
    // costs in memory and in time, roughly. It walks the containers directly: the load
    // measures a growing state again and again, and items() cost twice the walk (issue 13).
    std::size_t sizeUnits(const nlohmann::json& value)
    {
        constexpr std::size_t bytesPerUnit = 64;
        switch (value.type()) {
        case nlohmann::json::value_t::object: {
            const auto& members = *value.get_ptr<const nlohmann::json::object_t*>();
            std::size_t units = 1 + members.size();
            for (const auto& [key, member] : members) {
                units += key.size() / bytesPerUnit;
                if (member.is_structured() || member.is_string())
                    units += sizeUnits(member) - 1;
            }
            return units;
        }
        case nlohmann::json::value_t::array: {
            const auto& elements = *value.get_ptr<const nlohmann::json::array_t*>();
            std::size_t units = 1 + elements.size();
            for (const auto& element : elements)
                if (element.is_structured() || element.is_string())
                    units += sizeUnits(element) - 1;
            return units;
        }
        case nlohmann::json::value_t::string:
            return 1 + value.get_ptr<const std::string*>()->size() / bytesPerUnit;
        default:
            return 1;
        }
    }

    // The parts of `state` that merging `patch` into it can change: for each key of an object
    // patch, the state's value there, descending while both sides are objects. A merge leaves
    // every other key alone, so the slices before and after it differ exactly as the whole
    // states do, and diffing them costs the size of the event, not of the state.
    nlohmann::json mergeSlice(const nlohmann::json& state, const nlohmann::json& patch)
    {
        if (!patch.is_object() || !state.is_object())
            return state;
        nlohmann::json slice = nlohmann::json::object();
        for (const auto& [key, value] : patch.items())
            if (const auto at = state.find(key); at != state.end())
                slice[key] = mergeSlice(*at, value);
        return slice;
    }

    struct PackedCheckpoint {
        std::size_t units = 0;
        std::optional<std::vector<int>> leafVersions; // Origins::versionsInLeafOrder's
    };

    // Packs `state` into `out` (detail::packInto) and finds its leaves' versions in the same
    // walk: a checkpoint of a large state walked it twice, and walking a tree is most of a
    // checkpoint's cost (issue 13).
    PackedCheckpoint packCheckpoint(const nlohmann::json& state, const Origins& origins, std::string& out)
    {
        Origins::LeafOrderWriter leaves(origins);
        const std::size_t units = detail::packInto(state, out, &leaves);
        return { units, std::move(leaves).finish() };
    }

} // namespace

StateFolder::StateFolder(ReducerRules rules, int checkpointEvery)
    : m_rules(std::move(rules))
    , m_checkpointEvery(std::max(1, checkpointEvery))
{
}

void StateFolder::load(
    std::string aggregateType, std::vector<store::RecordedEvent> events, std::optional<store::Snapshot> base)
{
    m_aggregateType = std::move(aggregateType);
    m_aggregateRules = m_rules.forAggregateType(m_aggregateType);
    m_events = std::move(events);
    m_checkpoints.clear();
    m_checkpointSize = 0;
    m_warnings.clear();
    m_exact = true;
    m_latestChanges.reset();

    // The fold starts from the snapshot's state (or nothing); the first checkpoint is a copy.
    nlohmann::json state = nlohmann::json::object();
    Origins origins;
    m_baseVersion = 0;
    if (base) {
        m_baseVersion = base->version;
        state = std::move(base->state);
        origins.assign("", state, base->version);
        for (const auto& warning : base->warnings)
            m_warnings.push_back({ base->version, "Snapshot: " + warning });
        m_exact = base->warnings.empty();
        // A state is an object; a snapshot written by hand or by another tool may not be one,
        // and the first merge after it would replace it without a word.
        if (!state.is_object())
            m_warnings.push_back({ base->version,
                "Snapshot: its state is " + std::string(state.type_name())
                    + ", not a JSON object; the next event that merges data replaces it." });
    }
    auto packed = packCheckpoint(state, origins, m_packScratch);
    m_checkpointSize = packed.units;
    addCheckpoint(0, origins, std::move(packed.leafVersions));
    std::size_t lastUnits = m_checkpointSize; // the size of the newest checkpoint

    int previousVersion = m_baseVersion;
    std::vector<std::string> messages;
    MergeHints hints; // only the fold changes `state` until the end
    // Measuring the state walks all of it, so it is measured only where a checkpoint may be
    // due: when the spacing the last measurement asked for has passed.
    const auto every = static_cast<std::size_t>(m_checkpointEvery);
    std::size_t nextCheck = every;
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        const int version = m_events[i].version;
        if (static_cast<long long>(version) != static_cast<long long>(previousVersion) + 1)
            m_warnings.push_back({ version,
                version <= previousVersion ? "Version " + std::to_string(version) + " comes after version "
                        + std::to_string(previousVersion) + "; the stream is out of order."
                    : version == previousVersion + 2
                    ? "Version " + std::to_string(previousVersion + 1) + " is missing from the stream."
                    : "Versions " + std::to_string(previousVersion + 1) + "–" + std::to_string(version - 1)
                        + " are missing from the stream." });
        previousVersion = version;
        messages.clear();
        // What the last event changed, kept for the newest frame when it costs the size of the
        // event (a merge); a rule's would take a copy of the whole state on every load.
        StateDiff* changes = nullptr;
        if (i + 1 == m_events.size() && mergesData(m_aggregateRules, m_events[i].eventType))
            changes = &m_latestChanges.emplace();
        foldOne(i, state, origins, messages, &m_exact, changes, &hints);
        for (auto& message : messages)
            m_warnings.push_back({ version, std::move(message) });
        const std::size_t folded = i + 1;
        if (folded < nextCheck)
            continue;
        // Every leaf is a unit at least: no checkpoint is due before the origins' leaves say
        // so. Measuring earlier found a state not due a third of the time, each a walk of the
        // whole state (a 100k-event ledger packed 1.09M units for 0.6M kept; now 0.68M).
        // Origins that hold more than the state's leaves (a rule's write they missed) only
        // put a checkpoint later.
        nextCheck = std::max(
            nextCheck, m_checkpoints.back().folded + std::max(every, origins.sizeAtLeast() / kCheckpointSizePerEvent));
        if (folded < nextCheck)
            continue;
        // Measured by packing: a checkpoint that is due (most measurements find one) then
        // costs no second walk of the state.
        auto packed = packCheckpoint(state, origins, m_packScratch);
        const std::size_t size = packed.units;
        const std::size_t last = m_checkpoints.back().folded;
        const std::size_t due = last + std::max(every, size / kCheckpointSizePerEvent);
        if (folded >= due) {
            addCheckpoint(folded, origins, std::move(packed.leafVersions));
            m_checkpointSize += size;
            lastUnits = size;
            nextCheck = folded + std::max(every, size / kCheckpointSizePerEvent);
            continue;
        }
        // Not due: the state grew since the checkpoint. Measuring again at `due` would walk it
        // about log2(S) times before the checkpoint (20% of a 100k-entry ledger's load). If it
        // keeps growing at the rate seen since the checkpoint (g units an event, under
        // k = kCheckpointSizePerEvent), it is due x events after it,
        // x = (size - g * since) / (k - g): measure there, never beyond its measured size past
        // the checkpoint (issue 13).
        nextCheck = due;
        const std::size_t since = folded - last;
        if (size > lastUnits) {
            const double growth = static_cast<double>(size - lastUnits) / static_cast<double>(since);
            if (growth < kCheckpointSizePerEvent) {
                const double x = (static_cast<double>(size) - growth * static_cast<double>(since))
                    / (static_cast<double>(kCheckpointSizePerEvent) - growth);
                const auto predicted
                    = last + static_cast<std::size_t>(std::min(std::ceil(x), static_cast<double>(size)));
                nextCheck = std::max(due, predicted);
            }
        }
    }
    // The fold's own state becomes a checkpoint at the end (moved, not copied): the first
    // frame the console shows, and any jump to the end, is then a copy, not a replay of up to
    // a sixth of the state's size in events. It keeps the fold's provenance as it is (moved,
    // its changes unsettled): settling 100k of them into flat buffers made the newest frame
    // from a snapshot twice as slow (fresh pages for the buffers and for every copy of them),
    // and the map's nodes are not freed right after the load, which scattered the heap every
    // later jump allocates from.
    if (m_checkpoints.back().folded != m_events.size()) {
        m_checkpointSize += sizeUnits(state);
        Checkpoint end;
        end.folded = m_events.size();
        end.tree = std::move(state);
        end.origins = std::move(origins);
        m_checkpoints.push_back(std::move(end));
    }
    std::string().swap(m_packScratch);
}

void StateFolder::foldOne(std::size_t index, nlohmann::json& state, Origins& origins,
    std::vector<std::string>& warnings, bool* exact, StateDiff* changes, MergeHints* hints) const
{
    const auto& event = m_events[index];
    bool inexact = false;
    const nlohmann::json data = parseOrWarn(event.dataJson, "data", event.eventType, warnings, &inexact);
    // Most rules never read the metadata: then it is not parsed, and not even an empty object
    // is made for it (an allocation per event folded, issue 13).
    static const nlohmann::json noMetadata = nlohmann::json::object();
    const bool needsMetadata = m_aggregateRules && m_aggregateRules->needsMetadata;
    const nlohmann::json parsedMetadata = needsMetadata
        ? parseOrWarn(event.metadataJson, "metadata", event.eventType, warnings, &inexact)
        : nlohmann::json();
    const nlohmann::json& metadata = needsMetadata ? parsedMetadata : noMetadata;
    if (exact && inexact)
        *exact = false;
    const EventInput input { data, metadata, event.eventType, event.version, event.timestampUs };
    if (!changes) {
        applyEvent(m_aggregateRules, state, origins, input, warnings, hints);
        return;
    }
    // A merge changes only the data's keys (see mergeSlice); a rule may write anywhere.
    const bool merge = data.is_object() && mergesData(m_aggregateRules, event.eventType);
    const nlohmann::json before = merge ? mergeSlice(state, data) : state;
    applyEvent(m_aggregateRules, state, origins, input, warnings, hints);
    *changes = diffStates(before, merge ? mergeSlice(state, data) : state);
}

std::size_t StateFolder::eventsUpTo(int version) const
{
    const auto it = std::upper_bound(m_events.begin(), m_events.end(), version,
        [](int wanted, const store::RecordedEvent& event) { return wanted < event.version; });
    return static_cast<std::size_t>(it - m_events.begin());
}

const store::RecordedEvent* StateFolder::eventAt(int version) const
{
    const std::size_t after = eventsUpTo(version);
    if (after == 0 || m_events[after - 1].version != version)
        return nullptr;
    return &m_events[after - 1];
}

std::vector<FoldWarning> StateFolder::warningsAt(int version) const
{
    std::vector<FoldWarning> found;
    for (const auto& warning : m_warnings)
        if (warning.version == version)
            found.push_back(warning);
    return found;
}

void StateFolder::addCheckpoint(
    std::size_t folded, const Origins& origins, std::optional<std::vector<int>> leafVersions)
{
    Checkpoint checkpoint;
    checkpoint.folded = folded;
    checkpoint.packed = m_packScratch; // a copy at its size, out of the load's buffer
    if (leafVersions)
        checkpoint.leafVersions = std::move(*leafVersions);
    else {
        checkpoint.origins = origins;
        checkpoint.origins->settle();
    }
    m_checkpoints.push_back(std::move(checkpoint));
}

const StateFolder::Checkpoint& StateFolder::checkpointAtOrBefore(std::size_t folded) const
{
    const auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), folded,
        [](std::size_t wanted, const Checkpoint& checkpoint) { return wanted < checkpoint.folded; });
    return *std::prev(after); // the first checkpoint is at 0
}

FoldedVersion StateFolder::stateAt(int version, const std::set<int>& excluded) const
{
    const std::size_t target = eventsUpTo(version);
    // The newest checkpoint that includes no excluded event and does not pass the target.
    std::size_t limit = target;
    if (!excluded.empty())
        limit = std::min(limit, eventsUpTo(*excluded.begin() - 1));
    const Checkpoint& checkpoint = checkpointAtOrBefore(limit);

    FoldedVersion folded;
    if (checkpoint.origins) {
        folded.state = checkpoint.tree ? *checkpoint.tree : detail::unpackJson(checkpoint.packed);
        folded.origins = *checkpoint.origins;
    } else { // both from the packed state, in one pass
        Origins::LeafOrderReader leaves(checkpoint.leafVersions);
        folded.state = detail::unpackJson(checkpoint.packed, leaves);
        folded.origins = std::move(leaves).finish();
    }
    folded.version = checkpoint.folded == 0 ? m_baseVersion : m_events[checkpoint.folded - 1].version;
    std::vector<std::string> ignored; // the load already reported them
    MergeHints hints;
    for (std::size_t i = checkpoint.folded; i < target; ++i) {
        folded.version = m_events[i].version;
        if (excluded.contains(m_events[i].version))
            continue;
        foldOne(i, folded.state, folded.origins, ignored, nullptr, nullptr, &hints);
        ++folded.foldsUsed;
    }
    return folded;
}

Frame StateFolder::frameAt(int version, const std::set<int>& excluded) const
{
    // Only events of the stream count: a frame "without" versions it does not have is the
    // plain fold, not a what-if (and no checkpoint is skipped for them).
    std::set<int> leftOut;
    for (int candidate : excluded)
        if (eventAt(candidate))
            leftOut.insert(candidate);

    Frame frame;
    frame.excludedCount = leftOut.size();
    const std::size_t target = eventsUpTo(version);
    if (target == 0) {
        frame.after = stateAt(m_baseVersion);
    } else if (target == m_events.size() && leftOut.empty() && m_latestChanges) {
        frame.after = stateAt(version); // the checkpoint at the end: nothing to replay
        frame.changes = *m_latestChanges;
    } else {
        const int previous = target >= 2 ? m_events[target - 2].version : m_baseVersion;
        frame.after = stateAt(previous, leftOut);
        frame.after.version = m_events[target - 1].version;
        if (!leftOut.contains(frame.after.version)) {
            std::vector<std::string> ignored; // the load reported them: frame.warnings
            foldOne(target - 1, frame.after.state, frame.after.origins, ignored, nullptr, &frame.changes);
            ++frame.after.foldsUsed;
        }
    }
    frame.warnings = warningsAt(frame.after.version);
    if (!leftOut.empty())
        frame.whatIf = diffStates(stateAt(frame.after.version).state, frame.after.state);
    return frame;
}

StateDiff StateFolder::diff(int fromVersion, int toVersion) const
{
    return diffStates(stateAt(fromVersion).state, stateAt(toVersion).state);
}

int StateFolder::versionAt(std::int64_t timestampUs) const
{
    int found = m_baseVersion;
    for (const auto& event : m_events)
        if (event.timestampUs <= timestampUs)
            found = event.version;
        else
            break; // a stream is written in time order; a clock step back would end the search early
    return found;
}

SnapshotCheck StateFolder::checkSnapshot(const store::Snapshot& snapshot) const
{
    SnapshotCheck check;
    check.version = snapshot.version;
    const bool inRange = snapshot.version == m_baseVersion || eventAt(snapshot.version) != nullptr;
    if (!inRange)
        return check;
    check.diff = diffStates(stateAt(snapshot.version).state, snapshot.state);
    check.result = check.diff.empty() ? SnapshotCheck::Result::Matches : SnapshotCheck::Result::Differs;
    return check;
}

} // namespace acci::timetravel

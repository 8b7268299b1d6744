#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/store/Event.hpp"
#include "acci/timetravel/JsonDiff.hpp"
#include "acci/timetravel/Origins.hpp"
#include "acci/timetravel/ReducerRules.hpp"

namespace acci::timetravel {

struct FoldWarning {
    int version = 0;
    std::string message;
};

// The state at one version, with the provenance of each field.
struct FoldedVersion {
    int version = 0;
    nlohmann::json state = nlohmann::json::object();
    Origins origins;
    int foldsUsed = 0; // events folded to answer (the random-access cost)
};

// One step of the timeline: the state after an event and what that event changed, in the
// world where the excluded events never happened (the real one when none are).
struct Frame {
    FoldedVersion after;
    StateDiff changes; // from the previous version's state; empty when the event is left out
    std::vector<FoldWarning> warnings; // what the load reported at this version
    // The real state at this version → `after`; nullopt when no event is left out.
    std::optional<StateDiff> whatIf;
    std::size_t excludedCount = 0; // events of the stream left out (at any version)
};

struct SnapshotCheck {
    enum class Result { Matches, Differs, OutOfRange };
    Result result = Result::OutOfRange;
    int version = 0;
    StateDiff diff; // from the fold to the stored snapshot
};

// Folds one aggregate's stream into JSON states (ARCHITECTURE.md, "Time travel"). Loading
// folds everything once and keeps checkpoints (full copies of the state) so that any version
// is a few folds away: one every `checkpointEvery` events while the state is small, further
// apart as it grows. A checkpoint of size S comes at least S / kCheckpointSizePerEvent events
// after the previous one, so all checkpoints together hold at most that much per event folded:
// memory stays linear in the stream even when every event adds to the state (a ledger), where
// a fixed spacing would keep N/64 copies of an ever larger state. The price is replay: a jump
// folds at most max(checkpointEvery, S / kCheckpointSizePerEvent) events (up to S if a state
// that was growing stops growing just then: the load measures a growing state where its
// growth so far says it will be due, rather than at every step towards it). The load ends with a
// checkpoint of the newest state (the fold's own, moved), so the end is never a replay. Bad input never
// stops the fold: it becomes a warning attached to its version. Not thread-safe; const
// methods may run concurrently.
class StateFolder {
public:
    // Size units of checkpoint per event folded (see the class comment). A unit is one JSON
    // value, or 64 bytes of string, with its provenance entry: packed, about 15 bytes (a
    // ledger's entry). More units, denser checkpoints: shorter replays per jump, a dearer
    // load. Six, since provenance writes find their place from the last ones (Origins'
    // hints): in acci-bench, a 100k-entry ledger's median jump 4.6 -> 4.3 ms with the fold
    // back at 0.54 of the parse (0.61 with five) and peak memory 0.89 of its budget. Two, the
    // first choice, gave 11.6 ms. Still six once checkpoints cost one walk and merges start
    // from their last place (MergeHints): three interleaved runs each gave fold / parse
    // 0.64-0.72 and jumps 4.4-4.5 ms with six, 0.55-0.64 and 4.1 ms with seven (memory 0.92),
    // 0.49-0.55 and 4.0 ms with eight: the fold's margin is worth more than 0.3 ms a jump.
    static constexpr std::size_t kCheckpointSizePerEvent = 6;

    explicit StateFolder(ReducerRules rules = ReducerRules::builtIn(), int checkpointEvery = 64);

    // `events` in version order. With `base`, the events start after the snapshot's version
    // and the snapshot's state is where the fold begins (its fields are credited to it).
    void load(std::string aggregateType, std::vector<store::RecordedEvent> events,
        std::optional<store::Snapshot> base = std::nullopt);

    const std::string& aggregateType() const { return m_aggregateType; }
    const std::vector<store::RecordedEvent>& events() const { return m_events; }
    int baseVersion() const { return m_baseVersion; } // before the first loaded event
    int lastVersion() const { return m_events.empty() ? m_baseVersion : m_events.back().version; }
    const store::RecordedEvent* eventAt(int version) const;
    // How many loaded events have a version <= `version` (versions may have gaps).
    std::size_t eventsUpTo(int version) const;
    const std::vector<FoldWarning>& warnings() const { return m_warnings; }
    std::vector<FoldWarning> warningsAt(int version) const;
    int checkpointEvery() const { return m_checkpointEvery; } // the spacing while the state is small
    std::size_t checkpointCount() const { return m_checkpoints.size(); }
    // What the checkpoints hold together, in size units (see kCheckpointSizePerEvent).
    std::size_t checkpointSize() const { return m_checkpointSize; }
    // Whether every payload (and the snapshot loaded as the base) was read exactly: numbers no
    // double holds, values too deep or too large make a state that must not be saved as a
    // snapshot, since storing it would change it.
    bool exact() const { return m_exact; }

    // The state after every event up to `version` (clamped to the loaded range). Versions in
    // `excluded` are left out ("what if these events had not happened").
    FoldedVersion stateAt(int version, const std::set<int>& excluded = {}) const;
    // The step to `version` with the versions in `excluded` left out ("what if these events
    // had not happened"). Versions that are no event of the stream leave nothing out.
    Frame frameAt(int version, const std::set<int>& excluded = {}) const;
    StateDiff diff(int fromVersion, int toVersion) const;
    // The newest version whose event happened at or before `timestampUs` (the base version
    // when none did).
    int versionAt(std::int64_t timestampUs) const;
    SnapshotCheck checkSnapshot(const store::Snapshot& snapshot) const;

private:
    struct Checkpoint {
        std::size_t folded = 0; // events folded into it
        // The state packed in one buffer (timetravel/PackedState.hpp): a fifth of the memory
        // of a copy, and cheaper to make and to free. The end's is the fold's own tree, moved.
        std::string packed;
        std::optional<nlohmann::json> tree;
        // The origins, compactly: the version of each leaf in the state's order
        // (Origins::versionsInLeafOrder); whole only when that cannot hold them.
        std::vector<int> leafVersions;
        std::optional<Origins> origins;
    };

    // A checkpoint of the state in m_packScratch, whose leaves have `leafVersions` in
    // `origins` (nullopt: the origins are kept whole).
    void addCheckpoint(std::size_t folded, const Origins& origins, std::optional<std::vector<int>> leafVersions);
    const Checkpoint& checkpointAtOrBefore(std::size_t folded) const;

    // `exact`, when given, turns false if the event's payload could not be read exactly;
    // `changes`, when given, receives what the event changed in the state; `hints`, the
    // fold's (applyEvent), when only the fold changes `state`.
    void foldOne(std::size_t index, nlohmann::json& state, Origins& origins, std::vector<std::string>& warnings,
        bool* exact = nullptr, StateDiff* changes = nullptr, MergeHints* hints = nullptr) const;

    ReducerRules m_rules;
    const AggregateRules* m_aggregateRules = nullptr;
    int m_checkpointEvery;
    std::string m_aggregateType;
    std::vector<store::RecordedEvent> m_events;
    std::vector<Checkpoint> m_checkpoints; // ascending `folded`, the first at 0
    std::size_t m_checkpointSize = 0;
    std::string m_packScratch; // where the load packs each checkpoint; freed when it ends
    std::vector<FoldWarning> m_warnings;
    std::optional<StateDiff> m_latestChanges; // what the last event changed, when it merged
    int m_baseVersion = 0;
    bool m_exact = true;
};

} // namespace acci::timetravel

#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/timetravel/Origins.hpp"

namespace acci::timetravel {

// One declarative step of a reducer: what to do at which JSON pointer of the state.
//   set        the pointer takes the value
//   merge      the value is merged into the pointer (JSON merge patch, RFC 7386)
//   unset      the key at the pointer goes
//   increment  the number at the pointer grows by the value (1 when none is given)
//   append     the value is pushed onto the array at the pointer
//   remove     elements equal to the value leave the array at the pointer (or, with `match`,
//              the elements whose field at `match` equals the value)
// The value is a literal (`value`) or taken from the event (`from`, a JSON pointer into
// {"data": …, "metadata": …, "event": {"type", "version", "timestamp"}}); set and merge take
// the whole data when neither is given. A path may name parts of the event in braces,
// e.g. "/items/{/data/sku}", so that keyed collections need no code.
struct Rule {
    enum class Op { Set, Merge, Unset, Increment, Append, Remove };
    Op op = Op::Set;
    std::string path; // JSON pointer, possibly with {…} placeholders
    std::optional<nlohmann::json> value;
    std::optional<std::string> from;
    std::optional<std::string> match; // remove: compare this field of each element
    bool optional = false; // a missing source skips the rule without a warning
    bool negate = false; // increment: subtract instead
};

// The reducers of one aggregate type: rules per event type; `otherEvents` is what happens to
// event types with no rules of their own (nullopt: the default merge of their data, with a
// warning; an empty list: ignored, with a warning).
struct AggregateRules {
    std::map<std::string, std::vector<Rule>> byEventType;
    std::optional<std::vector<Rule>> otherEvents;
    bool needsMetadata = false; // some rule reads the metadata (else the fold need not parse it)
};

// Reducers for any number of aggregate types. Aggregate types with no rules fold by the
// default reducer: a JSON merge patch of each event's data into the state.
class ReducerRules {
public:
    // The guide's User reducer (UserCreated / UserUpdated / UserDeactivated), giving the same
    // state as the write side's User aggregate and its snapshots.
    static ReducerRules builtIn();
    // Parses a rules document:
    //   { "Order": { "OrderPlaced": [ {"op": "set", "path": "/status", "value": "placed"} ],
    //                "*": [] } }
    // ("*" = every other event type of that aggregate type). Throws InvalidInputError with
    // the place of the mistake.
    static ReducerRules fromJson(const nlohmann::json& document);
    static ReducerRules fromFile(const std::string& path);

    // The rules of `other` replace those of the same aggregate type here.
    void overrideWith(const ReducerRules& other);

    const AggregateRules* forAggregateType(const std::string& aggregateType) const;
    bool empty() const { return m_byAggregateType.empty(); }

private:
    std::map<std::string, AggregateRules> m_byAggregateType;
};

// What folding one event needs to know about it.
struct EventInput {
    const nlohmann::json& data;
    const nlohmann::json& metadata;
    const std::string& eventType;
    int version = 0;
    std::int64_t timestampUs = 0;
};

// Where the default reducer last wrote in a few objects of one state: a merge that writes
// just after an object's last written key (a ledger's next entry: its keys come in runs)
// finds its place with two comparisons instead of a search of the whole object (issue 13).
// Good for one state while only applyEvent changes it: whoever changes it otherwise, or
// folds another state, clears the hints first.
class MergeHints {
public:
    using Members = nlohmann::json::object_t;

    void clear() { m_count = 0; }
    // members.lower_bound(key), from a hint when one is near.
    Members::iterator lowerBound(Members& members, const std::string& key) const;
    void remember(Members& members, Members::iterator written);

private:
    struct Hint {
        const Members* members = nullptr;
        Members::iterator written;
    };
    static constexpr std::size_t kSize = 4;
    std::array<Hint, kSize> m_hints {}; // one per object, the newest first
    std::size_t m_count = 0;
};

// Folds one event into `state`, recording in `origins` which fields it set. Never throws for
// bad input: every problem becomes a sentence in `warnings`, and the fold goes on. `hints`,
// kept from one event to the next of the same fold, make long merges cheaper.
void applyEvent(const AggregateRules* rules, nlohmann::json& state, Origins& origins, const EventInput& event,
    std::vector<std::string>& warnings, MergeHints* hints = nullptr);

// Whether applyEvent folds this event type by merging its data (the default reducer, RFC 7386):
// then only the keys of the data can change, which lets a frame diff just those.
bool mergesData(const AggregateRules* rules, const std::string& eventType);

} // namespace acci::timetravel

#include "acci/timetravel/ReducerRules.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "acci/store/Errors.hpp"
#include "timetravel/MergePatch.hpp"

namespace acci::timetravel {

namespace {

    using nlohmann::json;

    const char* opName(Rule::Op op)
    {
        switch (op) {
        case Rule::Op::Set:
            return "set";
        case Rule::Op::Merge:
            return "merge";
        case Rule::Op::Unset:
            return "unset";
        case Rule::Op::Increment:
            return "increment";
        case Rule::Op::Append:
            return "append";
        case Rule::Op::Remove:
            return "remove";
        }
        return "?";
    }

    std::optional<Rule::Op> opFromName(const std::string& name)
    {
        for (auto op : { Rule::Op::Set, Rule::Op::Merge, Rule::Op::Unset, Rule::Op::Increment, Rule::Op::Append,
                 Rule::Op::Remove })
            if (name == opName(op))
                return op;
        return std::nullopt;
    }

    [[noreturn]] void badRule(const std::string& where, const std::string& what)
    {
        throw store::InvalidInputError("Reducer rules, " + where + ": " + what);
    }

    // A JSON pointer (RFC 6901): empty, or '/'-separated tokens where '~' is only ever "~0" or
    // "~1". With placeholders, each "{…}" must itself be a pointer into the event (found by
    // fuzz_reducer_fold: "/~" was accepted here, then threw out of the fold).
    bool isPointerText(const std::string& text, bool placeholders = false)
    {
        if (!text.empty() && text.front() != '/')
            return false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (placeholders && text[i] == '{') {
                const auto close = text.find('}', i);
                if (close == std::string::npos || !isPointerText(text.substr(i + 1, close - i - 1)))
                    return false;
                i = close;
            } else if (text[i] == '~' && (i + 1 >= text.size() || (text[i + 1] != '0' && text[i + 1] != '1'))) {
                return false;
            }
        }
        return true;
    }

    Rule parseRule(const json& node, const std::string& where)
    {
        if (!node.is_object())
            badRule(where, "a rule must be an object like {\"op\": \"set\", \"path\": \"/status\", \"value\": 1}.");
        static const std::set<std::string> known = { "op", "path", "value", "from", "match", "optional", "negate" };
        for (const auto& [key, _] : node.items())
            if (!known.contains(key))
                badRule(where, "unknown key '" + key + "'; use op, path, value, from, match, optional or negate.");
        Rule rule;
        const auto opText = node.value("op", std::string());
        const auto op = opFromName(opText);
        if (!op)
            badRule(where, "unknown op '" + opText + "'; use set, merge, unset, increment, append or remove.");
        rule.op = *op;
        if (!node.contains("path") || !node["path"].is_string()
            || !isPointerText(node["path"].get<std::string>(), true))
            badRule(where, "'path' must be a JSON pointer such as \"/status\" (\"\" is the whole state).");
        rule.path = node["path"].get<std::string>();
        if (node.contains("value"))
            rule.value = node["value"];
        if (node.contains("from")) {
            const auto& from = node["from"];
            const bool ok = from.is_string() && isPointerText(from.get<std::string>())
                && (from.get<std::string>().starts_with("/data") || from.get<std::string>().starts_with("/metadata")
                    || from.get<std::string>().starts_with("/event/"));
            if (!ok)
                badRule(
                    where, "'from' must be a pointer into the event: \"/data/…\", \"/metadata/…\" or \"/event/type\".");
            rule.from = from.get<std::string>();
        }
        if (rule.value && rule.from)
            badRule(where, "give either 'value' or 'from', not both.");
        if (node.contains("match")) {
            if (rule.op != Rule::Op::Remove || !node["match"].is_string() || !isPointerText(node["match"]))
                badRule(where, "'match' is for remove and must be a JSON pointer into each element, e.g. \"/sku\".");
            rule.match = node["match"].get<std::string>();
        }
        rule.optional = node.value("optional", false);
        rule.negate = node.value("negate", false);
        if (rule.negate && rule.op != Rule::Op::Increment)
            badRule(where, "'negate' only applies to increment.");
        if (rule.op == Rule::Op::Unset && (rule.value || rule.from))
            badRule(where, "unset takes no value.");
        if ((rule.op == Rule::Op::Append || rule.op == Rule::Op::Remove) && !rule.value && !rule.from)
            badRule(where, std::string(opName(rule.op)) + " needs a 'value' or a 'from'.");
        if (rule.op == Rule::Op::Increment && rule.value && !rule.value->is_number())
            badRule(where, "increment needs a number.");
        return rule;
    }

    std::vector<Rule> parseRuleList(const json& node, const std::string& where)
    {
        if (!node.is_array())
            badRule(where, "expected a list of rules ([] to ignore the event).");
        std::vector<Rule> rules;
        for (std::size_t i = 0; i < node.size(); ++i)
            rules.push_back(parseRule(node[i], where + "[" + std::to_string(i) + "]"));
        return rules;
    }

    // --- applying ---

    // Where a rule's value comes from, resolved against one event.
    const json* lookupInEvent(const std::string& pointer, const EventInput& event, json& scratch)
    {
        auto resolveIn = [&](const json& root, std::size_t prefixLength) -> const json* {
            const json::json_pointer rest(pointer.substr(prefixLength));
            return root.contains(rest) ? &root.at(rest) : nullptr;
        };
        if (pointer == "/data" || pointer.starts_with("/data/"))
            return resolveIn(event.data, 5);
        if (pointer == "/metadata" || pointer.starts_with("/metadata/"))
            return resolveIn(event.metadata, 9);
        if (pointer == "/event/type")
            scratch = event.eventType;
        else if (pointer == "/event/version")
            scratch = event.version;
        else if (pointer == "/event/timestamp")
            scratch = event.timestampUs;
        else
            return nullptr;
        return &scratch;
    }

    // Fills in "{/data/sku}" placeholders; nullopt (with a warning) when one is missing.
    std::optional<std::string> resolvePath(const std::string& path, const EventInput& event, std::string& problem)
    {
        std::string resolved;
        std::size_t at = 0;
        while (at < path.size()) {
            const auto open = path.find('{', at);
            if (open == std::string::npos) {
                resolved += path.substr(at);
                break;
            }
            const auto close = path.find('}', open);
            if (close == std::string::npos) {
                problem = "the path '" + path + "' has an unclosed '{'";
                return std::nullopt;
            }
            resolved += path.substr(at, open - at);
            json scratch;
            const json* part = lookupInEvent(path.substr(open + 1, close - open - 1), event, scratch);
            if (!part || part->is_null() || part->is_structured()) {
                problem = "the path '" + path + "' needs " + path.substr(open + 1, close - open - 1)
                    + ", which the event does not have as a string or number";
                return std::nullopt;
            }
            resolved += escapePointerToken(part->is_string() ? part->get<std::string>() : part->dump());
            at = close + 1;
        }
        return resolved;
    }

    // A pointer that indexes past the end of an array of the state: writing there would make
    // JSON grow the array to that index (a placeholder taken from an event could ask for a
    // billion nulls). One past the end, or "-", appends and is fine.
    // Writing through a pointer grows arrays on the way: an index past the end resizes the
    // array to it, and a missing or null node followed by a number becomes an array of that
    // many elements (nlohmann's rule). A placeholder from an event could ask for a billion:
    // only one past the end (an append) is allowed.
    std::optional<std::string> beyondAnArray(const json& state, const json::json_pointer& target)
    {
        std::vector<std::string> tokens;
        for (json::json_pointer rest = target; !rest.empty(); rest.pop_back())
            tokens.insert(tokens.begin(), rest.back());
        const json* node = &state; // nullptr once the path leaves what exists
        for (const auto& token : tokens) {
            const bool digits = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
            if (!node || node->is_null()) {
                if (digits && token != "0")
                    return "it indexes element " + token + " of an array that does not exist yet";
                node = nullptr; // created from here on
            } else if (node->is_array()) {
                if (token == "-") {
                    node = nullptr;
                    continue;
                }
                if (!digits || token.size() > 18 || std::stoull(token) > node->size())
                    return "it indexes element " + token + " of an array of " + std::to_string(node->size());
                const auto index = std::stoull(token);
                node = index == node->size() ? nullptr : &(*node)[index];
            } else if (node->is_object()) {
                const auto child = node->find(token);
                node = child == node->end() ? nullptr : &*child;
            } else {
                return std::nullopt; // a scalar in the way: the write fails with its own warning
            }
        }
        return std::nullopt;
    }

    __extension__ typedef __int128 Wide; // holds any int64 or uint64 sum without overflow

    std::string describe(const Rule& rule)
    {
        return std::string(opName(rule.op)) + " " + (rule.path.empty() ? "/" : rule.path);
    }

    void applyRule(
        const Rule& rule, json& state, Origins& origins, const EventInput& event, std::vector<std::string>& warnings)
    {
        std::string problem;
        auto path = resolvePath(rule.path, event, problem);
        if (!path) {
            warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: " + problem + ".");
            return;
        }
        json scratch;
        const json* source = nullptr;
        if (rule.value) {
            source = &*rule.value;
        } else {
            const std::string from = rule.from.value_or("/data");
            source = lookupInEvent(from, event, scratch);
            if (!source) {
                if (!rule.optional)
                    warnings.push_back(
                        event.eventType + ": rule '" + describe(rule) + "' skipped: the event has no " + from + ".");
                return;
            }
        }
        // "-" is the element after an array's last: written as its index, so that the origins
        // (blame) name the element that exists afterwards, not "/a/-".
        if (path->size() >= 2 && path->compare(path->size() - 2, 2, "/-") == 0) {
            if (rule.op == Rule::Op::Unset) {
                warnings.push_back(event.eventType + ": rule '" + describe(rule)
                    + "' skipped: '-' names the element after the last, which does not exist.");
                return;
            }
            const json::json_pointer parentPointer(path->substr(0, path->size() - 2));
            if (state.contains(parentPointer) && state.at(parentPointer).is_array())
                path = path->substr(0, path->size() - 1) + std::to_string(state.at(parentPointer).size());
        }
        const json::json_pointer target(*path);
        if (rule.op != Rule::Op::Unset && rule.op != Rule::Op::Remove) {
            if (const auto beyond = beyondAnArray(state, target)) {
                warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: " + *beyond + ".");
                return;
            }
        }
        try {
            switch (rule.op) {
            case Rule::Op::Set:
                state[target] = *source;
                origins.assign(*path, *source, event.version);
                break;
            case Rule::Op::Merge: {
                json& at = state[target]; // throws (a warning) when an ancestor is not an object
                origins.eraseAncestors(*path); // the merge below assumes object ancestors
                detail::mergeWithOrigins(at, *source, *path, origins, event.version);
            } break;
            case Rule::Op::Unset: {
                if (path->empty()) {
                    state = json::object();
                    origins.erase("");
                    break;
                }
                if (!state.contains(target))
                    break;
                json& parent = state.at(target.parent_pointer());
                if (parent.is_object())
                    parent.erase(target.back());
                else if (parent.is_array())
                    parent.erase(std::stoul(target.back()));
                origins.erase(*path);
                break;
            }
            case Rule::Op::Increment: {
                const json by = rule.value || rule.from ? *source : json(1);
                if (!by.is_number()) {
                    warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: " + by.dump()
                        + " is not a number.");
                    break;
                }
                json& current = state[target];
                if (!current.is_null() && !current.is_number()) {
                    warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: the state holds "
                        + current.dump() + " there, not a number.");
                    break;
                }
                if ((current.is_null() || current.is_number_integer()) && by.is_number_integer()) {
                    // Exact 64-bit arithmetic, signed or unsigned, computed wider so that it
                    // cannot overflow (found by fuzz_reducer_fold); a sum no integer holds is
                    // refused rather than wrapped.
                    const auto wide = [](const json& number) -> Wide {
                        return number.is_number_unsigned() ? static_cast<Wide>(number.get<std::uint64_t>())
                                                           : static_cast<Wide>(number.get<std::int64_t>());
                    };
                    const Wide step = wide(by);
                    const Wide sum = (current.is_null() ? 0 : wide(current)) + (rule.negate ? -step : step);
                    if (sum >= std::numeric_limits<std::int64_t>::min()
                        && sum <= std::numeric_limits<std::int64_t>::max())
                        current = static_cast<std::int64_t>(sum);
                    else if (sum >= 0 && sum <= std::numeric_limits<std::uint64_t>::max())
                        current = static_cast<std::uint64_t>(sum);
                    else {
                        warnings.push_back(event.eventType + ": rule '" + describe(rule)
                            + "' skipped: the result is beyond a 64-bit integer.");
                        break;
                    }
                } else {
                    const double step = by.get<double>();
                    const double sum = (current.is_null() ? 0.0 : current.get<double>()) + (rule.negate ? -step : step);
                    // An integer past 2^53 loses digits in a double: say so rather than round silently.
                    constexpr double exactUpTo = 9007199254740992.0;
                    for (const json* operand : { &by, static_cast<const json*>(&current) })
                        if (operand->is_number_integer() && std::fabs(operand->get<double>()) > exactUpTo) {
                            warnings.push_back(event.eventType + ": rule '" + describe(rule)
                                + "': the sum with a fraction is rounded to a double (" + operand->dump()
                                + " has more digits than a double holds).");
                            break;
                        }
                    if (!std::isfinite(sum)) {
                        warnings.push_back(event.eventType + ": rule '" + describe(rule)
                            + "' skipped: the result is beyond what a double holds.");
                        break;
                    }
                    current = sum;
                }
                origins.assign(*path, current, event.version);
                break;
            }
            case Rule::Op::Append: {
                json& current = state[target];
                if (current.is_null())
                    current = json::array();
                if (!current.is_array()) {
                    warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: the state holds a "
                        + std::string(current.type_name()) + " there, not an array.");
                    break;
                }
                current.push_back(*source);
                origins.assign(*path, current, event.version);
                break;
            }
            case Rule::Op::Remove: {
                if (!state.contains(target) || !state.at(target).is_array()) {
                    warnings.push_back(event.eventType + ": rule '" + describe(rule)
                        + "' skipped: there is no array there to remove from.");
                    break;
                }
                json& current = state.at(target);
                const auto before = current.size();
                json kept = json::array();
                for (auto& element : current) {
                    bool matches = element == *source;
                    if (rule.match) {
                        const json::json_pointer field(*rule.match);
                        matches = element.is_object() && element.contains(field) && element.at(field) == *source;
                    }
                    if (!matches)
                        kept.push_back(std::move(element));
                }
                if (kept.size() == before) {
                    warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' removed nothing: no element "
                        + "matches " + source->dump() + ".");
                    current = std::move(kept);
                    break;
                }
                current = std::move(kept);
                origins.assign(*path, current, event.version);
                break;
            }
            }
        } catch (const json::exception& error) {
            warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' could not apply to the state ("
                + error.what() + ").");
        } catch (const std::exception& error) {
            warnings.push_back(
                event.eventType + ": rule '" + describe(rule) + "' could not apply (" + error.what() + ").");
        }
    }

    void applyDefault(
        json& state, Origins& origins, const EventInput& event, std::vector<std::string>& warnings, MergeHints* hints)
    {
        if (!event.data.is_object()) {
            warnings.push_back(event.eventType + ": the data is " + std::string(event.data.type_name())
                + ", not an object; the default reducer left the state as it was.");
            return;
        }
        detail::mergeWithOrigins(state, event.data, "", origins, event.version, hints);
    }

} // namespace

ReducerRules ReducerRules::builtIn()
{
    // The guide's User aggregate as rules (write/User.cpp is the reference; a test checks that
    // both agree on random streams).
    static const json document = json::parse(R"({
      "User": {
        "UserCreated": [
          {"op": "set", "path": "/id", "from": "/data/user_id"},
          {"op": "set", "path": "/email", "from": "/data/email"},
          {"op": "set", "path": "/name", "from": "/data/name"},
          {"op": "set", "path": "/status", "value": "active"}
        ],
        "UserUpdated": [
          {"op": "set", "path": "/email", "from": "/data/email", "optional": true},
          {"op": "set", "path": "/name", "from": "/data/name", "optional": true}
        ],
        "UserDeactivated": [
          {"op": "set", "path": "/status", "value": "deactivated"}
        ],
        "*": []
      }
    })");
    return fromJson(document);
}

ReducerRules ReducerRules::fromJson(const json& document)
{
    if (!document.is_object())
        badRule("the top level", "expected an object of aggregate types, e.g. {\"Order\": {\"OrderPlaced\": [...]}}.");
    ReducerRules rules;
    for (const auto& [aggregateType, events] : document.items()) {
        if (!events.is_object())
            badRule(aggregateType, "expected an object of event types, each with a list of rules.");
        AggregateRules aggregate;
        for (const auto& [eventType, list] : events.items()) {
            auto parsed = parseRuleList(list, aggregateType + "." + eventType);
            for (const auto& rule : parsed)
                if (rule.from.value_or("").starts_with("/metadata")
                    || rule.path.find("{/metadata") != std::string::npos)
                    aggregate.needsMetadata = true;
            if (eventType == "*")
                aggregate.otherEvents = std::move(parsed);
            else
                aggregate.byEventType[eventType] = std::move(parsed);
        }
        rules.m_byAggregateType[aggregateType] = std::move(aggregate);
    }
    return rules;
}

ReducerRules ReducerRules::fromFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw store::InvalidInputError("Cannot read the rules file '" + path + "'; check the path.");
    std::stringstream text;
    text << in.rdbuf();
    json document;
    try {
        document = json::parse(text.str());
    } catch (const json::parse_error& error) {
        throw store::InvalidInputError(
            "The rules file '" + path + "' is not valid JSON (" + std::string(error.what()) + ").");
    }
    return fromJson(document);
}

void ReducerRules::overrideWith(const ReducerRules& other)
{
    for (const auto& [type, rules] : other.m_byAggregateType)
        m_byAggregateType[type] = rules;
}

const AggregateRules* ReducerRules::forAggregateType(const std::string& aggregateType) const
{
    const auto it = m_byAggregateType.find(aggregateType);
    return it == m_byAggregateType.end() ? nullptr : &it->second;
}

void applyEvent(const AggregateRules* rules, json& state, Origins& origins, const EventInput& event,
    std::vector<std::string>& warnings, MergeHints* hints)
{
    if (!rules) {
        applyDefault(state, origins, event, warnings, hints);
        return;
    }
    // The contract is "never throws": whatever a rule meets becomes a warning on its event.
    const auto apply = [&](const Rule& rule) {
        if (hints)
            hints->clear(); // a rule may write, and erase, anywhere
        try {
            applyRule(rule, state, origins, event, warnings);
        } catch (const std::exception& error) {
            warnings.push_back(event.eventType + ": rule '" + describe(rule) + "' skipped: " + error.what() + ".");
        }
    };
    const auto it = rules->byEventType.find(event.eventType);
    if (it != rules->byEventType.end()) {
        for (const auto& rule : it->second)
            apply(rule);
        return;
    }
    if (rules->otherEvents) {
        if (rules->otherEvents->empty())
            warnings.push_back(event.eventType + ": no reducer for this event type; the state is unchanged.");
        for (const auto& rule : *rules->otherEvents)
            apply(rule);
        return;
    }
    warnings.push_back(event.eventType + ": no rule for this event type; its data was merged (the default reducer).");
    applyDefault(state, origins, event, warnings, hints);
}

bool mergesData(const AggregateRules* rules, const std::string& eventType)
{
    return !rules || (!rules->byEventType.contains(eventType) && !rules->otherEvents);
}

} // namespace acci::timetravel

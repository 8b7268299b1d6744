#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::timetravel {

// One difference between two states, at a JSON pointer.
struct FieldChange {
    enum class Kind { Added, Changed, Removed };
    Kind kind = Kind::Changed;
    std::string pointer;
    nlohmann::json before; // null when added
    nlohmann::json after; // null when removed
};

struct StateDiff {
    nlohmann::json patch = nlohmann::json::array(); // RFC 6902, from `before` to `after`
    std::vector<FieldChange> changes;

    bool empty() const { return changes.empty(); }
    // One line per change, e.g. "/email: \"a@x.es\" → \"b@x.es\"", "+ /tracking = \"TRK1\"".
    std::vector<std::string> summary(std::size_t maxValueLength = 60) const;
};

// A value as compact JSON, cut (on a character boundary) with "…" past maxBytes.
std::string shortJson(const nlohmann::json& value, std::size_t maxBytes);

StateDiff diffStates(const nlohmann::json& before, const nlohmann::json& after);

} // namespace acci::timetravel

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::store {

// How deep and how large a JSON value may be before we stop treating it as a tree. PostgreSQL
// stores far deeper values; recursive copies, diffs and tree views of them would overflow the
// stack, so deeper ones are kept as text.
struct JsonLimits {
    std::size_t maxDepth = 512;
    std::size_t maxBytes = std::size_t { 64 } * 1024 * 1024;
};

// A stored value, decoded, and what could not be decoded faithfully.
template <class Json> struct Decoded {
    Json value;
    std::vector<std::string> warnings; // one sentence each; empty when the value is exact
    std::vector<std::string> inexactNumbers; // the number tokens kept as their text
    bool wholeAsText = false; // the whole value is its stored text (not JSON, too deep, too large)
};

// The one decoding policy for JSON that we did not write (event data and metadata, snapshots):
// it never throws. Numbers keep their exact value: one that a double or a 64-bit integer cannot
// hold (1e400, 123456789012345678901234567890, 0.1000000000000000055511151231257827) becomes a
// string holding its stored text, with a warning. A value nested deeper or larger than the
// limits, or text that is not JSON, becomes a string of the whole stored text, with a warning.
// (Trailing zeros of a decimal, 1.50, read as the same value, 1.5.)
Decoded<nlohmann::json> decodeStoredJson(std::string_view text, const JsonLimits& limits = {});
Decoded<nlohmann::ordered_json> decodeStoredOrderedJson(std::string_view text, const JsonLimits& limits = {});

// For JSON a user gives us (append, rules, filters): throws InvalidInputError when it is
// nested deeper or is larger than the limits, before anything recursive sees it.
void requireJsonWithinLimits(std::string_view text, const JsonLimits& limits = {});

} // namespace acci::store

#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace acci::store::detail {

// The fast way of decodeStoredJson: reads `text` into `out` in one pass when it is strict JSON
// that the general way (scan, then nlohmann's parse) would decode with no warning, giving the
// same value: every number is one the decoder keeps as it is (integers of up to 18 digits,
// decimals of up to 15 digits without an exponent), nesting is within `maxDepth`, strings are
// valid UTF-8 with well-formed escapes, duplicate keys keep the last value. Returns false, with
// `out` unspecified, whenever it cannot be sure (a byte-order mark, an exponent, a long number,
// a lone surrogate, anything not JSON); the caller then takes the general way, which also says
// what was wrong. nlohmann's lexer reads a character at a time through a token buffer and a
// locale lookup per parse: about 2-3x the time of this reader on event payloads (issue 13).
bool readExactJson(std::string_view text, std::size_t maxDepth, nlohmann::json& out);

} // namespace acci::store::detail

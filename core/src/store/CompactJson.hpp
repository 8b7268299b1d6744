#pragma once

#include <string>
#include <string_view>

namespace acci::store::detail {

// Appends what RecordedEvent::toJson() makes of a stored payload, when that can be had
// without a parse: `stored` decoded by decodeStoredOrderedJson and dumped compactly, byte for
// byte. Returns false, with `out` as it was, whenever it cannot be sure: text that is not
// strict JSON, invalid UTF-8, a number the decoder would keep as a string, deeper or larger
// than the decoder's limits, a string escape the dump would spell differently (\/, \u0041),
// keys not in strictly increasing (length, bytes) order (how jsonb writes them; this is also
// what rules out duplicate keys, which the parse would merge), or "-0". The caller then takes
// the slow, general way.
//
// PostgreSQL's jsonb text differs from the dump only in ", " and ": ", and in decimals
// (1.50 is the double 1.5): whitespace is dropped, decimals are formatted as the dump does.
bool appendCompactJson(std::string_view stored, std::string& out);

// Appends `text` as a JSON string exactly as nlohmann's dump writes it (escapes for quote,
// backslash and control characters, UTF-8 as is). Returns false, with `out` as it was, for
// text that is not valid UTF-8 (the dump would replace bytes).
bool appendJsonString(std::string_view text, std::string& out);

// Whether decodeStoredJson keeps this number token as a number (else it becomes a string
// with a warning). Defined with the decoder, so both agree by construction.
bool numberHeldExactly(std::string_view token);

} // namespace acci::store::detail

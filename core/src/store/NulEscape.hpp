#pragma once

#include <string_view>

namespace acci::store::detail {

// Whether JSON text as a serializer writes it (nlohmann's dump) holds a NUL character, which
// PostgreSQL's jsonb cannot store. The serializer writes a NUL as \u0000 and a backslash as
// \\, so "\u0000" is a NUL only after an even number of backslashes: a literal backslash
// followed by "u0000" ("C:\\u0000dir") is text, and must be stored.
inline bool dumpedJsonHasNul(std::string_view json)
{
    for (auto at = json.find("\\u0000"); at != std::string_view::npos; at = json.find("\\u0000", at + 1)) {
        std::size_t backslashesBefore = 0;
        while (backslashesBefore < at && json[at - 1 - backslashesBefore] == '\\')
            ++backslashesBefore;
        if (backslashesBefore % 2 == 0)
            return true;
    }
    return false;
}

} // namespace acci::store::detail

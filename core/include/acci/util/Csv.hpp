#pragma once

#include <string>

namespace acci::util {

// One CSV field (RFC 4180): always quoted, a quote doubled. The reports' exports share it.
inline std::string csvField(const std::string& value)
{
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

} // namespace acci::util

#pragma once

#include <cstdint>
#include <string>

namespace acci::util {

// ISO 8601 in UTC with microseconds: 2026-11-26T12:47:46.123456Z
std::string formatTimestampUs(std::int64_t microsSinceEpoch);

std::int64_t nowUs();

} // namespace acci::util

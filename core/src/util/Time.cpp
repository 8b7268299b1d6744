#include "acci/util/Time.hpp"

#include <limits>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace acci::util {

std::string formatTimestampUs(std::int64_t microsSinceEpoch)
{
    // PostgreSQL's infinities, as store::detail::unixMicrosFromPostgres saturates them (both
    // spellings are timestamptz input too, so a projection writes them back as they were).
    if (microsSinceEpoch == std::numeric_limits<std::int64_t>::max())
        return "infinity";
    if (microsSinceEpoch == std::numeric_limits<std::int64_t>::min())
        return "-infinity";
    std::int64_t seconds = microsSinceEpoch / 1000000;
    std::int64_t micros = microsSinceEpoch % 1000000;
    if (micros < 0) {
        micros += 1000000;
        seconds -= 1;
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros));
    return buffer;
}

std::int64_t nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace acci::util

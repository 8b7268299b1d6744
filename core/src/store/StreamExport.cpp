#include "acci/store/StreamExport.hpp"

#include <algorithm>
#include <limits>
#include <ostream>

#include "acci/store/EventStore.hpp"

namespace acci::store {

long long exportStream(
    pqxx::connection& connection, const std::string& aggregateId, std::ostream& out, const StreamExportOptions& options)
{
    const bool array = options.format == StreamExportOptions::Format::JsonArray;
    const int pageSize = std::max(1, options.pageSize);
    EventStore eventStore(connection);
    long long remaining = options.limit.value_or(-1); // negative: no limit
    long long count = 0;
    int from = options.fromVersion;
    out << (array ? "[\n" : "");
    while (remaining != 0) {
        const int want = remaining < 0 ? pageSize : static_cast<int>(std::min<long long>(pageSize, remaining));
        const auto events = eventStore.readStream(aggregateId, from, want);
        for (const auto& event : events) {
            if (array && count)
                out << ",\n";
            out << event.toJsonLine() << (array ? "" : "\n");
            ++count;
        }
        if (remaining > 0)
            remaining -= static_cast<long long>(events.size());
        // The last version an int holds has no next page to ask for.
        if (static_cast<int>(events.size()) < want || events.back().version == std::numeric_limits<int>::max())
            break;
        from = events.back().version + 1;
    }
    out << (array ? "\n]\n" : "");
    return count;
}

} // namespace acci::store

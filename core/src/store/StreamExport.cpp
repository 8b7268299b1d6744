#include "acci/store/StreamExport.hpp"

#include <algorithm>
#include <limits>
#include <ostream>

#include <pqxx/nontransaction>

#include "store/EventReads.hpp"
#include "store/OutputBuffer.hpp"

namespace acci::store {

long long exportStream(
    pqxx::connection& connection, const std::string& aggregateId, std::ostream& out, const StreamExportOptions& options)
{
    const bool array = options.format == StreamExportOptions::Format::JsonArray;
    const int pageSize = std::max(1, options.pageSize);
    detail::OutputBuffer buffer(out);
    long long remaining = options.limit.value_or(-1); // negative: no limit
    long long count = 0;
    int from = options.fromVersion;
    buffer.text() += array ? "[\n" : "";
    while (remaining != 0) {
        const int want = remaining < 0 ? pageSize : static_cast<int>(std::min<long long>(pageSize, remaining));
        int lastVersion = 0;
        pqxx::nontransaction query(connection);
        const long long read = detail::copyStream(query, aggregateId, from, want, [&](RecordedEvent& event) {
            if (array && count)
                buffer.text() += ",\n";
            event.appendJsonLine(buffer.text());
            if (array)
                buffer.text().pop_back(); // the newline: in an array, ",\n" separates
            buffer.flushIfFull();
            lastVersion = event.version;
            ++count;
        });
        if (remaining > 0)
            remaining -= read;
        // The last version an int holds has no next page to ask for.
        if (read < want || lastVersion == std::numeric_limits<int>::max())
            break;
        from = lastVersion + 1;
    }
    buffer.text() += array ? "\n]\n" : "";
    buffer.flush();
    return count;
}

} // namespace acci::store

#include "acci/store/LogExport.hpp"

#include <algorithm>
#include <ostream>

#include <pqxx/nontransaction>

#include "store/EventReads.hpp"
#include "store/OutputBuffer.hpp"

namespace acci::store {

long long exportLog(pqxx::connection& connection, std::ostream& out, const LogExportOptions& options)
{
    const long long pageSize = std::max(1, options.pageSize);
    detail::OutputBuffer buffer(out);
    LogPosition after = options.after;
    long long remaining = options.limit;
    long long count = 0;
    while (remaining > 0) {
        const long long want = std::min(pageSize, remaining);
        // One statement per page, as before: each page reads below the head of its own moment.
        pqxx::nontransaction query(connection);
        const long long read = detail::copyLog(query, after, want, options.filter, true, [&](RecordedEvent& event) {
            event.appendJsonLine(buffer.text());
            buffer.flushIfFull();
            after = event.position;
        });
        count += read;
        remaining -= read;
        if (read < want)
            break;
    }
    buffer.flush();
    return count;
}

} // namespace acci::store

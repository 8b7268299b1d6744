#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include <pqxx/connection>

namespace acci::store {

// How one aggregate's events are written out (acci-admin stream, the console's export).
struct StreamExportOptions {
    enum class Format {
        Ndjson, // one event per line
        JsonArray, // "[", the events separated by ",\n", "]": what a JSON tool opens whole
    };
    Format format = Format::Ndjson;
    int fromVersion = 1;
    std::optional<long long> limit; // none: every event from fromVersion on
    int pageSize = 10000; // events read per query (streamed: memory stays flat whatever the size)
};

// Writes the aggregate's events in version order, each as RecordedEvent::toJsonLine(), page
// by page so that memory stays flat. Returns how many were written. Checking `out` for
// write errors is the caller's (it knows what the stream is).
long long exportStream(pqxx::connection& connection, const std::string& aggregateId, std::ostream& out,
    const StreamExportOptions& options = {});

} // namespace acci::store

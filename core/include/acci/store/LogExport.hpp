#pragma once

#include <iosfwd>

#include <pqxx/connection>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

namespace acci::store {

// Which part of the global log to write out (acci-admin log).
struct LogExportOptions {
    LogPosition after; // exclusive
    long long limit = 100;
    LogFilter filter;
    int pageSize = 10000; // events read per query; memory stays flat whatever the size
};

// Writes the global log after `after` as NDJSON (RecordedEvent::toJsonLine() per line), in
// (tx_id, global_position) order, below the readable head like every reader, page by page
// (each page one query, streamed). Returns how many were written. Checking `out` for write
// errors is the caller's.
long long exportLog(pqxx::connection& connection, std::ostream& out, const LogExportOptions& options);

} // namespace acci::store

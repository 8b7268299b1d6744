#pragma once

#include <cstdint>
#include <vector>

#include <pqxx/connection>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

namespace acci::store {

// The first look at a filtered log, from one snapshot: the readable head it is bounded by,
// the keys of the first rows, and the first page of events.
struct LogOpening {
    LogPosition bound;
    std::vector<LogPosition> firstKeys;
    std::vector<RecordedEvent> firstPage;
};

// The second look, which may take longer on a big store: how many events match up to the
// bound, and the keys of the last ones (ascending).
struct LogCount {
    std::int64_t total = 0;
    std::vector<LogPosition> lastKeys;
};

// What was committed after a key: the new keys when following, only their number when paused.
struct LogTail {
    std::vector<LogPosition> keys;
    std::int64_t pending = 0;
};

// Everything a view of the global log asks of the store. The console's log model talks to
// this interface only, so its cache can be tested without a server; LogReader is the
// PostgreSQL implementation. Every read stays below the readable head (the never-skip rule).
class LogSource {
public:
    virtual ~LogSource() = default;
    virtual LogOpening open(const LogFilter& filter, int firstKeys, int pageSize) = 0;
    virtual LogCount count(const LogFilter& filter, LogPosition bound, int lastKeys) = 0;
    // Up to `limit` keys after `after` (exclusive) and up to `bound` (inclusive).
    virtual std::vector<LogPosition> keysAfter(const LogFilter& filter, LogPosition after, int limit, LogPosition bound)
        = 0;
    // Up to `limit` events from `first` on (inclusive).
    virtual std::vector<RecordedEvent> page(const LogFilter& filter, LogPosition first, int limit) = 0;
    // What is readable after `after` now: keys (up to `limit`) when following, else a count.
    virtual LogTail tail(const LogFilter& filter, LogPosition after, bool following, int limit) = 0;
};

class LogReader final : public LogSource {
public:
    explicit LogReader(pqxx::connection& connection)
        : m_connection(connection)
    {
    }
    LogOpening open(const LogFilter& filter, int firstKeys, int pageSize) override;
    LogCount count(const LogFilter& filter, LogPosition bound, int lastKeys) override;
    std::vector<LogPosition> keysAfter(
        const LogFilter& filter, LogPosition after, int limit, LogPosition bound) override;
    std::vector<RecordedEvent> page(const LogFilter& filter, LogPosition first, int limit) override;
    LogTail tail(const LogFilter& filter, LogPosition after, bool following, int limit) override;

private:
    pqxx::connection& m_connection;
};

} // namespace acci::store

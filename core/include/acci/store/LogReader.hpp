#pragma once

#include <cstdint>
#include <optional>
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

// The second look, cheap on any store: the planner's estimate of the events that match up to
// the bound, and the keys of the last ones (ascending). The exact number comes later, counted
// range by range (countBoundaries, countRange).
struct LogEstimate {
    std::int64_t estimate = 0;
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
    virtual LogEstimate estimate(const LogFilter& filter, LogPosition bound, int lastKeys) = 0;
    // Where the parts of an exact count start (see logCountCuts); empty: count in one go.
    virtual std::vector<std::int64_t> countCuts(const LogFilter& filter, int parts) = 0;
    // The matching events up to `upTo` in one part: from a cut to the next (or to the end).
    virtual std::int64_t countPart(
        const LogFilter& filter, std::int64_t from, std::optional<std::int64_t> to, LogPosition upTo)
        = 0;
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
    LogEstimate estimate(const LogFilter& filter, LogPosition bound, int lastKeys) override;
    std::vector<std::int64_t> countCuts(const LogFilter& filter, int parts) override;
    std::int64_t countPart(
        const LogFilter& filter, std::int64_t from, std::optional<std::int64_t> to, LogPosition upTo) override;
    std::vector<LogPosition> keysAfter(
        const LogFilter& filter, LogPosition after, int limit, LogPosition bound) override;
    std::vector<RecordedEvent> page(const LogFilter& filter, LogPosition first, int limit) override;
    LogTail tail(const LogFilter& filter, LogPosition after, bool following, int limit) override;

private:
    pqxx::connection& m_connection;
};

} // namespace acci::store

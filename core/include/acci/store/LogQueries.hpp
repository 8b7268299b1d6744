#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

namespace acci::store {

// Key-only reads of the global log, for views that lay out millions of rows and fetch pages
// by key: count the matching events, and list their positions forwards or backwards. All of
// them stop at `upTo` (inclusive) so that figures taken at different moments agree, and read
// only what no transaction in flight can precede.
std::int64_t countLog(pqxx::transaction_base& tx, const LogFilter& filter, LogPosition upTo);
// The matching events after `after` (exclusive) up to upTo: one range read of the new rows,
// not two counts of the whole log.
std::int64_t countLogAfter(pqxx::transaction_base& tx, LogPosition after, const LogFilter& filter, LogPosition upTo);
std::vector<LogPosition> logKeysAfter(
    pqxx::transaction_base& tx, LogPosition after, int limit, const LogFilter& filter, LogPosition upTo);
// The last `limit` keys up to upTo, in ascending order.
std::vector<LogPosition> lastLogKeys(pqxx::transaction_base& tx, int limit, const LogFilter& filter, LogPosition upTo);

// The planner's estimate of the matching events (EXPLAIN's row count, from the statistics):
// a figure to lay out and show as "about N" while the exact count runs. Never scans.
std::int64_t estimateLog(pqxx::transaction_base& tx, const LogFilter& filter);
// Pages of `events` where the parts of a count start (the first part starts at page 0, the
// last runs to the end of the table): about `parts` parts of similar size. Counting part by
// part (countLogPages) lets a caller show progress, stop between parts, and read pages of
// rows in between; each part is a sequential read of its pages (a TID range scan), so the
// whole costs what one scan of the table costs. None (count in one go, countLogPages(0)):
// when the table is small, or when an index serves the filter and few events match.
std::vector<std::int64_t> logCountCuts(pqxx::transaction_base& tx, const LogFilter& filter, int parts);
// The filter has a clause an index serves (event types, aggregate, correlation, time range).
bool logFilterIndexed(const LogFilter& filter);
// The matching events up to upTo stored in pages [fromPage, toPage) (to the end of the table
// without toPage; from page 0 to the end, a plain count the planner may serve from an index).
// Events are never updated, so each stays in its page: the parts of a count add up to the
// count (a VACUUM FULL or CLUSTER between two parts would move rows).
std::int64_t countLogPages(pqxx::transaction_base& tx, const LogFilter& filter, std::int64_t fromPage,
    std::optional<std::int64_t> toPage, LogPosition upTo);

// The first position at or after `position`: "after" in readAll is exclusive, positions are
// integers, so (tx, pos - 1) works as "from (tx, pos) on".
inline LogPosition justBefore(LogPosition position)
{
    return { position.txId, position.globalPosition - 1 };
}

} // namespace acci::store

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

// The first position at or after `position`: "after" in readAll is exclusive, positions are
// integers, so (tx, pos - 1) works as "from (tx, pos) on".
inline LogPosition justBefore(LogPosition position)
{
    return { position.txId, position.globalPosition - 1 };
}

} // namespace acci::store

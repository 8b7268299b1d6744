#pragma once

#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace acci::store::detail {

// The distinct non-null values of an indexed column, sorted, at most `limit`: a skip scan (a
// recursive query that probes the index once per distinct value), so it costs the number of
// values, not of rows; SELECT DISTINCT would read the whole index. `table` and `column` are
// our own identifiers (quoted anyway), never user input.
std::vector<std::string> distinctValues(
    pqxx::transaction_base& tx, const std::string& table, const std::string& column, int limit);

} // namespace acci::store::detail

#pragma once

#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace acci::monitoring::detail {

// listEventTypes inside the caller's transaction (the quick-open lookup shares one).
std::vector<std::string> eventTypes(pqxx::transaction_base& tx, int limit);

} // namespace acci::monitoring::detail

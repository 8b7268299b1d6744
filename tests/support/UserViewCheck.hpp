#pragma once

#include <map>
#include <string>

#include <pqxx/connection>

namespace acci::testing {

// user_view rows reduced to what the events decide: "email|name|status|version" by id.
using UserRows = std::map<std::string, std::string>;

// The rows as stored in a table shaped like user_view.
UserRows userViewRows(pqxx::connection& connection, const std::string& table = "user_view");

// The rows computed from scratch: every User stream folded by the write side's aggregate.
UserRows expectedUserRows(pqxx::connection& connection);

// Inserts `users` UserCreated then `updates` UserUpdated events in one statement, the way
// a bulk loader would: a big, realistic user_view workload in a second.
void insertUserEvents(pqxx::connection& connection, int users, int updates, const std::string& prefix = "u");

} // namespace acci::testing

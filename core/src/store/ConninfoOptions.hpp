#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace acci::store::detail {

// A connection string as libpq reads it (URI or key=value): the keywords that are set, in
// libpq's order. Shared by the password handling (Connection.cpp) and the primary's string
// (Replication.cpp), so both read a string the same way.
using ConninfoOptions = std::vector<std::pair<std::string, std::string>>;

// nullopt when libpq cannot parse the string (its message is dropped: it quotes the string,
// a password with it).
std::optional<ConninfoOptions> parseConninfo(const std::string& conninfo);

// Back to key=value pairs, each value quoted as libpq needs (conninfoValue).
std::string formatConninfo(const ConninfoOptions& options);

} // namespace acci::store::detail

#pragma once

#include <memory>
#include <string>

#include <pqxx/connection>

namespace acci::store {

// Opens a connection for the core: conninfo is a libpq key=value string or a URI; empty
// means libpq's defaults (PG* environment variables, ~/.pgpass). The session uses UTC and
// names itself to the server. Throws StoreError with a clear sentence when it cannot connect.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo, const std::string& applicationName = "acci");

// The connection string the user meant: the explicit one, else ACCI_DATABASE_URL, else
// empty (libpq defaults).
std::string resolveConninfo(const std::string& explicitConninfo);

} // namespace acci::store

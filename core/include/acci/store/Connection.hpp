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

// The same connection string without its password (a password= keyword or a URI's
// user:password@), as key=value pairs: what may be saved, logged or shown. A string libpq
// cannot parse comes back empty rather than verbatim.
std::string withoutPassword(const std::string& conninfo);

// A value for a key=value connection string: as it is when plain, else single-quoted with
// backslash escapes (libpq's rules), so that any text is one value.
std::string conninfoValue(const std::string& value);

// A short name for a connection, for the screen: user@host:port/dbname, never a password.
std::string displayName(const std::string& conninfo);

} // namespace acci::store

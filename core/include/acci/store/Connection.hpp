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

// The password a connection string carries (password= or a URI's user:password@), empty
// when it has none or libpq cannot parse it.
std::string passwordIn(const std::string& conninfo);

// A value for a key=value connection string: as it is when plain, else single-quoted with
// backslash escapes (libpq's rules), so that any text is one value.
std::string conninfoValue(const std::string& value);

// A short name for a connection, for the screen: user@host:port/dbname, never a password.
std::string displayName(const std::string& conninfo);

// Where a connection string leads once libpq has filled in what it leaves out (PGHOST,
// PGUSER, a service file, the socket directory): what a saved password belongs to, so that
// it is never sent to another server. key() is "user@host:port/dbname".
struct ConnectionTarget {
    std::string host;
    std::string port;
    std::string dbname;
    std::string user;
    std::string key() const { return user + "@" + host + ":" + port + "/" + dbname; }
};
// libpq's own resolution, without logging in. May wait for DNS: call it off the GUI thread.
// Throws InvalidInputError when libpq cannot read the string.
ConnectionTarget resolveTarget(const std::string& conninfo);
// The target of an open connection.
ConnectionTarget targetOf(pqxx::connection& connection);

// How an open connection travels: what the status bar's lock says.
struct TransportSecurity {
    bool localSocket = false; // a Unix-domain socket: never leaves the machine
    bool encrypted = false;
    std::string protocol; // "TLSv1.3"
    std::string cipher;
    std::string sslmode; // as libpq resolved it (the string, PGSSLMODE, else "prefer")
    bool certificateVerified() const { return encrypted && (sslmode == "verify-ca" || sslmode == "verify-full"); }
    bool hostnameVerified() const { return encrypted && sslmode == "verify-full"; }
};
TransportSecurity transportSecurity(pqxx::connection& connection, const std::string& conninfo);

// Whether a password given for this connection string could cross a network unencrypted:
// TCP (not a Unix socket) with an sslmode that accepts a plain connection (disable, allow,
// prefer: a server, or someone in between, may decline TLS). Reads the string and the PG*
// environment only, without DNS: safe on the GUI thread.
bool passwordMayTravelInClear(const std::string& conninfo);

} // namespace acci::store

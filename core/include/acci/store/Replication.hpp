#pragma once

#include <memory>
#include <optional>
#include <string>

#include <pqxx/connection>

namespace acci::store {

// Whether a connection reached the primary or a hot standby, and how far behind a standby is.
struct ServerRole {
    bool standby = false; // pg_is_in_recovery()
    // Standby only: 0 while it streams from the primary and has replayed everything received,
    // else how long ago the last replayed transaction committed on the primary (now() -
    // pg_last_xact_replay_timestamp(): an upper bound, exact while the primary commits steadily;
    // after an idle primary it counts the idle time too). Unset on a primary, and on a standby
    // that has replayed nothing yet.
    std::optional<double> replayDelaySeconds;
    // Standby only: a WAL receiver is streaming from the primary (pg_stat_wal_receiver; its
    // pid is visible to every role). Without one the standby shows a past that stays past.
    bool receiving = true;
    bool replayPaused = false; // pg_is_wal_replay_paused()
    // Standby only: WAL received but not yet replayed, in bytes.
    std::optional<long long> replayLagBytes;
    std::string describe() const; // "primary", "standby, 0.4 s behind", "standby, not receiving…"
};
ServerRole serverRoleOf(pqxx::connection& connection);

// The one sentence every write gets on a standby (console and CLI alike).
extern const char* const StandbyRefusal; // "Connected to a standby; actions need the primary."
// StandbyRefusal followed by what to do (--primary, the Primary field, or the primary among the
// hosts with target_session_attrs=read-write): the what() of every ReadOnlyServerError we raise.
std::string standbyRefusalSentence();

// The connection string for writes, derived from the one the user gave:
// - explicitPrimary when given (the console's "Primary" field, acci-admin --primary);
// - else the same hosts with target_session_attrs=read-write when the string names several
//   hosts or asks for a standby (target_session_attrs standby, prefer-standby, read-only);
// - else the string itself (one host: that server is the primary or there is none to find).
// An explicit primary takes what it leaves out (dbname, user, password, sslmode…) from
// conninfo, never the keys that choose a server (host, hostaddr, port, target_session_attrs).
// Returned as key=value pairs (conninfoValue); throws InvalidInputError when libpq cannot
// read either string (without quoting it: it may hold a password).
std::string primaryConninfo(const std::string& conninfo, const std::string& explicitPrimary = {});

// Opens a connection for writes (primaryConninfo) and makes sure it is not a standby; throws
// ReadOnlyServerError with StandbyRefusal and what to do otherwise.
std::unique_ptr<pqxx::connection> connectToPrimary(
    const std::string& conninfo, const std::string& explicitPrimary = {}, const std::string& applicationName = "acci");

// Throws ReadOnlyServerError (StandbyRefusal) when the connection is to a standby.
void requirePrimary(pqxx::connection& connection);

} // namespace acci::store

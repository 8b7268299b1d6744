#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace acci::store {

// The roles a deployment gives its database users (README, "Roles"). The schema owner, who
// runs migrations, is whoever owns the tables; these three are granted by it.
enum class AccessRole {
    Reader, // browses everything: the whole console except actions
    Writer, // appends events (the guide's INSERT, acci-admin append, user commands, snapshots)
    Operator // a reader that may also run projection actions: rebuild, reset, catch-up, dead letters
};

std::optional<AccessRole> parseAccessRole(const std::string& text);
std::string toString(AccessRole role);

// The statements that give `grantee` exactly what `role` needs on the store in the current
// schema, for a DBA to read or apply (acci-admin grant --print).
std::vector<std::string> grantStatements(pqxx::connection& connection, AccessRole role, const std::string& grantee);

// Applies grantStatements and writes the audit row, in one transaction.
void grantAccess(pqxx::connection& connection, AccessRole role, const std::string& grantee);

// What the connected role may do here, so that a user interface can disable what it cannot.
struct RoleAccess {
    std::string role; // current_user
    bool canMigrate = false; // may create or upgrade the schema
    bool canAppend = false; // may insert events
    bool canOperate = false; // may run projection actions (and write their audit rows)
    std::string operateMissing; // when it may not: what it lacks, e.g. "INSERT on console_audit"
    // Row-level security narrows what it may SELECT from events: every count, stream and fold
    // it reads is of the rows it sees, not of the store.
    bool eventsRowRestricted = false;
};
RoleAccess accessOf(pqxx::connection& connection);

// The commands among `commands` (pg_policy letters: r select, a insert, w update, d delete)
// for which row-level security narrows what the current role may do on `table`, as
// "SELECT, UPDATE"; empty when it may do them on every row (no policy applies, a policy
// USING (true) WITH CHECK (true), or BYPASSRLS).
std::string rowSecurityRestricts(pqxx::transaction_base& tx, const std::string& table, const std::string& commands);

// One sentence for a reader whose view of the events is narrowed by row-level security
// (empty when it is not): said before its answers, which are of the rows it sees.
std::string rowSecurityNote(pqxx::connection& connection);

// Refuses an admin action, before it changes anything, when the role could not write the
// action's audit row or lacks what the action needs. `action` names it for the sentence.
void requireOperator(pqxx::transaction_base& tx, const std::string& action);

} // namespace acci::store

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace acci::store {

// One admin action for console_audit: who (database role and OS user), what, on what, with
// which outcome. Written by every admin action of the CLI and the console.
struct AuditEntry {
    std::string action; // "rebuild", "reset", "retry-dead-letter", ...
    std::string target; // the projection or dead letter acted on
    std::string outcome; // "ok", "cancelled", "failed: <reason>"
    nlohmann::json detail = nlohmann::json::object();
};

// Inside the action's own transaction: the action and its audit row commit together or not at all.
void writeAudit(pqxx::transaction_base& tx, const AuditEntry& entry);

// One row of console_audit, for the console's audit view.
struct AuditRecord {
    std::int64_t id = 0;
    std::int64_t atUs = 0;
    std::string dbUser;
    std::string osUser;
    std::string action;
    std::string target;
    std::string outcome;
    std::string detailJson;
};

// The newest entries first.
std::vector<AuditRecord> recentAudit(pqxx::connection& connection, int limit = 200);

// The login name of the user running this program.
std::string osUserName();

} // namespace acci::store

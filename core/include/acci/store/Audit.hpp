#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/connection>

namespace acci::store {

// One admin action for console_audit: who (database role and OS user), what, on what, with
// which outcome. Written by every admin action of the CLI and the console.
struct AuditEntry {
    std::string action; // "rebuild", "reset", "retry-dead-letter", ...
    std::string target; // the projection or dead letter acted on
    std::string outcome; // "ok", "cancelled", "failed: <reason>"
    nlohmann::json detail = nlohmann::json::object();
};

void writeAudit(pqxx::connection& connection, const AuditEntry& entry);

// The login name of the user running this program.
std::string osUserName();

} // namespace acci::store

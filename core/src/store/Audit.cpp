#include "acci/store/Audit.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

#include <pqxx/nontransaction>

namespace acci::store {

std::string osUserName()
{
    if (const passwd* pw = getpwuid(geteuid()))
        return pw->pw_name;
    if (const char* user = std::getenv("USER"))
        return user;
    return "uid " + std::to_string(geteuid());
}

void writeAudit(pqxx::connection& connection, const AuditEntry& entry)
{
    pqxx::nontransaction statement(connection);
    statement.exec_params("INSERT INTO console_audit (os_user, action, target, outcome, detail) VALUES ($1, $2, $3, $4, "
                          "$5::jsonb)",
                          osUserName(), entry.action, entry.target, entry.outcome, entry.detail.dump());
}

} // namespace acci::store

#include "acci/store/Audit.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include "store/RowParsing.hpp"

namespace acci::store {

std::string osUserName()
{
    if (const passwd* pw = getpwuid(geteuid()))
        return pw->pw_name;
    if (const char* user = std::getenv("USER"))
        return user;
    return "uid " + std::to_string(geteuid());
}

void writeAudit(pqxx::transaction_base& tx, const AuditEntry& entry)
{
    tx.exec_params("INSERT INTO console_audit (os_user, action, target, outcome, detail) VALUES ($1, $2, $3, $4, "
                   "$5::jsonb)",
        osUserName(), entry.action, entry.target, entry.outcome, entry.detail.dump());
}

std::vector<AuditRecord> recentAudit(pqxx::connection& connection, int limit)
{
    pqxx::nontransaction tx(connection);
    const auto rows
        = tx.exec_params("SELECT id, " + detail::epochMicros("at") + R"SQL(, db_user, os_user, action, target,
                                                    outcome, detail::text
                                        FROM console_audit ORDER BY at DESC, id DESC LIMIT $1)SQL",
            limit);
    std::vector<AuditRecord> records;
    for (const auto& row : rows)
        records.push_back({ row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].c_str(), row[3].c_str(),
            row[4].c_str(), row[5].c_str(), row[6].c_str(), row[7].c_str() });
    return records;
}

} // namespace acci::store

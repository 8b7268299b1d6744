#include "acci/store/Roles.hpp"

#include <pqxx/pqxx>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"

namespace acci::store {

namespace {

    // Every table of the store; read_model_tables adds the projections' own.
    const std::vector<std::string> storeTables = { "events", "aggregates", "snapshots", "projection_checkpoints",
        "projection_dead_letters", "projection_rebuilds", "projection_rebuild_history", "console_audit",
        "schema_migrations", "read_model_tables" };

    // What an operator needs beyond reading, as (privilege, object) pairs that
    // has_table_privilege / has_function_privilege understand. The audit insert comes first:
    // without it no action may run.
    const char* operatorChecksSql = R"SQL(
SELECT what, CASE WHEN kind = 'f' THEN to_regprocedure(obj) IS NOT NULL AND has_function_privilege(obj, priv)
                  ELSE to_regclass(obj) IS NOT NULL AND has_table_privilege(obj, priv) END
  FROM (VALUES (1, 't', 'console_audit', 'INSERT', 'INSERT on console_audit'),
               (2, 't', 'projection_checkpoints', 'UPDATE', 'UPDATE on projection_checkpoints'),
               (3, 't', 'projection_dead_letters', 'DELETE', 'DELETE on projection_dead_letters'),
               (4, 't', 'projection_rebuilds', 'INSERT', 'INSERT on projection_rebuilds'),
               (5, 'f', 'acci_rebuild_swap(bigint)', 'EXECUTE', 'EXECUTE on the rebuild functions')) c(n, kind, obj, priv, what)
 ORDER BY n)SQL";

    std::string missingOperatorRights(pqxx::transaction_base& tx)
    {
        std::string missing;
        for (const auto& row : tx.exec(operatorChecksSql)) {
            if (row[1].as<bool>())
                continue;
            missing += (missing.empty() ? "" : ", ") + std::string(row[0].c_str());
        }
        return missing;
    }

    std::string joinQualified(pqxx::transaction_base& tx, const std::string& schema, const std::vector<std::string>& tables)
    {
        std::string list;
        for (const auto& table : tables)
            list += (list.empty() ? "" : ", ") + tx.quote_name(schema) + "." + tx.quote_name(table);
        return list;
    }

    std::vector<std::string> statements(pqxx::transaction_base& tx, AccessRole role, const std::string& grantee)
    {
        if (grantee.empty())
            throw InvalidInputError("The role to grant to is empty; name an existing database role.");
        if (tx.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", grantee).empty())
            throw InvalidInputError("There is no database role '" + grantee
                                    + "'; create it first (CREATE ROLE ... LOGIN), then grant.");
        const std::string schema = tx.exec1("SELECT current_schema()")[0].c_str();
        std::vector<std::string> readModels;
        if (!tx.exec1("SELECT to_regclass('read_model_tables') IS NULL")[0].as<bool>()) {
            for (const auto& row : tx.exec("SELECT table_name FROM read_model_tables ORDER BY table_name"))
                readModels.emplace_back(row[0].c_str());
        } else {
            throw SchemaError("This database's ACCI schema predates roles; run 'acci-admin migrate' first.");
        }
        const std::string to = " TO " + tx.quote_name(grantee);
        const std::string q = tx.quote_name(schema) + ".";
        std::vector<std::string> sql { "GRANT USAGE ON SCHEMA " + tx.quote_name(schema) + to };
        if (role == AccessRole::Writer) {
            sql.push_back("GRANT SELECT, INSERT ON " + q + "events" + to);
            sql.push_back("GRANT SELECT ON " + q + "aggregates, " + q + "schema_migrations" + to);
            sql.push_back("GRANT SELECT, INSERT, UPDATE ON " + q + "snapshots" + to);
            return sql;
        }
        auto all = storeTables;
        all.insert(all.end(), readModels.begin(), readModels.end());
        sql.push_back("GRANT SELECT ON " + joinQualified(tx, schema, all) + to);
        if (role == AccessRole::Operator) {
            sql.push_back("GRANT INSERT, UPDATE, DELETE ON " + q + "projection_checkpoints, " + q
                          + "projection_dead_letters" + to);
            sql.push_back("GRANT INSERT, UPDATE ON " + q + "projection_rebuilds" + to);
            sql.push_back("GRANT INSERT ON " + q + "console_audit" + to);
            if (!readModels.empty())
                sql.push_back("GRANT INSERT, UPDATE, DELETE ON " + joinQualified(tx, schema, readModels) + to);
            std::string functions;
            for (const std::string name : { "acci_rebuild_prepare(bigint, name)", "acci_rebuild_index(bigint)",
                                            "acci_rebuild_swap(bigint)" })
                functions += (functions.empty() ? "" : ", ") + q + name;
            sql.push_back("GRANT EXECUTE ON FUNCTION " + functions + to);
        }
        return sql;
    }

} // namespace

std::optional<AccessRole> parseAccessRole(const std::string& text)
{
    if (text == "reader")
        return AccessRole::Reader;
    if (text == "writer")
        return AccessRole::Writer;
    if (text == "operator")
        return AccessRole::Operator;
    return std::nullopt;
}

std::string toString(AccessRole role)
{
    switch (role) {
    case AccessRole::Reader:
        return "reader";
    case AccessRole::Writer:
        return "writer";
    case AccessRole::Operator:
        return "operator";
    }
    return {};
}

std::vector<std::string> grantStatements(pqxx::connection& connection, AccessRole role, const std::string& grantee)
{
    pqxx::read_transaction tx(connection);
    return statements(tx, role, grantee);
}

void grantAccess(pqxx::connection& connection, AccessRole role, const std::string& grantee)
{
    pqxx::work tx(connection);
    const auto sql = statements(tx, role, grantee);
    for (const auto& statement : sql)
        tx.exec(statement);
    writeAudit(tx, { "grant", grantee, "ok", { { "role", toString(role) }, { "statements", sql } } });
    tx.commit();
}

RoleAccess accessOf(pqxx::connection& connection)
{
    pqxx::read_transaction tx(connection);
    RoleAccess access;
    // Creating needs CREATE on the schema; upgrading needs to own the events table.
    const auto row = tx.exec1(
        "SELECT current_user, has_schema_privilege(current_schema(), 'CREATE')"
        " AND coalesce((SELECT pg_has_role(tableowner, 'MEMBER') FROM pg_tables"
        "               WHERE schemaname = current_schema() AND tablename = 'events'), true),"
        " CASE WHEN to_regclass('events') IS NULL THEN false ELSE has_table_privilege('events', 'INSERT') END");
    access.role = row[0].c_str();
    access.canMigrate = row[1].as<bool>();
    access.canAppend = row[2].as<bool>();
    access.operateMissing = missingOperatorRights(tx);
    access.canOperate = access.operateMissing.empty();
    return access;
}

void requireOperator(pqxx::transaction_base& tx, const std::string& action)
{
    const std::string missing = missingOperatorRights(tx);
    if (missing.empty())
        return;
    const std::string role = tx.exec1("SELECT current_user")[0].c_str();
    throw PermissionError("Role '" + role + "' may not " + action + ": it lacks " + missing
                          + ". Nothing was changed; ask the store's owner to run 'acci-admin grant operator " + role
                          + "'.");
}

} // namespace acci::store

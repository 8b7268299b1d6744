#include "acci/store/Roles.hpp"

#include <pqxx/pqxx>
#include <pqxx/transaction>

#include "acci/projections/Projection.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "store/RowParsing.hpp"

namespace acci::store {

namespace {

    // Every table and view of the store; the projections' own tables are added to these.
    const std::vector<std::string> storeTables = { "events", "aggregates", "snapshots", "projection_checkpoints",
        "projection_dead_letters", "projection_rebuilds", "projection_rebuild_history", "console_audit",
        "projection_skipped_events", "schema_migrations" };

    std::vector<std::string> readModelTables(pqxx::transaction_base& tx)
    {
        std::vector<std::string> tables;
        for (const auto& projection : projections::installedProjections(tx, projections::builtInProjections()))
            tables.push_back(projection->table());
        return tables;
    }

    // What an operator needs beyond reading, as (what, granted) rows. The audit insert comes
    // first: without it no action may run. Column-level grants count (audit rows and rebuild
    // records get their role and time from column defaults an operator may not set).
    const char* operatorChecksSql = R"SQL(
SELECT what, granted FROM (VALUES
    (1, 'INSERT on console_audit', has_any_column_privilege('console_audit', 'INSERT')),
    (2, 'UPDATE on projection_checkpoints', has_table_privilege('projection_checkpoints', 'UPDATE')),
    (3, 'DELETE on projection_dead_letters', has_table_privilege('projection_dead_letters', 'DELETE')),
    (4, 'INSERT and UPDATE on projection_rebuilds', has_any_column_privilege('projection_rebuilds', 'INSERT')
                                                    AND has_any_column_privilege('projection_rebuilds', 'UPDATE')),
    (5, 'TEMPORARY on the database', has_database_privilege(current_database(), 'TEMPORARY'))) c(n, what, granted)
UNION ALL
SELECT 'INSERT, UPDATE and DELETE on ' || t, has_table_privilege(quote_ident(t), 'INSERT')
       AND has_table_privilege(quote_ident(t), 'UPDATE') AND has_table_privilege(quote_ident(t), 'DELETE')
  FROM unnest($1::text[]) t WHERE to_regclass(quote_ident(t)) IS NOT NULL)SQL";

    std::string missingOperatorRights(pqxx::transaction_base& tx)
    {
        if (tx.exec1(
                  "SELECT to_regclass('console_audit') IS NULL OR to_regclass('projection_rebuild_history') IS NULL")[0]
                .as<bool>())
            return "a current ACCI schema";
        std::string missing;
        for (const auto& row :
            tx.exec_params(operatorChecksSql, store::detail::textArrayLiteral(readModelTables(tx)))) {
            if (row[1].as<bool>())
                continue;
            missing += (missing.empty() ? "" : ", ") + std::string(row[0].c_str());
        }
        return missing;
    }

    std::string joinQualified(
        pqxx::transaction_base& tx, const std::string& schema, const std::vector<std::string>& tables)
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
            throw InvalidInputError(
                "There is no database role '" + grantee + "'; create it first (CREATE ROLE ... LOGIN), then grant.");
        const auto where = tx.exec1("SELECT current_schema(), current_database()");
        const std::string schema = where[0].c_str();
        const std::string to = " TO " + tx.quote_name(grantee);
        const std::string q = tx.quote_name(schema) + ".";
        std::vector<std::string> sql { "GRANT USAGE ON SCHEMA " + tx.quote_name(schema) + to };
        if (role == AccessRole::Writer) {
            // Only the guide's columns: tx_id and global_position are the store's to assign.
            sql.push_back("GRANT SELECT, INSERT (id, aggregate_id, aggregate_type, event_type, version, data, metadata,"
                          " timestamp) ON "
                + q + "events" + to);
            sql.push_back("GRANT SELECT ON " + q + "aggregates, " + q + "schema_migrations" + to);
            sql.push_back("GRANT SELECT, INSERT, UPDATE ON " + q + "snapshots" + to);
            return sql;
        }
        auto all = storeTables;
        const auto readModels = readModelTables(tx);
        all.insert(all.end(), readModels.begin(), readModels.end());
        sql.push_back("GRANT SELECT ON " + joinQualified(tx, schema, all) + to);
        if (role == AccessRole::Operator) {
            sql.push_back("GRANT INSERT, UPDATE, DELETE ON " + q + "projection_checkpoints, " + q
                + "projection_dead_letters" + to);
            sql.push_back("GRANT INSERT (projection, event_id) ON " + q + "projection_skipped_events" + to);
            // Who and when come from column defaults, so that the record cannot be forged.
            sql.push_back("GRANT INSERT (projection, os_user), UPDATE (finished_at, outcome, events, error,"
                          " rows_inserted, rows_updated, rows_deleted) ON "
                + q + "projection_rebuilds" + to);
            sql.push_back("GRANT INSERT (os_user, action, target, outcome, detail) ON " + q + "console_audit" + to);
            sql.push_back("GRANT INSERT, UPDATE, DELETE ON " + joinQualified(tx, schema, readModels) + to);
            // A rebuild writes its rows into a temporary table first.
            sql.push_back("GRANT TEMPORARY ON DATABASE " + tx.quote_name(where[1].c_str()) + to);
        }
        return sql;
    }

    // A GRANT by a role that may not give the privilege is only a warning in PostgreSQL:
    // refuse up front instead of reporting grants that did not happen.
    void requireStoreOwner(pqxx::transaction_base& tx)
    {
        const auto row = tx.exec1("SELECT current_user, tableowner, pg_has_role(tableowner, 'MEMBER') FROM pg_tables"
                                  " WHERE schemaname = current_schema() AND tablename = 'events'");
        if (!row[2].as<bool>())
            throw PermissionError("Role '" + std::string(row[0].c_str())
                + "' does not own the store, so its grants "
                  "would not take effect. Nothing was changed; connect as the store's owner ('"
                + row[1].c_str() + "') to grant.");
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
    requireStoreOwner(tx);
    const auto sql = statements(tx, role, grantee);
    for (const auto& statement : sql)
        tx.exec(statement);
    writeAudit(tx, { "grant", grantee, "ok", { { "role", toString(role) }, { "statements", sql } } });
    tx.commit();
}

std::string rowSecurityRestricts(pqxx::transaction_base& tx, const std::string& table, const std::string& commands)
{
    // Per command, whether a permissive policy of the role lets it do everything, and no
    // restrictive one narrows that; only when row security applies to the role at all.
    const auto restricted = tx.exec_params(R"SQL(
WITH mine AS (
    SELECT p.* FROM pg_policy p
     WHERE p.polrelid = to_regclass(quote_ident($1))
       AND (p.polroles = '{0}' OR EXISTS (SELECT 1 FROM unnest(p.polroles) r WHERE pg_has_role(current_user, r, 'MEMBER')))
)
SELECT string_agg(CASE cmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' ELSE 'DELETE' END, ', ')
  FROM unnest(string_to_array($2, NULL)::"char"[]) cmd
 WHERE row_security_active(to_regclass(quote_ident($1)))
   AND (NOT EXISTS (SELECT 1 FROM mine WHERE polpermissive AND polcmd IN (cmd, '*')
                      AND coalesce(pg_get_expr(polqual, polrelid), 'true') = 'true'
                      AND coalesce(pg_get_expr(polwithcheck, polrelid), 'true') = 'true')
        OR EXISTS (SELECT 1 FROM mine WHERE NOT polpermissive AND polcmd IN (cmd, '*'))))SQL",
        table, commands);
    return restricted.empty() || restricted[0][0].is_null() ? std::string() : restricted[0][0].c_str();
}

std::string rowSecurityNote(pqxx::connection& connection)
{
    pqxx::read_transaction tx(connection);
    if (rowSecurityRestricts(tx, "events", "r").empty())
        return {};
    const std::string role = tx.exec1("SELECT current_user")[0].c_str();
    return "Row-level security limits which events role '" + role
        + "' may read: counts, streams, states and checks are of the events it sees, not of the whole store.";
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
        " CASE WHEN to_regclass('events') IS NULL THEN false ELSE has_any_column_privilege('events', 'INSERT') END");
    access.role = row[0].c_str();
    access.canMigrate = row[1].as<bool>();
    access.canAppend = row[2].as<bool>();
    access.operateMissing = missingOperatorRights(tx);
    access.canOperate = access.operateMissing.empty();
    access.eventsRowRestricted = !rowSecurityRestricts(tx, "events", "r").empty();
    return access;
}

void requireOperator(pqxx::transaction_base& tx, const std::string& action)
{
    const std::string missing = missingOperatorRights(tx);
    if (missing.empty())
        return;
    const std::string role = tx.exec1("SELECT current_user")[0].c_str();
    throw PermissionError("Role '" + role + "' may not " + action + ": it lacks " + missing
        + ". Nothing was changed; ask the store's owner to run 'acci-admin grant operator " + role + "'.");
}

} // namespace acci::store

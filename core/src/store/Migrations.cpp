#include "acci/store/Migrations.hpp"

#include <cstdlib>
#include <set>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "store/EmbeddedMigrations.hpp"
#include "store/GuideUpgrade.hpp"
#include "store/OnlineDdl.hpp"

namespace acci::store {

namespace {

    int migrationNumber(const std::string& fileName)
    {
        return std::atoi(fileName.c_str());
    }

    // Serializes migrators across processes; the key is arbitrary but fixed.
    const char* lockSql = "SELECT pg_advisory_xact_lock(4242001)";

    const char* createMigrationsTableSql = R"SQL(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))SQL";

} // namespace

SchemaStatus schemaStatus(pqxx::connection& connection)
{
    pqxx::nontransaction query(connection);
    SchemaStatus status;
    for (const auto& migration : detail::embeddedMigrations()) {
        status.knownVersion = std::max(status.knownVersion, migrationNumber(migration.fileName));
    }
    const auto tables = query.exec1("SELECT to_regclass('events') IS NOT NULL, "
                                    "to_regclass('schema_migrations') IS NOT NULL, "
                                    // pg_attribute, not information_schema: the latter hides the
                                    // columns of a table the role may not read, and a role without
                                    // SELECT on events was told to migrate instead of to be granted.
                                    "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('events')"
                                    " AND attname = 'global_position' AND NOT attisdropped), "
                                    "to_regclass('acci_guide_upgrade') IS NOT NULL");
    const bool hasEvents = tables[0].as<bool>();
    const bool hasMigrations = tables[1].as<bool>();
    const bool hasOurColumns = tables[2].as<bool>();
    // Until its last step, an online upgrade is unfinished whatever the columns say.
    status.guideUpgradeUnfinished = tables[3].as<bool>();

    std::set<int> applied;
    if (hasMigrations) {
        for (const auto& row : query.exec("SELECT version FROM schema_migrations"))
            applied.insert(row[0].as<int>());
    }
    for (const int version : applied)
        status.appliedVersion = std::max(status.appliedVersion, version);
    for (const auto& migration : detail::embeddedMigrations()) {
        if (!applied.count(migrationNumber(migration.fileName)))
            status.pending.push_back(migration.fileName);
    }

    if (!hasEvents)
        status.state = SchemaStatus::State::Empty;
    else if (!hasOurColumns || status.guideUpgradeUnfinished)
        status.state = SchemaStatus::State::PlainGuideSchema;
    else if (status.appliedVersion > status.knownVersion)
        status.state = SchemaStatus::State::Newer;
    else if (!status.pending.empty())
        status.state = SchemaStatus::State::Outdated;
    else
        status.state = SchemaStatus::State::Current;
    return status;
}

std::string SchemaStatus::describe() const
{
    switch (state) {
    case State::Empty:
        return "This database has no event store yet; run 'acci-admin migrate' to create the ACCI schema.";
    case State::PlainGuideSchema:
        if (guideUpgradeUnfinished)
            return "An online upgrade of the guide's event schema has begun and is not finished (it may be running "
                   "now); run 'acci-admin migrate' to continue it (every event is kept).";
        return "This database has the guide's plain event schema; run 'acci-admin migrate' to upgrade it in place "
               "(every event is kept).";
    case State::Outdated:
        return "This database's ACCI schema is at version " + std::to_string(appliedVersion)
            + " and this program needs " + std::to_string(knownVersion) + "; run 'acci-admin migrate' to upgrade it.";
    case State::Newer:
        return "This database's ACCI schema is at version " + std::to_string(appliedVersion)
            + ", newer than this program knows (" + std::to_string(knownVersion) + "); use a newer release.";
    case State::Current:
        return "The ACCI schema is up to date (version " + std::to_string(appliedVersion) + ").";
    }
    return {};
}

std::string describeStep(UpgradeStep step)
{
    switch (step) {
    case UpgradeStep::Waiting:
        return "waiting for another migration to finish";
    case UpgradeStep::AddingColumns:
        return "adding the log columns";
    case UpgradeStep::Numbering:
        return "numbering the existing events";
    case UpgradeStep::Switching:
        return "switching new events to the store's positions";
    case UpgradeStep::BuildingIndexes:
        return "building constraints and indexes";
    case UpgradeStep::Migrating:
        return "applying the migrations";
    case UpgradeStep::InstallingTrigger:
        return "installing the trigger";
    case UpgradeStep::FillingAggregates:
        return "filling the aggregates list";
    case UpgradeStep::Done:
        return "done";
    }
    return {};
}

namespace detail {

    std::vector<std::string> applyPendingMigrations(pqxx::connection& connection, bool audit, bool withinGuideUpgrade)
    {
        std::vector<std::string> appliedNow;
        for (const auto& migration : detail::embeddedMigrations()) {
            const int number = migrationNumber(migration.fileName);
            bool applied = false;
            auto apply = [&](pqxx::work& transaction) {
                applied = false; // a retried attempt starts over
                transaction.exec(lockSql);
                transaction.exec(createMigrationsTableSql);
                const auto done = transaction.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", number);
                if (!done.empty())
                    return;
                if (withinGuideUpgrade) // 001 leaves the aggregates and the trigger to the online upgrade
                    transaction.exec("SET LOCAL acci.guide_upgrade = 'on'");
                transaction.exec(migration.sql);
                transaction.exec_params(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", number, migration.fileName);
                if (audit) // console_audit exists from the first migration on, this one included
                    writeAudit(transaction, { "migrate", migration.fileName, "ok" });
                applied = true;
            };
            if (withinGuideUpgrade) {
                withShortLocks(connection, "migration " + migration.fileName, apply);
            } else {
                pqxx::work transaction(connection);
                apply(transaction);
                if (applied)
                    transaction.commit(); // else it rolls back: nothing was changed
            }
            if (applied)
                appliedNow.push_back(migration.fileName);
        }
        return appliedNow;
    }

} // namespace detail

std::vector<std::string> migrate(pqxx::connection& connection, const MigrateOptions& options)
{
    // Up to date: touch nothing, so that a role without DDL rights gets "up to date", not an error.
    const auto status = schemaStatus(connection);
    if (status.state == SchemaStatus::State::Current)
        return {};
    // An interrupted online upgrade can only be continued online: 001 alone would leave its
    // unnumbered rows behind.
    if ((options.online && status.state == SchemaStatus::State::PlainGuideSchema) || status.guideUpgradeUnfinished)
        return detail::upgradeGuideSchemaOnline(connection, options);
    return detail::applyPendingMigrations(connection, options.audit, false);
}

std::vector<std::string> migrate(pqxx::connection& connection, bool audit)
{
    MigrateOptions options;
    options.audit = audit;
    return migrate(connection, options);
}

void requireCurrentSchema(pqxx::connection& connection)
{
    const auto status = schemaStatus(connection);
    if (status.state != SchemaStatus::State::Current)
        throw SchemaError(status.describe());
}

} // namespace acci::store

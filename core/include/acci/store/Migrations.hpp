#pragma once

#include <functional>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace acci::store {

// Where a database stands against the schema this build knows.
struct SchemaStatus {
    enum class State {
        Empty, // no events table: migrate creates everything
        PlainGuideSchema, // the guide's events table without our columns: migrate upgrades it
        Outdated, // our schema, some migrations not applied yet
        Current, // every known migration applied
        Newer // applied migrations this build does not know: a newer console made it
    };
    State state = State::Empty;
    int appliedVersion = 0; // highest applied migration number
    int knownVersion = 0; // highest migration number this build has
    std::vector<std::string> pending; // file names of migrations still to apply
    bool guideUpgradeUnfinished = false; // an online upgrade of the guide's schema began and has not ended

    // One sentence for a person: what the database is and what to do.
    std::string describe() const;
};

SchemaStatus schemaStatus(pqxx::connection& connection);

// The steps of the online upgrade of a guide-schema store, in their order.
enum class UpgradeStep {
    Waiting, // another migration holds the migration lock
    AddingColumns,
    Numbering, // existing events get their log positions, in batches
    Switching, // events written from now on get their positions from the store
    BuildingIndexes, // constraints and indexes, without blocking writers
    Migrating, // the numbered migrations
    InstallingTrigger,
    FillingAggregates, // the aggregates list, in batches
    Done,
};

// How far an online upgrade has come, for a progress display.
struct MigrationProgress {
    UpgradeStep step = UpgradeStep::Waiting;
    std::string detail; // the index being built, the migration being applied; may be empty
    long long done = 0; // rows (Numbering) or aggregates (FillingAggregates) so far, earlier runs included
    long long total = 0; // the same, all of them (an estimate for aggregates); 0 when unknown
    double ratePerSecond = 0; // in this run
    double etaSeconds = -1; // -1 when unknown
};

// One short English phrase for a step ("numbering existing events"), for the CLI.
std::string describeStep(UpgradeStep step);

struct MigrateOptions {
    // Each migration's console_audit row is written in that migration's transaction.
    bool audit = false;
    // A guide-schema store is upgraded online, while its writers keep writing. Off, it is
    // upgraded in one locking transaction (the way before; the benchmark's baseline).
    bool online = true;
    int batchSize = 10000; // rows numbered per transaction
    // Called on the migrating thread at each step and batch boundary.
    std::function<void(const MigrationProgress&)> progress;
};

// Applies every pending migration, each in its own transaction, under an advisory lock so
// two migrators never race. Returns the file names applied (empty when up to date). A store
// with the guide's plain schema is upgraded online (GuideUpgrade.cpp); an interrupted online
// upgrade continues where it stopped.
std::vector<std::string> migrate(pqxx::connection& connection, const MigrateOptions& options);
std::vector<std::string> migrate(pqxx::connection& connection, bool audit = false);

// Throws SchemaError with SchemaStatus::describe() unless the schema is current.
void requireCurrentSchema(pqxx::connection& connection);

} // namespace acci::store

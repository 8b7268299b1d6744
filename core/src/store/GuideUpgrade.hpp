#pragma once

#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/store/Migrations.hpp"

namespace acci::store::detail {

// Upgrades a store made with the guide's plain schema while its writers keep inserting
// (docs/ARCHITECTURE.md, "Online upgrade of the guide's schema"); continues an interrupted
// one. Returns the migrations applied. Errors are one sentence saying where it stopped.
std::vector<std::string> upgradeGuideSchemaOnline(pqxx::connection& connection, const MigrateOptions& options);

// The numbered migrations not yet recorded, each in its own transaction. Within the online
// upgrade they leave the aggregates backfill and the trigger to it, and take their locks
// briefly (OnlineDdl.hpp).
std::vector<std::string> applyPendingMigrations(pqxx::connection& connection, bool audit, bool withinGuideUpgrade);

} // namespace acci::store::detail

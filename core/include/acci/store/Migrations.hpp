#pragma once

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

    // One sentence for a person: what the database is and what to do.
    std::string describe() const;
};

SchemaStatus schemaStatus(pqxx::connection& connection);

// Applies every pending migration, each in its own transaction, under an advisory lock so
// two migrators never race. Returns the file names applied (empty when up to date). With
// `audit`, each migration's console_audit row is written in that migration's transaction.
std::vector<std::string> migrate(pqxx::connection& connection, bool audit = false);

// Throws SchemaError with SchemaStatus::describe() unless the schema is current.
void requireCurrentSchema(pqxx::connection& connection);

} // namespace acci::store

#pragma once

#include <string>
#include <vector>

namespace acci::store::detail {

// One numbered SQL file from core/sql, compiled into the library.
struct EmbeddedMigration {
    std::string fileName; // "001_events.sql": the number orders and identifies it
    std::string sql;
};

const std::vector<EmbeddedMigration>& embeddedMigrations();

} // namespace acci::store::detail

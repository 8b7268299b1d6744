#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>

#include "acci/projections/Projection.hpp"
#include "acci/store/Event.hpp"

// How a rebuild makes the live table equal to the rows the events produce, without replacing
// the table (docs/ARCHITECTURE.md, "Rebuild"): the rows are in pg_temp.acci_rebuild_rows, and
// only the live rows that differ are written.
namespace acci::projections::detail {

inline constexpr const char* RebuildRowsTable = "acci_rebuild_rows";

// "a", "b" (or, with a prefix and suffix, p."a"s, p."b"s).
std::string quotedList(pqxx::transaction_base& tx, const std::vector<std::string>& names, const std::string& prefix = {},
                       const std::string& suffix = {});

// The columns that identify a row: the primary key, else a unique index without a predicate
// on NOT NULL columns; empty when there is neither (every row is then replaced).
std::vector<std::string> tableKey(pqxx::transaction_base& tx, const std::string& table);

struct Reached {
    store::LogPosition position;
    std::int64_t applied = 0;
};

// Applies the events after `from` (up to the readable head) to the rebuilt rows, in pages, so
// that the swap never sets back what catch-up already applied to the live table. A page that
// fails is rolled back and ends it there: the catch-up after the swap meets it again and
// parks what fails.
Reached catchUpRows(pqxx::dbtransaction& tx, Projection& projection, store::LogPosition from,
                    const std::vector<std::string>& keys);

struct Differences {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t deleted = 0;
};

// Makes the live table's `columns` equal to the rebuilt rows: deletes the rows none match,
// updates those that differ, inserts the missing ones, matching on `keys`. The table stays the
// same relation, so everything that refers to it is untouched, and it stays MVCC-safe: a
// reader whose snapshot is older sees the old rows. Without keys every row is replaced.
Differences applyDifferences(pqxx::dbtransaction& tx, const std::string& quotedLive,
                             const std::vector<std::string>& columns, const std::vector<std::string>& keys);

// A rebuild must see and change every row, or it would call a table it could not fix rebuilt:
// refuses (PermissionError) when row-level security restricts the current role on `table`.
void requireUnrestrictedRows(pqxx::transaction_base& tx, const std::string& table);

// A swap that failed in the database, as a sentence that says what to do: a lock wait names
// who holds the table; anything else keeps the server's words (constraint and key included).
std::string explainSwapFailure(pqxx::connection& connection, const std::string& table, const pqxx::sql_error& error);

} // namespace acci::projections::detail

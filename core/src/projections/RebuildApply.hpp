#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/dbtransaction>
#include <pqxx/except>
#include <pqxx/transaction_base>

#include "acci/projections/Projection.hpp"
#include "acci/store/Event.hpp"

// How a rebuild makes the live table equal to the rows the events produce, without replacing
// the table (docs/ARCHITECTURE.md, "Rebuild"): the rows are in pg_temp.acci_rebuild_rows, and
// only the live rows that differ are written.
namespace acci::projections::detail {

inline constexpr const char* RebuildRowsTable = "acci_rebuild_rows";

// "a", "b" (or, with a prefix and suffix, p."a"s, p."b"s).
std::string quotedList(pqxx::transaction_base& tx, const std::vector<std::string>& names,
    const std::string& prefix = {}, const std::string& suffix = {});

// The columns of the table's primary key (empty when it has none: a rebuild refuses that).
std::vector<std::string> tableKey(pqxx::transaction_base& tx, const std::string& table);

struct Reached {
    store::LogPosition position;
    std::int64_t applied = 0;
    std::int64_t parked = 0;
};

// Applies the events after `from` (up to the readable head) to the rebuilt rows, so that the
// swap never sets back what catch-up already applied to the live table: events in `excluded`
// (parked, skipped) are left out, an event that fails is parked as catch-up parks it, and the
// position reached is never behind `liveCheckpoint`.
Reached catchUpRows(pqxx::dbtransaction& tx, Projection& projection, store::LogPosition from,
    store::LogPosition liveCheckpoint, const std::vector<std::string>& keys, const std::set<std::string>& excluded);

struct Differences {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t deleted = 0;
};

// Makes the live table's `columns` equal to the rebuilt rows: deletes the rows none match,
// updates those that differ, inserts the missing ones, matching on `keys`. The table stays the
// same relation, so everything that refers to it is untouched, and it stays MVCC-safe: a
// reader whose snapshot is older sees the old rows.
Differences applyDifferences(pqxx::dbtransaction& tx, const std::string& quotedLive,
    const std::vector<std::string>& columns, const std::vector<std::string>& keys);

// A rebuild must see and change every row, or it would call a table it could not fix rebuilt:
// refuses (PermissionError) when row-level security restricts the current role on `table` for
// any of `commands` (pg_policy letters: r select, a insert, w update, d delete).
// `what` names the operation in the sentence ("a rebuild", "a verification").
void requireUnrestrictedRows(pqxx::transaction_base& tx, const std::string& table, const std::string& commands,
    const std::string& what = "a rebuild");

// A swap that failed in the database, as a sentence that says what to do: a lock wait names
// who holds the table; anything else keeps the server's words (constraint and key included).
std::string explainSwapFailure(pqxx::connection& connection, const std::string& table, const pqxx::sql_error& error);

} // namespace acci::projections::detail

#include "projections/RebuildApply.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <pqxx/nontransaction>
#include <pqxx/pqxx>

#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Roles.hpp"
#include "projections/Checkpoints.hpp"
#include "store/RowParsing.hpp"
#include "store/Savepoint.hpp"

namespace acci::projections::detail {

namespace {

    const std::string rows = std::string("pg_temp.") + RebuildRowsTable;

    // The columns as a row to compare exactly as stored: fixed-width scalars by their own
    // equality; everything else as text in the C collation, so that citext, case-insensitive
    // collations, numeric scale or json (which has no equality) never hide a difference.
    // Returns the live side and the rows side; the column types are read in one query.
    std::pair<std::string, std::string> comparableRows(
        pqxx::transaction_base& tx, const std::string& quotedLive, const std::vector<std::string>& columns)
    {
        std::set<std::string> native;
        for (const auto& row : tx.exec_params(
                 "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attname = ANY ($2::text[])"
                 " AND atttypid::regtype::text IN ('boolean', 'smallint', 'integer', 'bigint', 'double precision',"
                 " 'real', 'date', 'uuid', 'oid', 'timestamp with time zone', 'timestamp without time zone')",
                 quotedLive, store::detail::textArrayLiteral(columns)))
            native.insert(row[0].c_str());
        std::string live, rebuilt;
        for (const auto& column : columns) {
            const std::string cast = native.count(column) ? "" : "::text COLLATE \"C\"";
            live += (live.empty() ? "" : ", ") + ("l." + tx.quote_name(column)) + cast;
            rebuilt += (rebuilt.empty() ? "" : ", ") + ("s." + tx.quote_name(column)) + cast;
        }
        return { live, rebuilt };
    }

} // namespace

std::string quotedList(pqxx::transaction_base& tx, const std::vector<std::string>& names, const std::string& prefix,
    const std::string& suffix)
{
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + prefix + tx.quote_name(name) + suffix;
    return list;
}

std::vector<std::string> tableKey(pqxx::transaction_base& tx, const std::string& table)
{
    std::vector<std::string> keys;
    for (const auto& row : tx.exec_params("SELECT a.attname FROM pg_index i"
                                          " JOIN pg_attribute a ON a.attrelid = i.indrelid"
                                          "  AND a.attnum = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1])"
                                          " WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary"
                                          " ORDER BY array_position(i.indkey::int2[], a.attnum)",
             table))
        keys.emplace_back(row[0].c_str());
    return keys;
}

Reached catchUpRows(pqxx::dbtransaction& tx, Projection& projection, store::LogPosition from,
    store::LogPosition liveCheckpoint, const std::vector<std::string>& keys, const std::set<std::string>& excluded)
{
    Reached reached { from, 0, 0 };
    store::LogFilter filter;
    filter.eventTypes = projection.eventTypes();
    constexpr int page = 1000;
    bool indexed = false;
    for (;;) {
        auto events = store::readAll(tx, reached.position, page, filter);
        const bool full = static_cast<int>(events.size()) == page;
        if (events.empty())
            break;
        const auto last = events.back().position;
        std::erase_if(events, [&](const store::RecordedEvent& event) { return excluded.count(event.id) > 0; });
        if (!events.empty() && !indexed) {
            // Applying upserts by key.
            tx.exec("CREATE UNIQUE INDEX ON " + rows + " (" + quotedList(tx, keys) + ")");
            indexed = true;
        }
        bool pageApplied = events.empty();
        if (!pageApplied) {
            try {
                store::detail::Savepoint savepoint(tx, "acci_rebuild_page");
                projection.apply(savepoint.tx(), RebuildRowsTable, events);
                savepoint.commit();
                pageApplied = true;
            } catch (const pqxx::broken_connection&) {
                throw;
            } catch (const std::exception&) {
                // One event of the page fails: apply them one by one, and park the culprits
                // the way catch-up does, so that the rows reach what the live table shows.
            }
        }
        if (pageApplied) {
            reached.applied += static_cast<std::int64_t>(events.size());
        } else {
            for (const auto& event : events) {
                std::string error;
                try {
                    store::detail::Savepoint savepoint(tx, "acci_rebuild_event");
                    projection.apply(savepoint.tx(), RebuildRowsTable, { event });
                    savepoint.commit();
                    ++reached.applied;
                    continue;
                } catch (const pqxx::broken_connection&) {
                    throw;
                } catch (const std::exception& failure) {
                    error = store::describeError(failure);
                }
                parkEvent(tx, projection.name(), event, error, 1, false);
                ++reached.parked;
            }
        }
        reached.position = last;
        if (!full)
            break;
    }
    // Events of other types count as done up to the readable head, as catch-up counts them;
    // and never behind the live table's own checkpoint.
    if (const auto head = store::readableHead(tx); head && reached.position < *head)
        reached.position = *head;
    reached.position = std::max(reached.position, liveCheckpoint);
    return reached;
}

Differences applyDifferences(pqxx::dbtransaction& tx, const std::string& quotedLive,
    const std::vector<std::string>& columns, const std::vector<std::string>& keys)
{
    const std::string& live = quotedLive;
    if (keys.empty())
        throw store::SchemaError(
            "The table " + live + " lost its primary key during the rebuild; nothing was changed.");
    const std::string all = quotedList(tx, columns);
    std::string match;
    for (const auto& key : keys)
        match += (match.empty() ? "" : " AND ") + ("s." + tx.quote_name(key)) + " = l." + tx.quote_name(key);
    std::vector<std::string> values;
    for (const auto& column : columns)
        if (std::find(keys.begin(), keys.end(), column) == keys.end())
            values.push_back(column);
    // Deferrable unique constraints are checked at commit, when every row is final (two rows
    // may swap a value midway). A plain unique index cannot wait: see below.
    tx.exec("SET CONSTRAINTS ALL DEFERRED");
    Differences changed;
    try {
        changed.deleted = static_cast<std::int64_t>(
            tx.exec("DELETE FROM " + live + " AS l WHERE NOT EXISTS (SELECT 1 FROM " + rows + " s WHERE " + match + ")")
                .affected_rows());
        if (!values.empty()) {
            std::string set;
            for (const auto& column : values)
                set += (set.empty() ? "" : ", ") + tx.quote_name(column) + " = s." + tx.quote_name(column);
            const auto [liveRow, rebuiltRow] = comparableRows(tx, live, values);
            changed.updated = static_cast<std::int64_t>(
                tx.exec("UPDATE " + live + " AS l SET " + set + " FROM " + rows + " s WHERE " + match + " AND ("
                      + liveRow + ") IS DISTINCT FROM (" + rebuiltRow + ")")
                    .affected_rows());
        }
        changed.inserted = static_cast<std::int64_t>(
            tx.exec("INSERT INTO " + live + " (" + all + ") SELECT " + quotedList(tx, columns, "s.") + " FROM " + rows
                  + " s WHERE NOT EXISTS (SELECT 1 FROM " + live + " l WHERE " + match + ")")
                .affected_rows());
    } catch (const pqxx::unique_violation& error) {
        throw store::StoreError("The rebuilt rows break a unique index of " + live + " (" + store::errorDetail(error)
            + "): two rows swap a value within one rebuild, or the events give two rows one value. Nothing was "
              "changed. Make it a DEFERRABLE unique constraint (a rebuild checks those at commit), or find the "
              "rows with that value, then rebuild.");
    }
    return changed;
}

void requireUnrestrictedRows(
    pqxx::transaction_base& tx, const std::string& table, const std::string& commands, const std::string& what)
{
    const std::string restricted = store::rowSecurityRestricts(tx, table, commands);
    if (restricted.empty())
        return;
    const std::string role = tx.exec1("SELECT current_user")[0].c_str();
    throw store::PermissionError("Row-level security on " + table + " limits what role '" + role + "' may " + restricted
        + ", so " + what
        + " could not be exact. Nothing was changed; give the role "
          "a policy USING (true) WITH CHECK (true) for all commands (and no restrictive "
          "one), or BYPASSRLS.");
}

std::string explainSwapFailure(pqxx::connection& connection, const std::string& table, const pqxx::sql_error& error)
{
    if (error.sqlstate() != "55P03")
        return store::describeError(error);
    std::string holders;
    try {
        pqxx::nontransaction tx(connection);
        for (const auto& row :
            tx.exec_params("SELECT DISTINCT l.pid, coalesce(a.usename::text, '?'), l.mode FROM pg_locks l"
                           " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                           " WHERE l.granted AND l.pid <> pg_backend_pid() AND l.mode <> 'AccessShareLock'"
                           " AND l.relation IN (to_regclass(quote_ident($1)), 'projection_checkpoints'::regclass)",
                table))
            holders += std::string(holders.empty() ? "" : ", ") + "backend " + row[0].c_str() + " (role '"
                + row[1].c_str() + "', " + row[2].c_str() + ")";
    } catch (...) {
        // Naming the holder is a courtesy; the sentence stands without it.
    }
    return "The rebuild waited 10 s for a lock on " + table + " or its checkpoint"
        + (holders.empty() ? std::string() : ", held by " + holders)
        + "; nothing was changed. Try again when that transaction has ended.";
}

} // namespace acci::projections::detail

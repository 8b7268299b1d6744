#include "projections/RebuildApply.hpp"

#include <algorithm>

#include <pqxx/nontransaction>
#include <pqxx/pqxx>

#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "store/Savepoint.hpp"

namespace acci::projections::detail {

namespace {

    const std::string rows = std::string("pg_temp.") + RebuildRowsTable;

    // The columns as a row to compare exactly as stored: fixed-width scalars by their own
    // equality; everything else as text in the C collation, so that citext, case-insensitive
    // collations, numeric scale or json (which has no equality) never hide a difference.
    std::string comparable(pqxx::transaction_base& tx, const std::string& quotedLive,
                           const std::vector<std::string>& columns, const std::string& prefix)
    {
        std::string list;
        for (const auto& column : columns) {
            const bool native = tx.exec_params1("SELECT atttypid::regtype::text IN ('boolean', 'smallint', 'integer',"
                                                " 'bigint', 'double precision', 'real', 'date', 'uuid', 'oid',"
                                                " 'timestamp with time zone', 'timestamp without time zone')"
                                                " FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2",
                                                quotedLive, column)[0]
                                    .as<bool>();
            list += (list.empty() ? "" : ", ") + prefix + tx.quote_name(column) + (native ? "" : "::text COLLATE \"C\"");
        }
        return list;
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
    const auto index = tx.exec_params(
        "SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = to_regclass(quote_ident($1))"
        " AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indimmediate"
        " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid"
        "                 AND a.attnum = ANY (i.indkey::int2[]) AND NOT a.attnotnull)"
        " ORDER BY i.indisprimary DESC, i.indnkeyatts LIMIT 1",
        table);
    std::vector<std::string> keys;
    if (index.empty())
        return keys;
    for (const auto& row : tx.exec_params("SELECT a.attname FROM pg_index i"
                                          " JOIN pg_attribute a ON a.attrelid = i.indrelid"
                                          "  AND a.attnum = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1])"
                                          " WHERE i.indexrelid = $1"
                                          " ORDER BY array_position(i.indkey::int2[], a.attnum)",
                                          index[0][0].c_str()))
        keys.emplace_back(row[0].c_str());
    return keys;
}

Reached catchUpRows(pqxx::dbtransaction& tx, Projection& projection, store::LogPosition from,
                    const std::vector<std::string>& keys)
{
    Reached reached { from, 0 };
    store::LogFilter filter;
    filter.eventTypes = projection.eventTypes();
    if (keys.empty() || store::readAll(tx, from, 1, filter).empty())
        return reached;
    // Applying upserts by key.
    tx.exec("CREATE UNIQUE INDEX ON " + rows + " (" + quotedList(tx, keys) + ")");
    for (;;) {
        const auto events = store::readAll(tx, reached.position, 1000, filter);
        if (events.empty())
            return reached;
        try {
            store::detail::Savepoint page(tx, "acci_rebuild_page");
            projection.apply(page.tx(), RebuildRowsTable, events);
            page.commit();
        } catch (const pqxx::broken_connection&) {
            throw;
        } catch (const std::exception&) {
            return reached; // rolled back to the savepoint
        }
        reached.position = events.back().position;
        reached.applied += static_cast<std::int64_t>(events.size());
    }
}

Differences applyDifferences(pqxx::dbtransaction& tx, const std::string& quotedLive,
                             const std::vector<std::string>& columns, const std::vector<std::string>& keys)
{
    const std::string& live = quotedLive;
    const std::string all = quotedList(tx, columns);
    Differences changed;
    if (keys.empty()) {
        changed.deleted = tx.exec("DELETE FROM " + live).affected_rows();
        changed.inserted
            = tx.exec("INSERT INTO " + live + " (" + all + ") SELECT " + all + " FROM " + rows).affected_rows();
        return changed;
    }
    std::string match;
    for (const auto& key : keys)
        match += (match.empty() ? "" : " AND ") + ("s." + tx.quote_name(key)) + " = l." + tx.quote_name(key);
    std::vector<std::string> values;
    for (const auto& column : columns)
        if (std::find(keys.begin(), keys.end(), column) == keys.end())
            values.push_back(column);
    changed.deleted
        = tx.exec("DELETE FROM " + live + " AS l WHERE NOT EXISTS (SELECT 1 FROM " + rows + " s WHERE " + match + ")")
              .affected_rows();
    std::int64_t reinserted = 0;
    if (!values.empty()) {
        std::string set;
        for (const auto& column : values)
            set += (set.empty() ? "" : ", ") + tx.quote_name(column) + " = s." + tx.quote_name(column);
        const std::string differs = " WHERE " + match + " AND (" + comparable(tx, live, values, "l.")
            + ") IS DISTINCT FROM (" + comparable(tx, live, values, "s.") + ")";
        bool swappedUniqueValues = false;
        try {
            store::detail::Savepoint update(tx, "acci_rebuild_update");
            changed.updated = update.tx().exec("UPDATE " + live + " AS l SET " + set + " FROM " + rows + " s" + differs)
                                  .affected_rows();
            update.commit();
        } catch (const pqxx::unique_violation&) {
            swappedUniqueValues = true; // rolled back to the savepoint
        }
        if (swappedUniqueValues) {
            // A unique index of the table's own (say on email) saw two rows swap a value midway
            // through the UPDATE: remove the rows that differ and insert them anew below, so
            // that the index is checked only against final rows.
            reinserted = tx.exec("DELETE FROM " + live + " AS l USING " + rows + " s" + differs).affected_rows();
            changed.updated = reinserted;
        }
    }
    changed.inserted = tx.exec("INSERT INTO " + live + " (" + all + ") SELECT " + quotedList(tx, columns, "s.")
                               + " FROM " + rows + " s WHERE NOT EXISTS (SELECT 1 FROM " + live + " l WHERE " + match
                               + ")")
                           .affected_rows()
        - reinserted;
    return changed;
}

void requireUnrestrictedRows(pqxx::transaction_base& tx, const std::string& table)
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
  FROM unnest(ARRAY['r', 'a', 'w', 'd']::"char"[]) cmd
 WHERE row_security_active(to_regclass(quote_ident($1)))
   AND (NOT EXISTS (SELECT 1 FROM mine WHERE polpermissive AND polcmd IN (cmd, '*')
                      AND coalesce(pg_get_expr(polqual, polrelid), 'true') = 'true'
                      AND coalesce(pg_get_expr(polwithcheck, polrelid), 'true') = 'true')
        OR EXISTS (SELECT 1 FROM mine WHERE NOT polpermissive AND polcmd IN (cmd, '*'))))SQL",
                                           table);
    if (restricted.empty() || restricted[0][0].is_null())
        return;
    const std::string role = tx.exec1("SELECT current_user")[0].c_str();
    throw store::PermissionError("Row-level security on " + table + " limits what role '" + role + "' may "
                                 + restricted[0][0].c_str()
                                 + ", so a rebuild could not make every row right. Nothing was changed; give the role "
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
        for (const auto& row : tx.exec_params(
                 "SELECT DISTINCT l.pid, coalesce(a.usename::text, '?'), l.mode FROM pg_locks l"
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

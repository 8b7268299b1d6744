// The online upgrade of a store made with the guide's plain schema. Why each step is as it is:
// docs/ARCHITECTURE.md, "Online upgrade of the guide's schema". In short:
//
// - The columns come without a default (no rewrite), tx_id's default right away (SET DEFAULT
//   touches new rows only); global_position gets no default until the switch. So until the
//   switch, every row without a position is in one pool: old rows (tx_id NULL) and rows the
//   guide's writers insert meanwhile (tx_id their real xid).
// - The pool is numbered in short batches in the order (tx_id NULLS FIRST, timestamp,
//   aggregate_id, version, id), from a partial index: old rows first, in timestamp order (the
//   locking upgrade's order, so equal timestamps are broken alike), then the writers' rows in
//   log order. Old rows get tx_id 0, below every real xid, so they come first in the log
//   (tx_id, global_position) and are always below the readable head.
// - The switch, under one short ACCESS EXCLUSIVE lock, numbers the few rows left and gives
//   global_position a sequence starting after the last number: it waits for every open insert,
//   so no row can commit without a position afterwards, and no position is given twice.
// - NOT NULL is proved by validated CHECK constraints (no scan under the lock), the uniques are
//   built CONCURRENTLY and attached with USING INDEX, and the identity replaces the sequence in
//   a last short lock, continuing after its last value.
// - The numbered migrations then run with acci.guide_upgrade = 'on' (001 leaves the aggregates
//   backfill and the trigger to us); the trigger comes next, and the aggregates are filled
//   after it in batches with the trigger's own merge, so no insert is missed either way.
//
// Every step reads where it stands from the catalog or from acci_guide_upgrade, and the
// batches commit with their counters: run again, it continues where it stopped.
#include "store/GuideUpgrade.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "store/OnlineDdl.hpp"

namespace acci::store::detail {

namespace {

    const char* createStateSql = R"SQL(
CREATE TABLE IF NOT EXISTS acci_guide_upgrade (
    singleton        boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    started_at       timestamptz NOT NULL DEFAULT now(),
    numbered         bigint      NOT NULL DEFAULT 0,
    last_position    bigint      NOT NULL DEFAULT 0,
    aggregates_done  bigint      NOT NULL DEFAULT 0,
    aggregates_after text
);
INSERT INTO acci_guide_upgrade DEFAULT VALUES ON CONFLICT DO NOTHING)SQL";

    const char* poolIndex = "acci_guide_upgrade_unnumbered";
    const char* positionSequence = "acci_guide_upgrade_position_seq";

    // One batch of the pool, numbered after the last position given. ctid = ANY(...) makes it
    // a TID scan; the join on ctid then pairs each row with its number.
    const char* numberBatchSql = R"SQL(
WITH picked AS (
    SELECT s.row_id,
           row_number() OVER (ORDER BY s.tx_id NULLS FIRST, s.timestamp, s.aggregate_id, s.version, s.id) AS n
      FROM (SELECT ctid AS row_id, tx_id, timestamp, aggregate_id, version, id FROM events
             WHERE global_position IS NULL
             ORDER BY tx_id NULLS FIRST, timestamp, aggregate_id, version, id
             LIMIT $1) s),
numbered AS (
    UPDATE events e
       SET global_position = (SELECT last_position FROM acci_guide_upgrade) + p.n,
           tx_id = coalesce(e.tx_id, '0'::xid8)
      FROM picked p
     WHERE e.ctid = ANY (ARRAY(SELECT row_id FROM picked)) AND e.ctid = p.row_id
    RETURNING e.global_position)
UPDATE acci_guide_upgrade
   SET numbered = numbered + (SELECT count(*) FROM numbered),
       last_position = coalesce((SELECT max(global_position) FROM numbered), last_position)
RETURNING (SELECT count(*) FROM numbered), numbered)SQL";

    // The trigger's merge (003), over whole aggregates: the first event's tenant wins.
    const char* fillAggregatesSql = R"SQL(
WITH ids AS (SELECT DISTINCT aggregate_id FROM events WHERE %AFTER% ORDER BY aggregate_id LIMIT $1),
filled AS (
    INSERT INTO aggregates AS a (aggregate_id, aggregate_type, version, created_at, updated_at, tenant_id)
    SELECT e.aggregate_id, min(e.aggregate_type), max(e.version), min(e.timestamp), max(e.timestamp),
           (array_agg(e.metadata ->> 'tenant_id' ORDER BY e.version))[1]
      FROM events e WHERE e.aggregate_id IN (SELECT aggregate_id FROM ids)
     GROUP BY e.aggregate_id
    ON CONFLICT (aggregate_id) DO UPDATE
       SET version    = greatest(a.version, EXCLUDED.version),
           updated_at = greatest(a.updated_at, EXCLUDED.updated_at),
           created_at = least(a.created_at, EXCLUDED.created_at),
           tenant_id  = coalesce(EXCLUDED.tenant_id, a.tenant_id)
    RETURNING 1)
UPDATE acci_guide_upgrade
   SET aggregates_done = aggregates_done + (SELECT count(*) FROM filled),
       aggregates_after = coalesce((SELECT max(aggregate_id) FROM ids), aggregates_after)
RETURNING (SELECT count(*) FROM ids), aggregates_done)SQL";

    constexpr int aggregatesPerBatch = 5000;

    // Reports steps and counts, with the rate and the time left over this run.
    class Reporter {
    public:
        explicit Reporter(const MigrateOptions& options)
            : m_callback(options.progress)
        {
        }

        void step(UpgradeStep step, std::string detail = {})
        {
            m_progress = MigrationProgress { step, std::move(detail), 0, 0, 0, -1 };
            m_started = std::chrono::steady_clock::now();
            m_doneAtStart = -1;
            if (m_callback)
                m_callback(m_progress);
        }

        void counts(long long done, long long total)
        {
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
            if (m_doneAtStart < 0)
                m_doneAtStart = done; // earlier runs' share is not this run's rate
            m_progress.done = done;
            m_progress.total = std::max(total, done);
            m_progress.ratePerSecond = elapsed > 0 ? static_cast<double>(done - m_doneAtStart) / elapsed : 0;
            m_progress.etaSeconds = m_progress.ratePerSecond > 0
                ? static_cast<double>(m_progress.total - done) / m_progress.ratePerSecond
                : -1;
            if (m_callback)
                m_callback(m_progress);
        }

        UpgradeStep current() const { return m_progress.step; }

    private:
        std::function<void(const MigrationProgress&)> m_callback;
        MigrationProgress m_progress;
        std::chrono::steady_clock::time_point m_started;
        long long m_doneAtStart = -1;
    };

    // Where events' columns stand.
    struct Columns {
        bool hasPosition = false;
        bool switched = false; // global_position has its default (the sequence) or its identity
        bool identity = false;
    };

    Columns readColumns(pqxx::transaction_base& tx)
    {
        const auto row = tx.exec1(R"SQL(
SELECT count(*) > 0, coalesce(bool_or(atthasdef OR attidentity <> ''), false), coalesce(bool_or(attidentity <> ''), false)
  FROM pg_attribute
 WHERE attrelid = 'events'::regclass AND attname = 'global_position' AND NOT attisdropped)SQL");
        return { row[0].as<bool>(), row[1].as<bool>(), row[2].as<bool>() };
    }

    Columns readColumns(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        return readColumns(query);
    }

    void addColumns(pqxx::connection& connection)
    {
        withShortLocks(connection, "adding its columns", [](pqxx::work& tx) {
            // No default on global_position yet: that is what keeps unnumbered rows in one pool.
            tx.exec("ALTER TABLE events ADD COLUMN IF NOT EXISTS global_position bigint, "
                    "ADD COLUMN IF NOT EXISTS tx_id xid8, "
                    "ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id()");
            tx.exec(createStateSql);
        });
    }

    long long unnumberedCount(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        return query.exec1("SELECT count(*) FROM events WHERE global_position IS NULL")[0].as<long long>();
    }

    void numberExisting(pqxx::connection& connection, const MigrateOptions& options, Reporter& report)
    {
        buildIndexConcurrently(connection, poolIndex,
            "ON events (tx_id NULLS FIRST, timestamp, aggregate_id, version, id) WHERE global_position IS NULL");
        {
            // Without statistics on the new columns the planner guesses a few NULL rows and sorts
            // all of them for every batch; with them it reads the pool index in order.
            pqxx::nontransaction query(connection);
            query.exec("ANALYZE events");
        }
        report.step(UpgradeStep::Numbering);
        long long done = 0;
        {
            pqxx::nontransaction query(connection);
            done = query.exec1("SELECT numbered FROM acci_guide_upgrade")[0].as<long long>();
        }
        const long long total = done + unnumberedCount(connection);
        report.counts(done, total);
        for (;;) {
            pqxx::nontransaction batch(connection); // one statement: the batch commits with its counters
            const auto row = batch.exec_params1(numberBatchSql, options.batchSize);
            const auto count = row[0].as<long long>();
            done = row[1].as<long long>();
            report.counts(done, std::max(total, done));
            // A short batch: what is left came in during it, and the switch numbers it.
            if (count < options.batchSize)
                return;
        }
    }

    void switchToSequence(pqxx::connection& connection)
    {
        withShortLocks(connection, "the switch to new positions", [](pqxx::work& tx) {
            tx.exec("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
            tx.exec_params(numberBatchSql, std::numeric_limits<long long>::max());
            const std::string sequence = tx.quote_name(positionSequence);
            tx.exec("CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS bigint");
            tx.exec("SELECT setval(" + tx.quote(sequence)
                + "::regclass, (SELECT last_position FROM acci_guide_upgrade) + 1, false)");
            // The guide's services may insert as any role with INSERT on events; the default
            // calls nextval as that role. Only until the identity replaces it.
            tx.exec("GRANT USAGE ON SEQUENCE " + sequence + " TO PUBLIC");
            tx.exec("ALTER TABLE events ALTER COLUMN global_position SET DEFAULT nextval(" + tx.quote(sequence)
                + "::regclass), "
                  "ADD CONSTRAINT acci_guide_upgrade_position_set CHECK (global_position IS NOT NULL) NOT VALID, "
                  "ADD CONSTRAINT acci_guide_upgrade_tx_set CHECK (tx_id IS NOT NULL) NOT VALID");
        });
    }

    // VALIDATE scans without blocking inserts (SHARE UPDATE EXCLUSIVE).
    void validateChecks(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        const auto pending = query.exec("SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass "
                                        "AND conname LIKE 'acci\\_guide\\_upgrade\\_%' AND NOT convalidated");
        for (const auto& row : pending)
            query.exec("ALTER TABLE events VALIDATE CONSTRAINT " + query.quote_name(row[0].c_str()));
    }

    bool hasConstraint(pqxx::connection& connection, const std::string& name)
    {
        pqxx::nontransaction query(connection);
        return !query
                    .exec_params(
                        "SELECT 1 FROM pg_constraint WHERE conrelid = 'events'::regclass AND conname = $1", name)
                    .empty();
    }

    void uniqueConstraint(
        pqxx::connection& connection, Reporter& report, const std::string& name, const std::string& definition)
    {
        if (hasConstraint(connection, name))
            return;
        report.step(UpgradeStep::BuildingIndexes, name);
        buildIndexConcurrently(connection, name, definition, true);
        withShortLocks(connection, "the constraint " + name, [&](pqxx::work& tx) {
            tx.exec("ALTER TABLE events ADD CONSTRAINT " + tx.quote_name(name) + " UNIQUE USING INDEX "
                + tx.quote_name(name));
        });
    }

    // The constraints and indexes 001 declares, built without blocking writers; 001 then finds
    // them and builds nothing. The definitions must stay those of 001.
    void buildConstraintsAndIndexes(pqxx::connection& connection, Reporter& report)
    {
        uniqueConstraint(connection, report, "events_aggregate_version_key", "ON events (aggregate_id, version)");
        bool idUnique = false;
        {
            pqxx::nontransaction query(connection);
            idUnique = !query
                            .exec("SELECT 1 FROM pg_index i WHERE i.indrelid = 'events'::regclass AND i.indisunique "
                                  "AND i.indisvalid AND i.indnkeyatts = 1 AND i.indkey[0] = (SELECT attnum FROM "
                                  "pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'id')")
                            .empty();
        }
        if (!idUnique)
            uniqueConstraint(connection, report, "events_id_key", "ON events (id)");
        for (const auto& [name, definition] : std::initializer_list<std::pair<const char*, const char*>> {
                 { "idx_events_type", "ON events (event_type)" }, { "idx_events_timestamp", "ON events (timestamp)" },
                 { "idx_events_log", "ON events (tx_id, global_position)" },
                 { "idx_events_correlation", "ON events ((metadata ->> 'correlation_id'))" } }) {
            report.step(UpgradeStep::BuildingIndexes, name);
            buildIndexConcurrently(connection, name, definition);
        }
    }

    // NOT NULL without a scan (the validated checks prove it), then the identity in place of
    // the sequence, continuing after its last value. The sequence's last value is read under
    // the lock, so no insert takes one in between.
    void finishColumns(pqxx::connection& connection)
    {
        withShortLocks(connection, "its final column definitions", [](pqxx::work& tx) {
            tx.exec("ALTER TABLE events ALTER COLUMN global_position SET NOT NULL, ALTER COLUMN tx_id SET NOT NULL");
            tx.exec("ALTER TABLE events ALTER COLUMN global_position DROP DEFAULT");
            tx.exec("ALTER TABLE events ALTER COLUMN global_position ADD GENERATED ALWAYS AS IDENTITY");
            tx.exec(std::string("SELECT setval(pg_get_serial_sequence('events', 'global_position'), nextval(")
                + tx.quote(tx.quote_name(positionSequence)) + "::regclass), false)");
            tx.exec(std::string("DROP SEQUENCE ") + tx.quote_name(positionSequence));
            tx.exec("ALTER TABLE events DROP CONSTRAINT IF EXISTS acci_guide_upgrade_position_set, "
                    "DROP CONSTRAINT IF EXISTS acci_guide_upgrade_tx_set");
        });
    }

    void installTrigger(pqxx::connection& connection)
    {
        withShortLocks(connection, "installing its trigger", [](pqxx::work& tx) {
            if (!tx.exec("SELECT 1 FROM pg_trigger WHERE tgrelid = 'events'::regclass "
                         "AND tgname = 'acci_events_after_insert'")
                     .empty())
                return;
            // As 001 declares it.
            tx.exec("CREATE TRIGGER acci_events_after_insert AFTER INSERT ON events "
                    "REFERENCING NEW TABLE AS new_events "
                    "FOR EACH STATEMENT EXECUTE FUNCTION acci_events_after_insert()");
        });
    }

    long long estimatedAggregates(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        query.exec("ANALYZE events"); // samples; also gives the planner our columns
        const auto rows = query.exec(R"SQL(
SELECT CASE WHEN s.n_distinct < 0 THEN -s.n_distinct * c.reltuples ELSE s.n_distinct END
  FROM pg_stats s JOIN pg_class c ON c.oid = 'events'::regclass
 WHERE s.schemaname = current_schema() AND s.tablename = 'events' AND s.attname = 'aggregate_id')SQL");
        if (rows.empty() || rows[0][0].is_null())
            return 0;
        return std::llround(rows[0][0].as<double>());
    }

    void fillAggregates(pqxx::connection& connection, Reporter& report)
    {
        const long long estimate = estimatedAggregates(connection);
        report.step(UpgradeStep::FillingAggregates);
        for (bool first = true;; first = false) {
            pqxx::work tx(connection);
            const auto cursor = tx.exec1("SELECT aggregates_after, aggregates_done FROM acci_guide_upgrade");
            if (first)
                report.counts(cursor[1].as<long long>(), estimate);
            std::string sql = fillAggregatesSql;
            const bool fromStart = cursor[0].is_null();
            sql.replace(sql.find("%AFTER%"), 7, fromStart ? "true" : "aggregate_id > $2");
            const auto row = fromStart ? tx.exec_params1(sql, aggregatesPerBatch)
                                       : tx.exec_params1(sql, aggregatesPerBatch, cursor[0].c_str());
            tx.commit();
            report.counts(row[1].as<long long>(), estimate);
            if (row[0].as<long long>() < aggregatesPerBatch)
                return;
        }
    }

    void finish(pqxx::connection& connection, bool audit)
    {
        pqxx::work tx(connection);
        const auto numbered = tx.exec1("SELECT numbered FROM acci_guide_upgrade")[0].as<long long>();
        tx.exec("DROP TABLE acci_guide_upgrade");
        if (audit)
            writeAudit(tx, { "migrate", "guide schema (online upgrade)", "ok", { { "events_numbered", numbered } } });
        tx.commit();
    }

    bool upgradeUnfinished(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        return query
            .exec1("SELECT to_regclass('acci_guide_upgrade') IS NOT NULL OR NOT EXISTS (SELECT 1 FROM "
                   "pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'global_position' "
                   "AND NOT attisdropped)")[0]
            .as<bool>();
    }

    // What would stop the upgrade late is checked before anything changes: a role that may not
    // alter the table, and rows the unique constraints will refuse (found after hours of
    // numbering, they would leave the store half upgraded).
    void checkPreconditions(pqxx::connection& connection)
    {
        pqxx::nontransaction query(connection);
        const auto owner
            = query.exec1("SELECT pg_get_userbyid(c.relowner), pg_has_role(current_user, c.relowner, 'USAGE')"
                          " OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)"
                          " FROM pg_class c WHERE c.oid = 'events'::regclass");
        if (!owner[1].as<bool>())
            throw StoreError(std::string("Only the owner of the events table (role ") + owner[0].c_str()
                + ") or a superuser may upgrade it; nothing was changed. Run 'acci-admin migrate' as that role.");
        const auto constraintExists = [&](const char* name) {
            return !query
                        .exec_params(
                            "SELECT 1 FROM pg_constraint WHERE conrelid = 'events'::regclass AND conname = $1", name)
                        .empty();
        };
        if (!constraintExists("events_aggregate_version_key")) {
            const auto twice = query.exec("SELECT aggregate_id, version, count(*) OVER () FROM events"
                                          " GROUP BY aggregate_id, version HAVING count(*) > 1"
                                          " ORDER BY aggregate_id, version LIMIT 5");
            if (!twice.empty()) {
                std::string examples;
                for (const auto& row : twice)
                    examples += std::string(examples.empty() ? "" : ", ") + "'" + row[0].c_str() + "' version "
                        + row[1].c_str();
                throw StoreError(std::string("The events table holds ") + twice[0][2].c_str()
                    + " (aggregate, version) pairs more than once (" + examples
                    + "); the upgraded store keeps one event per version. Remove or renumber them, then run "
                      "'acci-admin migrate' again.");
            }
        }
    }

    std::vector<std::string> runSteps(pqxx::connection& connection, const MigrateOptions& options, Reporter& report)
    {
        checkPreconditions(connection);
        if (!readColumns(connection).hasPosition) {
            report.step(UpgradeStep::AddingColumns);
            addColumns(connection);
        }
        if (!readColumns(connection).switched) {
            numberExisting(connection, options, report);
            report.step(UpgradeStep::Switching);
            switchToSequence(connection);
        }
        dropIndexConcurrently(connection, poolIndex); // empty since the switch
        const Columns columns = readColumns(connection);
        if (!columns.identity) {
            report.step(UpgradeStep::BuildingIndexes, "NOT NULL");
            validateChecks(connection);
        }
        buildConstraintsAndIndexes(connection, report);
        if (!columns.identity) {
            report.step(UpgradeStep::Switching, "identity");
            finishColumns(connection);
        }
        report.step(UpgradeStep::Migrating);
        auto applied = applyPendingMigrations(connection, options.audit, true);
        report.step(UpgradeStep::InstallingTrigger);
        installTrigger(connection);
        fillAggregates(connection, report);
        finish(connection, options.audit);
        report.step(UpgradeStep::Done);
        return applied;
    }

} // namespace

std::vector<std::string> upgradeGuideSchemaOnline(pqxx::connection& connection, const MigrateOptions& options)
{
    Reporter report(options);
    try {
        const SessionMigrationLock lock(connection, [&] { report.step(UpgradeStep::Waiting); });
        // Another migrator may have finished or advanced it while this one waited.
        if (!upgradeUnfinished(connection))
            return applyPendingMigrations(connection, options.audit, false);
        return runSteps(connection, options, report);
    } catch (const StoreError&) {
        throw; // already says what happened and what to do
    } catch (const std::exception& error) {
        if (connectionIsLost(error))
            throw;
        throw StoreError("The online upgrade of the guide's schema stopped while " + describeStep(report.current())
            + " (" + errorDetail(error) + "); run 'acci-admin migrate' again to continue where it stopped.");
    }
}

} // namespace acci::store::detail

#include "acci/projections/ProjectionRebuild.hpp"

#include <algorithm>
#include <chrono>
#include <malloc.h> // malloc_trim
#include <set>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/pqxx>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Roles.hpp"
#include "acci/util/Time.hpp"
#include "projections/Checkpoints.hpp"
#include "projections/ProjectionEvents.hpp"
#include "projections/RebuildApply.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections {

namespace {

    using Clock = std::chrono::steady_clock;

    // Ends a phase early. Thrown inside a phase's try block, so that the phase's transaction
    // is rolled back before the clean-up runs on the same connection.
    struct Stop {
        RebuildReport::Outcome outcome;
        std::string error;
    };

    // Who holds the rebuild lock of a projection, as a sentence for the one who cannot have it.
    std::string whoIsRebuilding(pqxx::transaction_base& tx, const std::string& projection)
    {
        const auto holder
            = tx.exec_params("SELECT db_user, coalesce(os_user, ''), pid, " + store::detail::epochMicros("started_at")
                    + " FROM projection_rebuilds WHERE projection = $1 AND outcome = 'running'"
                      " AND pid = acci_rebuild_lock_holder($1) ORDER BY id DESC LIMIT 1",
                projection);
        if (holder.empty()) {
            // Anyone may take an advisory lock: name the session that holds it without a rebuild.
            const auto other = tx.exec_params("SELECT coalesce(a.usename::text, '?'), h.pid FROM"
                                              " (SELECT acci_rebuild_lock_holder($1) AS pid) h"
                                              " LEFT JOIN pg_stat_activity a ON a.pid = h.pid",
                projection);
            const std::string who = other.empty() || other[0][1].is_null()
                ? std::string("another session")
                : "backend " + std::string(other[0][1].c_str()) + " (role '" + other[0][0].c_str() + "')";
            return "The rebuild lock of " + projection + " is held by " + who
                + " without a rebuild running; wait for it, or end that session, then try again.";
        }
        const auto& row = holder[0];
        return "Projection " + projection + " is already being rebuilt by role '" + row[0].c_str() + "'"
            + (row[1].size() ? " (OS user '" + std::string(row[1].c_str()) + "')" : "") + ", backend " + row[2].c_str()
            + ", since " + util::formatTimestampUs(row[3].as<std::int64_t>())
            + "; wait for it to finish or cancel it there, then try again.";
    }

    // The session-level advisory lock that makes a rebuild the only one of its projection
    // (migration 004: acci_rebuild_lock_holder). It ends with the backend, so a rebuild whose
    // process died is seen as interrupted, never as running.
    constexpr int RebuildLockClass = 4242002;

    class RebuildLock {
    public:
        RebuildLock(pqxx::connection& connection, const std::string& projection)
            : m_connection(connection)
            , m_projection(projection)
        {
            pqxx::nontransaction tx(connection);
            if (tx.exec_params1("SELECT pg_try_advisory_lock($1, hashtext($2))", RebuildLockClass, projection)[0]
                    .as<bool>())
                return;
            throw store::BusyError(whoIsRebuilding(tx, projection));
        }
        ~RebuildLock()
        {
            try {
                pqxx::nontransaction tx(m_connection);
                tx.exec_params("SELECT pg_advisory_unlock($1, hashtext($2))", RebuildLockClass, m_projection);
            } catch (...) {
                // A broken connection has released the lock with its backend.
            }
        }
        RebuildLock(const RebuildLock&) = delete;
        RebuildLock& operator=(const RebuildLock&) = delete;

    private:
        pqxx::connection& m_connection;
        std::string m_projection;
    };

    struct RebuildRecord {
        pqxx::connection& connection;
        long long id = 0;

        std::string projection;

        // Ends the history row and writes the audit entry, together: every rebuild is
        // audited ("started" when it began), from the CLI or the console alike.
        // Inside the swap's transaction: the new rows and the word that they are in commit together.
        void complete(pqxx::transaction_base& tx, const RebuildReport& report)
        {
            tx.exec_params("UPDATE projection_rebuilds SET finished_at = now(), outcome = 'completed', events = $2,"
                           " rows_inserted = $3, rows_updated = $4, rows_deleted = $5 WHERE id = $1",
                id, report.processed, report.inserted, report.updated, report.deleted);
            store::writeAudit(tx,
                { "rebuild", projection, "completed",
                    { { "events", report.processed }, { "rebuild", id }, { "inserted", report.inserted },
                        { "updated", report.updated }, { "deleted", report.deleted } } });
        }

        void finish(const std::string& outcome, std::int64_t events, const std::string& error)
        {
            pqxx::work tx(connection);
            tx.exec_params("UPDATE projection_rebuilds SET finished_at = now(), outcome = $2, events = $3,"
                           " error = nullif($4, '') WHERE id = $1",
                id, outcome, events, error);
            store::writeAudit(tx,
                { "rebuild", projection, error.empty() ? outcome : outcome + ": " + error,
                    { { "events", events }, { "rebuild", id } } });
            tx.commit();
        }
    };

    // PostgreSQL cuts longer names to 63 bytes, which could make one name another table's.
    void requireIdentifier(const std::string& name, const std::string& what)
    {
        if (name.empty() || name.size() > 63)
            throw store::InvalidInputError("The " + what + " name '" + name + "' is " + std::to_string(name.size())
                + " bytes long; PostgreSQL names are 1 to 63 bytes, so it cannot be "
                  "rebuilt safely. Give it a shorter name.");
    }

} // namespace

RebuildPlan planRebuild(pqxx::connection& connection, const Projection& projection)
{
    pqxx::read_transaction tx(connection);
    RebuildPlan plan;
    std::string types = "{";
    for (const auto& type : projection.eventTypes()) {
        if (types.size() > 1)
            types += ',';
        types += '"' + tx.esc(type) + '"';
    }
    types += '}';
    plan.eventsToReplay = tx.exec_params1("SELECT count(*) FROM events WHERE event_type = ANY($1::text[])", types)[0]
                              .as<std::int64_t>();
    plan.liveRows = tx.exec1("SELECT count(*) FROM " + tx.quote_name(projection.table()))[0].as<std::int64_t>();
    const auto rate = tx.exec_params(R"SQL(
SELECT events / greatest(extract(epoch FROM finished_at - started_at), 0.001)
  FROM projection_rebuilds
 WHERE projection = $1 AND outcome = 'completed' AND events > 0
 ORDER BY finished_at DESC LIMIT 1)SQL",
        projection.name());
    if (!rate.empty())
        plan.measuredEventsPerSecond = rate[0][0].as<double>();
    if (!tx.exec_params1("SELECT acci_rebuild_lock_holder($1) IS NULL", projection.name())[0].as<bool>())
        plan.runningElsewhere = whoIsRebuilding(tx, projection.name());
    return plan;
}

std::string toString(RebuildProgress::Phase phase)
{
    switch (phase) {
    case RebuildProgress::Phase::Reading:
        return "reading";
    case RebuildProgress::Phase::Writing:
        return "writing";
    case RebuildProgress::Phase::Comparing:
        return "comparing";
    case RebuildProgress::Phase::Applying:
        return "applying";
    case RebuildProgress::Phase::CatchingUp:
        return "catching up";
    }
    return {};
}

RebuildReport rebuildProjection(pqxx::connection& connection, const std::shared_ptr<Projection>& projection,
    const RebuildOptions& options, const std::function<void(const RebuildProgress&)>& progress,
    const util::CancelToken* cancel)
{
    const auto started = Clock::now();
    const std::string table = projection->table();
    RebuildReport report;
    RebuildProgress state;
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
    auto rateSince = started; // the replay's restart in log order restarts the rate too
    auto tell = [&](RebuildProgress::Phase phase) {
        state.phase = phase;
        state.total = std::max(state.total, state.processed); // the planner's estimate can be stale
        const double seconds = std::chrono::duration<double>(Clock::now() - rateSince).count();
        state.eventsPerSecond = seconds > 0 ? static_cast<double>(state.processed) / seconds : 0;
        state.etaSeconds = state.eventsPerSecond > 0
            ? static_cast<double>(std::max<std::int64_t>(0, state.total - state.processed)) / state.eventsPerSecond
            : 0;
        if (progress)
            progress(state);
    };
    auto cancelled = [&] { return cancel && cancel->cancelled(); };

    requireIdentifier(table, "table");
    RebuildLock lock(connection, projection->name());
    RebuildRecord record { connection, 0, projection->name() };
    {
        pqxx::work tx(connection);
        store::requireOperator(tx, "rebuild projection '" + projection->name() + "'");
        if (!tx.exec_params1("SELECT to_regclass(quote_ident($1)) IS NOT NULL", table)[0].as<bool>())
            throw store::SchemaError("The table " + table + " of projection " + projection->name()
                + " does not exist; run 'acci-admin migrate' to create it, then rebuild.");
        detail::requireUnrestrictedRows(tx, table, "rawd");
        detail::requireUnrestrictedRows(tx, "events", "r"); // a replay must see every event
        if (detail::tableKey(tx, table).empty())
            throw store::SchemaError("The table " + table
                + " has no primary key, and a rebuild matches its rows by it; "
                  "add it back (ALTER TABLE "
                + table + " ADD PRIMARY KEY ...). Nothing was changed.");
        detail::ensureCheckpointRow(tx, projection->name());
        // This session holds the lock, so any other "running" rebuild of it died with its process.
        tx.exec_params("UPDATE projection_rebuilds SET outcome = 'interrupted', finished_at = now()"
                       " WHERE projection = $1 AND outcome = 'running'",
            projection->name());
        // db_user, pid and started_at are the column defaults: an operator cannot set them.
        record.id
            = tx.exec_params1("INSERT INTO projection_rebuilds (projection, os_user) VALUES ($1, $2) RETURNING id",
                    projection->name(), store::osUserName())[0]
                  .as<long long>();
        store::writeAudit(tx, { "rebuild", projection->name(), "started", { { "rebuild", record.id } } });
        tx.commit();
    }
    auto fail = [&](RebuildReport::Outcome outcome, const std::string& error) {
        report.processed = std::max(report.processed, state.processed);
        try {
            // The temporary table went with the rolled-back transaction: nothing to clean up.
            record.finish(
                outcome == RebuildReport::Outcome::Cancelled ? "cancelled" : "failed", report.processed, error);
        } catch (...) {
            // The connection may be what failed; the history then shows the rebuild as interrupted.
        }
        report.outcome = outcome;
        report.error = error;
        report.seconds = elapsed();
        return report;
    };

    // 1. Replay every handled event from one snapshot. The transaction only reads, so it
    //    takes no transaction id and holds back no log reader. The first attempt reads the
    //    table as stored (copyProjectionEventsAsStored: a third less work for the server when
    //    the log was appended in order); a row out of log order starts the replay over from a
    //    new snapshot, read in log order.
    std::unique_ptr<RebuildBuffer> buffer;
    // --on-failure stop|park reaches the replay as well as the catch-ups.
    const FailurePolicy policy = options.engine.policy.value_or(projection->failurePolicy());
    struct ParkedEvent {
        store::RecordedEvent event;
        std::string error;
    };
    std::vector<ParkedEvent> parked;
    std::set<std::string> excluded;
    store::LogPosition endPosition;
    for (const bool asStored : { true, false }) {
        buffer = projection->startRebuild();
        parked.clear();
        state.processed = 0;
        if (!asStored)
            rateSince = Clock::now();
        try {
            pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> snapshot(connection);
            // The planner's estimate is enough for a progress bar, and costs nothing; an exact
            // count(*) would add a fifth to the rebuild of a large store.
            const auto plan = nlohmann::json::parse(
                snapshot
                    .exec_params1("EXPLAIN (FORMAT JSON) SELECT 1 FROM events WHERE event_type = ANY($1::text[])",
                        store::detail::textArrayLiteral(projection->eventTypes()))[0]
                    .c_str(),
                nullptr, false);
            if (plan.is_array() && !plan.empty() && plan[0].contains("Plan"))
                state.total = plan[0]["Plan"].value("Plan Rows", std::int64_t { 0 });
            endPosition = store::readableHead(snapshot).value_or(store::LogPosition {});
            // Parked and skipped events stay out, as catch-up left them out of the live table.
            excluded = detail::excludedEvents(snapshot, projection->name());
            tell(RebuildProgress::Phase::Reading);
            auto lastTold = Clock::now();
            bool readingAsStored = false;
            bool retryInLogOrder = false;
            const auto onEvent = [&](store::RecordedEvent& event) {
                if (cancelled())
                    return false;
                if ((++state.processed & 4095) == 0 && Clock::now() - lastTold > std::chrono::milliseconds(200)) {
                    tell(RebuildProgress::Phase::Reading);
                    lastTold = Clock::now();
                }
                if (excluded.count(event.id))
                    return true;
                try {
                    buffer->add(event);
                } catch (const std::exception& error) {
                    const std::string reason = store::describeError(error);
                    // One bad event must not block every rebuild: it is parked, as catch-up
                    // parks it, unless the projection's policy is to stop.
                    if (policy == FailurePolicy::Stop) {
                        // Read as stored, an event before it in the log may still be to come:
                        // only the log order may stop a rebuild.
                        if (readingAsStored) {
                            retryInLogOrder = true;
                            return false;
                        }
                        throw Stop { RebuildReport::Outcome::Failed,
                            "Stopped at event " + event.id + " (" + event.eventType + ", " + event.aggregateId + " v"
                                + std::to_string(event.version) + ", position " + event.position.toString()
                                + "): " + reason };
                    }
                    parked.push_back({ event, reason });
                }
                return true;
            };
            // One COPY up to the snapshot's readable head: the server streams while this thread folds.
            const detail::EventRange range { {}, endPosition, 0 };
            readingAsStored = asStored;
            auto read
                = asStored ? detail::copyProjectionEventsAsStored(snapshot, *projection, range, onEvent) : std::nullopt;
            if (read && (read->outOfOrder || retryInLogOrder))
                continue; // the events seen so far may miss earlier ones: start over, in log order
            readingAsStored = false;
            if (!read)
                read = detail::copyProjectionEvents(snapshot, *projection, range, onEvent);
            if (read->stopped)
                throw Stop { RebuildReport::Outcome::Cancelled, {} };
            snapshot.commit();
            break;
        } catch (const Stop& stop) {
            return fail(stop.outcome, stop.error);
        } catch (const std::exception& error) {
            return fail(RebuildReport::Outcome::Failed, store::describeError(error));
        }
    }
    report.processed = state.processed;
    report.rows = buffer->rowCount();

    // 2. One transaction writes the rows in bulk into a temporary table, then makes the live
    //    table equal to them by changing only what differs, sets the checkpoint and records
    //    the outcome. Until it commits nothing is visible; a cancel, a failure or a crash rolls
    //    all of it back, the temporary table included.
    try {
        tell(RebuildProgress::Phase::Writing);
        detail::CatchUpLock serialized(connection, projection->name()); // outlives the transaction
        pqxx::work swap(connection);
        swap.exec("SET LOCAL lock_timeout = '10s'"); // before the first statement that touches the live table
        const std::string live = swap.quote_name(table);
        const auto columns = projection->columns();
        swap.exec(std::string("CREATE TEMP TABLE ") + detail::RebuildRowsTable + " ON COMMIT DROP AS SELECT "
            + detail::quotedList(swap, columns) + " FROM " + live + " WITH NO DATA");
        buffer->write(swap, detail::RebuildRowsTable);
        buffer.reset(); // the rows are in the database now; give the memory back
        ::malloc_trim(0); // to the system too: glibc keeps freed heap, and a console stays open for days
        if (cancelled())
            throw Stop { RebuildReport::Outcome::Cancelled, {} };
        tell(RebuildProgress::Phase::Comparing);
        const auto keys = detail::tableKey(swap, table);
        swap.exec(std::string("ANALYZE pg_temp.") + detail::RebuildRowsTable); // so that the comparison joins by hash
        if (cancelled())
            throw Stop { RebuildReport::Outcome::Cancelled, {} };
        tell(RebuildProgress::Phase::Applying);
        serialized.acquire(swap); // no catch-up batch runs meanwhile, none starts until commit
        const auto liveCheckpoint = detail::lockCheckpoint(swap, projection->name());
        // Catch-up may have applied events after the replay's snapshot to the live table: bring
        // the new rows there too, so that nothing is set back, not even for a moment.
        const auto reached = detail::catchUpRows(swap, *projection, endPosition, liveCheckpoint, keys, excluded);
        report.caughtUp = reached.applied;
        const auto changed = detail::applyDifferences(swap, live, columns, keys);
        report.inserted = changed.inserted;
        report.updated = changed.updated;
        report.deleted = changed.deleted;
        detail::restartCheckpoint(swap, projection->name(), reached.position);
        // What the replay could not apply is parked, as catch-up parks it (the ones already
        // parked or skipped were left out of the replay and stay as they are).
        for (const auto& letter : parked)
            detail::parkEvent(swap, projection->name(), letter.event, letter.error, 1, false);
        report.parked = static_cast<std::int64_t>(parked.size()) + reached.parked;
        record.complete(swap, report);
        swap.commit();
    } catch (const Stop& stop) {
        return fail(stop.outcome, stop.error);
    } catch (const pqxx::sql_error& error) {
        return fail(RebuildReport::Outcome::Failed, detail::explainSwapFailure(connection, table, error));
    } catch (const std::exception& error) {
        return fail(RebuildReport::Outcome::Failed, store::describeError(error));
    }

    // 3. What was appended during the rebuild.
    if (options.catchUpAfterSwap) {
        tell(RebuildProgress::Phase::CatchingUp);
        // A runner catching the projection up at the same moment takes the checkpoint row
        // first: this batch then cannot serialize, and the next attempt starts after its batch.
        for (int attempt = 1;; ++attempt) {
            try {
                ProjectionEngine engine(connection, projection, options.engine);
                const auto caughtUp = engine.catchUp(nullptr);
                report.caughtUp += caughtUp.processed;
                report.parked += caughtUp.parked;
                break;
            } catch (const pqxx::transaction_rollback&) {
                if (attempt < 3) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
                    continue;
                }
                report.error = "Rebuilt; the catch-up afterwards kept meeting another runner's batches (could not "
                               "serialize access), so that runner catches the projection up: nothing to do.";
                break;
            } catch (const std::exception& error) {
                report.error = "Rebuilt, but catching up afterwards failed: " + store::describeError(error);
                break;
            }
        }
    }
    report.seconds = elapsed();
    if (!report.error.empty()) {
        try {
            pqxx::work tx(connection);
            store::writeAudit(tx,
                { "rebuild", projection->name(), "caught up with errors: " + report.error,
                    { { "rebuild", record.id } } });
            tx.commit();
        } catch (...) {
            // The rebuild itself is recorded; the report carries the catch-up's failure.
        }
    }
    return report;
}

} // namespace acci::projections

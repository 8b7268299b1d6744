#include "acci/projections/ProjectionAdmin.hpp"

#include <algorithm>
#include <set>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/InFlight.hpp"
#include "acci/store/Roles.hpp"
#include "projections/Checkpoints.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections {

using store::detail::epochMicros;
using store::detail::parseInt;

namespace {

    std::optional<std::int64_t> optionalMicros(const pqxx::field& field)
    {
        if (field.is_null())
            return std::nullopt;
        return parseInt<std::int64_t>(field);
    }

    const std::string statusSql = R"SQL(
WITH head AS (
    SELECT tx_id, global_position FROM events
     WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY tx_id DESC, global_position DESC LIMIT 1
), named AS (
    SELECT projection FROM projection_checkpoints
    UNION SELECT unnest($1::text[])
)
SELECT n.projection, coalesce(c.tx_id, '0'::xid8)::text, coalesce(c.position, 0), coalesce(c.status, 'idle'),
       coalesce(c.last_error, ''), coalesce(c.events_processed, 0),
       )SQL"
        + epochMicros("c.last_error_at") + ", " + epochMicros("c.heartbeat_at")
        + R"SQL(, coalesce(r.outcome = 'running', false),
       (SELECT tx_id::text FROM head), (SELECT global_position FROM head),
       lag.events, )SQL"
        + "extract(epoch from now() - lag.oldest)" + R"SQL(,
       (SELECT count(*) FROM projection_dead_letters d WHERE d.projection = n.projection),
       (SELECT extract(epoch from r.finished_at - r.started_at) FROM projection_rebuilds r
         WHERE r.projection = n.projection AND r.outcome = 'completed' ORDER BY r.started_at DESC LIMIT 1),
       )SQL"
        + epochMicros("now()") + R"SQL(, r.outcome, r.db_user, coalesce(r.os_user, ''), )SQL"
        + epochMicros("r.started_at") + ", " + epochMicros("r.finished_at") + R"SQL(
  FROM named n
  LEFT JOIN projection_checkpoints c ON c.projection = n.projection
  LEFT JOIN LATERAL (SELECT * FROM projection_rebuild_history h WHERE h.projection = n.projection
                      ORDER BY h.id DESC LIMIT 1) r ON true
  CROSS JOIN LATERAL (
      SELECT count(*) AS events, min(l.timestamp) AS oldest FROM (
          SELECT e.timestamp FROM events e
           WHERE (e.tx_id, e.global_position) > (coalesce(c.tx_id, '0'::xid8), coalesce(c.position, 0))
             AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY e.tx_id, e.global_position LIMIT $2) l
  ) lag
 ORDER BY n.projection)SQL";

    // The stored state says what the last runner wrote; what an operator needs is what holds
    // now: a rebuild under way, or a runner whose heartbeat went stale.
    ProjectionState displayState(ProjectionState stored, std::optional<std::int64_t> heartbeat, bool rebuilding,
        std::int64_t nowUs, std::int64_t lag)
    {
        const auto fresh = [&](std::optional<std::int64_t> at) {
            return at && nowUs - *at < static_cast<std::int64_t>(HeartbeatTimeoutSeconds) * 1000000;
        };
        if (rebuilding)
            return ProjectionState::Rebuilding;
        if (stored == ProjectionState::Faulted || stored == ProjectionState::Unknown)
            return stored; // an external program's own word is shown as it wrote it
        if (fresh(heartbeat) && stored == ProjectionState::Running)
            return ProjectionState::Running;
        return lag == 0 ? ProjectionState::Idle : ProjectionState::Stopped;
    }

    void audit(pqxx::transaction_base& tx, const std::string& action, const std::string& target,
        const std::string& outcome, nlohmann::json detail = nlohmann::json::object())
    {
        store::writeAudit(tx, { action, target, outcome, std::move(detail) });
    }

} // namespace

std::string toString(ProjectionState state)
{
    switch (state) {
    case ProjectionState::Idle:
        return "idle";
    case ProjectionState::Running:
        return "running";
    case ProjectionState::Stopped:
        return "stopped";
    case ProjectionState::Faulted:
        return "faulted";
    case ProjectionState::Rebuilding:
        return "rebuilding";
    case ProjectionState::Unknown:
        break;
    }
    return "unknown";
}

ProjectionState parseProjectionState(std::string_view text)
{
    for (const auto state : { ProjectionState::Idle, ProjectionState::Running, ProjectionState::Stopped,
             ProjectionState::Faulted, ProjectionState::Rebuilding })
        if (text == toString(state))
            return state;
    return ProjectionState::Unknown;
}

std::shared_ptr<Projection> findProjection(
    const std::vector<std::shared_ptr<Projection>>& projections, const std::string& name)
{
    for (const auto& projection : projections)
        if (projection->name() == name)
            return projection;
    return nullptr;
}

std::vector<std::shared_ptr<Projection>> installedProjections(
    pqxx::transaction_base& tx, const std::vector<std::shared_ptr<Projection>>& projections)
{
    std::vector<std::string> tables;
    for (const auto& projection : projections)
        if (projection->onlyWhereItsTableExists())
            tables.push_back(projection->table());
    if (tables.empty())
        return projections;
    std::set<std::string> present;
    for (const auto& row :
        tx.exec_params("SELECT t FROM unnest($1::text[]) t WHERE to_regclass(quote_ident(t)) IS NOT NULL",
            store::detail::textArrayLiteral(tables)))
        present.insert(row[0].c_str());
    std::vector<std::shared_ptr<Projection>> installed;
    for (const auto& projection : projections)
        if (!projection->onlyWhereItsTableExists() || present.count(projection->table()))
            installed.push_back(projection);
    return installed;
}

std::vector<ProjectionStatus> listProjections(
    pqxx::connection& connection, const std::vector<std::shared_ptr<Projection>>& builtIns)
{
    pqxx::read_transaction query(connection);
    std::vector<std::string> names;
    for (const auto& projection : installedProjections(query, builtIns))
        names.push_back(projection->name());
    // The lateral count is planned as if for every row of projection_checkpoints, and its
    // cost then calls for JIT: 250 ms of compiling for a 50 ms read, on every poll.
    query.exec("SET LOCAL jit = off");
    const auto rows = query.exec_params(statusSql, store::detail::textArrayLiteral(names), ExactLagUpTo + 1);
    const auto heldBack = store::heldBack(query);
    query.commit();
    std::vector<ProjectionStatus> result;
    for (const auto& row : rows) {
        ProjectionStatus status;
        status.name = row[0].c_str();
        status.builtIn = std::find(names.begin(), names.end(), status.name) != names.end();
        status.checkpoint = { parseInt<std::uint64_t>(row[1]), parseInt<std::int64_t>(row[2]) };
        const std::string storedText = row[3].c_str();
        status.lastError = row[4].c_str();
        status.eventsProcessed = parseInt<std::int64_t>(row[5]);
        status.lastErrorAtUs = optionalMicros(row[6]);
        status.heartbeatAtUs = optionalMicros(row[7]);
        const bool rebuilding = row[8].as<bool>();
        if (!row[9].is_null())
            status.head = store::LogPosition { parseInt<std::uint64_t>(row[9]), parseInt<std::int64_t>(row[10]) };
        status.lagEvents = parseInt<std::int64_t>(row[11]);
        if (status.lagEvents > ExactLagUpTo) {
            // Counted only up to the cap (a poll every 2 s must not count a whole 10M-event log):
            // positions are handed out in commit order nearly always, so their difference from
            // the checkpoint to the head is the backlog to within the transactions in flight.
            status.lagEstimated = true;
            if (status.head)
                status.lagEvents
                    = std::max(status.lagEvents, status.head->globalPosition - status.checkpoint.globalPosition);
        }
        status.lagSeconds = row[12].is_null() ? 0.0 : std::max(0.0, row[12].as<double>());
        status.heldBack = heldBack;
        status.deadLetters = parseInt<std::int64_t>(row[13]);
        if (!row[14].is_null())
            status.lastRebuildSeconds = row[14].as<double>();
        const std::int64_t nowUs = parseInt<std::int64_t>(row[15]);
        status.state
            = displayState(parseProjectionState(storedText), status.heartbeatAtUs, rebuilding, nowUs, status.lagEvents);
        if (status.state == ProjectionState::Unknown)
            status.unknownState = storedText;
        if (!row[16].is_null())
            status.lastRebuild = RebuildInfo { row[16].c_str(), row[17].c_str(), row[18].c_str(),
                parseInt<std::int64_t>(row[19]), optionalMicros(row[20]) };
        result.push_back(std::move(status));
    }
    return result;
}

void resetProjection(pqxx::connection& connection, const std::string& name, std::optional<store::LogPosition> position)
{
    const store::LogPosition target = position.value_or(store::LogPosition {});
    {
        pqxx::work tx(connection);
        store::requireOperator(tx, "reset projection '" + name + "'");
        const auto known = tx.exec_params("SELECT 1 FROM projection_checkpoints WHERE projection = $1", name);
        // A built-in projection that never ran has no row yet; it is still a projection, and
        // lockCheckpoint creates its row.
        if (known.empty() && !findProjection(builtInProjections(), name))
            throw store::InvalidInputError(
                "There is no projection called '" + name + "'; 'acci-admin projections list' shows them.");
        detail::lockCheckpoint(tx, name);
        // Past the end of the log, the projection would wait silently for events that never come.
        const auto head = store::readableHead(tx).value_or(store::LogPosition {});
        if (head < target)
            throw store::InvalidInputError("Position " + target.toString() + " is past the end of the log ("
                + head.toString() + "); give a position printed by 'acci-admin log'.");
        detail::restartCheckpoint(tx, name, target);
        tx.exec_params("DELETE FROM projection_dead_letters WHERE projection = $1 AND blocking", name);
        audit(tx, "reset", name, "ok", { { "to", target.toString() } });
        tx.commit();
    }
}

std::vector<DeadLetter> listDeadLetters(pqxx::connection& connection, const std::optional<std::string>& projection)
{
    pqxx::nontransaction query(connection);
    const auto rows = query.exec_params(
        "SELECT id, projection, event_id::text, coalesce(event_type, ''), coalesce(aggregate_id, ''), tx_id::text,"
        " global_position, error, attempts, blocking, "
            + epochMicros("parked_at")
            + " FROM projection_dead_letters WHERE ($1::text IS NULL OR projection = $1) ORDER BY projection, id",
        projection);
    std::vector<DeadLetter> letters;
    for (const auto& row : rows) {
        letters.push_back({ parseInt<std::int64_t>(row[0]), row[1].c_str(), row[2].c_str(), row[3].c_str(),
            row[4].c_str(), { parseInt<std::uint64_t>(row[5]), parseInt<std::int64_t>(row[6]) }, row[7].c_str(),
            parseInt<int>(row[8]), row[9].as<bool>(), parseInt<std::int64_t>(row[10]) });
    }
    return letters;
}

namespace {
    DeadLetter lockDeadLetter(pqxx::transaction_base& tx, std::int64_t id)
    {
        const auto rows = tx.exec_params("SELECT projection, event_id::text, blocking, tx_id::text, global_position"
                                         " FROM projection_dead_letters WHERE id = $1 FOR UPDATE",
            id);
        if (rows.empty())
            throw store::InvalidInputError(
                "There is no dead letter " + std::to_string(id) + "; 'acci-admin dead-letters list' shows them.");
        DeadLetter letter;
        letter.id = id;
        letter.projection = rows[0][0].c_str();
        letter.eventId = rows[0][1].c_str();
        letter.blocking = rows[0][2].as<bool>();
        letter.position = { parseInt<std::uint64_t>(rows[0][3]), parseInt<std::int64_t>(rows[0][4]) };
        return letter;
    }
} // namespace

void retryDeadLetter(
    pqxx::connection& connection, const std::vector<std::shared_ptr<Projection>>& projections, std::int64_t id)
{
    std::string target = std::to_string(id);
    try {
        pqxx::work tx(connection);
        store::requireOperator(tx, "retry dead letter " + std::to_string(id));
        const DeadLetter letter = lockDeadLetter(tx, id);
        target = letter.projection + "/" + std::to_string(id);
        if (letter.blocking) {
            // The projection waits just before this event: let it try again, in order.
            tx.exec_params("DELETE FROM projection_dead_letters WHERE id = $1", id);
            tx.exec_params("UPDATE projection_checkpoints SET status = 'idle', last_error = NULL WHERE projection = $1"
                           " AND status = 'faulted'",
                letter.projection);
            audit(tx, "retry-dead-letter", target, "ok", { { "event_id", letter.eventId }, { "blocking", true } });
            tx.commit();
            return;
        }
        const auto projection = findProjection(projections, letter.projection);
        if (!projection)
            throw store::InvalidInputError("Dead letter " + std::to_string(id) + " belongs to '" + letter.projection
                + "', which this program does not run; its owner must retry it.");
        const auto rows = tx.exec_params(
            "SELECT " + store::recordedEventColumns() + " FROM events WHERE id = $1::uuid", letter.eventId);
        if (rows.empty())
            throw store::StoreError("The event of dead letter " + std::to_string(id) + " is no longer in the store.");
        projection->apply(tx, projection->table(), { store::detail::parseRecordedEvent(rows[0]) });
        tx.exec_params("DELETE FROM projection_dead_letters WHERE id = $1", id);
        audit(tx, "retry-dead-letter", target, "ok", { { "event_id", letter.eventId } });
        tx.commit();
    } catch (const store::InvalidInputError&) {
        throw;
    } catch (const store::PermissionError&) {
        throw;
    } catch (const std::exception& error) {
        // The retry rolled back; count the attempt and audit the failure together.
        const std::string reason = store::describeError(error);
        try {
            pqxx::work failed(connection);
            failed.exec_params("UPDATE projection_dead_letters SET attempts = attempts + 1, error = $2,"
                               " last_attempt_at = now() WHERE id = $1",
                id, reason);
            audit(failed, "retry-dead-letter", target, "failed: " + reason);
            failed.commit();
        } catch (...) {
            // Reporting the original failure matters more.
        }
        throw store::StoreError("Dead letter " + std::to_string(id) + " failed again: " + reason);
    }
}

void skipDeadLetter(pqxx::connection& connection, std::int64_t id)
{
    pqxx::work tx(connection);
    store::requireOperator(tx, "skip dead letter " + std::to_string(id));
    const DeadLetter letter = lockDeadLetter(tx, id);
    if (letter.blocking) {
        // The checkpoint sits just before this event: moving it onto the event skips exactly it.
        detail::lockCheckpoint(tx, letter.projection);
        tx.exec_params("UPDATE projection_checkpoints SET tx_id = $2::xid8, position = $3, status = 'idle',"
                       " last_error = NULL WHERE projection = $1 AND (tx_id, position) < ($2::xid8, $3)",
            letter.projection, std::to_string(letter.position.txId), letter.position.globalPosition);
        tx.exec_params("UPDATE projection_checkpoints SET status = 'idle', last_error = NULL"
                       " WHERE projection = $1 AND status = 'faulted'",
            letter.projection);
    }
    // Given up for good: a reset's replay or a rebuild leaves it out too.
    tx.exec_params("INSERT INTO projection_skipped_events (projection, event_id) VALUES ($1, $2::uuid)"
                   " ON CONFLICT DO NOTHING",
        letter.projection, letter.eventId);
    tx.exec_params("DELETE FROM projection_dead_letters WHERE id = $1", id);
    audit(tx, "skip-dead-letter", letter.projection + "/" + std::to_string(id), "ok",
        { { "event_id", letter.eventId }, { "blocking", letter.blocking } });
    tx.commit();
}

} // namespace acci::projections

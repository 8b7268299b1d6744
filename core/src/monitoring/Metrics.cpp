#include "acci/monitoring/Metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include <pqxx/nontransaction>

#include "acci/store/Errors.hpp"
#include "store/RowParsing.hpp"

namespace acci::monitoring {

using store::detail::parseInt;

namespace {

    // Snapshot size buckets in bytes: 1 KiB to 1 MiB by powers of four.
    const std::vector<double> snapshotBounds = { 1024, 4096, 16384, 65536, 262144, 1048576 };

    std::string label(const std::string& value)
    {
        std::string escaped;
        for (char c : value) {
            if (c == '\\' || c == '"')
                escaped += '\\';
            if (c == '\n') {
                escaped += "\\n";
                continue;
            }
            escaped += c;
        }
        return escaped;
    }

    std::string number(double value)
    {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        return buffer;
    }

    std::optional<double> newestEventAge(pqxx::transaction_base& query)
    {
        const auto age = query.exec1("SELECT extract(epoch from now() - max(timestamp)) FROM events");
        return age[0].is_null() ? std::nullopt : std::optional<double>(age[0].as<double>());
    }

    // Every projection carries the same held-back figures; without projections, ask.
    store::HeldBack heldBackOf(const std::vector<projections::ProjectionStatus>& statuses, pqxx::connection& connection)
    {
        if (!statuses.empty())
            return statuses.front().heldBack;
        pqxx::nontransaction query(connection);
        return store::heldBack(query);
    }

    // Runs one read; a refusal for want of rights marks its figure unread instead of ending
    // the collection. Each read has its own transaction, so a refused one spoils no other.
    template <typename Read> void readUnlessRefused(UnreadableFigures& unreadable, bool& unread, Read&& read)
    {
        try {
            read();
        } catch (const std::exception& error) {
            if (store::classifyError(error) != store::ErrorKind::MissingRights)
                throw;
            unread = true;
            const std::string relation = store::refusedRelation(error);
            if (std::find(unreadable.relations.begin(), unreadable.relations.end(), relation)
                == unreadable.relations.end())
                unreadable.relations.push_back(relation);
        }
    }

} // namespace

Metrics collectHealthFigures(
    pqxx::connection& connection, const std::vector<std::shared_ptr<projections::Projection>>& builtIns)
{
    Metrics metrics;
    metrics.server = store::serverRoleOf(connection);
    auto& unreadable = metrics.unreadable;
    readUnlessRefused(unreadable, unreadable.newestEvent, [&] {
        pqxx::nontransaction query(connection);
        metrics.newestEventAgeSeconds = newestEventAge(query);
    });
    readUnlessRefused(unreadable, unreadable.projections,
        [&] { metrics.projections = projections::listProjections(connection, builtIns); });
    readUnlessRefused(
        unreadable, unreadable.heldBack, [&] { metrics.heldBack = heldBackOf(metrics.projections, connection); });
    if (unreadable.any()) {
        pqxx::nontransaction query(connection);
        unreadable.role = query.exec1("SELECT current_user")[0].c_str();
    }
    return metrics;
}

Metrics collectMetrics(pqxx::connection& connection,
    const std::vector<std::shared_ptr<projections::Projection>>& builtIns, EventTypeCounts eventTypeCounts)
{
    Metrics metrics = collectHealthFigures(connection, builtIns);
    auto& unreadable = metrics.unreadable;
    if (eventTypeCounts == EventTypeCounts::Count && !unreadable.newestEvent)
        readUnlessRefused(unreadable, unreadable.newestEvent, [&] {
            pqxx::nontransaction query(connection);
            for (const auto& row : query.exec("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 1"))
                metrics.eventsByType[row[0].c_str()] = parseInt<std::int64_t>(row[1]);
        });
    readUnlessRefused(unreadable, unreadable.snapshots, [&] {
        pqxx::nontransaction query(connection);
        std::string buckets;
        for (double bound : snapshotBounds)
            buckets += "count(*) FILTER (WHERE size <= " + number(bound) + "), ";
        const auto sizes = query.exec1("SELECT " + buckets
            + "count(*), coalesce(sum(size), 0) FROM (SELECT octet_length(state::text) AS size"
              " FROM snapshots) s");
        for (std::size_t i = 0; i < snapshotBounds.size(); ++i)
            metrics.snapshotSizeBuckets.emplace_back(
                snapshotBounds[i], parseInt<std::int64_t>(sizes[static_cast<int>(i)]));
        metrics.snapshotCount = parseInt<std::int64_t>(sizes[static_cast<int>(snapshotBounds.size())]);
        metrics.snapshotSizeBuckets.emplace_back(std::numeric_limits<double>::infinity(), metrics.snapshotCount);
        metrics.snapshotSizeSum = sizes[static_cast<int>(snapshotBounds.size()) + 1].as<double>();
    });
    if (unreadable.any() && unreadable.role.empty()) {
        pqxx::nontransaction query(connection);
        unreadable.role = query.exec1("SELECT current_user")[0].c_str();
    }
    return metrics;
}

std::string toPrometheus(const Metrics& metrics)
{
    std::ostringstream out;
    out << "# HELP acci_events_total Events in the store, by event type.\n# TYPE acci_events_total counter\n";
    for (const auto& [type, count] : metrics.eventsByType)
        out << "acci_events_total{event_type=\"" << label(type) << "\"} " << count << '\n';

    if (metrics.newestEventAgeSeconds) {
        out << "# HELP acci_newest_event_age_seconds Time since the newest event.\n"
               "# TYPE acci_newest_event_age_seconds gauge\n"
            << "acci_newest_event_age_seconds " << number(*metrics.newestEventAgeSeconds) << '\n';
    }

    out << "# HELP acci_projection_lag_events Committed events after the projection's checkpoint (held back ones "
           "included).\n"
           "# TYPE acci_projection_lag_events gauge\n";
    for (const auto& p : metrics.projections)
        out << "acci_projection_lag_events{projection=\"" << label(p.name) << "\"} " << p.totalLagEvents() << '\n';
    out << "# HELP acci_projection_lag_seconds Age of the oldest event the projection has not processed.\n"
           "# TYPE acci_projection_lag_seconds gauge\n";
    for (const auto& p : metrics.projections)
        out << "acci_projection_lag_seconds{projection=\"" << label(p.name) << "\"} " << number(p.totalLagSeconds())
            << '\n';
    out << "# HELP acci_events_held_back Committed events readers cannot see yet: an older transaction is still in "
           "flight.\n# TYPE acci_events_held_back gauge\n"
        << "acci_events_held_back " << metrics.heldBack.eventsWaiting << '\n'
        << "# HELP acci_events_held_back_seconds Time the oldest held-back event has waited.\n"
           "# TYPE acci_events_held_back_seconds gauge\n"
        << "acci_events_held_back_seconds " << number(metrics.heldBack.secondsWaiting) << '\n';
    if (metrics.server) {
        out << "# HELP acci_server_standby 1 when the server read is a hot standby, 0 on the primary.\n"
               "# TYPE acci_server_standby gauge\n"
            << "acci_server_standby " << (metrics.server->standby ? 1 : 0) << '\n';
        // Standby only: a primary has nothing to replay, and an absent series is no false 0.
        if (metrics.server->replayDelaySeconds)
            out << "# HELP acci_replay_delay_seconds How far the standby's replay is behind the primary: 0 while "
                   "everything received is replayed, else the age of the last replayed commit.\n"
                   "# TYPE acci_replay_delay_seconds gauge\n"
                << "acci_replay_delay_seconds " << number(*metrics.server->replayDelaySeconds) << '\n';
        if (metrics.server->replayLagBytes)
            out << "# HELP acci_replay_lag_bytes WAL the standby has received but not replayed yet.\n"
                   "# TYPE acci_replay_lag_bytes gauge\n"
                << "acci_replay_lag_bytes " << *metrics.server->replayLagBytes << '\n';
    }
    out << "# HELP acci_projection_dead_letters Events parked by the projection.\n"
           "# TYPE acci_projection_dead_letters gauge\n";
    for (const auto& p : metrics.projections)
        out << "acci_projection_dead_letters{projection=\"" << label(p.name) << "\"} " << p.deadLetters << '\n';
    out << "# HELP acci_projection_up 1 when a runner's heartbeat is fresh.\n# TYPE acci_projection_up gauge\n";
    for (const auto& p : metrics.projections)
        out << "acci_projection_up{projection=\"" << label(p.name) << "\"} "
            << (p.state == projections::ProjectionState::Running || p.state == projections::ProjectionState::Rebuilding
                       ? 1
                       : 0)
            << '\n';
    out << "# HELP acci_projection_rebuild_duration_seconds Duration of the last completed rebuild.\n"
           "# TYPE acci_projection_rebuild_duration_seconds gauge\n";
    for (const auto& p : metrics.projections)
        if (p.lastRebuildSeconds)
            out << "acci_projection_rebuild_duration_seconds{projection=\"" << label(p.name) << "\"} "
                << number(*p.lastRebuildSeconds) << '\n';

    out << "# HELP acci_snapshot_size_bytes Size of stored snapshots, as JSON text.\n# TYPE acci_snapshot_size_bytes "
           "histogram\n";
    for (const auto& [bound, count] : metrics.snapshotSizeBuckets)
        out << "acci_snapshot_size_bytes_bucket{le=\"" << (std::isinf(bound) ? std::string("+Inf") : number(bound))
            << "\"} " << count << '\n';
    out << "acci_snapshot_size_bytes_sum " << number(metrics.snapshotSizeSum) << '\n'
        << "acci_snapshot_size_bytes_count " << metrics.snapshotCount << '\n';
    return out.str();
}

} // namespace acci::monitoring

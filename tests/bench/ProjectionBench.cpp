// Projection figures (issue 3): rebuild user_view from 1M events beside the same rebuild in
// set-based SQL, and catch-up of 100k new events in batches of 1000.
#include <map>

#include <pqxx/nontransaction>

#include "BenchSupport.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/Connection.hpp"

namespace acci::bench {

namespace {

    // Users first, then updates that rename them, all in one statement (as a bulk import).
    void insertUserEvents(pqxx::connection& connection, long long users, long long updates, const std::string& prefix,
        long long firstNumber)
    {
        pqxx::nontransaction tx(connection);
        tx.exec_params(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), $1::text || (g % $2::bigint), 'User',
       CASE WHEN g < $2::bigint THEN 'UserCreated' ELSE 'UserUpdated' END,
       g / $2::bigint + 1 + $4::bigint,
       CASE WHEN g < $2::bigint
            THEN jsonb_build_object('user_id', $1::text || g, 'email', $1::text || g || '@example.com', 'name', 'User ' || g)
            ELSE jsonb_build_object('user_id', $1::text || (g % $2::bigint), 'name', 'Name ' || g) END,
       jsonb_build_object('tenant_id', 'tenant-' || (g % 3), 'correlation_id', 'c' || g)
  FROM generate_series(0, $2::bigint + $3::bigint - 1) g)SQL",
            prefix, users, updates, firstNumber);
    }

    const char* sqlRebuild = R"SQL(
DROP TABLE IF EXISTS sql_user_view;
CREATE TABLE sql_user_view (
    id text PRIMARY KEY, email text NOT NULL, name text NOT NULL, status text NOT NULL,
    created_at timestamptz NOT NULL, version integer NOT NULL DEFAULT 0, updated_at timestamptz);
INSERT INTO sql_user_view (id, email, name, status, created_at, version, updated_at)
SELECT data ->> 'user_id', data ->> 'email', data ->> 'name', 'active', timestamp, version, timestamp
  FROM events WHERE event_type = 'UserCreated';
UPDATE sql_user_view u SET name = coalesce(l.name, u.name), email = coalesce(l.email, u.email),
       version = l.version, updated_at = l.timestamp
  FROM (SELECT DISTINCT ON (data ->> 'user_id') data ->> 'user_id' AS id, data ->> 'name' AS name,
               data ->> 'email' AS email, version, timestamp
          FROM events WHERE event_type = 'UserUpdated'
         ORDER BY data ->> 'user_id', version DESC) l
 WHERE u.id = l.id;
CREATE INDEX sql_user_view_name_idx ON sql_user_view (name, id);
ANALYZE sql_user_view;
)SQL";

} // namespace

void runProjectionBench(const Options& options)
{
    const long long users = std::max(1LL, options.events / 10);
    const long long updates = options.events - users;
    std::printf("\n== Projections: user_view from %lld events (%lld users), median of %d runs ==\n", options.events,
        users, options.repeat);
    auto connection = store::connect(options.conninfo);
    exec(*connection,
        "TRUNCATE events, aggregates, snapshots, user_view, projection_checkpoints, "
        "projection_dead_letters RESTART IDENTITY");
    insertUserEvents(*connection, users, updates, "u", 0);
    exec(*connection, "VACUUM ANALYZE events");
    exec(*connection, "CHECKPOINT");

    const auto projection = std::make_shared<projections::UserProjection>();
    projections::RebuildReport last;
    std::map<std::string, double> phaseStart;
    const auto rebuildStart = std::chrono::steady_clock::now();
    const double ours = medianSeconds(options.repeat, {}, [&] {
        last = projections::rebuildProjection(*connection, projection, {}, [&](const projections::RebuildProgress& p) {
            const auto name = projections::toString(p.phase);
            if (!phaseStart.count(name))
                phaseStart[name]
                    = std::chrono::duration<double>(std::chrono::steady_clock::now() - rebuildStart).count();
        });
    });
    for (const auto& [name, at] : phaseStart)
        std::printf("  (first run: %s began at %.2f s)\n", name.c_str(), at);
    const double sql = medianSeconds(options.repeat, {}, [&] { exec(*connection, sqlRebuild); });
    if (last.outcome != projections::RebuildReport::Outcome::Completed || last.rows != users)
        std::printf("!! rebuild ended with %s, %lld rows\n", last.error.c_str(), static_cast<long long>(last.rows));
    {
        pqxx::nontransaction check(*connection);
        const auto differ
            = check
                  .exec1("SELECT count(*) FROM user_view u FULL JOIN sql_user_view s USING (id)"
                         " WHERE u.name IS DISTINCT FROM s.name OR u.version IS DISTINCT FROM s.version")[0]
                  .as<long long>();
        if (differ)
            std::printf("!! %lld rows differ between the rebuild and the SQL baseline\n", differ);
    }
    std::printf("%-44s %9.2f s      %-30s %9.2f s      ratio %.2f   (target <= 1.5, our time / SQL time)\n",
        "rebuild user_view (replay + COPY + swap)", ours, "set-based SQL rebuild", sql, ours / sql);

    // Catch-up: 100k new events (10k users, 90k updates) after the rebuilt checkpoint.
    const long long fresh = std::min<long long>(100000, options.events);
    std::vector<double> rates;
    for (int run = 0; run < options.repeat; ++run) {
        insertUserEvents(*connection, fresh / 10, fresh - fresh / 10, "n" + std::to_string(run) + "-", 0);
        projections::EngineOptions engineOptions;
        engineOptions.batchSize = 1000;
        projections::ProjectionEngine engine(*connection, projection, engineOptions);
        const auto start = std::chrono::steady_clock::now();
        const auto result = engine.catchUp();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (result.processed != fresh)
            std::printf("!! catch-up applied %lld of %lld events\n", static_cast<long long>(result.processed), fresh);
        rates.push_back(static_cast<double>(result.processed) / seconds);
    }
    printValue("catch-up, batches of 1000",
        std::to_string(static_cast<long long>(median(rates))) + " ev/s (" + std::to_string(fresh) + " events)");
}

} // namespace acci::bench

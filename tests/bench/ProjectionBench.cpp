// Projection figures (issues 3 and 13): rebuild user_view from 1M events beside the same
// rebuild in set-based SQL; catch-up of the whole log beside the rebuild's rate; catch-up of
// 100k new events near the head.
#include <cstdio>

#include <pqxx/nontransaction>

#include "BenchSupport.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/ProjectionVerify.hpp"
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
    std::vector<std::pair<std::string, double>> phases; // of the last run: each phase and when it began
    std::chrono::steady_clock::time_point rebuildStart;
    const double ours = medianSeconds(
        options.repeat, [&] { phases.clear(); },
        [&] {
            rebuildStart = std::chrono::steady_clock::now();
            last = projections::rebuildProjection(
                *connection, projection, {}, [&](const projections::RebuildProgress& p) {
                    const auto name = projections::toString(p.phase);
                    if (phases.empty() || phases.back().first != name)
                        phases.emplace_back(name, seconds(std::chrono::steady_clock::now() - rebuildStart));
                });
            phases.emplace_back("end", seconds(std::chrono::steady_clock::now() - rebuildStart));
        });
    std::string split;
    for (std::size_t i = 0; i + 1 < phases.size(); ++i) {
        char part[64];
        std::snprintf(part, sizeof part, "%s%s %.2f s", split.empty() ? "" : ", ", phases[i].first.c_str(),
            phases[i + 1].second - phases[i].second);
        split += part;
    }
    std::printf("  (last run: %s)\n", split.c_str());
    const double sql = medianSeconds(options.repeat, {}, [&] { exec(*connection, sqlRebuild); });
    if (last.outcome != projections::RebuildReport::Outcome::Completed || last.rows != users)
        std::printf("!! rebuild ended with %s, %lld rows\n", last.error.c_str(), static_cast<long long>(last.rows));
    const auto compareWithSql = [&](const char* what) {
        pqxx::nontransaction check(*connection);
        const auto differ
            = check
                  .exec1("SELECT count(*) FROM user_view u FULL JOIN sql_user_view s USING (id)"
                         " WHERE u.name IS DISTINCT FROM s.name OR u.email IS DISTINCT FROM s.email"
                         " OR u.version IS DISTINCT FROM s.version OR u.updated_at IS DISTINCT FROM s.updated_at")[0]
                  .as<long long>();
        if (differ)
            std::printf("!! %lld rows differ between %s and the SQL baseline\n", differ, what);
    };
    compareWithSql("the rebuild");
    std::printf("%-44s %9.2f s      %-30s %9.2f s      ratio %.2f   (target <= 1.0, our time / SQL time)\n",
        "rebuild user_view (replay + COPY + swap)", ours, "set-based SQL rebuild", sql, ours / sql);
    const double rebuildRate = static_cast<double>(options.events) / ours;

    // Verification (issue 16) of the table the rebuild left, at its checkpoint: same events,
    // read in key order and compared batch by batch, nothing written.
    projections::VerifyReport verified;
    const double verify = medianSeconds(
        options.repeat, {}, [&] { verified = projections::verifyProjection(options.conninfo, *projection); });
    if (verified.outcome != projections::VerifyReport::Outcome::Agrees || verified.rowsInTable != users)
        std::printf("!! verification ended with %s, %lld rows: %s\n", projections::toString(verified.outcome).c_str(),
            static_cast<long long>(verified.rowsInTable), verified.error.c_str());
    std::printf("%-44s %9.2f s      %-30s %9.2f s      ratio %.2f   (target <= 1.5)\n",
        "verify user_view (replay by key + compare)", verify, "the rebuild above", ours, verify / ours);

    // Catch-up from far behind: the whole log, onto an empty table, as a new projection would.
    std::vector<double> farRates;
    for (int run = 0; run < options.repeat; ++run) {
        exec(*connection,
            "TRUNCATE user_view; UPDATE projection_checkpoints SET tx_id = '0', position = 0"
            " WHERE projection = 'user_view'");
        projections::ProjectionEngine engine(*connection, projection);
        const auto start = std::chrono::steady_clock::now();
        const auto result = engine.catchUp();
        const double took = seconds(std::chrono::steady_clock::now() - start);
        if (result.processed != options.events)
            std::printf("!! catch-up from far behind applied %lld of %lld events\n",
                static_cast<long long>(result.processed), options.events);
        farRates.push_back(static_cast<double>(result.processed) / took);
    }
    compareWithSql("the catch-up");
    printRate("catch-up from far behind (" + std::to_string(options.events) + " events)", median(farRates),
        "the rebuild's replay", rebuildRate, ">= 0.5");

    // Near the head: 100k new events (10k users, 90k updates) after the checkpoint, from
    // batches of 1000 (growing while far behind), and with batches held at 1000.
    const long long fresh = std::min<long long>(100000, options.events);
    int batch = 0;
    for (const int ceiling : { 100000, 1000 }) {
        std::vector<double> rates;
        for (int run = 0; run < options.repeat; ++run) {
            const std::string prefix = 'n' + std::to_string(batch++) + '-';
            insertUserEvents(*connection, fresh / 10, fresh - fresh / 10, prefix, 0);
            projections::EngineOptions engineOptions;
            engineOptions.batchSize = 1000;
            engineOptions.maxBatchSize = ceiling;
            projections::ProjectionEngine engine(*connection, projection, engineOptions);
            const auto start = std::chrono::steady_clock::now();
            const auto result = engine.catchUp();
            const double took = seconds(std::chrono::steady_clock::now() - start);
            if (result.processed != fresh)
                std::printf(
                    "!! catch-up applied %lld of %lld events\n", static_cast<long long>(result.processed), fresh);
            rates.push_back(static_cast<double>(result.processed) / took);
        }
        printValue(
            ceiling == 1000 ? "catch-up near the head, batches of 1000" : "catch-up near the head, growing from 1000",
            std::to_string(static_cast<long long>(median(rates))) + " ev/s (" + std::to_string(fresh) + " events)");
    }
}

} // namespace acci::bench

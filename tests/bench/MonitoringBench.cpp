// Monitoring figures (issue 6): the event-rate series of a 24-hour range over the store, beside
// the plain date_bin query that computes the same buckets, in the same run.
#include <chrono>
#include <cstdio>

#include <pqxx/pqxx>

#include "BenchSupport.hpp"
#include "acci/monitoring/EventRates.hpp"
#include "acci/store/Connection.hpp"
#include "acci/util/Time.hpp"

namespace acci::bench {

void runMonitoringBench(const Options& options)
{
    std::printf("\n== Monitoring: event rate over the last 24 hours ==\n");
    auto connection = store::connect(options.conninfo);
    {
        pqxx::nontransaction tx(*connection);
        const auto existing = tx.exec1("SELECT count(*) FROM events")[0].as<long long>();
        if (existing < options.events) {
            // Run on its own (--only monitoring): events spread over a week, as a live store has them.
            tx.exec_params(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp)
SELECT gen_random_uuid(), 'mon-' || g, 'Bench', 'Type' || (g % 12), 1, jsonb_build_object('n', g), '{}',
       now() - (g % 604800) * interval '1 second'
  FROM generate_series(1, $1::bigint) g)SQL",
                options.events - existing);
            tx.exec("VACUUM ANALYZE events");
        }
    }
    monitoring::EventRateQuery query;
    query.toUs = util::nowUs() + 60'000'000; // the last events are inside
    query.fromUs = query.toUs - 86'400'000'000LL;
    query.bucketSeconds = monitoring::chooseBucketSeconds(86400);

    monitoring::EventRateSeries series;
    const double ours = medianSeconds(options.repeat, {}, [&] { series = monitoring::eventRates(*connection, query); });
    long long baselineRows = 0;
    const double plain = medianSeconds(options.repeat, {}, [&] {
        pqxx::nontransaction tx(*connection);
        const auto rows = tx.exec_params(R"SQL(
SELECT date_bin(make_interval(secs => $3), timestamp, 'epoch'), event_type, count(*)
  FROM events
 WHERE timestamp >= to_timestamp($1::double precision / 1000000)
   AND timestamp <  to_timestamp($2::double precision / 1000000)
 GROUP BY 1, 2)SQL",
            query.fromUs, query.toUs, query.bucketSeconds);
        baselineRows = static_cast<long long>(rows.size());
    });
    std::printf("%-44s %8.1f ms   plain date_bin query %8.1f ms   ratio %.2f   (target <= 1.5; %lld events in %zu "
                "buckets of %d s, %zu types)\n",
        "event-rate series, 24 h", ours * 1000, plain * 1000, ours / plain, static_cast<long long>(series.total()),
        series.bucketStartsUs.size(), series.bucketSeconds, series.eventTypes.size());
    if (baselineRows == 0)
        std::printf("!! the baseline found no events in the range\n");
    std::fflush(stdout);
}

} // namespace acci::bench

// Snapshot verification (issue 16): every stored snapshot of the demo data checked against the
// fold at its version (timetravel::auditSnapshots, the demo's rules), beside the plain read of
// the same rows over the same pool of connections: each snapshot and its stream up to the
// snapshot's version, read the same way, neither decoded nor folded.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include <pqxx/pqxx>

#include "BenchSupport.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/timetravel/SnapshotAudit.hpp"

namespace acci::bench {

namespace {

    // The demo's appends go one flow at a time: past this many events the fill alone would take
    // minutes, while the rate per snapshot does not depend on the size of the store.
    constexpr long long maxDemoEvents = 100'000;

    // Reads what the audit reads, with `connections` threads taking ids by an atomic index.
    long long plainRead(const std::string& conninfo, const std::vector<std::string>& ids, int connections)
    {
        std::atomic<std::size_t> next { 0 };
        std::atomic<long long> events { 0 };
        std::vector<std::thread> threads;
        threads.reserve(static_cast<std::size_t>(connections));
        for (int i = 0; i < connections; ++i)
            threads.emplace_back([&] {
                auto connection = store::connect(conninfo);
                store::EventStore eventStore(*connection);
                for (std::size_t index = next++; index < ids.size(); index = next++) {
                    int version = 0;
                    {
                        pqxx::nontransaction query(*connection);
                        const auto row = query.exec_params1(
                            "SELECT s.aggregate_type, s.version, s.state::text, a.aggregate_type, a.version"
                            "  FROM snapshots s LEFT JOIN aggregates a USING (aggregate_id)"
                            " WHERE s.aggregate_id = $1",
                            ids[index]);
                        version = row[1].as<int>();
                    }
                    events += static_cast<long long>(eventStore.readStream(ids[index], 1, version).size());
                }
            });
        for (auto& thread : threads)
            thread.join();
        return events;
    }

} // namespace

void runSnapshotBench(const Options& options)
{
    const long long demoEvents = std::min(options.events, maxDemoEvents);
    std::printf("\n== Snapshots: verify every stored snapshot of the demo data (%lld events) ==\n", demoEvents);
    auto connection = store::connect(options.conninfo);
    exec(*connection, "TRUNCATE events, aggregates, snapshots RESTART IDENTITY");
    {
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, demoEvents);
    }
    exec(*connection, "VACUUM ANALYZE events, aggregates, snapshots");
    std::vector<std::string> ids;
    {
        pqxx::nontransaction query(*connection);
        for (const auto& row : query.exec("SELECT aggregate_id FROM snapshots ORDER BY aggregate_id"))
            ids.emplace_back(row[0].c_str());
    }
    auto rules = timetravel::ReducerRules::builtIn();
    rules.overrideWith(timetravel::ReducerRules::fromJson(demo::demoReducerRules()));

    timetravel::SnapshotAuditReport report;
    const double ours
        = medianSeconds(options.repeat, {}, [&] { report = timetravel::auditSnapshots(options.conninfo, rules); });
    long long events = 0;
    const double baseline
        = medianSeconds(options.repeat, {}, [&] { events = plainRead(options.conninfo, ids, report.connections); });
    if (report.checked != static_cast<long long>(ids.size()) || report.equal != report.checked)
        std::printf("!! checked %lld of %zu snapshots, %lld equal\n", report.checked, ids.size(), report.equal);
    std::printf("  (%zu snapshots, %lld events up to their versions, %d connections)\n", ids.size(), events,
        report.connections);
    const auto count = static_cast<double>(ids.size());
    std::printf("%-44s %12.0f snapshots/s   %-44s %12.0f snapshots/s   ratio %.2f   (no target: what fold and "
                "compare cost)\n",
        "verify --all: snapshots checked", count / ours, "plain read of the same snapshots and streams",
        count / baseline, baseline / ours);
    std::fflush(stdout);
}

} // namespace acci::bench

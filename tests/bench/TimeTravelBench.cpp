// Time-travel figures (issue 5): one aggregate with --stream-events events (100k by default).
// Loading it (read + fold with checkpoints), then 1000 random jumps (median and worst), beside
// the baseline of parsing the same payloads with no fold at all.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "BenchSupport.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/timetravel/StateFolder.hpp"

namespace acci::bench {

namespace {

    // An order-like aggregate that keeps changing: scalars, a nested object and keyed lines,
    // as the default merge-patch reducer folds them.
    store::NewEvent timeTravelEvent(int i)
    {
        store::NewEvent e;
        e.eventType = i % 5 == 0 ? "AddressChanged" : "LineChanged";
        if (i % 5 == 0)
            e.data = { { "shipping",
                { { "city", "City-" + std::to_string(i % 17) }, { "zip", std::to_string(28000 + i % 90) } } } };
        else
            e.data = { { "lines",
                           { { "SKU-" + std::to_string(i % 40),
                               { { "quantity", i % 7 }, { "price_cents", 100 + i % 900 } } } } },
                { "revision", i }, { "note", "bench event " + std::to_string(i) } };
        e.metadata = { { "user_id", "bench" }, { "correlation_id", "corr-" + std::to_string(i / 10) } };
        return e;
    }

    double ms(std::chrono::steady_clock::duration d)
    {
        return std::chrono::duration<double, std::milli>(d).count();
    }

} // namespace

void runTimeTravelBench(const Options& options)
{
    const int count = options.streamEvents;
    std::printf("\n== Time travel: one aggregate with %d events ==\n", count);
    auto connection = store::connect(options.conninfo);
    store::EventStore eventStore(*connection);
    if (eventStore.currentVersion("tt-stream") == 0) {
        for (int version = 0; version < count; version += 1000) {
            std::vector<store::NewEvent> batch;
            for (int i = 0; i < 1000 && version + i < count; ++i)
                batch.push_back(timeTravelEvent(version + i));
            eventStore.append("tt-stream", "BenchOrder", version, std::move(batch));
        }
        exec(*connection, "ANALYZE events");
    }

    // Loading: read the stream, then fold it once with checkpoints.
    timetravel::AggregateHistory history;
    const double readSeconds
        = medianSeconds(options.repeat, {}, [&] { history = timetravel::loadHistory(eventStore, "tt-stream"); });
    timetravel::StateFolder folder;
    const double foldSeconds
        = medianSeconds(options.repeat, {}, [&] { folder.load(history.aggregateType, history.events); });
    // Baseline: parse the same payloads and do nothing else.
    std::size_t parsedFields = 0;
    const double parseSeconds = medianSeconds(options.repeat, {}, [&] {
        parsedFields = 0;
        for (const auto& event : history.events)
            parsedFields += nlohmann::json::parse(event.dataJson).size();
    });
    if (folder.lastVersion() != count || !folder.warnings().empty())
        std::printf(
            "!! the fold ended at version %d with %zu warnings\n", folder.lastVersion(), folder.warnings().size());
    printValue("load: read the stream, median", std::to_string(static_cast<int>(readSeconds * 1000)) + " ms");
    printRate("load: fold with checkpoints every " + std::to_string(folder.checkpointEvery()), count / foldSeconds,
        "parse the payloads, no fold", count / parseSeconds, "report; fold cost = 1/ratio");
    std::printf("%-44s %.2f× the parse alone\n", "  fold cost", foldSeconds / parseSeconds);

    // 1000 random jumps: the state (and, as the console shows it, the frame with the diff).
    std::mt19937 random(5);
    std::vector<double> stateTimes;
    std::vector<double> frameTimes;
    int maxFolds = 0;
    for (int i = 0; i < 1000; ++i) {
        const int version = static_cast<int>(random() % static_cast<unsigned>(count)) + 1;
        auto start = std::chrono::steady_clock::now();
        const auto folded = folder.stateAt(version);
        stateTimes.push_back(ms(std::chrono::steady_clock::now() - start));
        maxFolds = std::max(maxFolds, folded.foldsUsed);
        start = std::chrono::steady_clock::now();
        const auto frame = folder.frameAt(version);
        frameTimes.push_back(ms(std::chrono::steady_clock::now() - start));
    }
    const double stateWorst = *std::max_element(stateTimes.begin(), stateTimes.end());
    const double frameWorst = *std::max_element(frameTimes.begin(), frameTimes.end());
    std::printf("%-44s median %.3f ms, worst %.3f ms, at most %d folds   (target: median <= 5 ms)\n",
        "1000 random jumps: state", median(stateTimes), stateWorst, maxFolds);
    std::printf("%-44s median %.3f ms, worst %.3f ms\n", "1000 random jumps: state + diff (console)",
        median(frameTimes), frameWorst);
    std::fflush(stdout);
}

} // namespace acci::bench

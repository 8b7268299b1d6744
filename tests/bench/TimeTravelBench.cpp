// Time-travel figures (issues 5 and 13), for two aggregates of --stream-events events (100k by
// default): an order that keeps overwriting the same fields (a constant-size state) and a
// ledger whose every event adds an entry (a state that grows with the stream). For each:
// reading the whole history beside COPY of the same rows, the fold beside parsing the same
// payloads, the peak memory of opening it beside the size of what it holds, 1000 random jumps,
// and the time to the latest state when a snapshot exists.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <malloc.h>
#include <random>

#include "BenchSupport.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/timetravel/StateFolder.hpp"

namespace acci::bench {

namespace {

    // An order-like aggregate that keeps changing: scalars, a nested object and keyed lines,
    // as the default merge-patch reducer folds them. Its state stays the same size.
    store::NewEvent orderEvent(int i)
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

    // A ledger: every event adds one entry (and moves the balance), so the state grows with
    // the stream, as with an order of many lines or any merge patch that adds keys.
    store::NewEvent ledgerEvent(int i)
    {
        store::NewEvent e;
        e.eventType = "EntryPosted";
        e.data = { { "entries", { { "e" + std::to_string(i), i % 1000 } } }, { "balance_cents", i * 7 } };
        e.metadata = { { "user_id", "bench" }, { "correlation_id", "corr-" + std::to_string(i / 10) } };
        return e;
    }

    double ms(std::chrono::steady_clock::duration d)
    {
        return std::chrono::duration<double, std::milli>(d).count();
    }

    // A line of /proc/self/status in kB ("VmRSS", "VmHWM").
    long statusKb(const std::string& field)
    {
        std::ifstream status("/proc/self/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind(field + ":", 0) == 0)
                return std::stol(line.substr(field.size() + 1));
        return 0;
    }

    // Returns freed memory to the system and restarts the peak (VmHWM) from the current RSS.
    void resetPeakMemory()
    {
        malloc_trim(0);
        std::ofstream("/proc/self/clear_refs") << "5";
    }

    // What the history holds as text: the final state's JSON and each event's fields.
    double megabytes(std::size_t bytes)
    {
        return static_cast<double>(bytes) / (1024.0 * 1024.0);
    }

    std::size_t eventBytes(const std::vector<store::RecordedEvent>& events)
    {
        std::size_t bytes = 0;
        for (const auto& event : events)
            bytes += event.id.size() + event.aggregateId.size() + event.aggregateType.size() + event.eventType.size()
                + event.dataJson.size() + event.metadataJson.size() + 3 * sizeof(std::int64_t) + sizeof(int);
        return bytes;
    }

    void ensureStream(store::EventStore& eventStore, pqxx::connection& connection, const std::string& id,
        const std::string& type, int count, const std::function<store::NewEvent(int)>& makeEvent)
    {
        if (eventStore.currentVersion(id) != 0)
            return;
        for (int version = 0; version < count; version += 1000) {
            std::vector<store::NewEvent> batch;
            for (int i = 0; i < 1000 && version + i < count; ++i)
                batch.push_back(makeEvent(version + i));
            eventStore.append(id, type, version, std::move(batch));
        }
        exec(connection, "ANALYZE events");
    }

    void benchStream(
        const Options& options, store::EventStore& eventStore, const std::string& id, const std::string& what)
    {
        const int count = options.streamEvents;
        std::printf("-- %s (%s) --\n", what.c_str(), id.c_str());

        // The whole history beside COPY of the same rows.
        timetravel::AggregateHistory history;
        const double readSeconds
            = medianSeconds(options.repeat, {}, [&] { history = timetravel::loadHistory(eventStore, id); });
        const double copySeconds = medianSeconds(options.repeat, {}, [&] {
            copyOut(options.conninfo,
                "SELECT " + store::recordedEventColumns() + " FROM events WHERE aggregate_id = '" + id
                    + "' ORDER BY version");
        });
        printRate("load: read the whole history", count / readSeconds, "COPY (SELECT ... WHERE) TO STDOUT",
            count / copySeconds, ">= 0.83: <= 1.2x the COPY time");

        // The fold beside parsing the same payloads and nothing else. The events are moved in,
        // as the console and acci-admin do: copying them is the setup's, not the fold's.
        timetravel::StateFolder folder;
        std::vector<store::RecordedEvent> toFold;
        const double foldSeconds = medianSeconds(
            options.repeat,
            [&] {
                folder = timetravel::StateFolder();
                toFold = history.events;
            },
            [&] { folder.load(history.aggregateType, std::move(toFold)); });
        std::size_t parsedFields = 0;
        const double parseSeconds = medianSeconds(options.repeat, {}, [&] {
            parsedFields = 0;
            for (const auto& event : history.events)
                parsedFields += nlohmann::json::parse(event.dataJson).size();
        });
        if (folder.lastVersion() != count || !folder.warnings().empty())
            std::printf(
                "!! the fold ended at version %d with %zu warnings\n", folder.lastVersion(), folder.warnings().size());
        printRate("load: fold with checkpoints", count / foldSeconds, "parse the payloads, no fold",
            count / parseSeconds, ">= 0.5: fold <= 2x the parse");
        std::printf("%-44s %zu checkpoints holding %zu size units (%.1f per event)\n", "  checkpoints",
            folder.checkpointCount(), folder.checkpointSize(), static_cast<double>(folder.checkpointSize()) / count);

        // Peak memory of opening it (read + fold), beside the text it holds.
        const std::size_t stateBytes = folder.stateAt(folder.lastVersion()).state.dump().size();
        const std::size_t historyBytes = eventBytes(history.events);
        history = {};
        folder.load("", {}); // frees the checkpoints before measuring
        resetPeakMemory();
        const long before = statusKb("VmRSS");
        {
            auto opened = timetravel::loadHistory(eventStore, id);
            folder.load(opened.aggregateType, std::move(opened.events));
            const double peak = static_cast<double>(statusKb("VmHWM") - before) / 1024.0;
            const double budget = 4 * megabytes(stateBytes + historyBytes);
            std::printf("%-44s %9.1f MB     final state %.1f MB + events %.1f MB as text; 4x = %.1f MB   ratio %.2f  "
                        " (target <= 1.0)\n",
                "open: peak resident memory", peak, megabytes(stateBytes), megabytes(historyBytes), budget,
                peak / budget);
        }

        // 1000 random jumps: the state, and the frame with the diff as the console shows it.
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
        std::printf(
            "%-44s median %.3f ms, worst %.3f ms, at most %d folds   (target: median <= 5 ms, worst <= 50 ms)\n",
            "1000 random jumps: state", median(stateTimes), *std::max_element(stateTimes.begin(), stateTimes.end()),
            maxFolds);
        std::printf("%-44s median %.3f ms, worst %.3f ms\n", "1000 random jumps: state + diff (console)",
            median(frameTimes), *std::max_element(frameTimes.begin(), frameTimes.end()));

        // The latest state when a snapshot exists: the snapshot and the events after it.
        const int snapshotVersion = count - 100;
        store::Snapshot snapshot;
        snapshot.aggregateId = id;
        snapshot.aggregateType = folder.aggregateType();
        snapshot.version = snapshotVersion;
        snapshot.state = folder.stateAt(snapshotVersion).state;
        eventStore.saveSnapshot(snapshot);
        // What the console does first: read them, fold, and make the frame of the newest
        // version (its state and what its event changed).
        int latest = 0;
        const double firstStateSeconds = medianSeconds(options.repeat, {}, [&] {
            auto recent = timetravel::loadHistory(eventStore, id, true);
            timetravel::StateFolder recentFolder;
            recentFolder.load(recent.aggregateType, std::move(recent.events), std::move(recent.snapshot));
            latest = recentFolder.frameAt(recentFolder.lastVersion()).after.version;
        });
        if (latest != count)
            std::printf("!! the latest state from the snapshot is version %d, expected %d\n", latest, count);
        std::printf("%-44s %9.1f ms     (snapshot at %d + 100 events; target <= 100 ms)\n",
            "open: newest frame from the snapshot", firstStateSeconds * 1000, snapshotVersion);
        std::fflush(stdout);
    }

} // namespace

void runTimeTravelBench(const Options& options)
{
    std::printf("\n== Time travel: aggregates of %d events ==\n", options.streamEvents);
    auto connection = store::connect(options.conninfo);
    store::EventStore eventStore(*connection);
    ensureStream(eventStore, *connection, "tt-stream", "BenchOrder", options.streamEvents, orderEvent);
    ensureStream(eventStore, *connection, "tt-ledger", "BenchLedger", options.streamEvents, ledgerEvent);
    benchStream(options, eventStore, "tt-stream", "an order that overwrites its fields (constant state)");
    benchStream(options, eventStore, "tt-ledger", "a ledger that adds an entry per event (growing state)");
}

} // namespace acci::bench

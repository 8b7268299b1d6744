// Optimistic concurrency and the never-skip rule of the global log, under real contention.
#include <QtTest>

#include <map>
#include <set>

#include <atomic>
#include <barrier>
#include <random>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "TestDatabase.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/util/Uuid.hpp"

using namespace acci;
using namespace acci::store;
using nlohmann::json;

class TestConcurrency : public QObject {
    Q_OBJECT
private slots:
    // 16 writers race for the same version of one aggregate, 200 rounds: exactly one wins
    // each round, and the stream ends with versions 1..200, no gap, no duplicate.
    void exactlyOneWriterWinsEachRound()
    {
        testing::TestDatabase db;
        constexpr int writers = 16;
        constexpr int rounds = 200;
        std::vector<std::atomic<int>> wins(rounds);
        std::vector<std::atomic<int>> conflicts(rounds);
        std::atomic<int> unexpected { 0 };
        std::barrier sync(writers);
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&, w] {
                auto connection = db.connect();
                EventStore store(*connection);
                for (int round = 0; round < rounds; ++round) {
                    sync.arrive_and_wait(); // everyone starts the round together
                    NewEvent event;
                    event.eventType = "Raced";
                    event.data = { { "writer", w }, { "round", round } };
                    try {
                        store.append("contested", "Race", round, { event });
                        ++wins[round];
                    } catch (const ConcurrencyError& error) {
                        if (error.expectedVersion() == round && error.actualVersion() == round + 1)
                            ++conflicts[round];
                        else
                            ++unexpected;
                    } catch (...) {
                        ++unexpected;
                    }
                    sync.arrive_and_wait(); // the round is over for everyone before the next
                }
            });
        }
        for (auto& thread : threads)
            thread.join();

        QCOMPARE(unexpected.load(), 0);
        for (int round = 0; round < rounds; ++round) {
            QCOMPARE(wins[round].load(), 1);
            QCOMPARE(conflicts[round].load(), writers - 1);
        }
        QCOMPARE(db.count("SELECT count(*) FROM events WHERE aggregate_id = 'contested'"), (long long)rounds);
        QCOMPARE(
            db.count("SELECT count(DISTINCT version) FROM events WHERE aggregate_id = 'contested'"), (long long)rounds);
        QCOMPARE(db.count("SELECT min(version) FROM events WHERE aggregate_id = 'contested'"), 1LL);
        QCOMPARE(db.count("SELECT max(version) FROM events WHERE aggregate_id = 'contested'"), (long long)rounds);
        QCOMPARE(db.count("SELECT version FROM aggregates WHERE aggregate_id = 'contested'"), (long long)rounds);
    }

    // Writers append batches of 1 to 4 events to one aggregate with "any version", at once:
    // each is told exactly what it wrote (one position per event in the log's order, one
    // transaction, consecutive versions), as the stream shows it; a resend of a batch finds
    // it stored with the same answer. "Any version" never reports a conflict.
    void anyVersionWritersAreEachToldWhatTheyWrote()
    {
        testing::TestDatabase db;
        constexpr int writers = 8;
        constexpr int appends = 40;
        struct Written {
            std::vector<NewEvent> batch;
            AppendResult result;
        };
        std::vector<std::vector<Written>> written(writers);
        std::vector<std::string> failures(writers);
        std::barrier sync(writers);
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&, w] {
                auto connection = db.connect();
                EventStore store(*connection);
                sync.arrive_and_wait();
                for (int i = 0; i < appends && failures[w].empty(); ++i) {
                    std::vector<NewEvent> batch;
                    for (int n = 0; n < 1 + (w + i) % 4; ++n) {
                        NewEvent event;
                        event.id = util::newUuid();
                        event.eventType = "Raced";
                        event.data = { { "writer", w }, { "append", i }, { "n", n } };
                        batch.push_back(event);
                    }
                    try {
                        auto result = store.append("contested", "Race", ExpectedVersion::Any, batch);
                        if (i % 5 == 0) {
                            const auto again = store.append("contested", "Race", ExpectedVersion::Any, batch);
                            if (!again.alreadyStored || again.positions != result.positions
                                || again.firstVersion != result.firstVersion || again.lastVersion != result.lastVersion)
                                failures[w] = "a resend was not answered as the first append";
                        }
                        written[w].push_back({ std::move(batch), std::move(result) });
                    } catch (const std::exception& error) {
                        failures[w] = error.what();
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        for (const auto& failure : failures)
            QVERIFY2(failure.empty(), failure.c_str());

        auto connection = db.connect();
        EventStore store(*connection);
        const auto stream = store.readStream("contested");
        std::map<std::string, RecordedEvent> byId;
        for (const auto& event : stream)
            byId.emplace(event.id, event);
        std::size_t total = 0;
        for (const auto& mine : written)
            for (const auto& [batch, result] : mine) {
                total += batch.size();
                QCOMPARE(result.alreadyStored, false);
                QCOMPARE(result.positions.size(), batch.size());
                QCOMPARE(result.lastVersion - result.firstVersion + 1, static_cast<int>(batch.size()));
                QVERIFY(std::is_sorted(result.positions.begin(), result.positions.end()));
                for (std::size_t n = 0; n < batch.size(); ++n) {
                    QCOMPARE(result.positions[n].txId, result.positions[0].txId);
                    const auto stored = byId.find(batch[n].id);
                    QVERIFY(stored != byId.end());
                    QCOMPARE(stored->second.version, result.firstVersion + static_cast<int>(n));
                    QCOMPARE(stored->second.position, result.positions[n]);
                }
            }
        QCOMPARE(stream.size(), total);
        for (std::size_t v = 0; v < stream.size(); ++v)
            QCOMPARE(stream[v].version, static_cast<int>(v + 1));
    }

    // A writer holds its transaction open while others commit after it; a reader that follows
    // the head the whole time must still see the late commit: 1000 randomized rounds, and
    // the reader's count equals the table's, each event exactly once.
    void readerFollowingTheHeadNeverSkipsALateCommit()
    {
        testing::TestDatabase db;
        constexpr int rounds = 1000;
        std::atomic<bool> writing { true };
        std::atomic<long long> written { 0 };
        std::set<std::string> seen;
        std::atomic<long long> duplicates { 0 };
        std::atomic<long long> outOfOrder { 0 };

        std::thread reader([&] {
            auto connection = db.connect();
            EventStore store(*connection);
            LogPosition checkpoint;
            auto drain = [&] {
                for (;;) {
                    const auto page = store.readAll(checkpoint, 500);
                    for (const auto& event : page) {
                        if (!(checkpoint < event.position))
                            ++outOfOrder;
                        checkpoint = event.position;
                        if (!seen.insert(event.id).second)
                            ++duplicates;
                    }
                    if (page.size() < 500)
                        return;
                }
            };
            while (writing)
                drain();
            // Everything is committed now; a few more passes reach the very end.
            for (int i = 0; i < 50 && static_cast<long long>(seen.size()) < written; ++i) {
                drain();
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });

        auto slowConnection = db.connect();
        auto fastConnection = db.connect();
        EventStore fast(*fastConnection);
        std::mt19937 random(12345);
        for (int round = 0; round < rounds; ++round) {
            // The slow writer takes its transaction id first, then others commit before it.
            pqxx::work slow(*slowConnection);
            slow.exec_params(
                "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) "
                "VALUES (gen_random_uuid(), $1, 'Slow', 'SlowEvent', 1, '{}', '{}')",
                "slow-" + std::to_string(round));
            const int others = std::uniform_int_distribution<int>(1, 4)(random);
            for (int i = 0; i < others; ++i) {
                NewEvent event;
                event.eventType = "FastEvent";
                fast.append("fast-" + std::to_string(round) + "-" + std::to_string(i), "Fast", 0, { event });
            }
            written += others;
            if (std::uniform_int_distribution<int>(0, 3)(random) == 0)
                std::this_thread::sleep_for(
                    std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(random)));
            slow.commit();
            ++written;
        }
        writing = false;
        reader.join();

        const long long inTable = db.count("SELECT count(*) FROM events");
        QCOMPARE(inTable, written.load());
        QCOMPARE(static_cast<long long>(seen.size()), inTable);
        QCOMPARE(duplicates.load(), 0LL);
        QCOMPARE(outOfOrder.load(), 0LL);
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"

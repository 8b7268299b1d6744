// Optimistic concurrency and the never-skip rule of the global log, under real contention.
#include <QtTest>

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

// The projection engine on a real PostgreSQL: catch-up, exactly-once checkpoints, failures
// (retry, park, stop, dead letters), lag figures, external projections, the NOTIFY runner.
#include <QtTest>

#include <atomic>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "TestDatabase.hpp"
#include "UserViewCheck.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionDaemon.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/ProjectionVerify.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/util/CancelToken.hpp"
#include "acci/write/UserCommandHandler.hpp"

using namespace acci;
using namespace acci::projections;
using nlohmann::json;

namespace {

// The user projection, except that it fails on events whose data says "poison" until the
// test "fixes" it: a deployable bug and its fix, in miniature.
class FlakyUserProjection : public UserProjection {
public:
    std::atomic<bool> fixed { false };
    std::atomic<int> attempts { 0 };
    FailurePolicy policy = FailurePolicy::ParkAndContinue;

    void apply(
        pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events) override
    {
        for (const auto& event : events) {
            if (!fixed && event.dataJson.find("poison") != std::string::npos) {
                ++attempts;
                throw ProjectionError("cannot handle " + event.id);
            }
        }
        UserProjection::apply(tx, table, events);
    }
    // Its batches go through the apply() above, not through UserProjection's own fold.
    std::unique_ptr<BatchFold> startBatch() override { return Projection::startBatch(); }
    FailurePolicy failurePolicy() const override { return policy; }
    // The field it fails on must reach apply(), so it declares it beside the user fields.
    std::vector<std::string> fieldsNeeded() const override
    {
        auto fields = UserProjection::fieldsNeeded();
        fields.emplace_back("poison");
        return fields;
    }
};

void createUser(store::EventStore& store, const std::string& id, const std::string& name, bool poison = false)
{
    store::NewEvent event;
    event.eventType = "UserCreated";
    event.data = { { "user_id", id }, { "email", id + "@example.com" }, { "name", name } };
    if (poison)
        event.data["poison"] = true;
    store.append(id, "User", 0, { event });
}

// Batches that start at 100 and grow to `maxBatchSize` far behind, as catch-up runs them.
EngineOptions growingBatches(int maxBatchSize)
{
    EngineOptions o;
    o.batchSize = 100;
    o.maxBatchSize = maxBatchSize;
    return o;
}

EngineOptions options(int batchSize, int retries = 3)
{
    EngineOptions o;
    o.batchSize = batchSize;
    o.maxBatchSize = batchSize; // these tests count on batches of this size
    o.retries = retries;
    return o;
}

} // namespace

class TestProjections : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    std::unique_ptr<pqxx::connection> m_connection;
    std::unique_ptr<store::EventStore> m_store;

    ProjectionStatus status(const std::string& name)
    {
        for (const auto& s : listProjections(*m_connection, builtInProjections()))
            if (s.name == name)
                return s;
        return {};
    }

private slots:
    // A statement that fails in the database (not in our code) must cost only its event: the
    // savepoint around it keeps the batch's transaction usable, and the event is parked.
    void aDatabaseErrorParksOnlyItsEvent()
    {
        testing::TestDatabase db;
        db.exec("CREATE UNIQUE INDEX user_view_email_once ON user_view (lower(email))");
        auto connection = db.connect();
        store::EventStore eventStore(*connection);
        createUser(eventStore, "a", "Ana");
        store::NewEvent sameEmail;
        sameEmail.eventType = "UserCreated";
        sameEmail.data = { { "user_id", "b" }, { "email", "A@example.com" }, { "name", "Bo" } };
        eventStore.append("b", "User", 0, { sameEmail });
        createUser(eventStore, "c", "Cy");
        ProjectionEngine engine(*connection, std::make_shared<UserProjection>(), options(100));
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.parked, 1LL);
        QCOMPARE(result.processed, 2LL);
        QCOMPARE(db.count("SELECT count(*) FROM user_view"), 2LL);
        QCOMPARE(db.count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'b'"
                          " AND error LIKE '%user_view_email_once%'"),
            1LL);
    }

    void init()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        m_connection = m_db->connect();
        m_store = std::make_unique<store::EventStore>(*m_connection);
    }
    void cleanup()
    {
        m_store.reset();
        m_connection.reset();
        m_db.reset();
    }

    void catchUpFollowsCommandsExactly()
    {
        write::UserCommandHandler users(*m_store);
        const write::CommandMetadata meta { "admin", "", "acme", 0 };
        for (int i = 0; i < 30; ++i)
            users.handle(write::Command<write::CreateUser> { "c" + std::to_string(i),
                { "u" + std::to_string(i), "u" + std::to_string(i) + "@example.com", "User" }, meta });
        users.handle(write::Command<write::UpdateUser> {
            "up", { "u3", std::string("new@example.com"), std::string("Renamed") }, meta });
        users.handle(write::Command<write::DeactivateUser> { "de", { "u4", "gone" }, meta });
        store::NewEvent other;
        other.eventType = "OrderPlaced";
        m_store->append("order-1", "Order", 0, { other }); // not ours: skipped, but counted as done

        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>(), options(7)); // small batches
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.processed, 32LL);
        QVERIFY(result.batches >= 5);
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
        const auto s = status("user_view");
        QCOMPARE(s.lagEvents, 0LL);
        QVERIFY(s.head && s.checkpoint == *s.head);
        QVERIFY2(s.state == ProjectionState::Idle, toString(s.state).c_str());

        // Replaying from the start (a reset) converges to the same table: applying is idempotent.
        resetProjection(*m_connection, "user_view");
        QCOMPARE(status("user_view").lagEvents, 33LL);
        engine.catchUp();
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
        QCOMPARE(
            m_db->count("SELECT count(*) FROM console_audit WHERE action = 'reset' AND target = 'user_view'"), 1LL);
    }

    // Far behind, a batch takes what is left (up to maxBatchSize), and its rows travel by COPY;
    // near the head the batches are small again. The table equals the fold either way.
    void catchUpBatchesAreLargeFarBehindAndSmallNearTheHead()
    {
        testing::insertUserEvents(*m_connection, 3000, 9000);
        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>(), growingBatches(5000));
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.processed, 12000LL);
        QVERIFY2(result.batches <= 5, std::to_string(result.batches).c_str()); // 100, then 5000 at a time
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
        for (int i = 0; i < 250; ++i)
            createUser(*m_store, "near" + std::to_string(i), "Near");
        QCOMPARE(engine.runBatch().processed, 100LL); // back to the base size
        engine.catchUp();
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));

        // A large batch with an update for a user never created: the COPY path finds it too,
        // and only that event is parked.
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                   "(gen_random_uuid(), 'ghost', 'User', 'UserUpdated', 1, '{\"user_id\":\"ghost\",\"name\":\"G\"}',"
                   " '{}')");
        testing::insertUserEvents(*m_connection, 2500, 2500, "w");
        const auto again = engine.catchUp();
        QCOMPARE(again.parked, 1LL);
        QCOMPARE(again.processed, 5000LL);
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'ghost'"), 1LL);
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
    }

    // A projection whose batch folds into rows takes the whole far log in one batch after the
    // first (a row is written once, not once per 500k events), and a cancel is heard inside
    // that batch: it is rolled back whole, and the next catch-up does it again.
    void farBehindFoldedBatchesAreOneAndACancelRollsOneBack()
    {
        testing::insertUserEvents(*m_connection, 3000, 9000);
        {
            ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>()); // default ceilings
            engine.prepare();
            const auto result = engine.catchUp();
            QCOMPARE(result.processed, 12000LL);
            // 1000, then the 11000 left (a full batch), then an empty one that finds the head.
            QCOMPARE(result.batches, 3);
            QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
        }

        // The same log again from the start, cancelled by the fold itself 6000 events in.
        m_db->exec("TRUNCATE user_view; UPDATE projection_checkpoints SET tx_id = '0', position = 0"
                   " WHERE projection = 'user_view'");
        util::CancelToken cancel;
        class CancellingFold : public BatchFold {
        public:
            CancellingFold(std::unique_ptr<BatchFold> inner, int& seen, util::CancelToken& cancel)
                : m_inner(std::move(inner))
                , m_seen(seen)
                , m_cancel(cancel)
            {
            }
            void add(const store::RecordedEvent& event) override
            {
                if (++m_seen == 6000)
                    m_cancel.cancel();
                m_inner->add(event);
            }
            void write(pqxx::transaction_base& tx, const std::string& table) override { m_inner->write(tx, table); }

        private:
            std::unique_ptr<BatchFold> m_inner;
            int& m_seen;
            util::CancelToken& m_cancel;
        };
        class CancellingProjection : public UserProjection {
        public:
            explicit CancellingProjection(util::CancelToken& cancel)
                : m_cancel(cancel)
            {
            }
            std::unique_ptr<BatchFold> startBatch() override
            {
                return std::make_unique<CancellingFold>(UserProjection::startBatch(), m_seen, m_cancel);
            }
            int seen() const { return m_seen; }

        private:
            util::CancelToken& m_cancel;
            int m_seen = 0;
        };
        auto cancelling = std::make_shared<CancellingProjection>(cancel);
        ProjectionEngine engine(*m_connection, cancelling);
        const auto cancelled = engine.catchUp(&cancel);
        QCOMPARE(cancelled.processed, 1000LL); // the first batch; the second rolled back
        QVERIFY2(cancelling->seen() < 12000, std::to_string(cancelling->seen()).c_str()); // heard inside the batch
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 1000LL); // the first 1000 events create users
        QCOMPARE(m_db->count("SELECT position FROM projection_checkpoints WHERE projection = 'user_view'"),
            m_db->count("SELECT global_position FROM events ORDER BY tx_id, global_position OFFSET 999 LIMIT 1"));

        const auto resumed = ProjectionEngine(*m_connection, std::make_shared<UserProjection>()).catchUp();
        QCOMPARE(resumed.processed, 11000LL);
        QCOMPARE(testing::userViewRows(*m_connection), testing::expectedUserRows(*m_connection));
    }

    // An event the fold refuses deep in a large batch: the events before it go in one batch,
    // then one at a time from it (one at a time from the checkpoint took a large batch's read
    // per 1000 events until it reached the culprit). An event stamped infinity is applied.
    void aRefusedEventDeepInALargeBatchCostsOneMoreBatch()
    {
        testing::insertUserEvents(*m_connection, 3000, 9000);
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                   "(gen_random_uuid(), 'bad', 'User', 'UserCreated', 1, '[1,2]', '{}')");
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata,"
                   " timestamp) VALUES (gen_random_uuid(), 'forever', 'User', 'UserCreated', 1,"
                   " '{\"user_id\":\"forever\",\"email\":\"f@example.com\",\"name\":\"F\"}', '{}', 'infinity')");
        testing::insertUserEvents(*m_connection, 2000, 6000, "w");
        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>(), growingBatches(50000));
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.parked, 1LL);
        QCOMPARE(result.processed, 20001LL);
        QVERIFY2(result.batches <= 8, std::to_string(result.batches).c_str());
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view WHERE id = 'forever' AND created_at = 'infinity'"), 1LL);
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 5001LL);
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'bad'"), 1LL);
    }

    // A catch-up that follows the head while writers commit out of order (a transaction that
    // took its id first commits last) applies every event exactly once, batches large or small.
    void catchUpFollowingTheHeadNeverSkipsALateCommit()
    {
        std::atomic<bool> writing { true };
        std::thread writers([&] {
            auto slowConnection = m_db->connect();
            auto fastConnection = m_db->connect();
            store::EventStore fast(*fastConnection);
            for (int round = 0; round < 150; ++round) {
                pqxx::work slow(*slowConnection);
                const std::string id = "slow" + std::to_string(round);
                slow.exec_params("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
                                 " VALUES (gen_random_uuid(), $1::text, 'User', 'UserCreated', 1,"
                                 " jsonb_build_object('user_id', $1::text, 'email', $1::text || '@example.com',"
                                 " 'name', 'S'))",
                    id);
                createUser(fast, "fast" + std::to_string(round), "F");
                slow.commit();
            }
            writing = false;
        });
        EngineOptions small;
        small.batchSize = 3;
        small.maxBatchSize = 40;
        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>(), small);
        engine.prepare();
        while (writing)
            engine.catchUp();
        writers.join();
        engine.catchUp();
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 300LL);
        QCOMPARE(
            m_db->count("SELECT events_processed FROM projection_checkpoints WHERE projection = 'user_view'"), 300LL);
        QCOMPARE(listDeadLetters(*m_connection).size(), std::size_t(0));
    }

    void lagFiguresMatchPendingEvents()
    {
        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>());
        engine.prepare();
        QCOMPARE(status("user_view").lagEvents, 0LL);
        for (int i = 0; i < 12; ++i)
            createUser(*m_store, "u" + std::to_string(i), "U");
        store::NewEvent old;
        old.eventType = "OrderPlaced";
        old.timestampUs = 1700000000000000LL; // long ago: the lag in seconds is its age
        m_store->append("order-1", "Order", 0, { old });
        const auto pending = status("user_view");
        QCOMPARE(pending.lagEvents, 13LL);
        QCOMPARE(pending.lagEvents, m_db->count("SELECT count(*) FROM events"));
        QVERIFY(pending.lagSeconds > 1.0); // the oldest pending is a UserCreated a moment ago
        engine.catchUp();
        QCOMPARE(status("user_view").lagEvents, 0LL);
        QCOMPARE(status("user_view").lagSeconds, 0.0);

        m_store->append("order-1", "Order", 1, { old });
        const auto stale = status("user_view");
        QCOMPARE(stale.lagEvents, 1LL);
        QVERIFY(stale.lagSeconds > 365.0 * 86400); // age of the old event
        QVERIFY2(
            stale.state == ProjectionState::Stopped, toString(stale.state).c_str()); // nothing runs, something pends
    }

    void poisonEventIsParkedAndTheRestProcessed()
    {
        auto flaky = std::make_shared<FlakyUserProjection>();
        createUser(*m_store, "a", "A");
        createUser(*m_store, "b", "B", true);
        createUser(*m_store, "c", "C");
        ProjectionEngine engine(*m_connection, flaky, options(1000, 3));
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.processed, 2LL);
        QCOMPARE(result.parked, 1LL);
        QCOMPARE(flaky->attempts.load(), 1 + 3); // the batch, then three tries of the culprit
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 2LL);
        const auto letters = listDeadLetters(*m_connection);
        QCOMPARE(letters.size(), std::size_t(1));
        QCOMPARE(letters[0].aggregateId, std::string("b"));
        QCOMPARE(letters[0].attempts, 3);
        QVERIFY(!letters[0].blocking);
        QVERIFY(letters[0].error.find("cannot handle") != std::string::npos);
        QCOMPARE(status("user_view").deadLetters, 1LL);
        QCOMPARE(status("user_view").lagEvents, 0LL); // parked counts as handled

        // Retrying before the fix fails again and keeps the letter.
        const std::vector<std::shared_ptr<Projection>> registry { flaky };
        QVERIFY_THROWS_EXCEPTION(store::StoreError, retryDeadLetter(*m_connection, registry, letters[0].id));
        QCOMPARE(listDeadLetters(*m_connection)[0].attempts, 4);
        flaky->fixed = true;
        retryDeadLetter(*m_connection, registry, letters[0].id);
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 3LL);
        QVERIFY(listDeadLetters(*m_connection).empty());
        QCOMPARE(m_db->count("SELECT count(*) FROM console_audit WHERE action = 'retry-dead-letter'"), 2LL);
    }

    void malformedEventsOfTheUserProjectionAreParked()
    {
        // Written by some other service: data not an object, and a UserCreated without email.
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                   "(gen_random_uuid(), 'x', 'User', 'UserCreated', 1, '[1,2]', '{}'),"
                   "(gen_random_uuid(), 'y', 'User', 'UserCreated', 1, '{\"user_id\":\"y\",\"name\":\"Y\"}', '{}'),"
                   "(gen_random_uuid(), 'z', 'User', 'UserUpdated', 1, '{\"user_id\":\"z\",\"name\":\"Z\"}', '{}'),"
                   "(gen_random_uuid(), 'w', 'User', 'UserCreated', 1,"
                   " '{\"user_id\":\"w\",\"email\":5,\"name\":\"W\"}', '{}'),"
                   "(gen_random_uuid(), 'v', 'User', 'UserCreated', 1,"
                   " '{\"user_id\":\"v\",\"email\":\"v@example.com\",\"name\":{\"first\":\"V\"}}', '{}'),"
                   // a number no double holds, in a field the projection does not read: applied
                   "(gen_random_uuid(), 'n', 'User', 'UserCreated', 1,"
                   " '{\"user_id\":\"n\",\"email\":\"n@example.com\",\"name\":\"N\",\"score\":1e400}', '{}'),"
                   // nested 5,000 deep beside the fields: read without recursion, applied
                   "(gen_random_uuid(), 'd', 'User', 'UserCreated', 1,"
                   " '{\"user_id\":\"d\",\"email\":\"d@example.com\",\"name\":\"D\",\"deep\":"
            + std::string(5000, '[') + std::string(5000, ']') + "}', '{}')");
        createUser(*m_store, "ok", "Fine \"quoted\" \\ ñandú");
        ProjectionEngine engine(*m_connection, std::make_shared<UserProjection>(), options(1000, 1));
        engine.prepare();
        const auto result = engine.catchUp();
        QCOMPARE(result.parked, 5LL);
        QCOMPARE(result.processed, 3LL);
        const auto letters = listDeadLetters(*m_connection, std::string("user_view"));
        QCOMPARE(letters.size(), std::size_t(5));
        QVERIFY(letters[0].error.find("not a JSON object") != std::string::npos);
        QVERIFY(letters[1].error.find("lacks an email") != std::string::npos);
        QVERIFY(letters[2].error.find("no such user") != std::string::npos);
        QVERIFY(letters[3].error.find("\"email\" that is not a string") != std::string::npos);
        QVERIFY(letters[4].error.find("\"name\" that is not a string") != std::string::npos);
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view WHERE id IN ('n', 'd')"), 2LL);
        // Escapes and UTF-8 come through the field reader intact.
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view WHERE name = 'Fine \"quoted\" \\ ñandú'"), 1LL);
        for (const auto& letter : letters)
            skipDeadLetter(*m_connection, letter.id);
        QVERIFY(listDeadLetters(*m_connection).empty());
        QCOMPARE(m_db->count("SELECT count(*) FROM console_audit WHERE action = 'skip-dead-letter'"), 5LL);
    }

    void stopPolicyWaitsAtTheCulpritUntilSkippedOrRetried()
    {
        auto flaky = std::make_shared<FlakyUserProjection>();
        flaky->policy = FailurePolicy::Stop;
        createUser(*m_store, "a", "A");
        createUser(*m_store, "b", "B", true);
        createUser(*m_store, "c", "C");
        createUser(*m_store, "d", "D", true);
        ProjectionEngine engine(*m_connection, flaky, options(1000, 2));
        engine.prepare();
        auto result = engine.catchUp();
        QVERIFY(result.faulted);
        QCOMPARE(result.processed, 1LL);
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 1LL);
        QVERIFY2(status("user_view").state == ProjectionState::Faulted, toString(status("user_view").state).c_str());
        QCOMPARE(status("user_view").lagEvents, 3LL); // b, c and d are pending
        // While faulted, nothing moves.
        QVERIFY(engine.catchUp().faulted);
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view"), 1LL);

        auto letters = listDeadLetters(*m_connection);
        QCOMPARE(letters.size(), std::size_t(1));
        QVERIFY(letters[0].blocking);
        skipDeadLetter(*m_connection, letters[0].id); // b is given up: c applies, d stops it again
        result = engine.catchUp();
        QVERIFY(result.faulted);
        QCOMPARE(userViewHas("c"), true);
        QCOMPARE(userViewHas("b"), false);

        flaky->fixed = true;
        retryDeadLetter(*m_connection, { flaky }, listDeadLetters(*m_connection)[0].id);
        QVERIFY2(status("user_view").state == ProjectionState::Stopped,
            toString(status("user_view").state).c_str()); // no longer faulted; d is pending
        result = engine.catchUp();
        QVERIFY(!result.faulted);
        QCOMPARE(userViewHas("d"), true);
        QCOMPARE(status("user_view").lagEvents, 0LL);
    }

    void externalProjectionsShowAndReset()
    {
        for (int i = 0; i < 5; ++i)
            createUser(*m_store, "u" + std::to_string(i), "U");
        const auto third = m_store->readAll({}, 3).back().position;
        m_db->exec("INSERT INTO projection_checkpoints (projection, tx_id, position, status, heartbeat_at)"
                   " VALUES ('billing_report', '0', 0, 'running', now())");
        auto billing = status("billing_report");
        QVERIFY(!billing.builtIn);
        QCOMPARE(billing.lagEvents, 5LL);
        QVERIFY2(billing.state == ProjectionState::Running,
            toString(billing.state).c_str()); // its owner's heartbeat is fresh
        resetProjection(*m_connection, "billing_report", third);
        QCOMPARE(status("billing_report").lagEvents, 2LL);
        QVERIFY_THROWS_EXCEPTION(store::InvalidInputError, resetProjection(*m_connection, "no_such_projection"));

        // A word of its owner's that this program does not know is shown as written, not guessed.
        m_db->exec("UPDATE projection_checkpoints SET status = 'paused by ops' WHERE projection = 'billing_report'");
        billing = status("billing_report");
        QVERIFY2(billing.state == ProjectionState::Unknown, toString(billing.state).c_str());
        QCOMPARE(billing.stateText(), std::string("paused by ops"));
        const auto audit = m_db->count("SELECT count(*) FROM console_audit WHERE action = 'reset' AND target = "
                                       "'billing_report' AND db_user = current_user AND os_user <> ''");
        QCOMPARE(audit, 1LL);
    }

    void runnerWakesOnNotifyAndStopsCleanly()
    {
        util::CancelToken cancel;
        std::atomic<bool> failed { false };
        std::thread runner([&] {
            try {
                auto connection = m_db->connect();
                DaemonOptions options;
                options.fallbackSeconds = 3600; // only a notification can wake it in time
                ProjectionDaemon daemon(*connection, builtInProjections(), options);
                daemon.run(cancel, {});
            } catch (...) {
                failed = true;
            }
        });
        // Stops the runner even when a check below fails and returns early.
        struct Stopper {
            util::CancelToken& cancel;
            std::thread& runner;
            ~Stopper()
            {
                cancel.cancel();
                if (runner.joinable())
                    runner.join();
            }
        } stopper { cancel, runner };
        QTRY_VERIFY_WITH_TIMEOUT(status("user_view").state == ProjectionState::Running, 5000);
        createUser(*m_store, "late", "Late");
        QTRY_VERIFY_WITH_TIMEOUT(userViewHas("late"), 2000);
        cancel.cancel();
        runner.join();
        QVERIFY(!failed);
        QVERIFY2(status("user_view").state == ProjectionState::Idle, toString(status("user_view").state).c_str());
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_checkpoints WHERE status = 'stopped'"), 1LL);
    }

    // A verification compares each batch on a thread of its own while the next is read (the
    // threads suite, so ThreadSanitizer sees the hand-off): differences come in key order
    // across many batches, a cancel ends it, and a comparer whose session the server ends
    // stops it with a sentence instead of leaving the read waiting.
    void verificationComparesOnItsOwnThread()
    {
        testing::insertUserEvents(*m_connection, 600, 300);
        ProjectionEngine(*m_connection, std::make_shared<UserProjection>()).catchUp(nullptr);
        m_db->exec("UPDATE user_view SET name = 'Changed' WHERE id IN ('u1', 'u450')");
        m_db->exec("DELETE FROM user_view WHERE id = 'u77'");
        UserProjection projection;
        VerifyOptions small;
        small.batchRows = 3;
        const auto report = verifyProjection(m_db->conninfo(), projection, small);
        QCOMPARE(toString(report.outcome), std::string("differs"));
        QCOMPARE(report.different, std::int64_t { 2 });
        QCOMPARE(report.missing, std::int64_t { 1 });
        QCOMPARE(report.rowsReplayed, std::int64_t { 600 });
        QCOMPARE(report.differences.size(), std::size_t { 3 });
        QCOMPARE(report.differences[0].key, std::string("u1"));
        QCOMPARE(report.differences[1].key, std::string("u450"));
        QCOMPARE(report.differences[2].key, std::string("u77"));

        util::CancelToken cancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            cancel.cancel();
        });
        VerifyOptions one;
        one.batchRows = 1;
        const auto cancelled = verifyProjection(m_db->conninfo(), projection, one, {}, &cancel);
        canceller.join();
        QVERIFY(cancelled.outcome == VerifyReport::Outcome::Cancelled
            || cancelled.outcome == VerifyReport::Outcome::Differs);

        VerifyReport lost;
        std::atomic<bool> done { false };
        std::thread verification([&] {
            lost = verifyProjection(m_db->conninfo(), projection, one);
            done = true;
        });
        bool ended = false;
        for (int i = 0; i < 2000 && !done && !ended; ++i) {
            pqxx::nontransaction query(*m_connection);
            ended = !query
                         .exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name ="
                               " 'acci verify' AND query LIKE 'COPY (WITH r AS%'")
                         .empty();
            if (!ended)
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        verification.join();
        QVERIFY2(ended, "the verification ended before its comparer's session was found");
        QCOMPARE(toString(lost.outcome), std::string("failed"));
        QVERIFY2(lost.error.find("connection") != std::string::npos, lost.error.c_str());
    }

    // The events are sorted by key in "C" where the key's collation orders as bytes (the test
    // server's C.UTF-8), and in the key's own collation otherwise (ICU's here, which puts
    // "ab" before "B"): either way each batch's rows meet the live rows of the same range, so
    // ids of mixed case and punctuation verify clean, and changes are found exactly.
    void verificationFollowsTheKeysCollation()
    {
        for (const char* prefix : { "ab", "B", "a-", "Zz", "_", "b" })
            testing::insertUserEvents(*m_connection, 15, 5, prefix);
        ProjectionEngine(*m_connection, std::make_shared<UserProjection>()).catchUp(nullptr);
        UserProjection projection;
        VerifyOptions small;
        small.batchRows = 2;
        for (const char* collation : { "default", "und-x-icu" }) {
            if (std::string(collation) != "default")
                m_db->exec(
                    std::string("ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE \"") + collation + "\"");
            const auto clean = verifyProjection(m_db->conninfo(), projection, small);
            QVERIFY2(clean.outcome == VerifyReport::Outcome::Agrees, collation);
            QCOMPARE(clean.rowsInTable, std::int64_t { 90 });
        }
        m_db->exec("DELETE FROM user_view WHERE id = 'B3'");
        m_db->exec("UPDATE user_view SET name = 'Changed' WHERE id = 'a-7'");
        m_db->exec("INSERT INTO user_view (id, email, name, status, created_at, version) VALUES"
                   " ('AAA', 'a@x', 'A', 'active', now(), 1), ('zzz', 'z@x', 'Z', 'active', now(), 1)");
        const auto changed = verifyProjection(m_db->conninfo(), projection, small);
        QCOMPARE(changed.missing, std::int64_t { 1 });
        QCOMPARE(changed.different, std::int64_t { 1 });
        QCOMPARE(changed.extra, std::int64_t { 2 });
        m_db->exec("ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE \"default\"");
        const auto again = verifyProjection(m_db->conninfo(), projection, small);
        QCOMPARE(again.missing + again.different + again.extra, std::int64_t { 4 });
    }

private:
    bool userViewHas(const std::string& id)
    {
        return m_db->count("SELECT count(*) FROM user_view WHERE id = '" + id + "'") == 1;
    }
};

QTEST_GUILESS_MAIN(TestProjections)
#include "tst_projections.moc"

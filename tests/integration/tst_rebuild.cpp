// Zero-downtime rebuilds and crash safety: the live table and checkpoint only ever change by
// a committed swap or a committed batch, whatever happens to the process.
#include <QtTest>

#include <QProcess>
#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "TestDatabase.hpp"
#include "UserViewCheck.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/write/UserCommandHandler.hpp"
#include "projections/ProjectionEvents.hpp"

using namespace acci;
using namespace acci::projections;

namespace {

std::string tableHash(testing::TestDatabase& db)
{
    auto connection = db.connect();
    pqxx::nontransaction query(*connection);
    return query.exec1("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) FROM user_view t")[0].c_str();
}

std::string checkpoint(testing::TestDatabase& db)
{
    auto connection = db.connect();
    pqxx::nontransaction query(*connection);
    return query
        .exec1("SELECT tx_id::text || ':' || position FROM projection_checkpoints WHERE projection = 'user_view'")[0]
        .c_str();
}

QProcess* startAdmin(const testing::TestDatabase& db, const QStringList& arguments)
{
    auto* process = new QProcess;
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral(ACCI_ADMIN_PATH),
        QStringList { QStringLiteral("--db"), QString::fromStdString(db.conninfo()) } + arguments);
    process->waitForStarted();
    return process;
}

} // namespace

class TestRebuild : public QObject {
    Q_OBJECT

    void catchUp(testing::TestDatabase& db)
    {
        auto connection = db.connect();
        ProjectionEngine engine(*connection, std::make_shared<UserProjection>());
        engine.prepare();
        engine.catchUp();
    }

private slots:
    void rebuildEqualsAFromScratchFold()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 2000, 8000);
        catchUp(db);
        db.exec("UPDATE user_view SET name = 'corrupted' WHERE id = 'u7'"); // what a rebuild is for
        std::vector<RebuildProgress::Phase> phases;
        const auto report = rebuildProjection(*connection, std::make_shared<UserProjection>(), {},
            [&](const RebuildProgress& p) { phases.push_back(p.phase); });
        QVERIFY(report.outcome == RebuildReport::Outcome::Completed);
        QCOMPARE(report.processed, 10000LL);
        QCOMPARE(report.rows, 2000LL);
        QCOMPARE(testing::userViewRows(*connection), testing::expectedUserRows(*connection));
        QVERIFY(std::find(phases.begin(), phases.end(), RebuildProgress::Phase::Applying) != phases.end());
        // Names are the live ones, nothing is left behind, the history and audit have it.
        QCOMPARE(db.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'user_view' AND indexname IN "
                          "('user_view_pkey', 'user_view_name_idx')"),
            2LL);
        QCOMPARE(db.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'user_view\\_\\_%'"), 0LL);
        QCOMPARE(
            db.count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'completed' AND events = 10000"), 1LL);
        QCOMPARE(
            db.count("SELECT count(*) FROM console_audit WHERE action = 'rebuild' AND outcome = 'completed'"), 1LL);
        // A second rebuild works on the renamed objects.
        QVERIFY(rebuildProjection(*connection, std::make_shared<UserProjection>()).outcome
            == RebuildReport::Outcome::Completed);
    }

    void eventsAppendedDuringARebuildAreNotLost()
    {
        testing::TestDatabase db;
        {
            auto connection = db.connect();
            testing::insertUserEvents(*connection, 3000, 12000);
        }
        std::atomic<bool> rebuilding { true };
        std::atomic<int> written { 0 };
        std::thread writer([&] {
            auto connection = db.connect();
            store::EventStore eventStore(*connection);
            write::UserCommandHandler users(eventStore, 0);
            const write::CommandMetadata meta { "writer", "", "acme", 0 };
            for (int i = 0; rebuilding || i < 20; ++i) {
                const std::string id = "live-" + std::to_string(i);
                users.handle(
                    write::Command<write::CreateUser> { "c-" + id, { id, id + "@example.com", "Live" }, meta });
                write::Command<write::UpdateUser> rename;
                rename.id = "u-" + id;
                rename.data.userId = "u" + std::to_string(i % 3000);
                rename.data.name = "Changed " + id;
                rename.metadata = meta;
                users.handle(rename);
                written += 2;
            }
        });
        auto connection = db.connect();
        const auto report = rebuildProjection(*connection, std::make_shared<UserProjection>());
        rebuilding = false;
        writer.join();
        QVERIFY(report.outcome == RebuildReport::Outcome::Completed);
        QVERIFY(written > 20);
        catchUp(db);
        QCOMPARE(testing::userViewRows(*connection), testing::expectedUserRows(*connection));
    }

    void cancelLeavesTheLiveTableAndCheckpoint_data()
    {
        QTest::addColumn<int>("phase");
        QTest::newRow("while reading") << int(RebuildProgress::Phase::Reading);
        QTest::newRow("while writing") << int(RebuildProgress::Phase::Writing);
        QTest::newRow("while comparing") << int(RebuildProgress::Phase::Comparing);
    }
    void cancelLeavesTheLiveTableAndCheckpoint()
    {
        QFETCH(int, phase);
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 1000, 3000);
        catchUp(db);
        db.exec("UPDATE user_view SET name = 'kept as is' WHERE id = 'u1'");
        const auto hash = tableHash(db);
        const auto before = checkpoint(db);
        util::CancelToken cancel;
        const auto report = rebuildProjection(
            *connection, std::make_shared<UserProjection>(), {},
            [&](const RebuildProgress& p) {
                if (int(p.phase) == phase)
                    cancel.cancel();
            },
            &cancel);
        QVERIFY(report.outcome == RebuildReport::Outcome::Cancelled);
        QCOMPARE(tableHash(db), hash);
        QCOMPARE(checkpoint(db), before);
        QCOMPARE(db.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'user_view\\_\\_%'"), 0LL);
        QCOMPARE(db.count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'cancelled'"), 1LL);
    }

    // An event the projection cannot apply is parked, as catch-up parks it, so that one bad
    // event never blocks every rebuild; a projection whose policy is to stop stops there.
    void aFailingEventIsParkedOrStopsTheRebuildAndIsNamed()
    {
        class StoppingUserProjection : public UserProjection {
        public:
            FailurePolicy failurePolicy() const override { return FailurePolicy::Stop; }
        };
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 100, 100);
        catchUp(db);
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                "('44444444-4444-4444-8444-444444444444', 'ghost', 'User', 'UserUpdated', 1,"
                " '{\"user_id\":\"ghost\",\"name\":\"Boo\"}', '{}')");
        const auto hash = tableHash(db);
        const auto before = checkpoint(db);
        const auto stopped = rebuildProjection(*connection, std::make_shared<StoppingUserProjection>());
        QVERIFY(stopped.outcome == RebuildReport::Outcome::Failed);
        QVERIFY(stopped.error.find("44444444-4444-4444-8444-444444444444") != std::string::npos);
        QVERIFY(stopped.error.find("never created") != std::string::npos);
        QCOMPARE(stopped.processed, 201LL);
        QCOMPARE(tableHash(db), hash);
        QCOMPARE(checkpoint(db), before);
        // The operator's --on-failure stop stops the replay too, not only the catch-ups.
        RebuildOptions stopOnFailure;
        stopOnFailure.engine.policy = FailurePolicy::Stop;
        const auto told = rebuildProjection(*connection, std::make_shared<UserProjection>(), stopOnFailure);
        QVERIFY(told.outcome == RebuildReport::Outcome::Failed);
        QVERIFY(told.error.find("44444444-4444-4444-8444-444444444444") != std::string::npos);
        QCOMPARE(tableHash(db), hash);

        const auto parked = rebuildProjection(*connection, std::make_shared<UserProjection>());
        QVERIFY2(parked.outcome == RebuildReport::Outcome::Completed, parked.error.c_str());
        QCOMPARE(parked.parked, 1LL);
        QCOMPARE(db.count("SELECT count(*) FROM projection_dead_letters WHERE event_id = "
                          "'44444444-4444-4444-8444-444444444444' AND error LIKE '%never created%'"),
            1LL);
        QCOMPARE(tableHash(db), hash);
    }

    // The server sends user_view only the fields it declares; hostile events must still end
    // as catch-up ends them (parked with the same reason), and the rows must equal those of a
    // rebuild that reads whole payloads (a projection that declares nothing).
    void declaredFieldsRebuildAsWholePayloadsDo()
    {
        class WholePayloadUserProjection : public UserProjection {
        public:
            std::vector<std::string> fieldsNeeded() const override { return {}; }
        };
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 50, 100);
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                "(gen_random_uuid(), 'x', 'User', 'UserCreated', 1, '[1,2]', '{}'),"
                "(gen_random_uuid(), 's', 'User', 'UserCreated', 1, '\"text\"', '{}'),"
                "(gen_random_uuid(), 'y', 'User', 'UserCreated', 1, '{\"user_id\":\"y\",\"name\":\"Y\"}', '{}'),"
                "(gen_random_uuid(), 'w', 'User', 'UserCreated', 1, '{\"user_id\":\"w\",\"email\":5,\"name\":\"W\"}',"
                " '{}'),"
                "(gen_random_uuid(), 'v', 'User', 'UserCreated', 1,"
                " '{\"user_id\":\"v\",\"email\":\"v@example.com\",\"name\":{\"first\":\"V\"}}', '{}'),"
                "(gen_random_uuid(), 'n', 'User', 'UserCreated', 1,"
                " '{\"user_id\":\"n\",\"email\":\"n@example.com\",\"name\":\"N\",\"score\":1e400}', '{}'),"
                "(gen_random_uuid(), 'e', 'User', 'UserCreated', 1,"
                " '{\"user_id\":\"e\",\"email\":null,\"name\":\"E\"}', '{}'),"
                "(gen_random_uuid(), 'q', 'User', 'UserCreated', 1,"
                " '{\"user_id\":\"q\",\"email\":\"q\\\\\\\"@\\u00e9\",\"name\":\"Q \\t \\ud83d\\ude00\"}', '{}'),"
                "(gen_random_uuid(), 'big', 'User', 'UserCreated', 1, jsonb_build_object('user_id', 'big', 'email',"
                " 'big@example.com', 'name', repeat('n', 2000), 'other', repeat('o', 5000000)), '{}'),"
                "(gen_random_uuid(), 'o', 'Order', 'OrderPlaced', 1, '{\"total\":1}', '{}')");
        const auto letters = [&] {
            pqxx::nontransaction query(*connection);
            std::string all;
            for (const auto& row : query.exec("SELECT aggregate_id || ': ' || error FROM projection_dead_letters"
                                              " ORDER BY aggregate_id"))
                all += std::string(row[0].c_str()) + "\n";
            return all;
        };
        // The same hostile objects again, each over 128 bytes: their fields are picked, where the
        // small ones above come whole (eachPayloadComesWholeOrPickedByItsOwnSize).
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                " SELECT gen_random_uuid(), aggregate_id || '-big', aggregate_type, event_type, version,"
                " data || jsonb_build_object('user_id', (data ->> 'user_id') || '-big', 'pad', repeat('p', 200)), '{}'"
                " FROM events WHERE aggregate_id IN ('y', 'w', 'v', 'n', 'e', 'q')");
        const auto whole = rebuildProjection(*connection, std::make_shared<WholePayloadUserProjection>());
        QVERIFY2(whole.outcome == RebuildReport::Outcome::Completed, whole.error.c_str());
        const auto wholeRows = testing::userViewRows(*connection);
        const auto wholeLetters = letters();
        db.exec("DELETE FROM projection_dead_letters");
        db.exec("UPDATE user_view SET name = 'stale'");

        const auto declared = rebuildProjection(*connection, std::make_shared<UserProjection>());
        QVERIFY2(declared.outcome == RebuildReport::Outcome::Completed, declared.error.c_str());
        QCOMPARE(declared.parked, whole.parked);
        QCOMPARE(declared.parked, 10LL); // x, s, y, w, v, and e (a null email is none); y, w, v, e big
        QCOMPARE(testing::userViewRows(*connection), wholeRows);
        QCOMPARE(QString::fromStdString(letters()), QString::fromStdString(wholeLetters));
        QCOMPARE(db.count("SELECT count(*) FROM user_view WHERE id IN ('n', 'q', 'big', 'n-big', 'q-big')"), 5LL);
        QCOMPARE(db.count("SELECT count(*) FROM user_view WHERE id IN ('q', 'q-big') AND email = 'q\\\"@\u00e9'"), 2LL);
        QCOMPARE(db.count("SELECT length(name) FROM user_view WHERE id = 'big'"), 2000LL);
    }

    // Each event comes in one form whatever the read: a payload stored uncompressed in at most
    // 128 bytes whole (cheaper for the server than picking fields), the fields of a larger or a
    // compressed one picked. Rebuild, catch-up and verification then judge it alike.
    void eachPayloadComesWholeOrPickedByItsOwnSize()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES"
                " (gen_random_uuid(), 'small', 'User', 'UserCreated', 1,"
                " '{\"user_id\":\"small\",\"email\":\"s@x\",\"name\":\"S\",\"note\":\"n\"}', '{}'),"
                " (gen_random_uuid(), 'large', 'User', 'UserCreated', 1, jsonb_build_object('user_id', 'large',"
                " 'email', 'l@x', 'name', 'L', 'note', repeat('n', 300)), '{}'),"
                " (gen_random_uuid(), 'packed', 'User', 'UserCreated', 1, jsonb_build_object('user_id', 'packed',"
                " 'email', 'p@x', 'name', 'P', 'note', (SELECT string_agg(md5((g % 10)::text), '')"
                " FROM generate_series(1, 100) g)), '{}'),"
                " (gen_random_uuid(), 'repeated', 'User', 'UserCreated', 1, jsonb_build_object('user_id', 'repeated',"
                " 'email', 'r@x', 'name', 'R', 'note', repeat('n', 2400)), '{}')");
        // Compressed, and still larger than a small payload: picked. One letter 2400 times
        // compresses to fewer bytes than a small payload: whole (the stored size counts).
        QCOMPARE(db.count("SELECT count(*) FROM events WHERE pg_column_compression(data) IS NOT NULL"
                          " AND ((aggregate_id = 'packed' AND pg_column_size(data) > 128)"
                          " OR (aggregate_id = 'repeated' AND pg_column_size(data) <= 128))"),
            2LL);
        pqxx::read_transaction tx(*connection);
        QVERIFY(detail::payloadForm(tx, UserProjection()) == detail::PayloadForm::BySize);
        const auto head = store::readableHead(tx).value_or(store::LogPosition {});
        std::map<std::string, std::string> data;
        detail::copyProjectionEvents(tx, UserProjection(), { {}, head, 0 }, [&](store::RecordedEvent& event) {
            data[event.aggregateId] = event.dataJson;
            return true;
        });
        QCOMPARE(data.size(), std::size_t(4));
        for (const char* whole : { "small", "repeated" })
            QVERIFY2(data[whole].find("\"note\"") != std::string::npos, data[whole].c_str());
        for (const char* picked : { "large", "packed" }) {
            QVERIFY2(data[picked].find("\"note\"") == std::string::npos, data[picked].c_str());
            QVERIFY2(data[picked].find("\"email\"") != std::string::npos, data[picked].c_str());
        }
        tx.commit();

        // What the projection never reads cannot make it refuse an event in one read and apply
        // it in another: a number no double holds beside nesting deeper than the parser takes.
        db.exec(
            "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES"
            " (gen_random_uuid(), 'z1', 'User', 'UserCreated', 1, ('{\"user_id\":\"z1\",\"email\":\"z@x\","
            "\"name\":\"Z\",\"big\":1e400,\"deep\":' || repeat('[', 600) || repeat(']', 600) || '}')::jsonb, '{}')");
        catchUp(db);
        QCOMPARE(db.count("SELECT count(*) FROM user_view"), 5LL);
        const auto rebuilt = rebuildProjection(*connection, std::make_shared<UserProjection>());
        QVERIFY2(rebuilt.outcome == RebuildReport::Outcome::Completed, rebuilt.error.c_str());
        QCOMPARE(rebuilt.parked, 0LL);
        QCOMPARE(db.count("SELECT count(*) FROM user_view WHERE id = 'z1'"), 1LL);
    }

    // Concurrent writers interleave their transactions' rows in the table: here the older
    // transaction's UserCreated is stored after the younger one's UserUpdated of the same user.
    // The rebuild reads the table as stored (cheaper than the log index's order): a row a few
    // places out of log order is put back in place; one thousands of rows out (a transaction
    // left open while others appended) makes the replay start over in log order. Either way
    // the update comes last, as in the log.
    void aTableStoredOutOfLogOrderIsReplayedInLogOrder()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 2000, 2000);
        db.exec("ANALYZE events"); // the planner then scans the table for the whole log
        const UserProjection projection;
        std::vector<std::string> order; // aggregate ids as the sink saw them
        bool ascending = true;
        const auto readAsStored = [&] {
            order.clear();
            ascending = true;
            pqxx::read_transaction tx(*connection);
            const auto head = store::readableHead(tx).value_or(store::LogPosition {});
            store::LogPosition previous;
            return detail::copyProjectionEventsAsStored(
                tx, projection, { {}, head, 0 }, [&](store::RecordedEvent& event) {
                    ascending = ascending && previous < event.position;
                    previous = event.position;
                    order.push_back(event.aggregateId);
                    return true;
                });
        };
        const auto inOrder = readAsStored();
        QVERIFY(inOrder.has_value());
        QVERIFY(!inOrder->outOfOrder);
        QCOMPARE(inOrder->events, 4000LL);
        QVERIFY(ascending);

        // The older transaction's row lands `between` rows after the younger one's.
        const auto interleave = [&](const std::string& user, int between) {
            auto olderConnection = db.connect();
            auto youngerConnection = db.connect();
            pqxx::work older(*olderConnection);
            older.exec("SELECT pg_current_xact_id()"); // the older transaction id, taken first
            {
                pqxx::work younger(*youngerConnection);
                younger.exec(
                    "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                    " VALUES (gen_random_uuid(), 'renamer-"
                    + user
                    + "', 'User', 'UserUpdated', 7,"
                      " '{\"user_id\":\""
                    + user + "\",\"name\":\"Renamed\"}', '{}')");
                younger.commit();
            }
            if (between > 0)
                testing::insertUserEvents(*youngerConnection, between, 0, user + "-filler-");
            older.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                       " VALUES (gen_random_uuid(), '"
                + user + "', 'User', 'UserCreated', 1, '{\"user_id\":\"" + user + "\",\"email\":\"" + user
                + "@example.com\",\"name\":\"Original\"}', '{}')");
            older.commit();
            // The premise: in the table the update comes first, in the log the creation does.
            QCOMPARE(db.count("SELECT count(*) FROM (SELECT aggregate_id, row_number() OVER (ORDER BY ctid) AS stored,"
                              " row_number() OVER (ORDER BY tx_id, global_position) AS logged FROM events) e"
                              " WHERE aggregate_id = '"
                         + user + "' AND stored > logged"),
                1LL);
        };

        interleave("near", 100);
        const auto nearby = readAsStored();
        QVERIFY(nearby.has_value());
        QVERIFY(!nearby->outOfOrder);
        QCOMPARE(nearby->events, 4102LL);
        QVERIFY(ascending);
        const auto at
            = [&](const std::string& id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
        QVERIFY(at("near") < at("renamer-near"));

        interleave("far", 9000);
        db.exec("ANALYZE events");
        const auto faraway = readAsStored();
        QVERIFY(faraway.has_value());
        QVERIFY(faraway->outOfOrder);
        QVERIFY(!faraway->stopped);
        QVERIFY(ascending); // what the sink saw before the read stopped was in order

        const auto rebuilt = rebuildProjection(*connection, std::make_shared<UserProjection>());
        QVERIFY2(rebuilt.outcome == RebuildReport::Outcome::Completed, rebuilt.error.c_str());
        QCOMPARE(rebuilt.parked, 0LL);
        QCOMPARE(rebuilt.processed, 4000LL + 102 + 9002);
        QCOMPARE(db.count("SELECT count(*) FROM user_view WHERE id IN ('near', 'far') AND name = 'Renamed'"), 2LL);
        QCOMPARE(db.count("SELECT count(*) FROM projection_dead_letters"), 0LL);
    }

    // Read as stored, an event that fails may only look bad because an earlier one is still to
    // come: under the stop policy the failure is judged again in log order, and named there.
    void aStoppingFailureReadAsStoredIsJudgedInLogOrder()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        testing::insertUserEvents(*connection, 2000, 2000);
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                "('55555555-5555-4555-8555-555555555555', 'ghost', 'User', 'UserUpdated', 1,"
                " '{\"user_id\":\"ghost\",\"name\":\"Boo\"}', '{}')");
        testing::insertUserEvents(*connection, 10, 0, "after");
        db.exec("ANALYZE events");
        RebuildOptions stopOnFailure;
        stopOnFailure.engine.policy = FailurePolicy::Stop;
        const auto stopped = rebuildProjection(*connection, std::make_shared<UserProjection>(), stopOnFailure);
        QVERIFY(stopped.outcome == RebuildReport::Outcome::Failed);
        QVERIFY(stopped.error.find("55555555-5555-4555-8555-555555555555") != std::string::npos);
        QCOMPARE(stopped.processed, 4001LL); // the log up to the ghost, once: not the first pass's count too
        QCOMPARE(db.count("SELECT count(*) FROM user_view"), 0LL);
    }

    // A LATIN1 database: what the rebuild and a large catch-up batch write by COPY lands as the
    // characters the events hold. libpqxx 6.4's COPY writer sent each byte above 0x7e as an
    // octal escape, which COPY applies after converting from UTF-8: "Zoë" became "ZoÃ«".
    void aLatin1StoreGetsItsCharactersByCopy()
    {
        testing::TestDatabase latin1(testing::TestDatabase::Schema::Migrated, "LATIN1");
        auto connection = latin1.connect();
        {
            // Through our connection, which speaks UTF-8: the server stores "ë" as one LATIN1 byte.
            pqxx::work tx(*connection);
            tx.exec_params("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                           " SELECT gen_random_uuid(), 'u' || g, 'User', 'UserCreated', 1, jsonb_build_object("
                           "'user_id', 'u' || g, 'email', 'u' || g || '@example.com', 'name', $1 || ' ' || g), '{}'"
                           " FROM generate_series(1, 2500) g", // a batch that catch-up writes by COPY
                std::string("Zoë"));
            tx.commit();
        }
        const auto expected = [&] {
            return latin1.count("SELECT count(*) FROM user_view WHERE convert_to(name, 'LATIN1')"
                                " = '\\x5a6feb'::bytea || convert_to(' ' || substr(id, 2), 'LATIN1')");
        };
        catchUp(latin1);
        QCOMPARE(latin1.count("SELECT count(*) FROM user_view"), 2500LL);
        QCOMPARE(expected(), 2500LL);
        latin1.exec("UPDATE user_view SET name = 'stale'");
        const auto rebuilt = rebuildProjection(*connection, std::make_shared<UserProjection>());
        QVERIFY2(rebuilt.outcome == RebuildReport::Outcome::Completed, rebuilt.error.c_str());
        QCOMPARE(expected(), 2500LL);
    }

    // kill -9 a rebuilding acci-admin at random moments: the live table and checkpoint never
    // change (the data already matches, so even a finished swap leaves them equal), no
    // half-swapped state is visible, and a new rebuild succeeds.
    void killedRebuildLeavesEverythingAsItWas()
    {
        testing::TestDatabase db;
        {
            auto connection = db.connect();
            testing::insertUserEvents(*connection, 20000, 80000);
        }
        catchUp(db);
        const auto hash = tableHash(db);
        const auto before = checkpoint(db);
        std::mt19937 random(7);
        for (int round = 0; round < 6; ++round) {
            std::unique_ptr<QProcess> rebuild(startAdmin(db, { "projections", "rebuild", "user_view" }));
            QTest::qWait(std::uniform_int_distribution<int>(50, 1500)(random));
            rebuild->kill(); // SIGKILL
            rebuild->waitForFinished();
            QCOMPARE(tableHash(db), hash);
            QCOMPARE(checkpoint(db), before);
            QCOMPARE(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'user_view'"), 1LL);
        }
        std::unique_ptr<QProcess> complete(startAdmin(db, { "projections", "rebuild", "user_view" }));
        QVERIFY(complete->waitForFinished(120000));
        QCOMPARE(complete->exitCode(), 0);
        QCOMPARE(tableHash(db), hash);
        QCOMPARE(db.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'user_view\\_\\_%'"), 0LL);
    }

    // kill -9 the catch-up runner between (and during) batches, restart it: the result equals
    // a from-scratch fold, because each batch and its checkpoint commit together.
    void killedRunnerResumesExactlyOnce()
    {
        testing::TestDatabase db;
        {
            auto connection = db.connect();
            testing::insertUserEvents(*connection, 5000, 45000);
        }
        std::mt19937 random(11);
        for (int round = 0; round < 5; ++round) {
            std::unique_ptr<QProcess> runner(startAdmin(db, { "projections", "run", "--batch-size", "200" }));
            QTest::qWait(std::uniform_int_distribution<int>(100, 600)(random));
            runner->kill();
            runner->waitForFinished();
        }
        std::unique_ptr<QProcess> finish(startAdmin(db, { "projections", "run", "--once" }));
        QVERIFY(finish->waitForFinished(120000));
        QCOMPARE(finish->exitCode(), 0);
        auto connection = db.connect();
        QCOMPARE(testing::userViewRows(*connection), testing::expectedUserRows(*connection));
        QCOMPARE(
            db.count("SELECT events_processed FROM projection_checkpoints WHERE projection = 'user_view'"), 50000LL);
    }
};

QTEST_GUILESS_MAIN(TestRebuild)
#include "tst_rebuild.moc"

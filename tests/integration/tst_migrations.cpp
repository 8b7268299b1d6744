// Migrations: idempotent, detected states, and the in-place upgrade of a database made with
// the guide's plain schema, after which the guide's own writers keep working.
#include <QtTest>

#include <atomic>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/notification>

#include "GuideStore.hpp"
#include "TestDatabase.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"

using namespace acci;
using namespace acci::store;

using acci::testing::guideStoreEvent;

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void emptyDatabaseIsDetectedAndMigrated()
    {
        testing::TestDatabase db(testing::TestDatabase::Schema::Empty);
        auto connection = db.connect();
        auto status = schemaStatus(*connection);
        QVERIFY(status.state == SchemaStatus::State::Empty);
        QVERIFY(status.describe().find("acci-admin migrate") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(SchemaError, requireCurrentSchema(*connection));
        QVERIFY(!migrate(*connection).empty());
        QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::Current);
        requireCurrentSchema(*connection);
        for (const char* table : { "events", "aggregates", "snapshots", "user_view", "projection_checkpoints",
                 "projection_dead_letters", "console_audit", "schema_migrations" })
            QCOMPARE(db.count(std::string("SELECT count(*) FROM pg_tables WHERE tablename = '") + table + "'"), 1LL);
    }

    void migratingTwiceIsANoOp()
    {
        testing::TestDatabase db; // already migrated
        auto connection = db.connect();
        EventStore store(*connection);
        NewEvent e;
        e.eventType = "A";
        store.append("a-1", "A", 0, { e });
        const long long migrations = db.count("SELECT count(*) FROM schema_migrations");
        QVERIFY(migrate(*connection).empty());
        QVERIFY(migrate(*connection).empty());
        QCOMPARE(db.count("SELECT count(*) FROM schema_migrations"), migrations);
        QCOMPARE(db.count("SELECT count(*) FROM events"), 1LL);
        // Running the SQL itself again (as if the record were lost) changes nothing either.
        db.exec("DELETE FROM schema_migrations");
        QVERIFY(!migrate(*connection).empty());
        QCOMPARE(db.count("SELECT count(*) FROM events"), 1LL);
        QCOMPARE(db.count("SELECT count(*) FROM aggregates"), 1LL);
    }

    void concurrentMigratorsDoNotClash()
    {
        testing::TestDatabase db(testing::TestDatabase::Schema::Empty);
        std::vector<std::thread> threads;
        std::atomic<int> failures { 0 };
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                try {
                    auto connection = db.connect();
                    migrate(*connection);
                } catch (...) {
                    ++failures;
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        auto connection = db.connect();
        QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::Current);
    }

    void guideSchemaUpgradesInPlaceKeepingEveryEvent()
    {
        testing::TestDatabase db(testing::TestDatabase::Schema::Empty);
        db.exec(testing::guideSchemaSql);
        auto connection = db.connect();
        // Inserted out of timestamp order: positions must follow the timestamps.
        guideStoreEvent(*connection, "user-b", 1, "2024-01-01T10:00:02Z");
        guideStoreEvent(*connection, "user-a", 1, "2024-01-01T10:00:01Z");
        guideStoreEvent(*connection, "user-a", 2, "2024-01-01T10:00:03Z");
        db.exec("INSERT INTO snapshots VALUES ('user-a', 'User', 1, '{\"name\":\"A\"}', now())");
        db.exec("INSERT INTO user_view VALUES ('user-a', 'a@example.com', 'A', 'active', now())");

        QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::PlainGuideSchema);
        QVERIFY(schemaStatus(*connection).describe().find("upgrade") != std::string::npos);
        migrate(*connection);
        QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::Current);

        EventStore store(*connection);
        const auto log = store.readAll({}, 100);
        QCOMPARE(log.size(), std::size_t(3));
        QCOMPARE(log[0].aggregateId, std::string("user-a"));
        QCOMPARE(log[0].position.globalPosition, 1LL);
        QCOMPARE(log[1].aggregateId, std::string("user-b"));
        QCOMPARE(log[2].version, 2);
        QCOMPARE(store.aggregate("user-a")->version, 2);
        QCOMPARE(store.loadSnapshot("user-a")->version, 1);
        QCOMPARE(db.count("SELECT count(*) FROM aggregates WHERE tenant_id = 't'"), 2LL); // backfilled
        QCOMPARE(db.count("SELECT count(*) FROM user_view"), 1LL);

        // The guide's writer keeps writing after the upgrade, and what it writes shows
        // everywhere: the log (after the old events), the aggregate list, the notification.
        struct Receiver : pqxx::notification_receiver {
            using notification_receiver::notification_receiver;
            int count = 0;
            void operator()(const std::string&, int) override { ++count; }
        };
        auto listener = db.connect();
        Receiver receiver(*listener, "acci_events");
        guideStoreEvent(*connection, "user-c", 1, "2024-01-02T00:00:00Z");
        guideStoreEvent(*connection, "user-a", 3, "2024-01-02T00:00:01Z");
        const auto after = store.readAll(log.back().position, 100);
        QCOMPARE(after.size(), std::size_t(2));
        QVERIFY(after[0].position.globalPosition > 3);
        QCOMPARE(store.aggregate("user-c")->version, 1);
        QCOMPARE(store.aggregate("user-a")->version, 3);
        QTRY_VERIFY_WITH_TIMEOUT((listener->get_notifs(), receiver.count == 2), 2000);

        // And our own appends see the guide's versions.
        NewEvent e;
        e.eventType = "UserDeactivated";
        QVERIFY_THROWS_EXCEPTION(ConcurrencyError, store.append("user-a", "User", 2, { e }));
        QCOMPARE(store.append("user-a", "User", 3, { e }).lastVersion, 4);
    }

    void guideBatchInsertInOneStatementUpdatesAggregatesOnce()
    {
        testing::TestDatabase db;
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp) "
                "SELECT gen_random_uuid(), 'bulk-' || (g % 10), 'Bulk', 'Loaded', g / 10 + 1, '{}', '{}', now() "
                "FROM generate_series(0, 999) g");
        QCOMPARE(db.count("SELECT count(*) FROM aggregates"), 10LL);
        QCOMPARE(db.count("SELECT min(version) FROM aggregates"), 100LL);
    }

    void newerSchemaIsRefused()
    {
        testing::TestDatabase db;
        db.exec("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
        auto connection = db.connect();
        const auto status = schemaStatus(*connection);
        QVERIFY(status.state == SchemaStatus::State::Newer);
        QVERIFY(status.describe().find("newer") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

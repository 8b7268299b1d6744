// The online upgrade of a guide-schema store (issue 14): the guide's writers keep inserting
// throughout, the upgrade is interrupted (connection killed at batch boundaries, a concurrent
// index build cancelled) and resumed, and afterwards nothing is lost or doubled, the old events
// come first in timestamp order, and the result is the locking upgrade's.
#include <QtTest>

#include <QProcess>

#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include <pqxx/pqxx>

#include "AdminProcess.hpp"
#include "GuideStore.hpp"
#include "TestDatabase.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"

using namespace acci;
using namespace acci::store;

namespace {

testing::AdminRun admin(const std::string& conninfo, const QStringList& arguments)
{
    return testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, arguments);
}

// A service of the guide's: inserts one event the guide's way every few milliseconds, on its
// own connection, and remembers what it stored and its longest wait.
class GuideWriter {
public:
    GuideWriter(std::string conninfo, std::string aggregateId)
        : m_conninfo(std::move(conninfo))
        , m_aggregateId(std::move(aggregateId))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~GuideWriter() { stop(); }
    GuideWriter(const GuideWriter&) = delete;
    GuideWriter& operator=(const GuideWriter&) = delete;

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int written() const { return m_written.load(); }

    // After stop():
    std::vector<std::string> ids;
    int errors = 0;
    std::string firstError;
    double longestWaitSeconds = 0;

private:
    void run()
    {
        pqxx::connection connection(m_conninfo);
        for (int version = 1; !m_stop; ++version) {
            const auto started = std::chrono::steady_clock::now();
            try {
                pqxx::nontransaction tx(connection);
                const auto row = tx.exec_params1(
                    "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, "
                    "timestamp) VALUES (gen_random_uuid(), $1, 'Live', 'Written', $2, '{}', "
                    "'{\"tenant_id\":\"live\"}', now()) RETURNING id::text",
                    m_aggregateId, version);
                ids.push_back(row[0].c_str());
                ++m_written;
            } catch (const std::exception& error) {
                if (errors++ == 0)
                    firstError = error.what();
                --version;
            }
            longestWaitSeconds = std::max(
                longestWaitSeconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
        }
    }

    std::string m_conninfo;
    std::string m_aggregateId;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_written { 0 };
    std::thread m_thread;
};

// Ends another backend, or cancels its statement, from a connection of its own (as a DBA or a
// crash would). A terminated backend is gone when this returns.
void endBackend(const std::string& conninfo, int pid, bool terminate)
{
    pqxx::connection killer(conninfo);
    pqxx::nontransaction query(killer);
    if (terminate)
        query.exec_params("SELECT pg_terminate_backend($1, 10000)", pid);
    else
        query.exec_params("SELECT pg_cancel_backend($1)", pid);
}

std::string text(const testing::TestDatabase& db, const std::string& sql)
{
    auto connection = db.connect();
    pqxx::nontransaction query(*connection);
    const auto field = query.exec1(sql)[0];
    return field.is_null() ? std::string() : field.c_str();
}

// What a store's schema is, as text: events' columns, every constraint, index and trigger.
std::string schemaOf(const testing::TestDatabase& db)
{
    return text(db, R"SQL(
SELECT (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '
                          || a.attidentity::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)
          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = 'events'::regclass AND a.attnum > 0 AND NOT a.attisdropped)
    || E'\n' || (SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid), E'\n'
                                   ORDER BY conrelid::regclass::text, conname)
                  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)
    || E'\n' || (SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes
                  WHERE schemaname = current_schema())
    || E'\n' || (SELECT string_agg(pg_get_triggerdef(oid), E'\n' ORDER BY tgname) FROM pg_trigger
                  WHERE NOT tgisinternal)
    || E'\n' || (SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class
                  WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S'))SQL");
}

// Every event by reading the log as `acci-admin log --after` does, page after page.
std::vector<RecordedEvent> readWholeLog(pqxx::connection& connection, LogPosition after = {})
{
    EventStore store(connection);
    std::vector<RecordedEvent> all;
    for (;;) {
        auto page = store.readAll(after, 997);
        if (page.empty())
            return all;
        after = page.back().position;
        all.insert(all.end(), page.begin(), page.end());
    }
}

} // namespace

class TestGuideUpgrade : public QObject {
    Q_OBJECT
private slots:
    // Same events, upgraded online in tiny batches (equal timestamps straddle them) and by the
    // locking upgrade: the same positions, aggregates and schema.
    void onlineUpgradeEqualsTheLockingOne()
    {
        testing::TestDatabase online(testing::TestDatabase::Schema::Empty);
        testing::TestDatabase locking(testing::TestDatabase::Schema::Empty);
        for (const auto* db : { &online, &locking }) {
            db->exec(testing::guideSchemaSql);
            auto connection = db->connect();
            testing::loadGuideEvents(*connection, 3000, 3, 40); // 75 events per timestamp
        }
        {
            auto connection = online.connect();
            MigrateOptions options;
            options.batchSize = 7;
            std::vector<MigrationProgress> seen;
            options.progress = [&](const MigrationProgress& p) { seen.push_back(p); };
            QCOMPARE(migrate(*connection, options).size(), std::size_t(5));
            QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::Current);
            QVERIFY(seen.size() > 3000 / 7);
            QVERIFY(seen.back().step == UpgradeStep::Done);
            const auto numbered = std::find_if(seen.rbegin(), seen.rend(),
                [](const MigrationProgress& p) { return p.step == UpgradeStep::Numbering; });
            QCOMPARE(numbered->done, 3000LL);
            QCOMPARE(numbered->total, 3000LL);
            QVERIFY(std::any_of(seen.begin(), seen.end(), [](const MigrationProgress& p) {
                return p.step == UpgradeStep::Numbering && p.ratePerSecond > 0 && p.etaSeconds > 0;
            }));
        }
        {
            auto connection = locking.connect();
            MigrateOptions options;
            options.online = false;
            migrate(*connection, options);
        }
        const char* positions = "SELECT string_agg(id || ':' || global_position, ',' ORDER BY id) FROM events";
        QCOMPARE(text(online, positions), text(locking, positions));
        QCOMPARE(online.count("SELECT count(*) FROM events WHERE tx_id = '0'"), 3000LL);
        const char* aggregates = "SELECT string_agg(a::text, E'\\n' ORDER BY aggregate_id) FROM aggregates a";
        QCOMPARE(text(online, aggregates), text(locking, aggregates));
        QCOMPARE(schemaOf(online), schemaOf(locking));
        // And both go on alike: the next event written the guide's way takes the next position.
        for (const auto* db : { &online, &locking }) {
            auto connection = db->connect();
            testing::guideStoreEvent(*connection, "after", 1, "2020-01-01T00:00:00Z");
            QCOMPARE(db->count("SELECT global_position FROM events WHERE aggregate_id = 'after'"), 3001LL);
            QCOMPARE(db->count("SELECT version FROM aggregates WHERE aggregate_id = 'after'"), 1LL);
        }
    }

    // Writers insert throughout; the upgrade is killed at random batch boundaries and in other
    // steps, and a concurrent index build is cancelled; each time it is run again.
    void interruptedUpgradeLosesAndDoublesNothing()
    {
        testing::TestDatabase db(testing::TestDatabase::Schema::Empty);
        db.exec(testing::guideSchemaSql);
        constexpr long long oldEvents = 20000;
        {
            auto connection = db.connect();
            testing::loadGuideEvents(*connection, oldEvents, 2, 500);
        }
        const auto seed = static_cast<unsigned>(std::random_device {}());
        qInfo("seed %u", seed);
        std::mt19937 random(seed);
        std::set<int> killAtBatch;
        while (killAtBatch.size() < 3)
            killAtBatch.insert(2 + static_cast<int>(random() % 30));

        std::vector<std::unique_ptr<GuideWriter>> writers;
        for (int i = 0; i < 2; ++i)
            writers.push_back(std::make_unique<GuideWriter>(db.conninfo(), "live-" + std::to_string(i)));
        QTRY_VERIFY(writers[0]->written() > 5);

        int batches = 0;
        int interruptions = 0;
        std::set<std::string> interruptedSteps;
        bool cancelledBuild = false;
        std::string invalidIndexSeen;
        std::unique_ptr<pqxx::connection> blocker;
        std::thread canceller;
        std::vector<std::string> blockerIds;
        for (int run = 0; run < 20; ++run) {
            auto connection = store::connect(db.conninfo(), "acci-test-migrator");
            const int pid = connection->backendpid();
            MigrateOptions options;
            options.batchSize = 500;
            options.progress = [&](const MigrationProgress& p) {
                auto kill = [&](const std::string& where) {
                    if (!interruptedSteps.insert(where).second)
                        return;
                    ++interruptions;
                    endBackend(db.conninfo(), pid, true);
                };
                if (p.step == UpgradeStep::Numbering && killAtBatch.count(++batches))
                    kill("batch " + std::to_string(batches));
                else if (p.step == UpgradeStep::Migrating)
                    kill("migrating");
                else if (p.step == UpgradeStep::InstallingTrigger)
                    kill("trigger");
                else if (p.step == UpgradeStep::FillingAggregates && p.done > 0)
                    kill("aggregates");
                else if (p.step == UpgradeStep::BuildingIndexes && p.detail == "idx_events_log" && !cancelledBuild) {
                    // A writer's open transaction holds the build in its wait; cancel it there.
                    cancelledBuild = true;
                    blocker = store::connect(db.conninfo(), "acci-test-blocker");
                    pqxx::nontransaction(*blocker).exec("BEGIN");
                    blockerIds.push_back(pqxx::nontransaction(*blocker)
                                             .exec1("INSERT INTO events (id, aggregate_id, aggregate_type, "
                                                    "event_type, version, data, metadata, timestamp) VALUES "
                                                    "(gen_random_uuid(), 'blocker', 'Live', 'Held', 1, '{}', '{}', "
                                                    "now()) RETURNING id::text")[0]
                                             .c_str());
                    canceller = std::thread([&, pid] {
                        pqxx::connection watcher(db.conninfo());
                        for (int i = 0; i < 500; ++i) {
                            pqxx::nontransaction query(watcher);
                            if (!query
                                     .exec_params("SELECT 1 FROM pg_stat_progress_create_index WHERE pid = $1 "
                                                  "AND phase LIKE 'waiting%'",
                                         pid)
                                     .empty())
                                break;
                            std::this_thread::sleep_for(std::chrono::milliseconds(10));
                        }
                        invalidIndexSeen = pqxx::nontransaction(watcher)
                                               .exec1("SELECT coalesce((SELECT (NOT indisvalid)::text FROM pg_index "
                                                      "WHERE indexrelid = to_regclass('idx_events_log')), 'none')")[0]
                                               .c_str();
                        endBackend(db.conninfo(), pid, false);
                    });
                }
            };
            try {
                migrate(*connection, options);
                break;
            } catch (const std::exception& error) {
                qInfo("run %d stopped: %s", run, describeError(error).c_str());
                if (canceller.joinable()) {
                    canceller.join();
                    pqxx::nontransaction(*blocker).exec("COMMIT");
                    // The cancelled build left an invalid index behind: the next run rebuilds it.
                    QCOMPARE(text(db,
                                 "SELECT (NOT indisvalid)::text FROM pg_index "
                                 "WHERE indexrelid = 'idx_events_log'::regclass"),
                        std::string("true"));
                }
            }
        }
        QVERIFY(cancelledBuild);
        QCOMPARE(invalidIndexSeen, std::string("true"));
        QCOMPARE(interruptions, 6);
        {
            auto connection = db.connect();
            QVERIFY(schemaStatus(*connection).state == SchemaStatus::State::Current);
        }

        // A reader started right after, while the writers still write.
        auto readerConnection = db.connect();
        auto seenByReader = readWholeLog(*readerConnection);
        const int writtenWhenRead = writers[1]->written();
        QTRY_VERIFY(writers[1]->written() > writtenWhenRead + 10);
        std::set<std::string> expected;
        for (auto& writer : writers) {
            writer->stop();
            QCOMPARE(writer->errors, 0);
            QVERIFY2(writer->longestWaitSeconds < 5, qPrintable(QString::number(writer->longestWaitSeconds)));
            expected.insert(writer->ids.begin(), writer->ids.end());
        }
        expected.insert(blockerIds.begin(), blockerIds.end());
        const auto rest = readWholeLog(*readerConnection, seenByReader.back().position);
        seenByReader.insert(seenByReader.end(), rest.begin(), rest.end());

        // Every event once, in the log and in the reader's pages.
        const long long total = oldEvents + static_cast<long long>(expected.size());
        QCOMPARE(db.count("SELECT count(*) FROM events"), total);
        QCOMPARE(db.count("SELECT count(DISTINCT global_position) FROM events"), total);
        QCOMPARE(static_cast<long long>(seenByReader.size()), total);
        std::set<std::string> readIds;
        for (const auto& event : seenByReader) {
            QVERIFY2(readIds.insert(event.id).second, event.id.c_str());
            if (!event.aggregateId.starts_with("agg-"))
                QVERIFY2(expected.count(event.id), event.id.c_str());
        }
        // Old events first (those the writers stored before the columns came are old too),
        // numbered 1..N in timestamp order with tx_id 0; the rows written during and after the
        // upgrade after them, with their own transaction ids.
        const long long oldRows = db.count("SELECT count(*) FROM events WHERE tx_id = '0'");
        QVERIFY(oldRows >= oldEvents);
        QCOMPARE(db.count("SELECT count(*) FROM events WHERE aggregate_id LIKE 'agg-%' AND tx_id = '0'"), oldEvents);
        QCOMPARE(db.count("SELECT count(*) FROM (SELECT global_position, row_number() OVER (ORDER BY timestamp, "
                          "aggregate_id, version, id) AS n FROM events WHERE tx_id = '0') s WHERE global_position = n"),
            oldRows);
        QCOMPARE(db.count("SELECT count(*) FROM events WHERE tx_id <> '0' AND global_position <= "
                     + std::to_string(oldRows)),
            0LL);
        QVERIFY(db.count("SELECT count(*) FROM events WHERE tx_id <> '0' AND aggregate_id LIKE 'live-%'") > 0);
        for (long long i = 0; i < oldRows; ++i)
            QCOMPARE(seenByReader[static_cast<std::size_t>(i)].position.txId, std::uint64_t(0));
        // The aggregates list holds every aggregate at its last version, with its tenant.
        QCOMPARE(db.count("SELECT count(*) FROM aggregates a JOIN (SELECT aggregate_id, max(version) AS v, "
                          "min(timestamp) AS first FROM events GROUP BY aggregate_id) e USING (aggregate_id) "
                          "WHERE a.version = e.v AND a.created_at = e.first"),
            db.count("SELECT count(DISTINCT aggregate_id) FROM events"));
        QCOMPARE(db.count("SELECT count(*) FROM aggregates WHERE aggregate_id = 'agg-4' AND tenant_id = 't1'"), 1LL);
        // Nothing of the upgrade is left behind.
        QCOMPARE(db.count("SELECT count(*) FROM pg_index WHERE indrelid = 'events'::regclass AND NOT indisvalid"), 0LL);
        QCOMPARE(db.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'acci\\_guide\\_upgrade%'"), 0LL);
    }

    // acci-admin migrate as a schema owner that is not a superuser, while a service inserts as
    // a role of its own: progress on stderr, a failure in one sentence and exit 1, usage exit 2.
    void cliUpgradesAsOwnerWhileAServiceWrites()
    {
        auto db = std::make_unique<testing::TestDatabase>(testing::TestDatabase::Schema::Empty);
        const std::string owner = db->name() + "_owner";
        const std::string service = db->name() + "_service";
        db->exec("CREATE ROLE " + owner + " LOGIN");
        db->exec("CREATE ROLE " + service + " LOGIN");
        db->exec("ALTER DATABASE " + db->name() + " OWNER TO " + owner);
        const std::string asOwner = db->conninfo() + " user=" + owner;
        {
            auto connection = store::connect(asOwner);
            pqxx::nontransaction(*connection).exec(testing::guideSchemaSql);
            testing::loadGuideEvents(*connection, 5000, 5, 100);
            pqxx::nontransaction query(*connection);
            query.exec("GRANT SELECT, INSERT ON events TO " + service);
            // Two events for one version: the unique constraint cannot be built.
            query.exec("INSERT INTO events SELECT gen_random_uuid(), aggregate_id, aggregate_type, event_type, "
                       "version, data, metadata, timestamp FROM events WHERE aggregate_id = 'agg-7' AND version = 2");
        }
        QCOMPARE(admin(asOwner, { "migrate", "--batch-size", "0" }).status, 2);

        GuideWriter writer(db->conninfo() + " user=" + service, "service-1");
        QTRY_VERIFY(writer.written() > 5);
        // The duplicate is found before anything changes, and named.
        const auto refusedUpFront = admin(asOwner, { "migrate", "--batch-size", "400" });
        QCOMPARE(refusedUpFront.status, 1);
        QVERIFY2(refusedUpFront.err.contains(QStringLiteral("1 (aggregate, version) pairs more than once ('agg-7' "
                                                            "version 2)")),
            qPrintable(refusedUpFront.err));
        QVERIFY2(!refusedUpFront.err.contains(QStringLiteral("Numbering")), qPrintable(refusedUpFront.err));
        QCOMPARE(db->count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'"
                           " AND column_name = 'global_position'"),
            0LL);
        // Nor may a role that does not own events start it.
        const std::string stranger = db->name() + "_stranger";
        db->exec("CREATE ROLE " + stranger + " LOGIN");
        db->exec("GRANT SELECT, INSERT, UPDATE ON events TO " + stranger);
        const auto notOwner = admin(db->conninfo() + " user=" + stranger, { "migrate" });
        QCOMPARE(notOwner.status, 1);
        QVERIFY2(notOwner.err.contains(QString::fromStdString("Only the owner of the events table (role " + owner)),
            qPrintable(notOwner.err));

        db->exec("DELETE FROM events WHERE ctid = (SELECT max(ctid) FROM events WHERE aggregate_id = 'agg-7' AND "
                 "version = 2)");
        // Stopped in the middle (one row per batch: slow enough to catch it numbering).
        QProcess interrupted;
        interrupted.start(QStringLiteral(ACCI_ADMIN_PATH),
            { QStringLiteral("--db"), QString::fromStdString(asOwner), QStringLiteral("migrate"),
                QStringLiteral("--batch-size"), QStringLiteral("1") });
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT(
            (progress += interrupted.readAllStandardError()).contains("Numbering the existing events: "), 30000);
        interrupted.kill();
        interrupted.waitForFinished();
        // Meanwhile the store is not offered to readers, and says why.
        const auto refused = admin(asOwner, { "stats" });
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("has begun and is not finished")), qPrintable(refused.err));

        // Two at once (a second operator, a deploy script): the second waits for the first, which
        // builds its indexes concurrently meanwhile without deadlocking on it.
        QProcess first;
        first.start(QStringLiteral(ACCI_ADMIN_PATH),
            { QStringLiteral("--db"), QString::fromStdString(asOwner), QStringLiteral("migrate"),
                QStringLiteral("--batch-size"), QStringLiteral("50") });
        QVERIFY(first.waitForStarted());
        const auto second = admin(asOwner, { "migrate" });
        QVERIFY(first.waitForFinished(120000));
        const QString firstErr = QString::fromUtf8(first.readAllStandardError());
        QVERIFY2(first.exitCode() == 0, qPrintable(firstErr));
        QVERIFY2(second.status == 0, qPrintable(second.err));
        const auto resumed = testing::AdminRun { 0, QString(), firstErr + second.err };
        QVERIFY2(resumed.err.contains(QStringLiteral("Applied 004_roles_and_rebuilds.sql")), qPrintable(resumed.err));
        QTRY_VERIFY(writer.written() > 20);
        writer.stop();
        QCOMPARE(writer.errors, 0);
        QCOMPARE(db->count("SELECT count(*) FROM events"), 5000LL + static_cast<long long>(writer.ids.size()));
        QCOMPARE(db->count("SELECT version FROM aggregates WHERE aggregate_id = 'service-1'"),
            static_cast<long long>(writer.ids.size()));
        QCOMPARE(admin(asOwner, { "migrate" }).err.trimmed(), QStringLiteral("Schema already up to date (version 5)."));
        QCOMPARE(db->count("SELECT count(*) FROM console_audit WHERE target = 'guide schema (online upgrade)'"), 1LL);

        db.reset(); // the database first: the roles own objects in it
        pqxx::connection superuser(testing::testServerConninfo());
        pqxx::nontransaction query(superuser);
        query.exec("DROP ROLE " + owner);
        query.exec("DROP ROLE " + service);
        query.exec("DROP ROLE " + stranger);
    }
};

QTEST_GUILESS_MAIN(TestGuideUpgrade)
#include "tst_guide_upgrade.moc"

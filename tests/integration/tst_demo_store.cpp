// The demo store shows every feature (issue 17): seeded as `acci-admin demo start` seeds it,
// each feature is looked for in the database with the core's own readers.
#include <QtTest>

#include <algorithm>

#include "TestDatabase.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionDaemon.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/ProjectionVerify.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/timetravel/SnapshotAudit.hpp"
#include "acci/timetravel/StateFolder.hpp"
#include "acci/util/Time.hpp"

using namespace acci;

namespace {

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

timetravel::ReducerRules demoRules()
{
    auto rules = timetravel::ReducerRules::builtIn();
    rules.overrideWith(timetravel::ReducerRules::fromJson(demo::demoReducerRules()));
    return rules;
}

const projections::ProjectionStatus* find(
    const std::vector<projections::ProjectionStatus>& statuses, const std::string& name)
{
    for (const auto& status : statuses)
        if (status.name == name)
            return &status;
    return nullptr;
}

} // namespace

class TestDemoStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        m_connection = m_db->connect();
        store::EventStore eventStore(*m_connection);
        // What 'acci-admin demo start' writes by default.
        const auto filled = demo::fillDemoData(eventStore, 20000);
        QVERIFY(filled.events > 18000 && filled.events < 20010); // about: a flow's step is not split
        m_showcase = demo::addShowcase(*m_connection);
        QVERIFY(m_showcase.hostileAccount);
        QVERIFY(m_showcase.spoiledSnapshot);
    }

    void shopProjectionsAreCaughtUpWithRows()
    {
        const auto statuses = projections::listProjections(*m_connection, projections::builtInProjections());
        for (const std::string name : { "user_view", "order_summary", "account_balances" }) {
            const auto* status = find(statuses, name);
            QVERIFY2(status, name.c_str());
            QVERIFY(status->builtIn);
            QCOMPARE(status->lagEvents, std::int64_t { 0 });
            QVERIFY(status->eventsProcessed > 0);
            QVERIFY2(m_db->count("SELECT count(*) FROM " + name) > 100, name.c_str());
        }
        // Real rows: every status an order goes through, and balances kept by both directions.
        QVERIFY(m_db->count("SELECT count(DISTINCT status) FROM order_summary") >= 4);
        QVERIFY(m_db->count("SELECT count(*) FROM order_summary WHERE total_cents > 0 AND items > 0") > 100);
        QVERIFY(m_db->count("SELECT count(*) FROM account_balances WHERE credits > 0 AND debits > 0") > 50);
    }

    void externalProjectionHasItsCheckpointRow()
    {
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_checkpoints WHERE projection = 'search_index'"), 1LL);
        const auto statuses = projections::listProjections(*m_connection, projections::builtInProjections());
        const auto* external = find(statuses, "search_index");
        QVERIFY(external);
        QVERIFY(!external->builtIn);
        QVERIFY(external->lagEvents > 0 && external->lagEvents < 1000); // somewhat behind
    }

    void hostileEventIsParked()
    {
        const auto parked = projections::listDeadLetters(*m_connection, std::string("account_balances"));
        QCOMPARE(parked.size(), std::size_t { 1 });
        QCOMPARE(parked.front().aggregateId, *m_showcase.hostileAccount);
        QVERIFY2(has(parked.front().error, "amount_cents"), parked.front().error.c_str());
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_dead_letters"), 1LL);
        // Parked, not fatal: the account's row is there, without the refused credit.
        QCOMPARE(m_db->count(
                     "SELECT count(*) FROM account_balances WHERE account_id = '" + *m_showcase.hostileAccount + "'"),
            1LL);
    }

    void theSpoiledSnapshotDisagreesWithItsFold()
    {
        const auto report = timetravel::auditSnapshots(m_db->conninfo(), demoRules());
        QVERIFY(report.total > 100);
        QCOMPARE(report.different, 1LL);
        QCOMPARE(report.notFoldable, 0LL);
        QCOMPARE(report.mismatches.size(), std::size_t { 1 });
        QCOMPARE(report.mismatches.front().aggregateId, *m_showcase.spoiledSnapshot);
        const auto& diff = report.mismatches.front().diff;
        QVERIFY(
            std::any_of(diff.begin(), diff.end(), [](const std::string& line) { return has(line, "balance_cents"); }));
    }

    void timeTravelWarnsAboutTheHostileEvent()
    {
        store::EventStore eventStore(*m_connection);
        auto history = timetravel::loadHistory(eventStore, *m_showcase.hostileAccount);
        timetravel::StateFolder folder(demoRules());
        folder.load(history.aggregateType, std::move(history.events));
        QVERIFY(!folder.warnings().empty());
        QCOMPARE(folder.warnings().front().version, folder.lastVersion());
        QVERIFY2(has(folder.warnings().front().message, "AccountCredited"), folder.warnings().front().message.c_str());
    }

    void shopProjectionsVerifyAndRebuildToTheSameRows()
    {
        for (const auto& projection : projections::builtInProjections()) {
            if (!projection->onlyWhereItsTableExists())
                continue;
            const auto verified = projections::verifyProjection(m_db->conninfo(), *projection);
            QVERIFY2(verified.outcome == projections::VerifyReport::Outcome::Agrees, projection->name().c_str());
            QVERIFY(verified.rowsReplayed > 100);
            const auto rebuilt = projections::rebuildProjection(*m_connection, projection);
            QVERIFY2(rebuilt.outcome == projections::RebuildReport::Outcome::Completed, rebuilt.error.c_str());
            QCOMPARE(rebuilt.inserted + rebuilt.updated + rebuilt.deleted, std::int64_t { 0 });
        }
    }

    void historyHasAShape()
    {
        // Several event types, events in the last hour, and hours that differ: charts with a shape.
        QVERIFY(m_db->count("SELECT count(DISTINCT event_type) FROM events") >= 10);
        QVERIFY(m_db->count("SELECT count(*) FROM events WHERE timestamp > now() - interval '1 hour'") > 200);
        QVERIFY(m_db->count("SELECT count(*) FROM events WHERE timestamp < now() - interval '6 days'") > 500);
        const auto busiest = m_db->count("SELECT max(n) FROM (SELECT count(*) n FROM events"
                                         " WHERE timestamp > now() - interval '24 hours'"
                                         " GROUP BY date_trunc('hour', timestamp)) h");
        const auto quietest = m_db->count("SELECT min(n) FROM (SELECT count(*) n FROM events"
                                          " WHERE timestamp > now() - interval '23 hours'"
                                          " GROUP BY date_trunc('hour', timestamp)) h");
        QVERIFY2(busiest >= 4 * std::max(1LL, quietest),
            qPrintable(QStringLiteral("busiest hour %1, quietest %2").arg(busiest).arg(quietest)));
    }

    // The console's live trickle on the filled store: each new user and order is new, although
    // the store's orders are numbered with gaps (replacements), so their count is not their
    // highest number.
    void aLiveGeneratorNeverReusesAnId()
    {
        QVERIFY(m_db->count("SELECT max(substring(aggregate_id FROM 7)::int) - 100000 FROM aggregates"
                            " WHERE aggregate_type = 'Order'")
            > m_db->count("SELECT count(*) FROM aggregates WHERE aggregate_type = 'Order'"));
        demo::DemoWorld world(7);
        world.continueAfterStore(*m_connection);
        int created = 0;
        for (int flow = 0; flow < 200; ++flow)
            for (const auto& step : world.nextFlow(util::nowUs(), 0.0)) {
                const auto& first = step.events.front().eventType;
                if (first != "OrderPlaced" && first != "UserCreated")
                    continue;
                ++created;
                QVERIFY2(
                    m_db->count("SELECT count(*) FROM aggregates WHERE aggregate_id = '" + step.aggregateId + "'") == 0,
                    step.aggregateId.c_str());
            }
        QVERIFY(created > 50);
    }

    void aStoreWithoutTheShowcaseKeepsOnlyUserView()
    {
        // Another store (as a production one): the shop's projections are neither listed, nor
        // run, nor given tables.
        testing::TestDatabase plain;
        auto connection = plain.connect();
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, 300, 1);
        projections::ProjectionDaemon daemon(*connection, projections::builtInProjections());
        daemon.catchUpAll(nullptr, {});
        const auto statuses = projections::listProjections(*connection, projections::builtInProjections());
        QCOMPARE(statuses.size(), std::size_t { 1 });
        QCOMPARE(statuses.front().name, std::string("user_view"));
        QCOMPARE(
            plain.count("SELECT count(*) FROM pg_class WHERE relname IN ('order_summary', 'account_balances')"), 0LL);
    }

private:
    std::unique_ptr<testing::TestDatabase> m_db;
    std::unique_ptr<pqxx::connection> m_connection;
    demo::ShowcaseSummary m_showcase;
};

QTEST_GUILESS_MAIN(TestDemoStore)
#include "tst_demo_store.moc"

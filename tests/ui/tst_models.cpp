// The console's models under QAbstractItemModelTester (with fetch-more), against a real
// PostgreSQL filled with the demo data.
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QElapsedTimer>

#include <pqxx/nontransaction>

#include "TestDatabase.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Audit.hpp"
#include "acci/store/EventStore.hpp"
#include "models/AggregateListModel.hpp"
#include "models/AggregateTypesModel.hpp"
#include "models/AuditTableModel.hpp"
#include "models/DeadLetterTableModel.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/JsonTreeModel.hpp"
#include "models/ProjectionTableModel.hpp"
#include "models/StreamModel.hpp"
#include "models/TimelineModel.hpp"
#include "style/Theme.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"

using namespace acci;
using namespace acci::ui;

class TestModels : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    std::unique_ptr<DatabaseWorker> m_worker;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, 3000, 3);
        m_worker = std::make_unique<DatabaseWorker>(ConnectionProfile(QString::fromStdString(m_db->conninfo())));
        QTRY_VERIFY(m_worker->state() == DatabaseWorker::State::Connected);
    }
    void cleanupTestCase()
    {
        m_worker.reset();
        m_db.reset();
    }

    void aggregateTypes()
    {
        AggregateTypesModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &AggregateTypesModel::loaded);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.reload();
        // The types with the planner's estimates at once, then the counts in their place.
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.isEstimated());
        QVERIFY(!model.data(model.index(0, 0)).toString().contains(QStringLiteral("about")));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.typeAt(0), QStringLiteral("Account"));
        QVERIFY(model.data(model.index(1, 0)).toString().startsWith(QStringLiteral("Order")));
        QCOMPARE(model.data(model.index(2, 0), AggregateTypesModel::CountRole).toLongLong(),
            m_db->count("SELECT count(*) FROM aggregates WHERE aggregate_type = 'User'"));
    }

    void aggregatesPageByKeyAndSearch()
    {
        AggregateListModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(true);
        model.setQuery(QStringLiteral("Order"), {}, store::AggregateSort::ByLastChange);
        QTRY_VERIFY(model.rowCount() > 0 && !model.isLoading());
        // Scroll to the end: every order exactly once.
        while (model.canFetchMore()) {
            model.fetchMore();
            QTRY_VERIFY(!model.isLoading());
        }
        QCOMPARE(static_cast<long long>(model.rowCount()),
            m_db->count("SELECT count(*) FROM aggregates WHERE aggregate_type = 'Order'"));
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.aggregateIdAt(row));
        QCOMPARE(ids.size(), model.rowCount());

        model.setQuery(QString(), QStringLiteral("USER-1000"), store::AggregateSort::ById);
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.aggregateIdAt(row).startsWith(QStringLiteral("user-1000")));
    }

    void streamLoadsAndRevealsVersions()
    {
        // A long stream: 5000 events in one aggregate.
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            for (int batch = 0; batch < 5; ++batch) {
                std::vector<store::NewEvent> events(1000);
                for (auto& e : events) {
                    e.eventType = "Tick";
                    e.data = { { "n", batch } };
                }
                eventStore.append("long-stream", "Clock", batch * 1000, events);
            }
        }
        StreamModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(true);
        model.setAggregate(QStringLiteral("long-stream"));
        QTRY_COMPARE(model.rowCount(), StreamModel::PageSize);
        QSignalSpy ready(&model, &StreamModel::versionReady);
        model.revealVersion(4500);
        QTRY_COMPARE(ready.count(), 1);
        const int row = ready.at(0).at(0).toInt();
        QCOMPARE(model.rowAt(row)->event.version, 4500);
        QCOMPARE(model.data(model.index(row, StreamModel::VersionColumn)).toInt(), 4500);
    }

    void globalLogIsVirtualAndFollowsTheTail()
    {
        GlobalLogModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(&model, &GlobalLogModel::opened);
        model.setFilter({});
        QTRY_COMPARE(opened.count(), 1);
        const long long total = m_db->count("SELECT count(*) FROM events");
        QCOMPARE(static_cast<long long>(model.rowCount()), total);

        // The last row is reachable at once, the first too; the middle after its keys load.
        const int last = model.rowCount() - 1;
        model.rowAt(last);
        QTRY_VERIFY(model.rowAt(last) != nullptr);
        QTRY_VERIFY(model.rowAt(model.rowCount() / 2) != nullptr);
        QTRY_VERIFY(model.rowAt(1) != nullptr);
        QVERIFY(model.rowAt(0)->event.position < model.rowAt(1)->event.position);

        // Appended events arrive when notified.
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            store::NewEvent e;
            e.eventType = "Fresh";
            eventStore.append("fresh-1", "Fresh", 0, { e });
        }
        model.notifyNewEvents();
        QTRY_COMPARE(static_cast<long long>(model.rowCount()), total + 1);
        QTRY_VERIFY(model.rowAt(model.rowCount() - 1) != nullptr);
        QCOMPARE(model.rowAt(model.rowCount() - 1)->event.eventType, std::string("Fresh"));

        // Paused, they are only counted.
        model.setFollowing(false);
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            store::NewEvent e;
            e.eventType = "Fresh";
            eventStore.append("fresh-1", "Fresh", 1, { e, e });
        }
        model.notifyNewEvents();
        QTRY_COMPARE(model.pendingCount(), 2LL);
        QCOMPARE(static_cast<long long>(model.rowCount()), total + 1);
        model.setFollowing(true);
        QTRY_COMPARE(static_cast<long long>(model.rowCount()), total + 3);

        // Filtered.
        store::LogFilter filter;
        filter.eventTypes = { "OrderPaid" };
        model.setFilter(filter);
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(static_cast<long long>(model.rowCount()),
            m_db->count("SELECT count(*) FROM events WHERE event_type = 'OrderPaid'"));
    }

    // A view that moves on cancels its query on the server; a cancel never hits another's.
    void leavingAViewCancelsItsQuery()
    {
        QObject slowView;
        QObject otherView;
        bool slowAnswered = false;
        m_worker->run<int>(
            &slowView,
            [](pqxx::connection& c) {
                return pqxx::nontransaction(c).exec1("SELECT 1 FROM pg_sleep(20)")[0].as<int>();
            },
            [&](int) { slowAnswered = true; }, [&](const QString&) { slowAnswered = true; });
        auto observer = m_db->connect();
        const auto sleeping = [&] {
            return pqxx::nontransaction(*observer)
                       .exec1("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                              " AND query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()")[0]
                       .as<int>()
                == 1;
        };
        QTRY_VERIFY(sleeping()); // it is running now
        m_worker->cancelRunning(&otherView); // not its query: nothing happens
        QVERIFY(sleeping());
        QElapsedTimer clock;
        clock.start();
        m_worker->cancelRunning(&slowView);
        int next = 0;
        m_worker->run<int>(
            &otherView, [](pqxx::connection& c) { return pqxx::nontransaction(c).exec1("SELECT 42")[0].as<int>(); },
            [&](int value) { next = value; });
        QTRY_COMPARE(next, 42);
        QVERIFY(clock.elapsed() < 5000); // not 20 s: the sleep was cancelled
        QVERIFY(!slowAnswered); // the cancelled job reports nothing
        QCOMPARE(m_worker->state(), DatabaseWorker::State::Connected);
    }

    // The projections page's tables over what the core lists: a faulted projection, one whose
    // owner stored a word of its own, a parked event, an audited reset.
    void projectionAndDeadLetterTables()
    {
        m_db->exec("INSERT INTO projection_checkpoints (projection, status, last_error) VALUES"
                   " ('user_view', 'faulted', 'email is not a string'), ('billing', 'paused by ops', NULL)");
        m_db->exec("INSERT INTO projection_dead_letters (projection, event_id, tx_id, global_position, error, attempts,"
                   " event_type, aggregate_id, last_attempt_at, blocking)"
                   " SELECT 'user_view', id, tx_id, global_position, 'email is not a string', 3, event_type,"
                   " aggregate_id, now(), true FROM events WHERE event_type = 'UserUpdated' LIMIT 1");
        auto connection = m_db->connect();
        projections::resetProjection(*connection, "billing");

        MetricsPoller poller(m_worker.get()); // the trends; not started
        ProjectionTableModel projections(&poller);
        QAbstractItemModelTester projectionsTester(
            &projections, QAbstractItemModelTester::FailureReportingMode::QtTest);
        projections.setRecords(projections::listProjections(*connection, projections::builtInProjections()));
        QCOMPARE(projections.rowCount(), 2);
        QCOMPARE(projections.columnCount(), 10);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return projections.index(row, column).data(role);
        };
        QCOMPARE(cell(0, 0).toString(), QStringLiteral("billing"));
        QCOMPARE(cell(0, 1).toString(), QStringLiteral("external"));
        QCOMPARE(cell(0, 2).toString(), QStringLiteral("paused by ops")); // shown as stored, not guessed
        QVERIFY(!cell(0, 2, Qt::ForegroundRole).isValid());
        QCOMPARE(cell(1, 2).toString(), QStringLiteral("faulted"));
        QCOMPARE(
            cell(1, 2, Qt::ForegroundRole).value<QColor>(), toneColour(Tone::Problem)); // faulted reads as a problem
        QCOMPARE(cell(1, 5, Qt::UserRole).toLongLong(), m_db->count("SELECT count(*) FROM events"));
        QCOMPARE(cell(1, 8).toString(), QStringLiteral("1"));
        QCOMPARE(cell(1, 9).toString(), QStringLiteral("email is not a string"));

        DeadLetterTableModel letters;
        QAbstractItemModelTester lettersTester(&letters, QAbstractItemModelTester::FailureReportingMode::QtTest);
        letters.setRecords(projections::listDeadLetters(*connection, std::string("user_view")));
        QCOMPARE(letters.rowCount(), 1);
        QCOMPARE(letters.index(0, 2).data().toString(), QStringLiteral("UserUpdated"));
        QCOMPARE(letters.index(0, 5).data().toInt(), 3);
        QCOMPARE(
            letters.index(0, 5).data(Qt::TextAlignmentRole).value<Qt::Alignment>(), Qt::AlignRight | Qt::AlignVCenter);
        QCOMPARE(letters.index(0, 6).data().toString(), QStringLiteral("yes"));

        AuditTableModel audit;
        QAbstractItemModelTester auditTester(&audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
        audit.setRecords(store::recentAudit(*connection));
        QVERIFY(audit.rowCount() >= 1); // newest first
        QCOMPARE(audit.index(0, 1).data().toString(), QStringLiteral("reset"));
        QCOMPARE(audit.index(0, 2).data().toString(), QStringLiteral("billing"));
        QCOMPARE(audit.headerData(4, Qt::Horizontal).toString(), QStringLiteral("Database role"));
    }

    void jsonTree()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(nlohmann::ordered_json::parse(R"({"b":1,"a":{"x":[1,"two",null]},"s":"text"})"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("b")); // stored order kept
        const QModelIndex a = model.index(1, 0);
        QCOMPARE(model.rowCount(a), 1);
        const QModelIndex x = model.index(0, 0, a);
        QCOMPARE(model.rowCount(x), 3);
        QCOMPARE(model.data(model.index(1, JsonTreeModel::ValueColumn, x)).toString(), QStringLiteral("two"));
        QCOMPARE(model.pointerOf(model.index(2, 0, x)), QStringLiteral("/a/x/2"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void jsonTreeFindsPointersAndMarksChanges()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(nlohmann::json::parse(R"({"a":{"b/c":{"d":1}},"e":2})"),
            { { QStringLiteral("/a/b~1c/d"), JsonTreeModel::Mark::Changed },
                { QStringLiteral("/e"), JsonTreeModel::Mark::Added } });
        const QModelIndex d = model.indexForPointer(QStringLiteral("/a/b~1c/d"));
        QVERIFY(d.isValid());
        QCOMPARE(model.pointerOf(d), QStringLiteral("/a/b~1c/d"));
        QVERIFY(!model.indexForPointer(QStringLiteral("/a/nothing")).isValid());
        QVERIFY(d.data(Qt::BackgroundRole).isValid());
        QVERIFY(model.indexForPointer(QStringLiteral("/e")).data(Qt::BackgroundRole).isValid());
        // The parent of a marked field is not tinted but its key is bold.
        const QModelIndex a = model.indexForPointer(QStringLiteral("/a"));
        QVERIFY(!a.data(Qt::BackgroundRole).isValid());
        QVERIFY(a.data(Qt::FontRole).value<QFont>().bold());
    }

    void timelineTogglesEventsForWhatIf()
    {
        std::vector<store::RecordedEvent> events;
        for (int version = 1; version <= 5; ++version) {
            store::RecordedEvent event;
            event.version = version;
            event.eventType = version == 3 ? "Odd" : "Set";
            event.dataJson = version == 3 ? "[1]" : R"({"n": )" + std::to_string(version) + "}";
            events.push_back(event);
        }
        auto folder = std::make_shared<timetravel::StateFolder>();
        folder->load("Thing", events);
        TimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy excludedChanged(&model, &TimelineModel::excludedChanged);
        model.setTimeline(folder, { {}, {}, {}, {}, QStringLiteral("ana") });
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowOfVersion(4), 3);
        QCOMPARE(model.rowOfVersion(9), -1);
        QCOMPARE(model.index(4, TimelineModel::UserColumn).data().toString(), QStringLiteral("ana"));
        // Version 3's data is not an object: a warning, marked on its row.
        QVERIFY(model.index(2, TimelineModel::TypeColumn).data(Qt::DecorationRole).isValid());
        QVERIFY(!model.index(1, TimelineModel::TypeColumn).data(Qt::DecorationRole).isValid());
        QCOMPARE(model.index(1, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QVERIFY(model.setData(model.index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(model.excluded(), std::set<int>({ 2 }));
        QCOMPARE(excludedChanged.count(), 1);
        QCOMPARE(model.index(1, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        model.clearExcluded();
        QVERIFY(model.excluded().empty());
        QCOMPARE(excludedChanged.count(), 2);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"

// The overview page and "find anything" (issue 17): the overview's numbers against SQL on the
// same database, its links, quick-open for every kind of key, back/forward, recent and pinned
// aggregates, offscreen against a real PostgreSQL.
#include <QtTest>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <thread>

#include "../bench/BenchGui.hpp"
#include "TestDatabase.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Roles.hpp"
#include "dialogs/CorrelationView.hpp"
#include "dialogs/QuickOpen.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/StreamModel.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/OverviewPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/SchemaPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "widgets/LatestEventsList.hpp"
#include "widgets/OverviewTile.hpp"
#include "window/MainWindow.hpp"
#include "window/NavigationPane.hpp"
#include "workers/LiveTail.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

int currentPage(const MainWindow& window)
{
    return window.findChild<QListWidget*>(QStringLiteral("navigation"))->currentRow();
}

QString number(long long value)
{
    return QLocale().toString(value);
}

} // namespace

class TestOverviewGui : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;

    std::string one(const std::string& sql) const
    {
        auto connection = m_db->connect();
        return pqxx::nontransaction(*connection).exec1(sql)[0].c_str();
    }

    // Quick-open: types `key`, waits for the answer, goes to the first match of `kind`.
    void quickOpen(MainWindow& window, const QString& key, store::LookupKind kind, bool timeTravel = false)
    {
        window.showQuickOpen();
        auto* box = window.quickOpen();
        QVERIFY(box->isVisible());
        QTest::keyClicks(box->edit(), key);
        QTRY_VERIFY(box->isSettled());
        const auto& matches = box->matches();
        const auto found
            = std::find_if(matches.begin(), matches.end(), [&](const auto& match) { return match.kind == kind; });
        QVERIFY2(found != matches.end(), qPrintable(box->message()->text()));
        box->choose(static_cast<int>(found - matches.begin()), timeTravel);
        QVERIFY(!box->isVisible());
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("ACCI-tst-overview"));
        QSettings().clear();
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, 1500, 2);
        store::NewEvent now; // the last hour has events whatever the demo's timing
        now.eventType = "ProbeSeen";
        now.data = { { "n", 0 } };
        eventStore.append("probe-0", "Probe", store::ExpectedVersion::NoStream, { now, now });
        // Two parked events, user_view from the start, an external projection part of the way.
        m_db->exec("INSERT INTO projection_checkpoints (projection) VALUES ('user_view') ON CONFLICT DO NOTHING");
        m_db->exec("INSERT INTO projection_dead_letters (projection, event_id, tx_id, global_position, error, attempts,"
                   " event_type, aggregate_id, last_attempt_at, blocking)"
                   " SELECT 'user_view', id, tx_id, global_position, 'email is not a string', 3, event_type,"
                   " aggregate_id, now(), false FROM events WHERE event_type = 'UserUpdated' LIMIT 2");
        m_db->exec("INSERT INTO projection_checkpoints (projection, tx_id, position)"
                   " SELECT 'billing', tx_id, global_position FROM events ORDER BY tx_id, global_position"
                   " OFFSET 99 LIMIT 1");
    }
    void cleanupTestCase()
    {
        QSettings().clear();
        m_db.reset();
    }

    void theOverviewOpensFirstAndItsNumbersAreTheDatabases()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::OverviewPageIndex));
        auto* overview = window.overviewPage();
        QVERIFY(overview->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(overview->isLoaded(), 20000);

        const long long events = m_db->count("SELECT count(*) FROM events");
        const long long aggregates = m_db->count("SELECT count(*) FROM aggregates");
        const long long types = m_db->count("SELECT count(DISTINCT event_type) FROM events");
        const long long parked = m_db->count("SELECT count(*) FROM projection_dead_letters");
        QCOMPARE(overview->figures()->events.value, events);
        QVERIFY(!overview->figures()->events.estimated);
        QCOMPARE(overview->tile(QStringLiteral("eventsTile"))->value(), number(events));
        QCOMPARE(overview->figures()->aggregates.value, aggregates);
        QCOMPARE(overview->tile(QStringLiteral("aggregatesTile"))->value(), number(aggregates));
        QCOMPARE(static_cast<long long>(overview->figures()->eventTypes.size()), types);
        QCOMPARE(overview->tile(QStringLiteral("eventTypesTile"))->value(), number(types));
        QCOMPARE(overview->tile(QStringLiteral("deadLettersTile"))->value(), number(parked));
        QCOMPARE(overview->tile(QStringLiteral("deadLettersTile"))->level(), OverviewTile::Level::Problem);

        // The projections and their lag, in events, as SQL counts them from each checkpoint.
        QHash<QString, QString> lag;
        QTRY_VERIFY(overview->projectionsView()->topLevelItemCount() >= 2);
        for (int row = 0; row < overview->projectionsView()->topLevelItemCount(); ++row) {
            const auto* item = overview->projectionsView()->topLevelItem(row);
            lag.insert(item->text(0), item->text(2));
        }
        QVERIFY2(lag.value(QStringLiteral("user_view")).startsWith(number(events) + QLatin1Char(' ')),
            qPrintable(lag.value(QStringLiteral("user_view"))));
        const long long billingLag
            = m_db->count("SELECT count(*) FROM events e, projection_checkpoints c WHERE c.projection = 'billing'"
                          " AND (e.tx_id, e.global_position) > (c.tx_id, c.position)");
        QCOMPARE(billingLag, events - 100);
        QVERIFY2(lag.value(QStringLiteral("billing")).startsWith(number(billingLag) + QLatin1Char(' ')),
            qPrintable(lag.value(QStringLiteral("billing"))));

        // The newest event is the log's last, and the latest events follow the log backwards.
        const QString head = QString::fromStdString(
            one("SELECT tx_id::text || ':' || global_position FROM events ORDER BY tx_id DESC, global_position DESC"
                " LIMIT 1"));
        QCOMPARE(overview->latestView()->topLevelItem(0)->text(4), head);
        QCOMPARE(overview->latestView()->topLevelItemCount(), 12);

        // Health: acci-admin health's verdict on the same thresholds (the dead letters fail it).
        auto connection = m_db->connect();
        const auto report = monitoring::checkHealth(
            *connection, window.monitoringPage()->thresholds(), projections::builtInProjections());
        QVERIFY(!report.healthy);
        QCOMPARE(overview->tile(QStringLiteral("healthTile"))->level(), OverviewTile::Level::Problem);
        int failing = 0;
        for (const auto& check : report.checks)
            failing += check.ok ? 0 : 1;
        QVERIFY2(overview->tile(QStringLiteral("healthTile"))->value().startsWith(QString::number(failing)),
            qPrintable(overview->tile(QStringLiteral("healthTile"))->value()));

        // Events per minute over the last hour, one sparkline per busiest type.
        QVERIFY(!overview->sparklineTypes().isEmpty());
        QVERIFY(overview->sparklineTypes().size() <= 5);
        QVERIFY(
            overview->sparklineTypes().contains(QStringLiteral("ProbeSeen")) || overview->sparklineTypes().size() == 5);
        for (const auto& type : overview->sparklineTypes())
            QVERIFY2(m_db->count("SELECT count(*) FROM events WHERE timestamp >= now() - interval '61 minutes'"
                                 " AND event_type = '"
                         + type.toStdString() + "'")
                    > 0,
                qPrintable(type));
    }

    void theLatestEventsAreLive()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* overview = window.overviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(overview->isLoaded(), 20000);
        QTRY_VERIFY(window.session()->tail()->isListening());
        {
            auto connection = m_db->connect();
            store::NewEvent probe;
            probe.eventType = "ProbeSeen";
            probe.data = { { "n", 1 } };
            store::EventStore(*connection)
                .append("live-overview-1", "Probe", store::ExpectedVersion::NoStream, { probe });
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            overview->latestView()->topLevelItem(0)->text(2), QStringLiteral("live-overview-1"), 10000);
        QTRY_COMPARE(
            overview->tile(QStringLiteral("eventsTile"))->value(), number(m_db->count("SELECT count(*) FROM events")));
    }

    void everyNumberLinksToThePageThatExplainsIt()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* overview = window.overviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(overview->isLoaded(), 20000);
        const auto open = [&](const char* tile) {
            window.showPage(MainWindow::OverviewPageIndex);
            QTest::mouseClick(overview->tile(QLatin1String(tile)), Qt::LeftButton);
        };
        open("eventsTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        open("aggregatesTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::AggregatesPage));
        open("eventTypesTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::MonitoringPageIndex));
        open("healthTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::MonitoringPageIndex));
        open("projectionsTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::ProjectionsPageIndex));
        open("deadLettersTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::ProjectionsPageIndex));
        // The projection with the dead letters is selected, its dead letters listed.
        QTRY_COMPARE(window.projectionsPage()->deadLettersModel()->rowCount(), 2);
        const auto& shown = window.projectionsPage()->projectionsModel()->records();
        const int selected = window.projectionsPage()->projectionsView()->currentIndex().row();
        QVERIFY(selected >= 0 && selected < static_cast<int>(shown.size()));
        QCOMPARE(shown[static_cast<std::size_t>(selected)].name, std::string("user_view"));

        // A latest event: that event, selected in the global log.
        window.showPage(MainWindow::OverviewPageIndex);
        QTRY_VERIFY(overview->latestView()->topLevelItemCount() > 3);
        auto* item = overview->latestView()->topLevelItem(3);
        const auto position = store::LogPosition::parse(item->text(4).toStdString());
        QVERIFY(position);
        const QRect rect = overview->latestView()->visualItemRect(item);
        QTest::mouseClick(overview->latestView()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->selectedPosition() == position, 10000);

        // Newest event tile: the head of the log.
        open("newestEventTile");
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        const auto head = store::LogPosition::parse(
            one("SELECT tx_id::text || ':' || global_position FROM events ORDER BY tx_id DESC, global_position DESC"
                " LIMIT 1"));
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->selectedPosition() == head, 10000);

        // A sparkline's type: the log filtered by it.
        window.showPage(MainWindow::OverviewPageIndex);
        auto* rateType = overview->findChild<QPushButton*>(QStringLiteral("rateType"));
        QVERIFY(rateType);
        const QString type = rateType->text();
        rateType->click();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QCOMPARE(window.logPage()->model()->filter().eventTypes, std::vector<std::string> { type.toStdString() });
    }

    void ctrlZeroOpensTheOverviewAndTheOtherPagesKeepTheirKeys()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::AggregatesPage));
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::MonitoringPageIndex));
        QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::OverviewPageIndex));
        QVERIFY(window.overviewPage()->isVisible());
    }

    void quickOpenLandsWhereEachKindOfKeyLeads()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QTRY_VERIFY(window.logPage()->model()->isOpen());

        // An aggregate by the start of its id: its stream on the Aggregates page.
        const QString order = QString::fromStdString(one("SELECT aggregate_id FROM aggregates WHERE aggregate_type = "
                                                         "'Order' ORDER BY aggregate_id OFFSET 3 LIMIT 1"));
        quickOpen(window, order.left(order.size() - 1), store::LookupKind::Aggregate);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::AggregatesPage));
        QVERIFY(window.browserPage()->streamModel()->aggregateId().startsWith(order.left(order.size() - 1)));
        // Shift+Enter: the aggregate in Time travel.
        quickOpen(window, order, store::LookupKind::Aggregate, true);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::TimeTravelPageIndex));

        // An event id: that event, selected in the global log.
        const auto event = one("SELECT id::text || ' ' || tx_id::text || ':' || global_position FROM events"
                               " ORDER BY global_position OFFSET 40 LIMIT 1");
        const QString eventId = QString::fromStdString(event.substr(0, event.find(' ')));
        const auto eventPosition = store::LogPosition::parse(event.substr(event.find(' ') + 1));
        quickOpen(window, eventId.toUpper(), store::LookupKind::Event);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->selectedPosition() == eventPosition, 10000);

        // A log position: the log there.
        const auto other = one("SELECT tx_id::text || ':' || global_position FROM events"
                               " ORDER BY global_position OFFSET 700 LIMIT 1");
        quickOpen(window, QString::fromStdString(other), store::LookupKind::Position);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->selectedPosition() == store::LogPosition::parse(other), 10000);

        // A correlation id: its flow.
        const QString correlation = QString::fromStdString(
            one("SELECT metadata ->> 'correlation_id' FROM events WHERE event_type = 'OrderPlaced' LIMIT 1"));
        const auto flowsBefore = window.findChildren<CorrelationView*>().size();
        quickOpen(window, correlation, store::LookupKind::Correlation);
        QTRY_COMPARE(window.findChildren<CorrelationView*>().size(), flowsBefore + 1);
        for (auto* flow : window.findChildren<CorrelationView*>())
            flow->close();

        // An event type (part of its name, any case): the log filtered by it.
        quickOpen(window, QStringLiteral("orderplac"), store::LookupKind::EventType);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        QCOMPARE(window.logPage()->model()->filter().eventTypes, std::vector<std::string> { "OrderPlaced" });
        QTRY_VERIFY(window.logPage()->model()->isOpen());
        QCOMPARE(static_cast<long long>(window.logPage()->model()->total()),
            m_db->count("SELECT count(*) FROM events WHERE event_type = 'OrderPlaced'"));

        // Many aggregates under one prefix: the popup shows the first few and says there are more.
        window.showPage(MainWindow::OverviewPageIndex);
        window.showQuickOpen();
        auto* box = window.quickOpen();
        QTest::keyClicks(box->edit(), QStringLiteral("order-"));
        QTRY_VERIFY(box->isSettled());
        QVERIFY2(box->message()->text().startsWith(QStringLiteral("The first 8 aggregates whose id starts with")),
            qPrintable(box->message()->text()));
        box->edit()->clear();

        // Nothing: one clear sentence, and Enter goes nowhere.
        QTest::keyClicks(box->edit(), QStringLiteral("no-such-thing-xyz"));
        QTRY_VERIFY(box->isSettled());
        QVERIFY(box->matches().empty());
        QVERIFY2(
            box->message()->text().startsWith(QStringLiteral("Nothing matches")), qPrintable(box->message()->text()));
        QTest::keyClick(box->edit(), Qt::Key_Return);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::OverviewPageIndex));
        QTest::keyClick(box->edit(), Qt::Key_Escape);
        QVERIFY(!box->isVisible());
    }

    void backAndForwardRestoreThePlacesVisited()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(window.logPage()->model()->isOpen());
        const QString first = QStringLiteral("user-10001");
        const QString second = QStringLiteral("user-10002");
        window.openAggregate(first);
        window.openAggregate(second);
        window.showPage(MainWindow::LogPageIndex);
        window.openTimeTravel(first, 2);

        auto* back = window.findChild<QAction*>(QStringLiteral("backAction"));
        auto* forward = window.findChild<QAction*>(QStringLiteral("forwardAction"));
        QVERIFY(back->isEnabled());
        QVERIFY(!forward->isEnabled());
        QTest::keyClick(&window, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        back->trigger();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::AggregatesPage));
        QCOMPARE(window.browserPage()->streamModel()->aggregateId(), second);
        // The mouse's back button, anywhere in the window.
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(5, 5), QPointF(5, 5), Qt::BackButton, Qt::BackButton, {});
        QMouseEvent release(QEvent::MouseButtonRelease, QPointF(5, 5), QPointF(5, 5), Qt::BackButton, {}, {});
        QApplication::sendEvent(window.browserPage()->streamView()->viewport(), &press);
        QApplication::sendEvent(window.browserPage()->streamView()->viewport(), &release);
        QCOMPARE(window.browserPage()->streamModel()->aggregateId(), first);
        back->trigger();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::OverviewPageIndex));
        QVERIFY(!back->isEnabled());

        QTest::keyClick(&window, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(window.browserPage()->streamModel()->aggregateId(), first);
        forward->trigger();
        QCOMPARE(window.browserPage()->streamModel()->aggregateId(), second);
        forward->trigger();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::LogPageIndex));
        forward->trigger();
        QCOMPARE(currentPage(window), static_cast<int>(MainWindow::TimeTravelPageIndex));
        QTRY_COMPARE(window.timeTravelPage()->shownVersion(), 2);
        QVERIFY(!forward->isEnabled());

        // Somewhere new from the middle drops what lay ahead.
        back->trigger();
        window.showPage(MainWindow::MonitoringPageIndex);
        QVERIFY(!forward->isEnabled());
    }

    void recentAndPinnedAggregatesAreKeptPerConnection()
    {
        const QString id = QStringLiteral("account-10003");
        {
            MainWindow window(QString::fromStdString(m_db->conninfo()));
            window.show();
            auto* pane = window.navigationPane();
            window.openAggregate(id);
            QCOMPARE(pane->recent().value(0), id);
            QCOMPARE(pane->recentList()->item(0)->text(), id);
            QVERIFY(window.browserPage()->pinButton()->isEnabled());
            window.browserPage()->pinButton()->click();
            QVERIFY(pane->isPinned(id));
            QCOMPARE(pane->pinnedList()->item(0)->text(), id);
            QVERIFY(window.browserPage()->pinButton()->isChecked());
            // A pinned aggregate opens from the navigation.
            window.showPage(MainWindow::OverviewPageIndex);
            const QRect rect = pane->pinnedList()->visualItemRect(pane->pinnedList()->item(0));
            QTest::mouseClick(pane->pinnedList()->viewport(), Qt::LeftButton, {}, rect.center());
            QCOMPARE(currentPage(window), static_cast<int>(MainWindow::AggregatesPage));
            QCOMPARE(window.browserPage()->streamModel()->aggregateId(), id);
        }
        {
            // Kept for this connection (QSettings), not for another store.
            MainWindow window(QString::fromStdString(m_db->conninfo()));
            QVERIFY(window.navigationPane()->isPinned(id));
            QCOMPARE(window.navigationPane()->recent().value(0), id);
            MainWindow elsewhere(QStringLiteral("host=/nonexistent dbname=other"));
            QVERIFY(elsewhere.navigationPane()->pinned().isEmpty());
            window.navigationPane()->setPinned(id, false);
        }
        MainWindow again(QString::fromStdString(m_db->conninfo()));
        QVERIFY(!again.navigationPane()->isPinned(id));
    }

    // A role with SELECT on events, aggregates and schema_migrations only (an analyst, say): every tile
    // settles on a figure or on the reason it has none, instead of "…" and "Loading…" with
    // the reason in the status bar only.
    void aRoleWithoutSomeGrantsSeesWhyEachFigureIsMissing()
    {
        const std::string role = m_db->name() + "_narrow";
        m_db->exec("DROP ROLE IF EXISTS " + role);
        m_db->exec("CREATE ROLE " + role + " LOGIN");
        m_db->exec("GRANT SELECT ON events, aggregates, schema_migrations TO " + role);
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + role));
            window.show();
            auto* page = window.overviewPage();
            for (const char* name : { "eventsTile", "aggregatesTile", "eventTypesTile", "newestEventTile", "healthTile",
                     "projectionsTile", "deadLettersTile" }) {
                auto* tile = page->tile(QString::fromLatin1(name));
                QVERIFY(tile);
                QTRY_VERIFY2_WITH_TIMEOUT(tile->value() != QStringLiteral("…"),
                    qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") + window.statusBar()->currentMessage()),
                    15000);
                QVERIFY2(!tile->detail().isEmpty(), name);
            }
            auto* updated = page->findChild<QLabel*>(QStringLiteral("overviewUpdated"));
            QTRY_VERIFY_WITH_TIMEOUT(!updated->text().startsWith(QStringLiteral("Loading")), 15000);
        }
        m_db->exec("REVOKE ALL ON events, aggregates, schema_migrations FROM " + role);
        m_db->exec("DROP ROLE " + role);
    }

    // A writer may read the events but not the projections' tables: Monitoring shows the newest
    // event and what is held back, says why lag and dead letters are missing, and the verdict
    // names the grant (it used to mark every tile unavailable at the first refusal).
    void aWriterSeesTheMonitoringFiguresItMayRead()
    {
        const std::string role = m_db->name() + "_writer";
        m_db->exec("DROP ROLE IF EXISTS " + role);
        m_db->exec("CREATE ROLE " + role + " LOGIN");
        {
            auto connection = m_db->connect();
            store::grantAccess(*connection, store::AccessRole::Writer, role);
        }
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + role));
            window.show();
            window.showPage(MainWindow::MonitoringPageIndex);
            auto* page = window.monitoringPage();
            auto* lag = page->tile(QStringLiteral("lagTile"));
            QTRY_VERIFY_WITH_TIMEOUT(lag->text().contains(QStringLiteral("Unavailable")), 15000);
            QVERIFY2(lag->text().contains(QString::fromStdString("role " + role + " may not read")),
                qPrintable(lag->text()));
            QVERIFY(page->tile(QStringLiteral("deadLettersTile"))->text().contains(QStringLiteral("Unavailable")));
            for (const char* name : { "newestEventTile", "heldBackTile" }) {
                const QString text = page->tile(QString::fromLatin1(name))->text();
                QVERIFY2(!text.contains(QStringLiteral("Unavailable")) && !text.contains(QStringLiteral("…")),
                    qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") + text));
            }
            const QString verdict = page->findChild<QLabel*>(QStringLiteral("healthVerdict"))->text();
            QVERIFY2(verdict.contains(QStringLiteral("unhealthy")) && verdict.contains(QStringLiteral("grant reader")),
                qPrintable(verdict));
        }
        m_db->exec("DROP OWNED BY " + role);
        m_db->exec("DROP ROLE " + role);
    }

    // Row-level security shows a reader some events: the counts say what they cover (the
    // aggregates table has no policy, so its count is the whole store's).
    void countsUnderRowLevelSecuritySayWhatTheyCover()
    {
        const std::string role = m_db->name() + "_rls";
        m_db->exec("DROP ROLE IF EXISTS " + role);
        m_db->exec("CREATE ROLE " + role + " LOGIN");
        {
            auto connection = m_db->connect();
            store::grantAccess(*connection, store::AccessRole::Reader, role);
        }
        m_db->exec("ALTER TABLE events ENABLE ROW LEVEL SECURITY");
        m_db->exec("CREATE POLICY rls_some ON events FOR SELECT TO " + role + " USING (event_type = 'OrderPlaced')");
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + role));
            window.show();
            auto* page = window.overviewPage();
            QTRY_VERIFY_WITH_TIMEOUT(
                page->tile(QStringLiteral("aggregatesTile"))->detail().contains(QStringLiteral("row-level security")),
                15000);
            QVERIFY(page->tile(QStringLiteral("eventsTile"))->detail().contains(QStringLiteral("row-level security")));
        }
        m_db->exec("DROP POLICY rls_some ON events");
        m_db->exec("ALTER TABLE events DISABLE ROW LEVEL SECURITY");
        m_db->exec("DROP OWNED BY " + role);
        m_db->exec("DROP ROLE " + role);
    }

    // A role that may read the events but not the schema's own table: a page that says so
    // and what to ask for (not "…" everywhere); once granted, "Check again" opens the store.
    void aRoleThatMayNotReadTheSchemaIsToldWhatToAskFor()
    {
        const std::string role = m_db->name() + "_events_only";
        m_db->exec("DROP ROLE IF EXISTS " + role);
        m_db->exec("CREATE ROLE " + role + " LOGIN");
        m_db->exec("GRANT SELECT ON events TO " + role);
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + role));
            window.show();
            auto* page = window.findChild<SchemaPage*>();
            QTRY_VERIFY_WITH_TIMEOUT(page->isVisible(), 15000);
            const QString text = page->findChild<QLabel*>(QStringLiteral("schemaProblem"))->text();
            QVERIFY2(text.contains(QStringLiteral("acci-admin grant reader")), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("schema_migrations")), qPrintable(text));
            auto* checkAgain = page->findChild<QPushButton*>(QStringLiteral("checkAgain"));
            QVERIFY(checkAgain && checkAgain->isVisible());
            auto connection = m_db->connect();
            store::grantAccess(*connection, store::AccessRole::Reader, role);
            checkAgain->click();
            QTRY_VERIFY_WITH_TIMEOUT(window.overviewPage()->isVisible(), 15000);
            QTRY_VERIFY_WITH_TIMEOUT(window.overviewPage()->tile(QStringLiteral("eventsTile"))->value()
                    == QLocale().toString(m_db->count("SELECT count(*) FROM events")),
                15000);
        }
        m_db->exec("DROP OWNED BY " + role);
        m_db->exec("DROP ROLE " + role);
    }

    // Every query runs on a worker: with the events table locked by another session, the
    // overview's reads wait there while the GUI thread keeps its 5 ms timer on time.
    void theOverviewNeverBlocksTheWindow()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* overview = window.overviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(overview->isLoaded(), 20000);
        auto locker = m_db->connect();
        pqxx::work lock(*locker);
        lock.exec("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
        bench::StallProbe probe;
        bool loaded = false;
        connect(overview, &OverviewPage::loaded, this, [&loaded] { loaded = true; });
        overview->refresh();
        bench::waitFor([] { return false; }, 1500);
        QVERIFY(!loaded); // still waiting for the lock, on the worker
        lock.commit();
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 20000);
        QVERIFY2(probe.worstMs() < 100, qPrintable(QString::number(probe.worstMs())));
    }
};

QTEST_MAIN(TestOverviewGui)
#include "tst_overview_gui.moc"

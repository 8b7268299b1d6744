// The projections and monitoring pages as an operator uses them, offscreen, against a real
// PostgreSQL: rebuild with a click (and cancel), lag as the page shows it, catch-up from the
// console, the event-rate series against SQL counts.
#include <QtTest>

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include <pqxx/pqxx>

#include <unistd.h>

#include "GuideStore.hpp"
#include "TestDatabase.hpp"
#include "UserViewCheck.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Roles.hpp"
#include "charts/EventRateChart.hpp"
#include "dialogs/InFlightView.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "dialogs/VerifyDialog.hpp"
#include "models/VerifyDifferenceModel.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/SchemaPage.hpp"
#include "text/HealthText.hpp"
#include "widgets/HeldBackBanner.hpp"
#include "window/MainWindow.hpp"
#include "workers/MetricsPoller.hpp"
#include "workers/RebuildRunner.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

long long shownLag(const ProjectionsPage* page, const char* projection)
{
    for (const auto& status : page->projectionsModel()->records())
        if (status.name == projection)
            return status.lagEvents;
    return -1;
}

// The action button of the confirmation box that an admin action opens.
QAbstractButton* confirmationButton(QWidget* window, const QString& action)
{
    for (auto* box : window->findChildren<QMessageBox*>(QStringLiteral("confirmBox")))
        for (auto* button : box->buttons())
            if (button->text() == action && box->isVisible())
                return button;
    return nullptr;
}

// The projections page, user_view selected, Rebuild clicked: its pre-flight dialog.
RebuildDialog* openRebuildDialog(MainWindow& window)
{
    window.show();
    window.showPage(MainWindow::ProjectionsPageIndex);
    auto* page = window.projectionsPage();
    if (!QTest::qWaitFor([&] { return page->projectionsModel()->rowCount() > 0; }))
        return nullptr;
    page->selectProjection(QStringLiteral("user_view"));
    if (!QTest::qWaitFor([&] { return page->rebuildButton()->isEnabled(); }))
        return nullptr;
    page->rebuildButton()->click();
    return QTest::qWaitFor([&] { return page->rebuildDialog() != nullptr; }) ? page->rebuildDialog() : nullptr;
}

} // namespace

class TestAdminGui : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;

private slots:
    void init()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, 3000, 2);
        testing::insertUserEvents(*connection, 3000, 1000, "bulk");
    }
    void cleanup() { m_db.reset(); }

    void rebuildWithAClickGivesTheExpectedRows()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        RebuildDialog* dialog = openRebuildDialog(window);
        QVERIFY(dialog);
        // The pre-flight names what will be replayed.
        const long long userEvents = m_db->count(
            "SELECT count(*) FROM events WHERE event_type IN ('UserCreated','UserUpdated','UserDeactivated')");
        QVERIFY2(dialog->reportLabel()->text().contains(QLocale().toString(userEvents)),
            qPrintable(dialog->reportLabel()->text()));
        dialog->startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 60000);
        QVERIFY2(dialog->reportLabel()->text().contains(QStringLiteral("rebuilt")),
            qPrintable(dialog->reportLabel()->text()));
        auto connection = m_db->connect();
        const auto expected = testing::expectedUserRows(*connection);
        QVERIFY(expected.size() >= 3000);
        QCOMPARE(testing::userViewRows(*connection), expected);
        // The action is in the audit log, and the page's audit view shows it.
        QCOMPARE(
            m_db->count("SELECT count(*) FROM console_audit WHERE action = 'rebuild' AND outcome = 'completed'"), 1LL);
        const auto* audit = window.projectionsPage()->auditModel();
        QTRY_VERIFY(!audit->records().empty() && audit->records().front().action == "rebuild");
    }

    // The runner alone: progress on the way, one report once its thread is done, and a
    // sentence when it cannot run at all.
    void rebuildRunnerReportsOnceItsThreadIsDone()
    {
        RebuildRunner runner;
        QSignalSpy progress(&runner, &RebuildRunner::progress);
        QSignalSpy finished(&runner, &RebuildRunner::finished);
        QSignalSpy failed(&runner, &RebuildRunner::failed);
        bool runningAtTheEnd = true;
        connect(&runner, &RebuildRunner::finished, this, [&] { runningAtTheEnd = runner.running(); });
        runner.start(QStringLiteral("user_view"), m_db->conninfo());
        QVERIFY(runner.running());
        runner.start(QStringLiteral("user_view"), m_db->conninfo()); // one at a time: ignored
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!runningAtTheEnd);
        QCOMPARE(failed.count(), 0);
        QVERIFY(progress.count() > 0);
        const auto report = finished.at(0).at(0).value<projections::RebuildReport>();
        QVERIFY2(report.outcome == projections::RebuildReport::Outcome::Completed, report.error.c_str());
        auto connection = m_db->connect();
        QCOMPARE(testing::userViewRows(*connection), testing::expectedUserRows(*connection));

        runner.start(QStringLiteral("user_view"), "host=/nonexistent port=1");
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("Could not connect")),
            qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(finished.count(), 1);
    }

    void cancelLeavesTheLiveTableUnchanged()
    {
        m_db->exec("INSERT INTO user_view (id, email, name, status, created_at) VALUES ('marker', 'm@x.es', 'M', "
                   "'active', now())");
        const auto before = [this] {
            auto connection = m_db->connect();
            return testing::userViewRows(*connection);
        }();
        const long long checkpointBefore = m_db->count(
            "SELECT coalesce((SELECT position FROM projection_checkpoints WHERE projection = 'user_view'), 0)");
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        RebuildDialog* dialog = openRebuildDialog(window);
        QVERIFY(dialog);
        dialog->startButton()->click();
        dialog->cancelButton()->click(); // at once: the rebuild stops at its first safe point
        QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 60000);
        QVERIFY2(dialog->reportLabel()->text().contains(QStringLiteral("cancelled")),
            qPrintable(dialog->reportLabel()->text()));
        auto connection = m_db->connect();
        QCOMPARE(testing::userViewRows(*connection), before);
        // No row and a row at 0 mean the same: nothing applied yet.
        QCOMPARE(m_db->count("SELECT coalesce((SELECT position FROM projection_checkpoints WHERE projection = "
                             "'user_view'), 0)"),
            checkpointBefore);
    }

    void lagShownEqualsEventsPendingAndCatchUpClearsIt()
    {
        {
            auto connection = m_db->connect();
            projections::resetProjection(*connection, "user_view");
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* page = window.projectionsPage();
        window.poller()->setInterval(200);
        const long long pending = m_db->count("SELECT count(*) FROM events");
        QTRY_COMPARE(shownLag(page, "user_view"), pending);
        // More events: the page follows.
        {
            auto connection = m_db->connect();
            testing::insertUserEvents(*connection, 25, 0, "late");
        }
        QTRY_COMPARE(shownLag(page, "user_view"), pending + 25);
        QVERIFY(page->catchUpLabel()->text().contains(QStringLiteral("nobody")));

        // Catch-up from the console: the lag drains and the label says who runs it.
        page->findChild<QCheckBox*>(QStringLiteral("runCatchUp"))->setChecked(true);
        QVERIFY(page->catchUpLabel()->text().contains(QStringLiteral("this console")));
        QTRY_COMPARE_WITH_TIMEOUT(shownLag(page, "user_view"), 0LL, 30000);
        auto connection = m_db->connect();
        QCOMPARE(testing::userViewRows(*connection), testing::expectedUserRows(*connection));
        page->setRunCatchUp(false);
    }

    void aHeldBackHeadIsShownAndEndedFromTheConsole()
    {
        {
            auto connection = m_db->connect();
            projections::ProjectionEngine engine(*connection, projections::builtInProjections().front());
            engine.catchUp();
        }
        // A session in another database took a transaction id and went idle; events committed
        // after it wait.
        testing::TestDatabase other(testing::TestDatabase::Schema::Empty);
        pqxx::connection holder(other.conninfo() + " application_name=forgotten-psql");
        pqxx::work open(holder);
        const std::string xid = open.exec1("SELECT pg_current_xact_id()::text")[0].c_str();
        {
            auto connection = m_db->connect();
            testing::insertUserEvents(*connection, 5, 0, "held");
        }

        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::MonitoringPageIndex);
        window.poller()->setInterval(200);
        auto* tile = window.monitoringPage()->tile(QStringLiteral("heldBackTile"));
        QTRY_VERIFY_WITH_TIMEOUT(tile->text().contains(QStringLiteral("5 events")), 10000);
        // The projections' lag is not 0: the five events are counted, as held back.
        QTRY_VERIFY(!window.projectionsPage()->projectionsModel()->records().empty());
        for (const auto& status : window.projectionsPage()->projectionsModel()->records()) {
            QCOMPARE(status.lagEvents, 0LL);
            QCOMPARE(status.totalLagEvents(), 5LL);
        }
        // After a couple of seconds, the log and projections pages say so too.
        QTRY_VERIFY_WITH_TIMEOUT(!window.logPage()->heldBackBanner()->isHidden(), 10000);
        QVERIFY(window.logPage()->heldBackBanner()->text().contains(QString::fromStdString(xid)));
        QVERIFY(!window.projectionsPage()->heldBackBanner()->isHidden());

        // A click on the tile opens the in-flight transactions, the holder among them.
        QTest::mouseClick(tile, Qt::LeftButton);
        auto* view = window.inFlightView();
        QVERIFY(view && view->isVisible());
        const auto holderRow = [&] {
            const auto& records = view->model()->records();
            for (std::size_t i = 0; i < records.size(); ++i)
                if (records[i].xid == xid)
                    return static_cast<int>(i);
            return -1;
        };
        QTRY_VERIFY(holderRow() >= 0);
        QVERIFY(view->summaryLabel()->text().contains(QStringLiteral("5 committed events")));
        view->table()->selectRow(holderRow());
        const auto& held = view->model()->records()[static_cast<std::size_t>(holderRow())];
        QCOMPARE(held.pid.value_or(0), holder.backendpid());
        QCOMPARE(held.application, std::string("forgotten-psql"));
        QVERIFY(view->copyButton()->isEnabled());
        view->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(),
            QStringLiteral("SELECT pg_terminate_backend(%1);").arg(holder.backendpid()));

        // Terminate…, confirmed: the session ends, the head moves, the action is audited.
        QVERIFY(view->terminateButton()->isEnabled());
        view->terminateButton()->click();
        QTRY_VERIFY(confirmationButton(view, QStringLiteral("Terminate")) != nullptr);
        confirmationButton(view, QStringLiteral("Terminate"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(view->summaryLabel()->text().startsWith(QStringLiteral("Not held back")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tile->text().contains(QStringLiteral("nothing")), 10000);
        QTRY_VERIFY(window.logPage()->heldBackBanner()->isHidden());
        QCOMPARE(m_db->count("SELECT count(*) FROM console_audit WHERE action = 'terminate' AND outcome = 'ok'"), 1LL);
        QVERIFY_THROWS_EXCEPTION(std::exception, open.exec("SELECT 1"));
    }

    void upgradingAGuideStoreShowsItsProgressAndKeepsEveryEvent()
    {
        testing::TestDatabase guide(testing::TestDatabase::Schema::Empty);
        {
            auto connection = guide.connect();
            guide.exec(testing::guideSchemaSql);
            testing::loadGuideEvents(*connection, 40000, 10, 86400);
        }
        MainWindow window(QString::fromStdString(guide.conninfo()));
        window.show();
        auto* page = window.findChild<SchemaPage*>();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->isVisible(), 10000);
        QPushButton* migrate = nullptr;
        for (auto* button : page->findChildren<QPushButton*>())
            if (button->text().startsWith(QStringLiteral("Migrate")))
                migrate = button;
        QVERIFY(migrate && migrate->isEnabled());
        migrate->click();
        QTRY_VERIFY(confirmationButton(&window, QStringLiteral("Migrate")) != nullptr);
        QSignalSpy migrated(page, &SchemaPage::migrated);
        confirmationButton(&window, QStringLiteral("Migrate"))->click();
        // The page shows each step while the worker runs it; the window never waits.
        QSet<QString> shown;
        QElapsedTimer clock;
        clock.start();
        while (migrated.isEmpty() && clock.elapsed() < 120000) {
            shown.insert(page->progressText().section(QLatin1Char('\n'), 0, 0));
            QTest::qWait(10);
        }
        QCOMPARE(migrated.count(), 1);
        QVERIFY2(shown.contains(QStringLiteral("Numbering the existing events…")),
            qPrintable(QStringList(shown.begin(), shown.end()).join(QLatin1String(" | "))));
        QCOMPARE(guide.count("SELECT count(*) FROM events WHERE global_position IS NOT NULL"), 40000LL);
        QCOMPARE(guide.count("SELECT count(DISTINCT global_position) FROM events"), 40000LL);
    }

    void resetAsksFirstAndIsAudited()
    {
        {
            auto connection = m_db->connect();
            projections::ProjectionEngine engine(*connection, projections::builtInProjections().front());
            engine.catchUp();
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* page = window.projectionsPage();
        window.poller()->setInterval(200);
        QTRY_COMPARE(shownLag(page, "user_view"), 0LL);
        page->selectProjection(QStringLiteral("user_view"));
        page->resetButton()->click();
        QCOMPARE(shownLag(page, "user_view"), 0LL); // nothing happens before the answer
        QTRY_VERIFY(confirmationButton(&window, QStringLiteral("Reset")) != nullptr);
        confirmationButton(&window, QStringLiteral("Reset"))->click();
        QTRY_COMPARE(shownLag(page, "user_view"), m_db->count("SELECT count(*) FROM events"));
        QCOMPARE(
            m_db->count("SELECT count(*) FROM console_audit WHERE action = 'reset' AND target = 'user_view'"), 1LL);
    }

    void deadLettersAreListedAndSkipped()
    {
        // A parked event, as the engine leaves one after its retries.
        m_db->exec("INSERT INTO projection_checkpoints (projection) VALUES ('user_view') ON CONFLICT DO NOTHING");
        m_db->exec("INSERT INTO projection_dead_letters (projection, event_id, tx_id, global_position, error, attempts,"
                   " event_type, aggregate_id, last_attempt_at, blocking)"
                   " SELECT 'user_view', id, tx_id, global_position, 'email is not a string', 3, event_type,"
                   " aggregate_id, now(), false FROM events WHERE event_type = 'UserUpdated' LIMIT 1");
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* page = window.projectionsPage();
        QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
        page->selectProjection(QStringLiteral("user_view"));
        QTRY_COMPARE(page->deadLettersModel()->rowCount(), 1);
        QCOMPARE(page->deadLettersModel()->records().front().error, std::string("email is not a string"));
        page->deadLettersView()->selectRow(0);
        QVERIFY(page->skipButton()->isEnabled());
        page->skipButton()->click();
        QTRY_VERIFY(confirmationButton(&window, QStringLiteral("Skip")) != nullptr);
        confirmationButton(&window, QStringLiteral("Skip"))->click();
        QTRY_COMPARE(page->deadLettersModel()->rowCount(), 0);
        QCOMPARE(m_db->count("SELECT count(*) FROM projection_dead_letters"), 0LL);
        QCOMPARE(m_db->count("SELECT count(*) FROM console_audit WHERE action LIKE 'skip%'"), 1LL);
    }

    void eventRateSeriesEqualSqlCounts()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* page = window.monitoringPage();
        window.showPage(MainWindow::MonitoringPageIndex);
        // The demo data spans the last two days: a custom range over all of it, hourly buckets.
        const auto range = [this] {
            auto connection = m_db->connect();
            return pqxx::nontransaction(*connection)
                .exec1("SELECT (extract(epoch FROM min(timestamp)) * 1000)::bigint - 7200000,"
                       "       (extract(epoch FROM max(timestamp)) * 1000)::bigint + 7200000 FROM events");
        }();
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(range[0].as<qint64>());
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(range[1].as<qint64>());
        page->setCustomRange(from, to);
        auto* chart = page->rateChart();
        QTRY_VERIFY(!chart->series().bucketStartsUs.empty()
            && chart->series().bucketStartsUs.front() <= from.toMSecsSinceEpoch() * 1000);
        const auto& series = chart->series();
        const long long inRange = m_db->count("SELECT count(*) FROM events WHERE timestamp >= to_timestamp("
            + std::to_string(from.toMSecsSinceEpoch()) + " / 1000.0) AND timestamp < to_timestamp("
            + std::to_string(to.toMSecsSinceEpoch()) + " / 1000.0)");
        QCOMPARE(static_cast<long long>(series.total()), inRange);
        QCOMPARE(static_cast<long long>(chart->plottedTotal()), inRange);
        // Bucket by bucket, per type, against date_bin in SQL.
        auto connection = m_db->connect();
        const auto rows
            = pqxx::nontransaction(*connection)
                  .exec("SELECT (extract(epoch FROM date_bin('" + std::to_string(series.bucketSeconds)
                      + " seconds', timestamp, 'epoch')) * 1000000)::bigint, event_type, count(*) FROM events"
                        " GROUP BY 1, 2");
        QVERIFY(rows.size() > 10);
        for (const auto& row : rows) {
            const auto bucket
                = std::find(series.bucketStartsUs.begin(), series.bucketStartsUs.end(), row[0].as<std::int64_t>());
            QVERIFY(bucket != series.bucketStartsUs.end());
            const auto type
                = std::find(series.eventTypes.begin(), series.eventTypes.end(), std::string(row[1].c_str()));
            QVERIFY(type != series.eventTypes.end());
            QCOMPARE(series.counts[static_cast<std::size_t>(type - series.eventTypes.begin())]
                                  [static_cast<std::size_t>(bucket - series.bucketStartsUs.begin())],
                row[2].as<std::int64_t>());
        }
        // Lines instead of stacked bars: the same numbers.
        page->stackedBox()->setChecked(false);
        QCOMPARE(static_cast<long long>(chart->plottedTotal()), inRange);
        // CSV export has a line per bucket.
        QTemporaryDir dir;
        QVERIFY(chart->exportCsv(dir.filePath(QStringLiteral("rates.csv"))));
        QFile csv(dir.filePath(QStringLiteral("rates.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), static_cast<qsizetype>(series.bucketStartsUs.size() + 1));
        // Health tiles come from the metrics.
        QTRY_VERIFY(page->tile(QStringLiteral("newestEventTile"))->text().contains(QStringLiteral("ago"))
            || page->tile(QStringLiteral("newestEventTile"))->text().contains(QStringLiteral("just now")));
    }

    void healthVerdictIsTheCliVerdict()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* page = window.monitoringPage();
        window.showPage(MainWindow::MonitoringPageIndex);
        auto connection = m_db->connect();
        // acci-admin health's checks on the page's thresholds: each is on the page, as printed.
        // Retried: the page's figures are a poll old, and an age may cross a limit meanwhile.
        const auto sameVerdict = [&] {
            const auto cli
                = monitoring::checkHealth(*connection, page->thresholds(), projections::builtInProjections());
            // Ages move between the page's poll and this one: figures compare as "#".
            const auto figuresOut = [](QString text) {
                return text.replace(QRegularExpression(QStringLiteral("\\d+")), QStringLiteral("#"));
            };
            const QString shown = figuresOut(page->verdictLabel()->toolTip());
            if (page->verdictLabel()->property("healthy").toBool() != cli.healthy)
                return false;
            for (const auto& check : cli.checks) {
                if (check.name == "database" || check.name == "schema")
                    continue; // the connection tile's business
                const QString line = figuresOut(
                    (check.ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + HealthText::sentence(check));
                if (!shown.contains(line))
                    return false;
                if (!check.ok
                    && !page->verdictLabel()->text().contains(
                        QString::fromStdString(check.name).section(QLatin1Char(':'), 1)))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY(page->verdictLabel()->text() != page->tr("Health: waiting for the first figures"));
        QTRY_VERIFY_WITH_TIMEOUT(sameVerdict(), 15000);
        // The demo's projection has never run: days behind, so unhealthy, as the CLI says.
        QVERIFY(page->verdictLabel()->text().contains(QStringLiteral("user_view is")));
        QCOMPARE(page->tile(QStringLiteral("lagTile"))->property("level").toInt(), 1); // a warning, not a fault
    }

    // Verify (issue 16) as a reader: three rows changed by hand are the report's three rows,
    // filterable by kind, exported as CSV and JSON, each leading to its story; the reader may
    // not rebuild and is not audited. An operator's verification is audited.
    void verifyReportShowsTheRowsThatLieAndLeadsToTheirStory()
    {
        const std::string reader = "acci_gui_vreader_" + std::to_string(::getpid());
        const std::string operatorRole = "acci_gui_voperator_" + std::to_string(::getpid());
        for (const auto& role : { reader, operatorRole }) {
            m_db->exec("DROP ROLE IF EXISTS " + role);
            m_db->exec("CREATE ROLE " + role + " LOGIN");
        }
        {
            auto connection = m_db->connect();
            store::grantAccess(*connection, store::AccessRole::Reader, reader);
            store::grantAccess(*connection, store::AccessRole::Operator, operatorRole);
            projections::ProjectionEngine engine(*connection, std::make_shared<projections::UserProjection>());
            engine.catchUp(nullptr);
        }
        m_db->exec("UPDATE user_view SET name = 'Mallory' WHERE id = 'bulk17'");
        m_db->exec("DELETE FROM user_view WHERE id = 'bulk230'");
        m_db->exec("INSERT INTO user_view (id, email, name, status, created_at, version)"
                   " VALUES ('bulk-ghost', 'g@example.com', 'Ghost', 'active', now(), 1)");
        const long long auditsBefore = m_db->count("SELECT count(*) FROM console_audit");
        auto verifyAs = [&](const std::string& role, MainWindow& window) -> VerifyDialog* {
            window.show();
            window.showPage(MainWindow::ProjectionsPageIndex);
            auto* page = window.projectionsPage();
            if (!QTest::qWaitFor([&] { return page->projectionsModel()->rowCount() > 0; }))
                return nullptr;
            page->selectProjection(QStringLiteral("user_view"));
            if (!QTest::qWaitFor([&] { return page->verifyButton()->isEnabled(); }))
                return nullptr;
            page->verifyButton()->click();
            if (!QTest::qWaitFor([&] { return page->verifyDialog() != nullptr; }))
                return nullptr;
            auto* dialog = page->verifyDialog();
            dialog->startButton()->click();
            if (!QTest::qWaitFor([&] { return dialog->finished(); }, 60000))
                return nullptr;
            (void)role;
            return dialog;
        };
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + reader));
            auto* dialog = verifyAs(reader, window);
            QVERIFY(dialog);
            QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("1 missing, 1 extra, 1 different")),
                qPrintable(dialog->summaryLabel()->text()));
            const auto* model = dialog->differencesModel();
            QCOMPARE(model->rowCount(), 3);
            // Filter by kind: only the missing row.
            dialog->kindFilter()->setCurrentIndex(1);
            QCOMPARE(model->rowCount(), 1);
            QCOMPARE(model->records().front().key, std::string("bulk230"));
            dialog->kindFilter()->setCurrentIndex(3);
            QCOMPARE(model->rowCount(), 1);
            QCOMPARE(model->records().front().columns.front().column, std::string("name"));
            QCOMPARE(model->data(model->index(0, 3)).toString(), QStringLiteral("name = Mallory"));
            // Its story: Time travel at the version that last changed it.
            QSignalSpy story(window.projectionsPage(), &ProjectionsPage::timeTravelRequested);
            dialog->differencesView()->selectRow(0);
            dialog->timeTravelButton()->click();
            QCOMPARE(story.count(), 1);
            QCOMPARE(story.front().at(0).toString(), QStringLiteral("bulk17"));
            QCOMPARE(story.front().at(1).toInt(), 2);
            // Exports.
            QTemporaryDir dir;
            QVERIFY(dialog->exportTo(dir.filePath(QStringLiteral("r.json")), true));
            QVERIFY(dialog->exportTo(dir.filePath(QStringLiteral("r.csv")), false));
            QFile json(dir.filePath(QStringLiteral("r.json")));
            QVERIFY(json.open(QIODevice::ReadOnly));
            const auto parsed = nlohmann::json::parse(json.readAll().toStdString());
            QCOMPARE(parsed["differences"].size(), std::size_t { 3 });
            QCOMPARE(parsed["outcome"], nlohmann::json("differs"));
            QFile csv(dir.filePath(QStringLiteral("r.csv")));
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QString csvText = QString::fromUtf8(csv.readAll());
            QCOMPARE(csvText.count(QStringLiteral("\r\n")), 4); // the header and one line per difference
            QVERIFY(csvText.contains(QStringLiteral("different,\"bulk17\",\"name\",\"\"\"Mallory\"\"\"")));
            // A reader may not rebuild, and is told why; nothing was audited for it.
            QVERIFY(!dialog->rebuildButton()->isEnabled());
            QVERIFY(dialog->rebuildButton()->toolTip().contains(QStringLiteral("operator")));
            QTest::qWait(300);
            QCOMPARE(m_db->count("SELECT count(*) FROM console_audit"), auditsBefore);
            dialog->close();
        }
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + operatorRole));
            auto* dialog = verifyAs(operatorRole, window);
            QVERIFY(dialog);
            QVERIFY(dialog->rebuildButton()->isEnabled());
            QTRY_COMPARE(
                m_db->count("SELECT count(*) FROM console_audit WHERE action = 'verify' AND outcome = 'differs'"), 1LL);
            dialog->close();
        }
        QCOMPARE(m_db->count("SELECT count(*) FROM user_view WHERE id = 'bulk-ghost'"), 1LL); // nothing changed
        for (const auto& role : { reader, operatorRole }) {
            m_db->exec("DROP OWNED BY " + role);
            m_db->exec("DROP ROLE " + role);
        }
    }

    void aReaderSeesActionsDisabledWithTheReasonAnOperatorUsesThem()
    {
        // Roles are cluster-wide: names of their own, granted the README's way.
        const std::string reader = "acci_gui_reader_" + std::to_string(::getpid());
        const std::string operatorRole = "acci_gui_operator_" + std::to_string(::getpid());
        for (const auto& role : { reader, operatorRole }) {
            m_db->exec("DROP ROLE IF EXISTS " + role);
            m_db->exec("CREATE ROLE " + role + " LOGIN");
        }
        {
            auto connection = m_db->connect();
            store::grantAccess(*connection, store::AccessRole::Reader, reader);
            store::grantAccess(*connection, store::AccessRole::Operator, operatorRole);
        }
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + reader));
            window.show();
            window.showPage(MainWindow::ProjectionsPageIndex);
            auto* page = window.projectionsPage();
            QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
            page->selectProjection(QStringLiteral("user_view"));
            QTRY_VERIFY(page->rebuildButton()->toolTip().contains(QStringLiteral("is not an operator")));
            QVERIFY(page->rebuildButton()->toolTip().contains(QStringLiteral("acci-admin grant operator")));
            QVERIFY(!page->rebuildButton()->isEnabled());
            QVERIFY(!page->resetButton()->isEnabled());
            QVERIFY(!page->findChild<QCheckBox*>(QStringLiteral("runCatchUp"))->isEnabled());
        }
        {
            MainWindow window(QString::fromStdString(m_db->conninfo() + " user=" + operatorRole));
            window.show();
            window.showPage(MainWindow::ProjectionsPageIndex);
            auto* page = window.projectionsPage();
            QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
            page->selectProjection(QStringLiteral("user_view"));
            QTRY_VERIFY(page->rebuildButton()->isEnabled());
            QVERIFY(page->resetButton()->isEnabled());
        }
        for (const auto& role : { reader, operatorRole }) {
            m_db->exec("DROP OWNED BY " + role);
            m_db->exec("DROP ROLE " + role);
        }
    }
};

QTEST_MAIN(TestAdminGui)
#include "tst_admin_gui.moc"

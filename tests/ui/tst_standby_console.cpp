// The console pointed at a hot standby, offscreen, against a real primary and its streaming
// standby (ReplicaPair): browsing and the live tail (by polling) on the standby, actions routed
// to the primary when the connection string names one, disabled with the reason when it does
// not, and the replay delay in the status bar and the lag chart. Least-privilege roles only.
#include <QtTest>

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

#include <pqxx/pqxx>

#include "ReplicaPair.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/store/EventStore.hpp"
#include "charts/LagChart.hpp"
#include "models/GlobalLogModel.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "session/ConnectionProfile.hpp"
#include "session/ConnectionSession.hpp"
#include "window/MainWindow.hpp"
#include "workers/LiveTail.hpp"
#include "workers/MetricsPoller.hpp"

using namespace acci;
using namespace acci::ui;
using Role = acci::testing::ReplicaPair::Role;

namespace {

QString statusText(const MainWindow& window, const char* name)
{
    const auto* label = window.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QString();
}

void appendProbe(const testing::ReplicaPair& pair, const std::string& id)
{
    auto connection = pair.connectPrimary(Role::Writer);
    store::EventStore eventStore(*connection);
    store::NewEvent event;
    event.eventType = "StandbyProbe";
    event.data = { { "id", id } };
    eventStore.append(id, "Probe", 0, { event });
}

long long countOnPrimary(const testing::ReplicaPair& pair, const std::string& sql)
{
    auto connection = pair.connectPrimary();
    return pqxx::nontransaction(*connection).exec1(sql)[0].as<long long>();
}

} // namespace

class TestStandbyConsole : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::ReplicaPair> m_pair;

private slots:
    void init()
    {
        m_pair = std::make_unique<testing::ReplicaPair>();
        {
            auto connection = m_pair->connectPrimary(Role::Owner);
            store::EventStore eventStore(*connection);
            demo::fillDemoData(eventStore, 2000, 2);
        }
        m_pair->waitForReplay();
    }
    void cleanup() { m_pair.reset(); }

    void aReaderBrowsesTheStandbyAndTheTailFollowsByPolling()
    {
        MainWindow window(QString::fromStdString(m_pair->standby(Role::Reader)));
        window.session()->tail()->setPollIntervalMs(200);
        window.show();
        window.showPage(MainWindow::LogPageIndex);
        auto* log = window.logPage();
        const long long total = countOnPrimary(*m_pair, "SELECT count(*) FROM events");
        QTRY_COMPARE(static_cast<long long>(log->model()->rowCount()), total);
        QTRY_VERIFY(window.session()->onStandby());
        QTRY_VERIFY(statusText(window, "serverRoleLabel").startsWith(QStringLiteral("standby")));
        // LISTEN is refused on a standby: the tail polls, and says so.
        QTRY_COMPARE(statusText(window, "liveLabel"), QStringLiteral("● live (polling)"));
        QCOMPARE(window.session()->tail()->mode(), LiveTail::Mode::Polling);

        // An event committed on the primary shows on the standby's log once replayed.
        appendProbe(*m_pair, "probe-tail");
        m_pair->waitForReplay();
        QTRY_COMPARE_WITH_TIMEOUT(static_cast<long long>(log->model()->rowCount()), total + 1, 5000);
        QTRY_VERIFY(log->model()->rowAt(static_cast<int>(total)) != nullptr);
        QCOMPARE(log->model()->rowAt(static_cast<int>(total))->event.eventType, std::string("StandbyProbe"));
    }

    void withOnlyAStandbyActionsAreDisabledWithTheReason()
    {
        // An operator, but the string leads to the standby alone: nowhere to send a write.
        MainWindow window(QString::fromStdString(m_pair->standby(Role::Operator)));
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* page = window.projectionsPage();
        QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
        page->selectProjection(QStringLiteral("user_view"));
        QTRY_VERIFY(!window.session()->actionsAvailable());
        QVERIFY(window.session()->actionsUnavailableReason().startsWith(
            QStringLiteral("Connected to a standby; actions need the primary")));
        QTRY_VERIFY(page->rebuildButton()->toolTip().contains(QStringLiteral("actions need the primary")));
        QVERIFY(!page->rebuildButton()->isEnabled());
        QVERIFY(!page->resetButton()->isEnabled());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("readOnlyLabel"))->isVisible());
    }

    void anActionGoesToThePrimaryWhileBrowsingTheStandby()
    {
        // Both hosts, standby preferred: browsing on the standby, the reset on the primary.
        const ConnectionProfile profile(QString::fromStdString(m_pair->multiHost(Role::Operator)));
        MainWindow window(profile);
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* page = window.projectionsPage();
        QTRY_VERIFY(window.session()->onStandby());
        QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
        page->selectProjection(QStringLiteral("user_view"));
        QTRY_VERIFY2(window.session()->actionsAvailable(), qPrintable(window.session()->actionsUnavailableReason()));
        QTRY_VERIFY(page->resetButton()->isEnabled());
        page->resetButton()->click();
        const auto resetButton = [&]() -> QAbstractButton* {
            for (auto* box : window.findChildren<QMessageBox*>(QStringLiteral("confirmBox")))
                for (auto* button : box->buttons())
                    if (button->text() == QStringLiteral("Reset") && box->isVisible())
                        return button;
            return nullptr;
        };
        QTRY_VERIFY(resetButton() != nullptr);
        resetButton()->click();
        QTRY_COMPARE(countOnPrimary(
                         *m_pair, "SELECT count(*) FROM console_audit WHERE action = 'reset' AND target = 'user_view'"),
            1LL);
        // The audit row was written by the operator on the primary, and replays to the standby.
        m_pair->waitForReplay();
        auto standby = m_pair->connectStandby(Role::Reader);
        QCOMPARE(pqxx::nontransaction(*standby)
                     .exec1("SELECT count(*) FROM console_audit WHERE action = 'reset'")[0]
                     .as<long long>(),
            1LL);
    }

    void anExplicitPrimaryTakesTheActions()
    {
        const auto profile = ConnectionProfile(QString::fromStdString(m_pair->standby(Role::Operator)))
                                 .withPrimary(QString::fromStdString(m_pair->primary(Role::Operator)));
        MainWindow window(profile);
        window.show();
        window.showPage(MainWindow::ProjectionsPageIndex);
        QTRY_VERIFY(window.session()->onStandby());
        QTRY_VERIFY2(window.session()->actionsAvailable(), qPrintable(window.session()->actionsUnavailableReason()));
        // An operator (not a writer): the projection actions are on, at the primary.
        auto* page = window.projectionsPage();
        QTRY_VERIFY(page->projectionsModel()->rowCount() > 0);
        page->selectProjection(QStringLiteral("user_view"));
        QTRY_VERIFY(page->rebuildButton()->isEnabled());
        QVERIFY(page->resetButton()->isEnabled());
    }

    void theReplayDelayIsShownAndCharted()
    {
        MainWindow window(QString::fromStdString(m_pair->standby(Role::Reader)));
        window.show();
        window.showPage(MainWindow::MonitoringPageIndex);
        window.poller()->setInterval(200);
        QTRY_VERIFY(window.poller()->serverRole().has_value());
        QVERIFY(window.poller()->serverRole()->standby);
        // Replay paused while the primary commits: the standby falls behind, and says so.
        {
            auto standby = m_pair->connectStandby();
            pqxx::nontransaction(*standby).exec("SELECT pg_wal_replay_pause()");
        }
        appendProbe(*m_pair, "probe-delay");
        QTest::qWait(1500);
        appendProbe(*m_pair, "probe-delay-2");
        QTRY_VERIFY_WITH_TIMEOUT(window.poller()->serverRole()->replayDelaySeconds.value_or(0) > 0.5, 10000);
        QTRY_VERIFY(statusText(window, "serverRoleLabel").contains(QStringLiteral("behind")));
        QTRY_VERIFY(window.monitoringPage()->lagChart()->drawnSeries().contains(
            QStringLiteral("standby replay delay (seconds)")));
        {
            auto standby = m_pair->connectStandby();
            pqxx::nontransaction(*standby).exec("SELECT pg_wal_replay_resume()");
        }
        m_pair->waitForReplay();
        QTRY_COMPARE_WITH_TIMEOUT(window.poller()->serverRole()->replayDelaySeconds.value_or(-1), 0.0, 10000);
    }
};

QTEST_MAIN(TestStandbyConsole)
#include "tst_standby_console.moc"

// The console's connection session on a real server: one connection per purpose, named for
// the DBA, a slow query in one place never delaying another, and a role whose connection
// limit is lower than the session's needs still browsing, with a clear sentence where it
// cannot act.
#include <QtTest>

#include <QElapsedTimer>
#include <QLabel>

#include <pqxx/pqxx>

#include "TestDatabase.hpp"
#include "acci/store/EventStore.hpp"
#include "models/GlobalLogModel.hpp"
#include "pages/LogPage.hpp"
#include "session/ConnectionSession.hpp"
#include "window/MainWindow.hpp"
#include "workers/LiveTail.hpp"

using namespace acci;
using namespace acci::ui;

class TestSession : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;

    // The application names of the console's connections open to the test database now
    // (not the test's own, which may still be closing).
    QStringList connectionsNamed() const
    {
        auto connection = m_db->connect();
        pqxx::nontransaction query(*connection);
        QStringList names;
        for (const auto& row : query.exec_params("SELECT application_name FROM pg_stat_activity"
                                                 " WHERE datname = $1 AND pid <> pg_backend_pid()"
                                                 " AND application_name LIKE 'acci-console%'"
                                                 " ORDER BY application_name",
                 m_db->name()))
            names << QString::fromUtf8(row[0].c_str());
        return names;
    }

    // Runs `sql` on a worker; the result (or the error) lands in `answer`.
    static void ask(DatabaseWorker* worker, QObject* context, const std::string& sql, QString& answer)
    {
        worker->run<QString>(
            context,
            [sql](pqxx::connection& connection) {
                return QString::fromUtf8(pqxx::nontransaction(connection).exec1(sql)[0].c_str());
            },
            [&answer](const QString& value) { answer = value; },
            [&answer](const QString& message) { answer = QStringLiteral("error: ") + message; });
    }

private slots:
    void init() { m_db = std::make_unique<testing::TestDatabase>(); }
    void cleanup() { m_db.reset(); }

    void eachPurposeHasItsOwnNamedConnection()
    {
        ConnectionSession session(ConnectionProfile(QString::fromStdString(m_db->conninfo())));
        QTRY_COMPARE(session.state(), DatabaseWorker::State::Connected);
        QTRY_COMPARE(connectionsNamed(),
            QStringList({ QStringLiteral("acci-console browse"), QStringLiteral("acci-console log"),
                QStringLiteral("acci-console monitor") }));
        // The actions connection opens with the first action, not before.
        QString answer;
        ask(session.actions(), this, "SELECT current_setting('application_name')", answer);
        QTRY_COMPARE(answer, QStringLiteral("acci-console actions"));
        session.startLive();
        QTRY_VERIFY(session.tail()->isListening());
        QTRY_VERIFY(connectionsNamed().contains(QStringLiteral("acci-console tail")));
    }

    void aSlowLogQueryNeverDelaysTheBrowser()
    {
        ConnectionSession session(ConnectionProfile(QString::fromStdString(m_db->conninfo())));
        QTRY_COMPARE(session.state(), DatabaseWorker::State::Connected);
        QObject logView;
        QString slow;
        ask(session.log(), &logView, "SELECT pg_sleep(30)::text", slow);
        QTRY_VERIFY(!session.log()->idle());
        QElapsedTimer clock;
        clock.start();
        QString quick;
        ask(session.browse(), this, "SELECT 'browsed'", quick);
        QTRY_COMPARE(quick, QStringLiteral("browsed"));
        QVERIFY2(clock.elapsed() < 5000, "the browser waited behind the log");
        QVERIFY(slow.isEmpty()); // still sleeping on its own connection
        session.log()->cancelRunning(&logView);
        QTRY_VERIFY(session.log()->idle());
    }

    // A statement_timeout (or a DBA's pg_cancel_backend) is not the console's own cancel:
    // run once more, then reported like any error, never dropped in silence.
    void aServerSideCancelIsReported()
    {
        ConnectionSession session(
            ConnectionProfile(QString::fromStdString(m_db->conninfo() + " options='-c statement_timeout=200'")));
        QTRY_COMPARE(session.state(), DatabaseWorker::State::Connected);
        QString answer;
        ask(session.browse(), this, "SELECT pg_sleep(2)::text", answer);
        QTRY_VERIFY_WITH_TIMEOUT(!answer.isEmpty(), 10000);
        QVERIFY2(answer.startsWith(QLatin1String("error: ")) && answer.contains(QLatin1String("timeout")),
            qPrintable(answer));
        QVERIFY(session.browse()->idle());
    }

    // The server drops every connection of the console: each comes back, and the log shows
    // its rows again without the user pressing F5.
    void everyPageComesBackAfterTheServerDropsUs()
    {
        {
            auto connection = m_db->connect();
            store::NewEvent happened;
            happened.eventType = "Happened";
            store::EventStore(*connection)
                .append("back-1", "Thing", store::ExpectedVersion::Any, { happened, happened });
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        QTRY_VERIFY(window.logPage()->model()->isOpen());
        QTRY_COMPARE(window.logPage()->model()->rowCount(), 2);
        m_db->exec(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'acci-console%'");
        QTRY_VERIFY_WITH_TIMEOUT(window.banner()->isVisible() || !window.logPage()->model()->isOpen(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.banner()->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->model()->isOpen(), 20000);
        QTRY_COMPARE(window.logPage()->model()->rowCount(), 2);
    }

    void aRoleWithFewConnectionsStillBrowses()
    {
        const std::string role = m_db->name() + "_few";
        m_db->exec("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 3");
        m_db->exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        {
            ConnectionSession session(ConnectionProfile(QString::fromStdString(m_db->conninfo() + " user=" + role)));
            QTRY_COMPARE(session.state(), DatabaseWorker::State::Connected);
            QString browsed;
            ask(session.browse(), this, "SELECT 'browsed'", browsed);
            QTRY_COMPARE(browsed, QStringLiteral("browsed"));
            // Browse, log and monitor use the three; an action says why it cannot run.
            QTRY_COMPARE(connectionsNamed().size(), 3);
            QString acted;
            ask(session.actions(), this, "SELECT 'acted'", acted);
            QTRY_VERIFY(!acted.isEmpty());
            QVERIFY2(acted.startsWith(QLatin1String("error: ")) && acted.contains(QLatin1String("connection")),
                qPrintable(acted));
            QCOMPARE(session.state(), DatabaseWorker::State::Connected); // the banner stays down
        }
        m_db->exec("DROP OWNED BY " + role);
        m_db->exec("DROP ROLE " + role);
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"

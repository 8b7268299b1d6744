// acci-admin projections run, unattended: the server it runs against stops and starts again,
// and the runner waits, reconnects and catches up; SIGTERM still stops it promptly while it
// waits; a refused login or a database without the schema still ends it with exit 1. On a
// private server (LocalPostgres): the shared test server must not be stopped.
#include <QtTest>

#include <QElapsedTimer>
#include <QProcess>

#include <filesystem>
#include <optional>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "AdminProcess.hpp"
#include "UserViewCheck.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"

using namespace acci;

namespace {

// user_view's rows, or -1 while the server cannot be read (stopped, starting).
long long userRows(const std::string& conninfo)
{
    try {
        auto connection = store::connect(conninfo, "tst_projection_runner");
        pqxx::nontransaction query(*connection);
        return query.exec1("SELECT count(*) FROM user_view")[0].as<long long>();
    } catch (const std::exception&) {
        return -1;
    }
}

} // namespace

class TestProjectionRunner : public QObject {
    Q_OBJECT
    std::string m_dir = "/tmp/acci-tst-runner-" + std::to_string(::getpid());

private slots:
    void cleanupTestCase()
    {
        local::LocalPostgres::stopIn(m_dir);
        std::filesystem::remove_all(m_dir);
    }

    void waitsOutAServerRestartAndCatchesUp()
    {
        std::optional<local::LocalPostgres> server;
        server.emplace(local::LocalPostgres::Options { m_dir, "runner" });
        const int port = server->port(); // the restarted server keeps it, so the address stays
        const std::string conninfo = server->conninfo();
        const auto migrate = testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, { "migrate" });
        QVERIFY2(migrate.status == 0, qPrintable(migrate.err));
        {
            auto connection = store::connect(conninfo);
            testing::insertUserEvents(*connection, 10, 0, "before");
        }

        QProcess runner;
        QString err;
        connect(&runner, &QProcess::readyReadStandardError, this,
            [&] { err += QString::fromUtf8(runner.readAllStandardError()); });
        runner.start(QStringLiteral(ACCI_ADMIN_PATH),
            { "--db", QString::fromStdString(conninfo), "projections", "run", "--interval", "1" });
        QVERIFY(runner.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(userRows(conninfo), 10LL, 30000);

        server->stop();
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains(QLatin1String("lost the connection")), qPrintable(err), 20000);
        // The sentence says what happened: not libpqxx's "Connection to database failed".
        QVERIFY2(!err.contains(QLatin1String("Connection to database failed")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("at most every 30 s")), qPrintable(err));
        QTest::qWait(2500); // a few attempts fail while the server is down
        QCOMPARE(runner.state(), QProcess::Running);
        QCOMPARE(err.count(QLatin1String("lost the connection")), 1); // said once, not once per attempt

        server.emplace(local::LocalPostgres::Options { m_dir, "runner", false, port });
        {
            auto connection = store::connect(conninfo);
            testing::insertUserEvents(*connection, 5, 0, "after");
        }
        QTRY_COMPARE_WITH_TIMEOUT(userRows(conninfo), 15LL, 60000);
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains(QLatin1String("connected again")), qPrintable(err), 5000);
        QCOMPARE(runner.state(), QProcess::Running);
        {
            // Applied once each: the checkpoint went on from where the first run committed.
            auto connection = store::connect(conninfo);
            pqxx::nontransaction query(*connection);
            QCOMPARE(
                query.exec1("SELECT events_processed FROM projection_checkpoints WHERE projection = 'user_view'")[0]
                    .as<long long>(),
                15LL);
        }

        // Lost again, and stopped while it waits: SIGTERM ends it at once, with status 0.
        server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(err.count(QLatin1String("lost the connection")), 2, 20000);
        QTest::qWait(1500); // inside the back-off (1 s, then 2 s)
        QCOMPARE(runner.state(), QProcess::Running);
        QElapsedTimer stopping;
        stopping.start();
        runner.terminate();
        QVERIFY(runner.waitForFinished(5000));
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
        err += QString::fromUtf8(runner.readAllStandardError());
        QCOMPARE(runner.exitStatus(), QProcess::NormalExit);
        QCOMPARE(runner.exitCode(), 0);
        QVERIFY2(err.trimmed().endsWith(QLatin1String("stopped")), qPrintable(err));
    }

    // What waiting cannot fix ends the runner at once with its sentence and exit 1.
    void aRefusedLoginOrAMissingSchemaStillEndsIt()
    {
        local::LocalPostgres server(local::LocalPostgres::Options { m_dir, "runner" });
        const auto run = [](const std::string& conninfo) {
            return testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, { "projections", "run" });
        };
        const auto noRole = run(server.conninfo() + " user=no_such_role");
        QCOMPARE(noRole.status, 1);
        QVERIFY2(noRole.err.contains(QLatin1String("Could not connect to the database")), qPrintable(noRole.err));
        QVERIFY2(noRole.err.contains(QLatin1String("no_such_role")), qPrintable(noRole.err));

        const auto noSchema = run(server.conninfoFor("postgres"));
        QCOMPARE(noSchema.status, 1);
        QVERIFY2(noSchema.err.contains(QLatin1String("acci-admin migrate")), qPrintable(noSchema.err));
    }
};

QTEST_GUILESS_MAIN(TestProjectionRunner)
#include "tst_projection_runner.moc"

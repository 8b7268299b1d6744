// LocalPostgres: a private cluster starts, serves, is adopted when already running, stops.
// As root (CI), this proves the server runs under an unprivileged account.
#include <QtTest>

#include <filesystem>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"

using namespace acci;

class TestLocalPostgres : public QObject {
    Q_OBJECT
    std::string m_dir = "/tmp/acci-tst-local-" + std::to_string(::getpid());

private slots:
    void cleanupTestCase()
    {
        local::LocalPostgres::stopIn(m_dir);
        std::filesystem::remove_all(m_dir);
    }

    void startsServesAndStops()
    {
        std::string conninfo;
        {
            local::LocalPostgres server({ m_dir, "demo_db" });
            conninfo = server.conninfo();
            QVERIFY(conninfo.find("host=" + std::filesystem::canonical(m_dir).string()) != std::string::npos);
            QVERIFY(server.port() > 0);
            auto connection = store::connect(conninfo);
            pqxx::nontransaction query(*connection);
            QCOMPARE(query.exec1("SELECT current_database()")[0].as<std::string>(), std::string("demo_db"));
            // Never root inside: PostgreSQL would refuse, and the files must not be root's.
            QVERIFY(query.exec1("SHOW listen_addresses")[0].as<std::string>().empty());
            QCOMPARE(local::LocalPostgres::runningConninfo(m_dir, "demo_db").value_or(""), conninfo);
        }
        // The destructor stopped it.
        QVERIFY(!local::LocalPostgres::runningConninfo(m_dir));
        QVERIFY_THROWS_EXCEPTION(std::exception, store::connect(conninfo));
    }

    void restartsOnExistingDataAndAdoptsARunningServer()
    {
        local::LocalPostgres first({ m_dir, "demo_db" });
        {
            auto connection = store::connect(first.conninfo());
            pqxx::nontransaction query(*connection);
            query.exec("CREATE TABLE IF NOT EXISTS kept (n int); INSERT INTO kept VALUES (1)");
        }
        first.detach();
        {
            local::LocalPostgres adopted({ m_dir, "demo_db" }); // already running: adopted
            QCOMPARE(adopted.port(), first.port());
            auto connection = store::connect(adopted.conninfo());
            pqxx::nontransaction query(*connection);
            QVERIFY(query.exec1("SELECT count(*) FROM kept")[0].as<int>() >= 1);
        }
        QVERIFY(!local::LocalPostgres::runningConninfo(m_dir)); // the adopter owned and stopped it
        QVERIFY(!local::LocalPostgres::stopIn(m_dir)); // nothing left to stop
    }

    void unreachableDirectoryGivesAClearError()
    {
        if (::geteuid() != 0)
            QSKIP("only root hands the directory to another account");
        const std::string closed = "/tmp/acci-closed-" + std::to_string(::getpid());
        std::filesystem::create_directories(closed);
        std::filesystem::permissions(closed, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
        try {
            local::LocalPostgres server({ closed + "/pg", "x" });
            QFAIL("a directory the server account cannot reach must be refused");
        } catch (const std::runtime_error& error) {
            QVERIFY(std::string(error.what()).find("cannot reach") != std::string::npos);
        }
        std::filesystem::remove_all(closed);
    }
};

QTEST_GUILESS_MAIN(TestLocalPostgres)
#include "tst_local_postgres.moc"

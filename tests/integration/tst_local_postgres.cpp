// LocalPostgres: a private cluster starts, serves, is adopted when already running, stops.
// As root (CI), this proves the server runs under an unprivileged account.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
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
        // Started again, it keeps its address: what was pointed at it reconnects.
        local::LocalPostgres restarted({ m_dir, "demo_db" });
        QCOMPARE(restarted.port(), first.port());
        QCOMPARE(restarted.conninfo(), first.conninfo());
    }

    // /tmp is shared: a directory someone planted where we would put the server is refused,
    // and nothing is done to what it points at.
    void aPlantedDirectoryIsRefused()
    {
        namespace fs = std::filesystem;
        const std::string base = "/tmp/acci-planted-" + std::to_string(::getpid());
        fs::create_directories(base + "/target");
        fs::permissions(base, fs::perms::owner_all | fs::perms::others_exec, fs::perm_options::replace);
        struct stat before { };
        QCOMPARE(::stat((base + "/target").c_str(), &before), 0);
        fs::create_directory_symlink(base + "/target", base + "/link");
        fs::create_directories(base + "/open");
        fs::permissions(base + "/open", fs::perms::all, fs::perm_options::replace);
        const auto refused = [](const std::string& directory, const char* why) {
            try {
                local::LocalPostgres server({ directory, "x" });
                QFAIL(qPrintable(QString::fromStdString(directory) + QStringLiteral(" was used")));
            } catch (const std::runtime_error& error) {
                QVERIFY2(std::string(error.what()).find(why) != std::string::npos, error.what());
            }
        };
        refused(base + "/link", "symbolic link");
        refused(base + "/link/", "symbolic link"); // a trailing slash once followed the link
        refused(base + "/link/.", "symbolic link");
        refused(base + "/open", "other users may write");
        refused(base + "/a,b", "comma"); // libpq would read two hosts, and wait for neither
        struct stat after { };
        QCOMPARE(::stat((base + "/target").c_str(), &after), 0);
        QCOMPARE(after.st_uid, before.st_uid); // not handed to the server account
        QCOMPARE(after.st_mode, before.st_mode);
        QVERIFY(!fs::exists(base + "/target/data"));
        fs::remove_all(base);
    }

    // No shell between us and the server: a path is a path. And the server gets a minimal
    // environment, without our secrets.
    void shellCharactersAndSecretsStayOutOfTheServer()
    {
        namespace fs = std::filesystem;
        const std::string base = "/tmp/acci-odd-" + std::to_string(::getpid());
        const std::string marker = base + "/ran";
        fs::create_directories(base);
        fs::permissions(base, fs::perms::owner_all | fs::perms::others_exec, fs::perm_options::replace);
        const std::string odd = base + "/pg $(touch " + marker + ") 'q' \"d\"";
        ::setenv("PGPASSWORD", "never-in-the-server", 1);
        {
            local::LocalPostgres server({ odd, "x" });
            auto connection = store::connect(server.conninfo());
            pqxx::nontransaction query(*connection);
            QCOMPARE(query.exec1("SELECT 1")[0].as<int>(), 1);
            // The postmaster's: its children overwrite theirs with their process titles.
            std::ifstream pidFile(server.directory() + "/data/postmaster.pid");
            std::string pid;
            std::getline(pidFile, pid);
            std::ifstream environ("/proc/" + pid + "/environ");
            std::string environment((std::istreambuf_iterator<char>(environ)), std::istreambuf_iterator<char>());
            QVERIFY2(environment.find("LC_ALL=C.UTF-8") != std::string::npos, environment.c_str());
            QVERIFY(environment.find("never-in-the-server") == std::string::npos);
            QVERIFY(environment.find("PGPASSWORD") == std::string::npos);
        }
        ::unsetenv("PGPASSWORD");
        QVERIFY(!fs::exists(marker));
        QVERIFY(!local::LocalPostgres::runningConninfo(odd));
        fs::remove_all(base);
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

#include "TestDatabase.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::testing {

namespace {

    // The private server, when the environment names none: started on first use and stopped
    // when the test process exits (static destruction).
    struct PrivateServer {
        std::string directory;
        std::unique_ptr<local::LocalPostgres> server;
        ~PrivateServer()
        {
            server.reset();
            std::error_code ignored;
            std::filesystem::remove_all(directory, ignored);
        }
    };

} // namespace

std::string withDatabase(const std::string& conninfo, const std::string& database)
{
    if (conninfo.rfind("postgres://", 0) == 0 || conninfo.rfind("postgresql://", 0) == 0)
        return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + "dbname=" + database;
    return conninfo + " dbname=" + database;
}

std::string testServerConninfo()
{
    if (const char* url = std::getenv("ACCI_TEST_DATABASE_URL"); url && *url)
        return url;
    static std::mutex mutex;
    static PrivateServer instance;
    std::lock_guard lock(mutex);
    if (!instance.server) {
        instance.directory = "/tmp/acci-test-" + std::to_string(::getpid());
        instance.server
            = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { instance.directory, "postgres" });
    }
    return instance.server->conninfo();
}

TestDatabase::TestDatabase(Schema schema, const std::string& encoding)
{
    static std::atomic<int> counter { 0 };
    m_name = "acci_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const std::string server = testServerConninfo();
    {
        pqxx::connection admin(server);
        pqxx::nontransaction query(admin);
        query.exec("DROP DATABASE IF EXISTS " + query.quote_name(m_name));
        std::string create = "CREATE DATABASE " + query.quote_name(m_name);
        if (!encoding.empty())
            create += " TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' ENCODING " + query.quote(encoding);
        query.exec(create);
    }
    m_conninfo = withDatabase(server, m_name);
    if (schema == Schema::Migrated) {
        auto connection = connect();
        store::migrate(*connection);
    }
}

TestDatabase::~TestDatabase()
{
    try {
        pqxx::connection admin(testServerConninfo());
        pqxx::nontransaction query(admin);
        query.exec("DROP DATABASE IF EXISTS " + query.quote_name(m_name) + " WITH (FORCE)");
    } catch (...) {
        // The server may be gone already; the database goes with it.
    }
}

std::unique_ptr<pqxx::connection> TestDatabase::connect() const
{
    return store::connect(m_conninfo, "acci-test");
}

void TestDatabase::exec(const std::string& sql) const
{
    auto connection = connect();
    pqxx::nontransaction query(*connection);
    query.exec(sql);
}

long long TestDatabase::count(const std::string& sql) const
{
    auto connection = connect();
    pqxx::nontransaction query(*connection);
    return query.exec1(sql)[0].as<long long>();
}

} // namespace acci::testing

#pragma once

#include <memory>
#include <string>

#include <pqxx/connection>

namespace acci::testing {

// A fresh, empty database for one test, on a real PostgreSQL: the server named by
// ACCI_TEST_DATABASE_URL (scripts/test starts one), else a private server this process starts
// once in a temporary directory. Dropped when the object goes away.
class TestDatabase {
public:
    enum class Schema { Migrated, Empty };

    // `encoding`, when given, is the database's (ENCODING 'LATIN1' …, from template0 with
    // the C locale, which every encoding accepts); else the server's default, UTF8.
    explicit TestDatabase(Schema schema = Schema::Migrated, const std::string& encoding = {});
    ~TestDatabase();

    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& conninfo() const { return m_conninfo; }
    const std::string& name() const { return m_name; }
    std::unique_ptr<pqxx::connection> connect() const;

    // Runs SQL with no parameters, for fixtures.
    void exec(const std::string& sql) const;
    long long count(const std::string& sqlReturningOneNumber) const;

private:
    std::string m_name;
    std::string m_conninfo;
};

// The connection string of the test server's maintenance database.
std::string testServerConninfo();

// A conninfo (key=value or URI) with the database replaced.
std::string withDatabase(const std::string& conninfo, const std::string& database);

} // namespace acci::testing

#include "store/OnlineDdl.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "acci/store/Errors.hpp"

namespace acci::store::detail {

namespace {

    // A writer queued behind our lock request waits at most this long for one attempt.
    const char* lockTimeout = "300ms";
    // About two minutes of attempts before giving up on a lock.
    constexpr int lockAttempts = 120;

    bool lockNotGranted(const pqxx::sql_error& error)
    {
        return error.sqlstate() == "55P03"; // lock_not_available: lock_timeout expired
    }

} // namespace

SessionMigrationLock::SessionMigrationLock(pqxx::connection& connection, const std::function<void()>& onWait)
    : m_connection(connection)
{
    pqxx::nontransaction query(connection);
    if (query.exec_params1("SELECT pg_try_advisory_lock($1)", migrationLockKey)[0].as<bool>())
        return;
    if (onWait)
        onWait();
    query.exec_params("SELECT pg_advisory_lock($1)", migrationLockKey);
}

SessionMigrationLock::~SessionMigrationLock()
{
    try {
        pqxx::nontransaction query(m_connection);
        query.exec_params("SELECT pg_advisory_unlock($1)", migrationLockKey);
    } catch (...) {
        // A broken connection has released it with the backend.
    }
}

void withShortLocks(pqxx::connection& connection, const std::string& what, const std::function<void(pqxx::work&)>& step)
{
    for (int attempt = 1;; ++attempt) {
        try {
            pqxx::work tx(connection);
            tx.exec(std::string("SET LOCAL lock_timeout = '") + lockTimeout + "'");
            step(tx);
            tx.commit();
            return;
        } catch (const pqxx::sql_error& error) {
            if (!lockNotGranted(error))
                throw;
            if (attempt >= lockAttempts)
                throw StoreError("The upgrade could not lock the table for " + what
                    + ": a long transaction kept it busy for minutes; end that transaction, then run "
                      "'acci-admin migrate' again to continue.");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100 * attempt, 1000)));
    }
}

void buildIndexConcurrently(
    pqxx::connection& connection, const std::string& name, const std::string& definition, bool unique)
{
    pqxx::nontransaction query(connection);
    const auto found = query.exec_params(
        "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)", query.quote_name(name));
    if (!found.empty()) {
        if (found[0][0].as<bool>())
            return;
        query.exec("DROP INDEX CONCURRENTLY IF EXISTS " + query.quote_name(name));
    }
    query.exec(std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
        + query.quote_name(name) + " " + definition);
}

void dropIndexConcurrently(pqxx::connection& connection, const std::string& name)
{
    pqxx::nontransaction query(connection);
    query.exec("DROP INDEX CONCURRENTLY IF EXISTS " + query.quote_name(name));
}

} // namespace acci::store::detail

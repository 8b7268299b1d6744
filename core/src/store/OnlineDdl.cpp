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

    // The oldest transactions holding a lock on events, named for the message.
    std::string eventsLockHolders(pqxx::connection& connection)
    {
        try {
            pqxx::nontransaction query(connection);
            std::string names;
            for (const auto& row :
                query.exec("SELECT a.pid, coalesce(a.application_name, ''),"
                           " coalesce(extract(epoch from now() - a.xact_start)::bigint, 0)"
                           " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                           " WHERE l.locktype = 'relation' AND l.relation = 'events'::regclass AND l.granted"
                           " AND l.pid <> pg_backend_pid() ORDER BY a.xact_start LIMIT 3")) {
                names += std::string(names.empty() ? "" : ", ") + "pid " + row[0].c_str();
                if (row[1].size() > 0)
                    names += " (" + std::string(row[1].c_str()) + ")";
                names += std::string(" open ") + row[2].c_str() + " s";
            }
            return names.empty() ? std::string("none holds it now") : "oldest: " + names;
        } catch (const std::exception&) {
            return "their sessions could not be read";
        }
    }

} // namespace

SessionMigrationLock::SessionMigrationLock(pqxx::connection& connection, const std::function<void()>& onWait)
    : m_connection(connection)
{
    // Polled, never waited for inside a statement: a CREATE INDEX CONCURRENTLY of the migrator
    // that holds the lock waits for every open transaction, ours included, and a blocking
    // pg_advisory_lock here would be one, a deadlock.
    for (bool first = true;; first = false) {
        {
            pqxx::nontransaction query(connection);
            if (query.exec_params1("SELECT pg_try_advisory_lock($1)", migrationLockKey)[0].as<bool>())
                return;
        }
        if (first && onWait)
            onWait();
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
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
                    + " in two minutes of short attempts: transactions kept using it (" + eventsLockHolders(connection)
                    + "); end the long ones or pause the writers a moment, then run 'acci-admin migrate' again "
                      "to continue.");
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

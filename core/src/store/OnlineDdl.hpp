#pragma once

// Schema changes on a table that others keep writing: short locks, retried, and index builds
// that do not block writers. Used by the online upgrade of the guide's schema.
#include <functional>
#include <string>

#include <pqxx/connection>
#include <pqxx/transaction>

namespace acci::store::detail {

// The key of the migration lock (transaction-level in migrate(), session-level here).
constexpr long long migrationLockKey = 4242001;

// Holds the migration lock for this session until destroyed, across many transactions.
// `onWait` is called once when another migration holds it and this one waits.
class SessionMigrationLock {
public:
    SessionMigrationLock(pqxx::connection& connection, const std::function<void()>& onWait);
    ~SessionMigrationLock();
    SessionMigrationLock(const SessionMigrationLock&) = delete;
    SessionMigrationLock& operator=(const SessionMigrationLock&) = delete;

private:
    pqxx::connection& m_connection;
};

// Runs `step` in a transaction whose lock waits are cut short (lock_timeout), again after a
// pause when a lock was not granted in time. A DDL statement waiting for its lock blocks every
// writer queued behind it, so a long wait would be the very outage this avoids; giving up and
// trying again keeps each writer's wait under the timeout. Throws StoreError naming `what`
// when the lock was never granted.
void withShortLocks(
    pqxx::connection& connection, const std::string& what, const std::function<void(pqxx::work&)>& step);

// Builds an index with CREATE [UNIQUE] INDEX CONCURRENTLY (outside any transaction), unless a
// valid one of that name exists. An interrupted concurrent build leaves an INVALID index
// behind, which would never be used nor rebuilt by IF NOT EXISTS: it is dropped first.
// `definition` is what follows "INDEX CONCURRENTLY name", e.g. "ON events (event_type)".
void buildIndexConcurrently(
    pqxx::connection& connection, const std::string& name, const std::string& definition, bool unique = false);

// Drops an index without blocking writers, if it exists.
void dropIndexConcurrently(pqxx::connection& connection, const std::string& name);

} // namespace acci::store::detail

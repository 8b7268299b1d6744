#pragma once

// A primary and its streaming hot standby, for tests of reading from a replica.
//
//     acci::testing::ReplicaPair pair;                  // a fresh migrated store, roles granted
//     auto writer = store::connect(pair.primary(ReplicaPair::Role::Writer));
//     ... append on the primary ...
//     pair.waitForReplay();                             // the standby has it now
//     auto reader = store::connect(pair.standby(ReplicaPair::Role::Reader));
//     // the console / acci-admin with pair.multiHost(Role::Operator): browses the standby,
//     // finds the primary for actions (target_session_attrs=prefer-standby)
//
// The two servers are private to the test process: started on first use in
// /tmp/acci-replica-<pid>/{primary,standby} (LocalPostgres, Unix sockets only; the standby made
// with pg_basebackup -R, hot_standby_feedback on), stopped and removed at exit.
// ACCI_TEST_DATABASE_URL is not used: a pair needs servers of its own. The primary runs with
// synchronous_commit on, so that waitForReplay() after a commit always covers it.
//
// Each ReplicaPair is one database, acci_replica_<pid>_<n>, dropped with the object, with the
// README's least-privilege login roles (no password; the sockets trust local users), named
// <database>_owner (owns the database and ran migrate), _writer, _reader and _operator
// (granted by the owner with store::grantAccess, as `acci-admin grant` does).
#include <chrono>
#include <memory>
#include <string>

#include <pqxx/connection>

namespace acci::testing {

class ReplicaPair {
public:
    enum class Role { Superuser, Owner, Writer, Reader, Operator };

    // Creates the database on the primary, migrates it as the owner, grants the roles, and
    // waits until the standby has all of it.
    ReplicaPair();
    ~ReplicaPair();

    ReplicaPair(const ReplicaPair&) = delete;
    ReplicaPair& operator=(const ReplicaPair&) = delete;

    const std::string& name() const { return m_name; } // the database
    std::string roleName(Role role) const; // "acci" for the superuser

    // key=value connection strings to this database, as `role`:
    std::string primary(Role role = Role::Superuser) const; // "host=<primary dir> port=P user=… dbname=…"
    std::string standby(Role role = Role::Superuser) const; // "host=<standby dir> port=S user=… dbname=…"
    // "host=<primary dir>,<standby dir> port=P,S user=… dbname=… target_session_attrs=<attrs>":
    // with prefer-standby, libpq picks the standby, and store::primaryConninfo finds the
    // primary among the same hosts for writes.
    std::string multiHost(Role role = Role::Superuser, const std::string& targetSessionAttrs = "prefer-standby") const;

    std::unique_ptr<pqxx::connection> connectPrimary(Role role = Role::Superuser) const;
    std::unique_ptr<pqxx::connection> connectStandby(Role role = Role::Superuser) const;

    // Runs SQL with no parameters on the primary as the superuser, for fixtures.
    void execOnPrimary(const std::string& sql) const;

    // Until the standby has replayed everything the primary wrote up to now (any database);
    // throws std::runtime_error with both WAL positions after `timeout`.
    void waitForReplay(std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

    // The two servers' directories (their sockets are there) and ports.
    static std::string primaryDirectory();
    static std::string standbyDirectory();
    static int primaryPort();
    static int standbyPort();

private:
    std::string m_name;
};

} // namespace acci::testing

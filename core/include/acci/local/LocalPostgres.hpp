#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace acci::local {

// A private PostgreSQL cluster in a directory: initdb on first use, then a server that listens
// only on a Unix socket in that directory (no TCP), on a free port. Run as root, it runs the
// server as an unprivileged user (PostgreSQL refuses root). Used by the tests, the benchmark,
// `acci-admin demo` and the console's demo mode.
class LocalPostgres {
public:
    struct Options {
        std::string directory; // created when missing; holds data/, the socket and the logs
        std::string database = "acci"; // created when missing
        bool durable = false; // fsync and friends off unless asked: this is for tests and demos
        int port = 0; // 0: a free one; a fixed one lets a restarted server keep its address
        // More server settings, "name=value", after ours (a later one wins): e.g. TLS on TCP
        // for the tests of the console's padlock.
        std::vector<std::string> settings = {};
        // When set, the directory of another LocalPostgres (running): this server is then a
        // streaming hot standby of it, made on first use with `pg_basebackup -R` over the
        // primary's Unix socket (as the server account; initdb's pg_hba allows local
        // replication), with hot_standby and hot_standby_feedback on. `database` must already
        // exist on the primary: a standby cannot create it.
        std::string standbyOf = {};
    };

    // Starts the cluster in options.directory, or adopts the server already running there.
    // Throws std::runtime_error with a clear sentence and the server log's tail on failure.
    explicit LocalPostgres(Options options);
    // Stops the server unless detach() was called.
    ~LocalPostgres();

    LocalPostgres(const LocalPostgres&) = delete;
    LocalPostgres& operator=(const LocalPostgres&) = delete;

    // "host=<dir> port=<port> user=acci dbname=<database>"
    std::string conninfo() const { return conninfoFor(m_options.database); }
    std::string conninfoFor(const std::string& database) const;
    const std::string& directory() const { return m_options.directory; }
    int port() const { return m_port; }

    void stop();
    // Leaves the server running after this object goes away (acci-admin demo start).
    void detach() { m_owned = false; }

    // The connection string of the server running in a directory, if one runs there.
    static std::optional<std::string> runningConninfo(
        const std::string& directory, const std::string& database = "acci");
    // Stops the server running in a directory; false when none ran.
    static bool stopIn(const std::string& directory);

    bool isStandby() const { return !m_options.standbyOf.empty(); }

private:
    Options m_options;
    int m_port = 0;
    bool m_owned = true;
    bool m_running = false;
};

// Waits until the standby has replayed everything the primary has written so far
// (pg_last_wal_replay_lsn() on the standby reaches pg_current_wal_lsn() read on the primary
// when called). Throws std::runtime_error naming both positions when `timeout` passes first.
// Commits are in that WAL once they return when the primary runs with synchronous_commit on
// (ReplicaPair's does); with it off (the demo), a commit may reach the WAL up to
// wal_writer_delay later.
void waitForReplay(const std::string& primaryConninfo, const std::string& standbyConninfo,
    std::chrono::milliseconds timeout = std::chrono::seconds(30));

} // namespace acci::local

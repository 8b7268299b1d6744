#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace acci::store {

// The never-skip rule reads only below the oldest transaction still in flight anywhere in the
// cluster (pg_snapshot_xmin). A transaction that has an id and stays open (a session idle in a
// transaction, a forgotten prepared transaction, a long report in another database) stops the
// readable head for everyone: events committed after it wait. These are the figures and the
// names an operator needs to see that, and to end it.

// One transaction in flight that has a transaction id, so that it can hold the head back.
struct InFlightTransaction {
    std::string xid; // xid8, as text
    std::optional<int> pid; // none for a prepared transaction
    std::string preparedGid; // set for a prepared transaction
    std::string database;
    std::string role;
    std::string application;
    std::string clientAddress;
    std::string state; // pg_stat_activity's state, or "prepared"
    std::optional<double> transactionAgeSeconds; // since it began (or was prepared)
    std::optional<std::int64_t> queryStartUs;
    std::string query; // the current or last statement, cut at 1000 characters
    bool detailsHidden = false; // this role may not see the session's state, query and times
    bool wroteEvents = false; // holds a write lock on events: its own events are still to come
    std::int64_t eventsWaiting = 0; // committed events after it, which readers cannot see yet
    bool mayTerminate = false; // this role may end it (its own, pg_signal_backend, superuser)

    bool prepared() const { return !preparedGid.empty(); }
    bool holdsBackHead() const { return eventsWaiting > 0; }
    // "pid 4242 (role app, database shop, idle in transaction for 5 min)" or "prepared transaction 'gid' …".
    std::string describe() const;
    nlohmann::json toJson() const;
};

// The readable head held back: committed events that readers cannot see yet.
struct HeldBack {
    std::int64_t eventsWaiting = 0;
    double secondsWaiting = 0; // since the oldest waiting event was written
    std::string holderXid; // the oldest transaction in flight (pg_snapshot_xmin), when events wait
    std::string cause; // one sentence naming the holder; empty when nothing waits

    bool held() const { return eventsWaiting > 0; }
    nlohmann::json toJson() const;
};

struct InFlightReport {
    std::vector<InFlightTransaction> transactions; // oldest first
    HeldBack heldBack;
    bool seesAllSessions = true; // superuser or pg_read_all_stats
    bool canTerminate = false; // superuser or pg_signal_backend
    std::string hiddenNote; // what this role cannot see, and how to see it; empty when it sees all
    // Read on a hot standby: heldBack is what readers there see (its snapshot knows the
    // primary's transactions in flight), but the holders run on the primary, so transactions
    // stays empty; list them with inFlight() on a connection to the primary.
    bool standby = false;
    nlohmann::json toJson() const;
};

// Cheap enough for every status poll: a count over the index on (tx_id, global_position)
// above the readable head, and the oldest holder's name only when something waits.
HeldBack heldBack(pqxx::transaction_base& tx);

// Every transaction in flight with a transaction id, oldest first, with what it holds back.
InFlightReport inFlight(pqxx::connection& connection);

// The query with control characters escaped (\n, \x1b): fit for a terminal.
std::string printableQuery(const InFlightTransaction& transaction);

// The SQL a DBA runs to end it: pg_terminate_backend for a session, ROLLBACK PREPARED for a
// prepared transaction (to be run in its database).
std::string terminateStatement(const InFlightTransaction& transaction);

// Ends a session (pg_terminate_backend) or rolls back a prepared transaction of this
// database, and writes an audit row. Throws InvalidInputError with the reason when the role may
// not, when the transaction is gone, or when a prepared transaction belongs to another database.
void terminateInFlight(pqxx::connection& connection, const InFlightTransaction& transaction);

} // namespace acci::store

#include "acci/store/InFlight.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/store/Audit.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/Roles.hpp"
#include "store/RowParsing.hpp"

namespace acci::store {

using detail::epochMicros;
using detail::parseInt;

namespace {

    // "42 s", "5 min", "3 h 20 min": what an operator reads at a glance.
    std::string roughDuration(double seconds)
    {
        const auto whole = static_cast<long long>(std::llround(std::max(0.0, seconds)));
        if (whole < 120)
            return std::to_string(whole) + " s";
        if (whole < 7200)
            return std::to_string(whole / 60) + " min";
        return std::to_string(whole / 3600) + " h " + std::to_string(whole % 3600 / 60) + " min";
    }

    // What pg_stat_activity and pg_prepared_xacts tell this role about each holder `h` (x: its
    // transaction id as xid8; pid: its session, none for a prepared transaction).
    const std::string holderColumns = R"SQL(
       h.x::text, h.pid, p.gid, coalesce(a.datname, p.database::text, ''), coalesce(a.usename::text, p.owner::text, ''),
       coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),
       CASE WHEN p.gid IS NOT NULL THEN 'prepared' ELSE coalesce(a.state, '') END,
       extract(epoch from now() - coalesce(a.xact_start, p.prepared)),
       )SQL"
        + epochMicros("a.query_start") + R"SQL(, coalesce(left(a.query, 1000), ''),
       h.pid IS NOT NULL AND a.state IS NULL,
       EXISTS (SELECT 1 FROM pg_locks w
                WHERE w.locktype = 'relation' AND w.relation = 'events'::regclass AND w.mode = 'RowExclusiveLock'
                  AND w.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND (w.pid = h.pid OR (h.pid IS NULL AND w.pid IS NULL
                                         AND w.virtualtransaction = '-1/' || xid(h.x)::text))),
       CASE WHEN p.gid IS NOT NULL
            THEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                 OR (p.owner = current_user AND p.database = current_database())
            ELSE (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                 OR a.usename = current_user
                 OR (pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')
                     AND NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = a.usename), false))
       END
)SQL";

    const std::string holderJoins = R"SQL(
  LEFT JOIN pg_stat_activity a ON a.pid = h.pid
  LEFT JOIN pg_prepared_xacts p ON h.pid IS NULL AND p.transaction = xid(h.x)
)SQL";

    // One holder by id (the oldest in flight): its session through the lock every transaction
    // holds on its own id, which pg_locks shows to every role.
    const std::string oneHolder = R"SQL(
  (SELECT $1::xid8 AS x,
          (SELECT l.pid FROM pg_locks l
            WHERE l.locktype = 'transactionid' AND l.transactionid = xid($1::xid8) AND l.mode = 'ExclusiveLock'
              AND l.granted AND l.pid IS NOT NULL LIMIT 1) AS pid) h
)SQL";

    // Every transaction in flight with an id: sessions from their lock on their own id, prepared
    // transactions from pg_prepared_xacts. (pg_snapshot_xip would miss those that started after
    // the newest transaction to finish: they are at or above the snapshot's xmax.) The ids are
    // 32 bits there; each lies within 2^31 of the next id, which gives its epoch.
    const std::string allHolders = R"SQL(
WITH n AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::numeric AS nx),
ids AS (
    SELECT l.pid, l.transactionid AS x32 FROM pg_locks l
     WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted AND l.pid IS NOT NULL
    UNION ALL
    SELECT NULL, p.transaction FROM pg_prepared_xacts p
),
widened AS (
    SELECT pid, (c + CASE WHEN c > nx + 2147483648 THEN -4294967296
                          WHEN c < nx - 2147483648 THEN 4294967296 ELSE 0 END)::text::xid8 AS x
      FROM (SELECT ids.pid, floor(n.nx / 4294967296) * 4294967296 + ids.x32::text::numeric AS c, n.nx
              FROM ids, n) s
),
h AS ( -- a session's oldest id: its subtransactions' ids come after it
    SELECT DISTINCT ON (coalesce(pid::text, 'prepared ' || x::text)) x, pid
      FROM widened ORDER BY coalesce(pid::text, 'prepared ' || x::text), x
)
)SQL";

    // Names and queries are anybody's text: control characters would drive the terminal of
    // whoever reads `acci-admin in-flight`, so they are shown escaped.
    std::string printable(const std::string& text)
    {
        std::string out;
        out.reserve(text.size());
        for (const unsigned char c : text) {
            if (c == '\n') {
                out += "\\n";
            } else if (c < 0x20 || c == 0x7f) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
                out += escaped;
            } else {
                out += static_cast<char>(c);
            }
        }
        return out;
    }

    InFlightTransaction parseHolder(const pqxx::row& row)
    {
        InFlightTransaction t;
        t.xid = row[0].c_str();
        if (!row[1].is_null())
            t.pid = row[1].as<int>();
        if (!row[2].is_null())
            t.preparedGid = row[2].c_str();
        t.database = row[3].c_str();
        t.role = row[4].c_str();
        t.application = row[5].c_str();
        t.clientAddress = row[6].c_str();
        t.state = row[7].c_str();
        if (!row[8].is_null())
            t.transactionAgeSeconds = std::max(0.0, row[8].as<double>());
        if (!row[9].is_null())
            t.queryStartUs = parseInt<std::int64_t>(row[9]);
        t.query = row[10].c_str();
        t.detailsHidden = row[11].as<bool>();
        if (t.detailsHidden) { // PostgreSQL's "<insufficient privilege>" is not the query
            t.state.clear();
            t.query.clear();
        }
        t.wroteEvents = row[12].as<bool>();
        t.mayTerminate = !row[13].is_null() && row[13].as<bool>();
        return t;
    }

    std::string heldBackCause(
        const std::string& xid, const std::optional<InFlightTransaction>& holder, bool onStandby = false)
    {
        // A standby's snapshot knows the primary's transactions in flight, not their sessions.
        if (onStandby)
            return "Held back by transaction " + xid
                + ", in flight on the primary (this is a standby); end it there (acci-admin in-flight with "
                  "--primary names it).";
        if (!holder)
            return "Held back by transaction " + xid + ", which has just ended.";
        return "Held back by " + holder->describe()
            + "; end or terminate that transaction (see the transactions in flight).";
    }

} // namespace

std::string InFlightTransaction::describe() const
{
    std::string text = prepared() ? "prepared transaction '" + printable(preparedGid) + "'"
        : pid                     ? "pid " + std::to_string(*pid)
                                  : "transaction " + xid;
    std::string details = "role " + (role.empty() ? std::string("unknown") : printable(role));
    if (!database.empty())
        details += ", database " + printable(database);
    if (prepared()) {
        if (transactionAgeSeconds)
            details += ", prepared " + roughDuration(*transactionAgeSeconds) + " ago";
    } else if (detailsHidden) {
        details += ", its state hidden from this role";
    } else {
        if (!state.empty())
            details += ", " + state;
        if (transactionAgeSeconds)
            details += " for " + roughDuration(*transactionAgeSeconds);
    }
    if (!application.empty())
        details += ", application " + printable(application);
    return text + " (" + details + ")";
}

std::string printableQuery(const InFlightTransaction& transaction)
{
    return printable(transaction.query);
}

nlohmann::json InFlightTransaction::toJson() const
{
    nlohmann::json json = { { "xid", xid }, { "pid", pid ? nlohmann::json(*pid) : nlohmann::json(nullptr) },
        { "prepared_gid", prepared() ? nlohmann::json(preparedGid) : nlohmann::json(nullptr) },
        { "database", database }, { "role", role }, { "application", application },
        { "client_address", clientAddress.empty() ? nlohmann::json(nullptr) : nlohmann::json(clientAddress) },
        { "state", detailsHidden ? nlohmann::json(nullptr) : nlohmann::json(state) },
        { "transaction_age_seconds",
            transactionAgeSeconds ? nlohmann::json(*transactionAgeSeconds) : nlohmann::json(nullptr) },
        { "query_start_us", queryStartUs ? nlohmann::json(*queryStartUs) : nlohmann::json(nullptr) },
        { "query", detailsHidden ? nlohmann::json(nullptr) : nlohmann::json(query) },
        { "details_hidden", detailsHidden }, { "wrote_events", wroteEvents }, { "events_waiting", eventsWaiting },
        { "holds_back_head", holdsBackHead() }, { "may_terminate", mayTerminate },
        { "terminate_statement", terminateStatement(*this) } };
    return json;
}

nlohmann::json HeldBack::toJson() const
{
    return { { "events_waiting", eventsWaiting }, { "seconds_waiting", secondsWaiting },
        { "holder_xid", holderXid.empty() ? nlohmann::json(nullptr) : nlohmann::json(holderXid) }, { "cause", cause } };
}

nlohmann::json InFlightReport::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& transaction : transactions)
        list.push_back(transaction.toJson());
    return { { "held_back", heldBack.toJson() }, { "transactions", list }, { "sees_all_sessions", seesAllSessions },
        { "can_terminate", canTerminate }, { "hidden", hiddenNote }, { "standby", standby } };
}

namespace {

    // The waiting events' figures, with the oldest holder (the snapshot's xmin) named.
    HeldBack nameHolder(pqxx::transaction_base& tx, HeldBack result)
    {
        if (result.eventsWaiting == 0)
            return {};
        const auto holder = tx.exec_params(
            "SELECT " + holderColumns + ", pg_is_in_recovery() FROM " + oneHolder + holderJoins, result.holderXid);
        std::optional<InFlightTransaction> named;
        if (!holder.empty() && (!holder[0][1].is_null() || !holder[0][2].is_null()))
            named = parseHolder(holder[0]);
        result.cause = heldBackCause(result.holderXid, named, !holder.empty() && holder[0][14].as<bool>());
        return result;
    }

} // namespace

HeldBack heldBack(pqxx::transaction_base& tx)
{
    // Committed events this statement sees at or above the oldest transaction in flight:
    // exactly those the never-skip rule keeps from readers for now.
    const auto row = tx.exec1("SELECT count(*), extract(epoch from now() - min(timestamp)),"
                              " pg_snapshot_xmin(pg_current_snapshot())::text"
                              " FROM events WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())");
    HeldBack result;
    result.eventsWaiting = parseInt<std::int64_t>(row[0]);
    result.secondsWaiting = row[1].is_null() ? 0.0 : std::max(0.0, row[1].as<double>());
    result.holderXid = row[2].c_str();
    return nameHolder(tx, std::move(result));
}

InFlightReport inFlight(pqxx::connection& connection)
{
    InFlightReport report;
    // One snapshot for the waiting events and the head (the lock and activity views are live).
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
    const auto rights = tx.exec1("SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),"
                                 " pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER'),"
                                 " pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')");
    report.standby = tx.exec1("SELECT pg_is_in_recovery()")[0].as<bool>();
    const bool superuser = rights[0].as<bool>();
    report.seesAllSessions = superuser || rights[1].as<bool>();
    report.canTerminate = superuser || rights[2].as<bool>();
    if (!report.seesAllSessions)
        report.hiddenNote = "This role sees the state, query and age only of its own sessions; grant it "
                            "pg_read_all_stats to see every session's.";

    const auto rows = tx.exec(allHolders + "SELECT " + holderColumns + " FROM h " + holderJoins + " ORDER BY h.x");
    // Waiting events per committed transaction above the head, in one pass over the index;
    // each holder then counts those after its own id.
    // The same pass gives the held-back totals.
    std::map<std::uint64_t, std::int64_t> waitingByTx;
    HeldBack totals;
    for (const auto& row : tx.exec("SELECT tx_id::text, count(*), extract(epoch from now() - min(timestamp)),"
                                   " pg_snapshot_xmin(pg_current_snapshot())::text FROM events"
                                   " WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot()) GROUP BY tx_id")) {
        waitingByTx[parseInt<std::uint64_t>(row[0])] = parseInt<std::int64_t>(row[1]);
        totals.eventsWaiting += parseInt<std::int64_t>(row[1]);
        if (!row[2].is_null())
            totals.secondsWaiting = std::max(totals.secondsWaiting, row[2].as<double>());
        totals.holderXid = row[3].c_str();
    }
    for (const auto& row : rows) {
        if (report.standby)
            break; // the holders' sessions are the primary's: nothing to list or end here
        auto transaction = parseHolder(row);
        const auto xid = std::stoull(transaction.xid);
        for (auto it = waitingByTx.upper_bound(xid); it != waitingByTx.end(); ++it)
            transaction.eventsWaiting += it->second;
        report.transactions.push_back(std::move(transaction));
    }
    report.heldBack = nameHolder(tx, std::move(totals));
    tx.commit();
    return report;
}

std::string terminateStatement(const InFlightTransaction& transaction)
{
    if (transaction.prepared()) {
        // A gid is anybody's text: control characters and backslashes go in an escape string
        // literal, so that the statement survives a terminal and a copy.
        bool plain = true;
        std::string gid;
        for (const unsigned char c : transaction.preparedGid) {
            if (c == '\'')
                gid += "''";
            else if (c == '\\')
                gid += "\\\\";
            else
                gid += static_cast<char>(c);
            plain = plain && c >= 0x20 && c != 0x7f && c != '\\';
        }
        if (!plain)
            gid = printable(gid);
        return std::string(plain ? "ROLLBACK PREPARED '" : "ROLLBACK PREPARED E'") + gid + "';  -- in database "
            + printable(transaction.database);
    }
    if (transaction.pid)
        return "SELECT pg_terminate_backend(" + std::to_string(*transaction.pid) + ");";
    return "-- transaction " + transaction.xid + " has no session this role can see";
}

void terminateInFlight(pqxx::connection& connection, const InFlightTransaction& transaction)
{
    AuditEntry entry { "terminate", transaction.describe(), "ok",
        { { "xid", transaction.xid }, { "role", transaction.role }, { "database", transaction.database },
            { "query", transaction.query } } };
    if (transaction.prepared()) {
        {
            pqxx::work check(connection);
            const auto found = check.exec_params("SELECT database = current_database() FROM pg_prepared_xacts WHERE "
                                                 "gid = $1 AND transaction = xid($2::xid8)",
                transaction.preparedGid, transaction.xid);
            if (found.empty())
                throw InvalidInputError(
                    "Prepared transaction '" + transaction.preparedGid + "' has already ended; nothing to roll back.");
            if (!found[0][0].as<bool>())
                throw InvalidInputError("Prepared transaction '" + transaction.preparedGid + "' belongs to database "
                    + transaction.database + "; connect to that database to roll it back.");
            requireOperator(check, "roll back a prepared transaction");
        }
        // ROLLBACK PREPARED cannot run inside a transaction block: it runs on its own, and its
        // audit row follows it.
        try {
            pqxx::nontransaction rollback(connection);
            rollback.exec("ROLLBACK PREPARED " + connection.quote(transaction.preparedGid));
        } catch (const pqxx::insufficient_privilege&) {
            throw InvalidInputError(std::string("Role ") + connection.username()
                + " may not roll back prepared transaction '" + transaction.preparedGid + "': only its owner ("
                + transaction.role + ") or a superuser may; give a DBA the statement.");
        }
        pqxx::work tx(connection);
        writeAudit(tx, entry);
        tx.commit();
        return;
    }
    if (!transaction.pid)
        throw InvalidInputError("Transaction " + transaction.xid
            + " has no session this role can see; ask a superuser to end it (acci-admin in-flight lists it).");
    pqxx::work tx(connection);
    requireOperator(tx, "terminate a session");
    // The audit row first: if the terminate fails, the transaction rolls both back. The pid
    // must still run the same transaction, so that a reused pid is never hit.
    writeAudit(tx, entry);
    pqxx::result ended;
    try {
        ended = tx.exec_params("SELECT pg_terminate_backend(l.pid) FROM pg_locks l"
                               " WHERE l.locktype = 'transactionid' AND l.transactionid = xid($1::xid8)"
                               " AND l.mode = 'ExclusiveLock' AND l.granted AND l.pid = $2",
            transaction.xid, *transaction.pid);
    } catch (const pqxx::insufficient_privilege&) {
        throw InvalidInputError(std::string("Role ") + connection.username() + " may not terminate pid "
            + std::to_string(*transaction.pid)
            + ": another role's session needs pg_signal_backend, a superuser's a superuser; give a DBA the "
              "terminate statement.");
    }
    if (ended.empty())
        throw InvalidInputError("Transaction " + transaction.xid + " has already ended; pid "
            + std::to_string(*transaction.pid) + " was left alone.");
    if (!ended[0][0].as<bool>())
        throw InvalidInputError("PostgreSQL did not terminate pid " + std::to_string(*transaction.pid) + ".");
    tx.commit();
}

} // namespace acci::store

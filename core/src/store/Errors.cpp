#include "acci/store/Errors.hpp"

#include <string_view>

#include <nlohmann/json.hpp>
#include <pqxx/except>

#include "acci/store/Replication.hpp"

namespace acci::store {

ConcurrencyError::ConcurrencyError(std::string aggregateId, int expectedVersion, int actualVersion)
    : StoreError("Aggregate '" + aggregateId + "' is at version " + std::to_string(actualVersion)
        + ", not the expected version " + std::to_string(expectedVersion)
        + ": someone else changed it; reload it and retry.")
    , m_aggregateId(std::move(aggregateId))
    , m_expectedVersion(expectedVersion)
    , m_actualVersion(actualVersion)
{
}

namespace {

    // libpq messages end with a newline and sometimes span lines; one sentence wants one line.
    std::string firstLine(std::string text)
    {
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        const auto newline = text.find('\n');
        if (newline != std::string::npos)
            text = text.substr(0, newline);
        const std::string errorPrefix = "ERROR:  ";
        if (text.rfind(errorPrefix, 0) == 0)
            text = text.substr(errorPrefix.size());
        return text;
    }

} // namespace

ErrorKind classifyError(const std::exception& error)
{
    if (dynamic_cast<const StoreError*>(&error))
        return ErrorKind::Store;
    if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
        std::string state = sql->sqlstate();
        // libpqxx 6.4 throws insufficient_privilege without its SQLSTATE: the type says it.
        if (state.empty() && dynamic_cast<const pqxx::insufficient_privilege*>(&error))
            state = "42501";
        if (state == "42P01" || state == "42703" || state == "42883")
            return ErrorKind::MissingSchema;
        if (state == "42501")
            return ErrorKind::MissingRights;
        if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03")
            return ErrorKind::ServerGone;
        if (state == "57014")
            return ErrorKind::Cancelled;
        // 22P05: a character the database's encoding cannot hold (a LATIN1 store, a "€").
        if (state == "22P02" || state == "22023" || state == "22P05")
            return ErrorKind::RejectedValue;
        // 25006: "cannot execute INSERT in a read-only transaction" (a standby's sessions are
        // read-only), "cannot execute … during recovery"; the internal "cannot assign
        // TransactionIds during recovery" is a write on a standby too.
        if (state == "25006"
            || (state == "XX000" && std::string(sql->what()).find("during recovery") != std::string::npos))
            return ErrorKind::ReadOnlyServer;
        // 40001 on a hot standby: a read cancelled because replay had to remove its rows.
        if (state == "40001" && std::string(sql->what()).find("conflict with recovery") != std::string::npos)
            return ErrorKind::RecoveryConflict;
        return ErrorKind::OtherDatabaseError;
    }
    // A COPY cancelled by a recovery conflict arrives as a plain pqxx::failure, without SQLSTATE.
    if (std::string_view(error.what()).find("conflict with recovery") != std::string_view::npos
        && !dynamic_cast<const pqxx::broken_connection*>(&error))
        return ErrorKind::RecoveryConflict;
    if (dynamic_cast<const pqxx::broken_connection*>(&error))
        return ErrorKind::ConnectionLost;
    if (dynamic_cast<const pqxx::in_doubt_error*>(&error))
        return ErrorKind::CommitInDoubt;
    if (dynamic_cast<const nlohmann::json::exception*>(&error))
        return ErrorKind::InvalidJson;
    return ErrorKind::Other;
}

namespace {
    bool sqlStateIs(const std::exception& error, const char* state)
    {
        const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error);
        return sql && sql->sqlstate() == state;
    }
} // namespace

bool sessionTerminated(const std::exception& error)
{
    return sqlStateIs(error, "57P01"); // admin_shutdown: pg_terminate_backend, or a fast shutdown
}

bool statementTimedOut(const std::exception& error)
{
    return sqlStateIs(error, "57014")
        && std::string_view(error.what()).find("statement timeout") != std::string_view::npos;
}

bool connectionIsLost(const std::exception& error)
{
    const ErrorKind kind = classifyError(error);
    return kind == ErrorKind::ServerGone || kind == ErrorKind::ConnectionLost || kind == ErrorKind::CommitInDoubt;
}

std::string errorDetail(const std::exception& error)
{
    const ErrorKind kind = classifyError(error);
    if (kind == ErrorKind::Store)
        return error.what();
    std::string detail = firstLine(error.what());
    // libpqxx 6.4 throws broken_connection with its default text when a statement finds the
    // connection already closed, however long after it was opened: that text reads as a
    // failure to connect, so say what happened instead.
    // The same for "Could not obtain client encoding: not connected.", its words when a
    // connection that broke mid-statement is used again.
    if (kind == ErrorKind::ConnectionLost
        && (detail == "Connection to database failed" || detail.rfind("Could not obtain client encoding", 0) == 0))
        return "the connection closed after it was open: the server stopped or restarted, or the network dropped it";
    return detail;
}

std::string refusedRelation(const std::exception& error)
{
    std::string detail = errorDetail(error);
    const std::string lead = "permission denied for ";
    const auto at = detail.find(lead);
    if (at == std::string::npos)
        return detail;
    const auto kindEnd = detail.find(' ', at + lead.size()); // after "table", "view", "relation"
    if (kindEnd == std::string::npos)
        return detail;
    const auto nameEnd = detail.find_first_of(" ,;", kindEnd + 1);
    return detail.substr(kindEnd + 1, nameEnd == std::string::npos ? std::string::npos : nameEnd - kindEnd - 1);
}

std::string describeError(const std::exception& error)
{
    std::string detail = errorDetail(error);
    switch (classifyError(error)) {
    case ErrorKind::Store:
    case ErrorKind::Other:
        return detail;
    case ErrorKind::MissingSchema:
        return "The database lacks part of the ACCI schema (" + detail
            + "); run 'acci-admin migrate' against it, or connect to the right database.";
    case ErrorKind::MissingRights:
        return "The database role lacks the rights for this (" + detail
            + "); connect with a role that has them, or ask the store's owner for the grant its job needs: "
              "'acci-admin grant reader|writer|operator ROLE' (README, \"Roles\").";
    case ErrorKind::ServerGone:
        if (sessionTerminated(error))
            return "The server ended this session (" + detail
                + "): an administrator terminated it or the server is shutting down; retry, and if it fails again "
                  "check that the server is running.";
        return "The database server went away (" + detail + "); check that it is running, then retry.";
    case ErrorKind::Cancelled:
        if (statementTimedOut(error))
            return "The server's statement_timeout ended the query (" + detail
                + "); raise it for this role (ALTER ROLE … SET statement_timeout) or run this as a role without one.";
        return "The query was cancelled (" + detail + ").";
    case ErrorKind::RejectedValue:
        if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error); sql && sql->sqlstate() == "22P05")
            return "The database's encoding cannot hold a character of this input (" + detail
                + "); keep such text out, or move the store to a database created with ENCODING 'UTF8'.";
        return "The database rejected a value (" + detail + "); check the input.";
    case ErrorKind::ReadOnlyServer:
        // A write that reached a standby (or a read-only session) reads as the refusal every
        // action gets there, with the server's words after it.
        return standbyRefusalSentence() + " (The server said: " + detail + ".)";
    case ErrorKind::RecoveryConflict:
        return "The standby cancelled the read because replaying the primary's changes needed the rows it was "
               "reading ("
            + detail
            + "); retry it, or have the standby's administrator turn on hot_standby_feedback or raise "
              "max_standby_streaming_delay.";
    case ErrorKind::OtherDatabaseError:
        return "The database reported an error: " + detail + ".";
    case ErrorKind::ConnectionLost:
        return "Lost the connection to the database server (" + detail
            + "); check that it is running and reachable, then retry.";
    case ErrorKind::CommitInDoubt:
        return "The connection broke while committing, so the change may or may not be stored (" + detail
            + "); check before retrying.";
    case ErrorKind::InvalidJson:
        return "Invalid JSON: " + detail + ".";
    }
    return detail;
}

} // namespace acci::store

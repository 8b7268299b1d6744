#include "acci/store/Errors.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/except>

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

    std::string describeSqlError(const pqxx::sql_error& error)
    {
        const std::string state = error.sqlstate();
        const std::string detail = firstLine(error.what());
        if (state == "42P01" || state == "42703" || state == "42883")
            return "The database lacks part of the ACCI schema (" + detail
                + "); run 'acci-admin migrate' against it, or connect to the right database.";
        if (state == "42501")
            return "The database role lacks the rights for this (" + detail
                + "); connect with a role that has them, or ask the database owner.";
        if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03")
            return "The database server went away (" + detail + "); check that it is running, then retry.";
        if (state == "57014")
            return "The query was cancelled (" + detail + ").";
        if (state == "22P02" || state == "22023")
            return "The database rejected a value (" + detail + "); check the input.";
        if (state == "25006")
            return "The server is read-only (" + detail + "); connect to the primary to make changes.";
        return "The database reported an error: " + detail + ".";
    }

} // namespace

std::string describeError(const std::exception& error)
{
    if (dynamic_cast<const StoreError*>(&error))
        return error.what();
    if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error))
        return describeSqlError(*sql);
    if (dynamic_cast<const pqxx::broken_connection*>(&error))
        return "Lost the connection to the database server (" + firstLine(error.what())
            + "); check that it is running and reachable, then retry.";
    if (dynamic_cast<const pqxx::in_doubt_error*>(&error))
        return "The connection broke while committing, so the change may or may not be stored ("
            + firstLine(error.what()) + "); check before retrying.";
    if (dynamic_cast<const nlohmann::json::exception*>(&error))
        return "Invalid JSON: " + firstLine(error.what()) + ".";
    return firstLine(error.what());
}

} // namespace acci::store

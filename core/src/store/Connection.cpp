#include "acci/store/Connection.hpp"

#include <cstdlib>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "acci/store/Errors.hpp"

namespace acci::store {

std::string resolveConninfo(const std::string& explicitConninfo)
{
    if (!explicitConninfo.empty())
        return explicitConninfo;
    if (const char* fromEnvironment = std::getenv("ACCI_DATABASE_URL"))
        return fromEnvironment;
    return {};
}

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo, const std::string& applicationName)
{
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = std::make_unique<pqxx::connection>(conninfo);
    } catch (const pqxx::broken_connection& error) {
        std::string reason = error.what();
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' '))
            reason.pop_back();
        std::string oneLine;
        for (char c : reason) {
            const bool space = c == '\n' || c == '\t' || c == ' ';
            if (space && (oneLine.empty() || oneLine.back() == ' '))
                continue;
            oneLine += space ? ' ' : c;
        }
        reason = oneLine;
        throw StoreError("Could not connect to the database (" + reason
            + "); check the connection string, that the server runs, and the password.");
    } catch (const pqxx::argument_error& error) {
        throw StoreError(std::string("The connection string is not valid (") + error.what()
            + "); use key=value pairs or a postgresql:// URI.");
    }
    pqxx::nontransaction session(*connection);
    session.exec_params(
        "SELECT set_config('TimeZone', 'UTC', false), set_config('application_name', $1, false)", applicationName);
    return connection;
}

} // namespace acci::store

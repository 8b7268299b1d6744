#include "acci/store/Connection.hpp"

#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include <libpq-fe.h>

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

namespace acci::store {

namespace {

    // libpq's own reading of a connection string (URI or key=value), as keyword/value pairs
    // that are set; nullopt when libpq cannot parse it.
    std::optional<std::vector<std::pair<std::string, std::string>>> parsedOptions(const std::string& conninfo)
    {
        char* error = nullptr;
        PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
        if (!options) {
            PQfreemem(error);
            return std::nullopt;
        }
        std::vector<std::pair<std::string, std::string>> set;
        for (const PQconninfoOption* option = options; option->keyword; ++option)
            if (option->val && *option->val)
                set.emplace_back(option->keyword, option->val);
        PQconninfoFree(options);
        return set;
    }

} // namespace

std::string conninfoValue(const std::string& value)
{
    if (!value.empty() && value.find_first_of(" '\\\t\n") == std::string::npos)
        return value;
    std::string quoted = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

std::string withoutPassword(const std::string& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return {};
    std::string result;
    for (const auto& [keyword, value] : *options)
        if (keyword != "password")
            result += (result.empty() ? "" : " ") + keyword + "=" + conninfoValue(value);
    return result;
}

std::string displayName(const std::string& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return "(unreadable connection string)";
    std::string user, host, port, dbname;
    for (const auto& [keyword, value] : *options) {
        if (keyword == "user")
            user = value;
        else if (keyword == "host")
            host = value;
        else if (keyword == "port")
            port = value;
        else if (keyword == "dbname")
            dbname = value;
    }
    std::string name = user.empty() ? std::string() : user + "@";
    name += host.empty() ? std::string("(default host)") : host;
    if (!port.empty())
        name += ":" + port;
    if (!dbname.empty())
        name += "/" + dbname;
    return name;
}

} // namespace acci::store

#include "acci/store/Connection.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "ConninfoOptions.hpp"
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
    // libpq's parse errors quote the string (a password with it): read it first, and say
    // only that it is not valid.
    if (char* error = nullptr; PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error))
        PQconninfoFree(options);
    else {
        PQfreemem(error);
        throw InvalidInputError("The connection string is not valid; use key=value pairs (host=… dbname=…) or a "
                                "postgresql:// URI, with special characters percent-encoded.");
    }
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
        std::string sentence = "Could not connect to the database (" + reason
            + "); check the connection string, that the server runs, and the password.";
        // libpq's own answer to "is anyone there?", rather than its message (translated with
        // the server's or the client's locale): no answer, or a server that is not taking
        // connections yet, may pass; a refused login will not.
        const PGPing ping = PQping(conninfo.c_str());
        if (ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT)
            throw ServerUnreachableError(sentence);
        throw StoreError(sentence);
    } catch (const pqxx::argument_error& error) {
        throw StoreError(std::string("The connection string is not valid (") + error.what()
            + "); use key=value pairs or a postgresql:// URI.");
    }
    // Everything we send and read is UTF-8. libpq's default is the database's own encoding,
    // so without this a LATIN1 store took our UTF-8 bytes as LATIN1 text ("café" stored as
    // "cafÃ©") and sent its text back in LATIN1, which no JSON reader accepts. With it the
    // server converts both ways, and refuses what the database cannot hold (22P05).
    // SQL_ASCII is no encoding (bytes, unchecked): it keeps its default, so that its bytes pass
    // through as they always did instead of being refused as invalid UTF-8.
    pqxx::nontransaction session(*connection);
    session.exec_params("SELECT set_config('TimeZone', 'UTC', false), set_config('application_name', $1, false),"
                        " set_config('client_encoding', CASE current_setting('server_encoding')"
                        " WHEN 'SQL_ASCII' THEN current_setting('client_encoding') ELSE 'UTF8' END, false)",
        applicationName);
    return connection;
}

} // namespace acci::store

namespace acci::store {

namespace {

    using Options = detail::ConninfoOptions;

    std::optional<Options> parsedOptions(const std::string& conninfo)
    {
        return detail::parseConninfo(conninfo);
    }

    // The value of one keyword, empty when the string does not set it.
    std::string optionValue(const Options& options, const std::string& keyword)
    {
        for (const auto& [name, value] : options)
            if (name == keyword)
                return value;
        return {};
    }

    std::string environmentValue(const char* name)
    {
        const char* value = std::getenv(name);
        return value ? value : "";
    }

    // libpq's order: the string, else PGSSLMODE, else "prefer".
    std::string effectiveSslmode(const Options& options)
    {
        std::string sslmode = optionValue(options, "sslmode");
        if (sslmode.empty())
            sslmode = environmentValue("PGSSLMODE");
        return sslmode.empty() ? "prefer" : sslmode;
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
    auto options = parsedOptions(conninfo);
    if (!options)
        return {};
    std::erase_if(*options, [](const auto& option) { return option.first == "password"; });
    return detail::formatConninfo(*options);
}

namespace detail {

    std::optional<ConninfoOptions> parseConninfo(const std::string& conninfo)
    {
        char* error = nullptr;
        PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
        if (!options) {
            PQfreemem(error);
            return std::nullopt;
        }
        ConninfoOptions set;
        for (const PQconninfoOption* option = options; option->keyword; ++option)
            if (option->val && *option->val)
                set.emplace_back(option->keyword, option->val);
        PQconninfoFree(options);
        return set;
    }

    std::string formatConninfo(const ConninfoOptions& options)
    {
        std::string text;
        for (const auto& [keyword, value] : options)
            text += (text.empty() ? "" : " ") + keyword + "=" + conninfoValue(value);
        return text;
    }

} // namespace detail

std::string passwordIn(const std::string& conninfo)
{
    const auto options = parsedOptions(conninfo);
    return options ? optionValue(*options, "password") : std::string();
}

std::string displayName(const std::string& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return "(unreadable connection string)";
    const std::string user = optionValue(*options, "user");
    const std::string host = optionValue(*options, "host");
    const std::string port = optionValue(*options, "port");
    const std::string dbname = optionValue(*options, "dbname");
    std::string name = user.empty() ? std::string() : user + "@";
    name += host.empty() ? std::string("(default host)") : host;
    if (!port.empty())
        name += ":" + port;
    if (!dbname.empty())
        name += "/" + dbname;
    return name;
}

ConnectionTarget resolveTarget(const std::string& conninfo)
{
    // PQconnectStart fills in every default and starts a connection without waiting for it;
    // closing it before the startup packet logs nothing on the server.
    PGconn* connection = PQconnectStart(conninfo.c_str());
    if (!connection)
        throw StoreError("Out of memory while reading the connection string.");
    const auto text = [](const char* value) { return std::string(value ? value : ""); };
    ConnectionTarget target { text(PQhost(connection)), text(PQport(connection)), text(PQdb(connection)),
        text(PQuser(connection)) };
    PQfinish(connection);
    // (libpq's message would quote the string, a password with it: not repeated.)
    if (target.host.empty() && target.dbname.empty() && target.user.empty())
        throw InvalidInputError("The connection string cannot be read; check its spelling.");
    return target;
}

ConnectionTarget targetOf(pqxx::connection& connection)
{
    const auto text = [](const char* value) { return std::string(value ? value : ""); };
    return { text(connection.hostname()), text(connection.port()), text(connection.dbname()),
        text(connection.username()) };
}

TransportSecurity transportSecurity(pqxx::connection& connection, const std::string& conninfo)
{
    TransportSecurity security;
    const std::string host = targetOf(connection).host;
    security.localSocket = host.empty() || host.front() == '/' || host.front() == '@';
    pqxx::nontransaction tx(connection);
    // Our own backend's row is visible to every role.
    const auto row = tx.exec1("SELECT coalesce(ssl, false), coalesce(version, ''), coalesce(cipher, '')"
                              " FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                              " UNION ALL SELECT false, '', '' LIMIT 1");
    security.encrypted = row[0].as<bool>();
    security.protocol = row[1].c_str();
    security.cipher = row[2].c_str();
    security.sslmode = effectiveSslmode(parsedOptions(conninfo).value_or(Options {}));
    return security;
}

bool passwordMayTravelInClear(const std::string& conninfo)
{
    const auto options = parsedOptions(conninfo);
    if (!options)
        return false; // libpq will refuse the string before anything is sent
    std::string host = optionValue(*options, "host");
    const std::string hostaddr = optionValue(*options, "hostaddr");
    const std::string sslmode = effectiveSslmode(*options);
    if (host.empty() && hostaddr.empty())
        host = environmentValue("PGHOST");
    // Every host of a multi-host string counts: one over TCP is enough to worry.
    bool overTcp = !hostaddr.empty();
    std::size_t start = 0;
    while (!host.empty() && start <= host.size()) {
        const auto end = std::min(host.find(',', start), host.size());
        const std::string one = host.substr(start, end - start);
        if (!one.empty() && one.front() != '/' && one.front() != '@')
            overTcp = true;
        start = end + 1;
    }
    return overTcp && (sslmode == "disable" || sslmode == "allow" || sslmode == "prefer");
}

} // namespace acci::store

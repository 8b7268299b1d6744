#include "acci/store/Replication.hpp"

#include <cstdio>
#include <utility>
#include <vector>

#include <pqxx/nontransaction>

#include "ConninfoOptions.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"

namespace acci::store {

const char* const StandbyRefusal = "Connected to a standby; actions need the primary.";

std::string standbyRefusalSentence()
{
    return std::string(StandbyRefusal)
        + " Give the primary's connection string (acci-admin --primary or ACCI_PRIMARY_URL, the console's "
          "Primary field), or add the primary to the connection string's hosts with "
          "target_session_attrs=read-write; nothing was changed.";
}

std::string ServerRole::describe() const
{
    if (!standby)
        return "primary";
    std::string text = "standby";
    if (!receiving)
        text += ", not receiving from the primary";
    if (replayPaused)
        text += ", replay paused";
    if (replayDelaySeconds) {
        char delay[64];
        std::snprintf(
            delay, sizeof delay, *replayDelaySeconds < 60 ? ", %.1f s behind" : ", %.0f s behind", *replayDelaySeconds);
        text += delay;
    }
    return text;
}

ServerRole serverRoleOf(pqxx::connection& connection)
{
    pqxx::nontransaction query(connection);
    // While it streams and everything received has been replayed, the standby is as current as
    // the primary lets it be: an idle primary must not look like a growing delay. A standby
    // that receives nothing (its primary gone, primary_conninfo emptied) gets no such credit:
    // "everything received" is then nothing. Every role sees whether a WAL receiver runs (its
    // pid; the details need pg_read_all_stats).
    const auto row = query.exec1(R"SQL(
WITH r AS (SELECT pg_is_in_recovery() AS standby,
                  EXISTS (SELECT 1 FROM pg_stat_wal_receiver
                           WHERE pid IS NOT NULL AND coalesce(status, 'streaming') = 'streaming') AS receiving)
SELECT r.standby,
       CASE WHEN NOT r.standby THEN NULL
            WHEN r.receiving AND pg_last_wal_receive_lsn() IS NOT NULL
                 AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
            ELSE greatest(0, extract(epoch from now() - pg_last_xact_replay_timestamp())) END,
       CASE WHEN r.standby
            THEN greatest(0, coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0))::bigint
       END,
       r.receiving,
       CASE WHEN r.standby THEN pg_is_wal_replay_paused() ELSE false END
  FROM r)SQL");
    ServerRole role;
    role.standby = row[0].as<bool>();
    if (!row[1].is_null())
        role.replayDelaySeconds = row[1].as<double>();
    if (!row[2].is_null())
        role.replayLagBytes = row[2].as<long long>();
    role.receiving = !role.standby || row[3].as<bool>();
    role.replayPaused = row[4].as<bool>();
    return role;
}

namespace {

    using Options = detail::ConninfoOptions;

    Options parse(const std::string& conninfo)
    {
        auto options = detail::parseConninfo(conninfo);
        if (!options)
            throw InvalidInputError("The connection string is not valid; use key=value pairs (host=… dbname=…) or a "
                                    "postgresql:// URI, with special characters percent-encoded.");
        return std::move(*options);
    }

    const std::string* find(const Options& options, const std::string& keyword)
    {
        for (const auto& [name, value] : options)
            if (name == keyword)
                return &value;
        return nullptr;
    }

    void set(Options& options, const std::string& keyword, const std::string& value)
    {
        for (auto& [name, current] : options)
            if (name == keyword) {
                current = value;
                return;
            }
        options.emplace_back(keyword, value);
    }

    bool severalHosts(const Options& options)
    {
        for (const char* keyword : { "host", "hostaddr" })
            if (const auto* value = find(options, keyword); value && value->find(',') != std::string::npos)
                return true;
        return false;
    }

    // The keys that choose the server: an explicit primary's own, never the browsing string's.
    bool choosesServer(const std::string& keyword)
    {
        return keyword == "host" || keyword == "hostaddr" || keyword == "port" || keyword == "target_session_attrs"
            || keyword == "load_balance_hosts" || keyword == "service";
    }

} // namespace

std::string primaryConninfo(const std::string& conninfo, const std::string& explicitPrimary)
{
    Options options = parse(conninfo);
    if (!explicitPrimary.empty()) {
        // The primary as given; what it leaves out (database, user, password, TLS) is the
        // browsing string's: a standby shares its primary's roles and databases.
        Options primary = parse(explicitPrimary);
        for (const auto& [keyword, value] : options)
            if (!choosesServer(keyword) && !find(primary, keyword))
                primary.emplace_back(keyword, value);
        options = std::move(primary);
    }
    const auto* attrs = find(options, "target_session_attrs");
    const bool asksForStandby = attrs && (*attrs == "standby" || *attrs == "prefer-standby" || *attrs == "read-only");
    if (severalHosts(options) || asksForStandby)
        set(options, "target_session_attrs", "read-write");
    return detail::formatConninfo(options);
}

void requirePrimary(pqxx::connection& connection)
{
    pqxx::nontransaction query(connection);
    if (query.exec1("SELECT pg_is_in_recovery()")[0].as<bool>())
        throw ReadOnlyServerError(standbyRefusalSentence());
}

std::unique_ptr<pqxx::connection> connectToPrimary(
    const std::string& conninfo, const std::string& explicitPrimary, const std::string& applicationName)
{
    const std::string target = primaryConninfo(conninfo, explicitPrimary);
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = connect(target, applicationName);
    } catch (const StoreError& error) {
        // libpq refuses when no host is read-write ("session is read-only", translated in the
        // user's language): ask the same hosts whether the one that answers is a standby,
        // rather than read libpq's wording.
        Options any = parse(target);
        const auto* attrs = find(any, "target_session_attrs");
        if (!attrs || *attrs == "any")
            throw;
        set(any, "target_session_attrs", "any");
        std::unique_ptr<pqxx::connection> probe;
        try {
            probe = connect(detail::formatConninfo(any), applicationName);
        } catch (const std::exception&) {
            // The first failure's type stays (ServerUnreachableError is one a runner waits out).
            const bool unreachable = dynamic_cast<const ServerUnreachableError*>(&error) != nullptr;
            if (!explicitPrimary.empty()) {
                const std::string sentence
                    = "Could not connect to the primary given with --primary (or the Primary field): "
                    + std::string(error.what());
                if (unreachable)
                    throw ServerUnreachableError(sentence);
                throw StoreError(sentence);
            }
            if (unreachable)
                throw ServerUnreachableError(error.what());
            throw StoreError(error.what()); // no host answers at all: the first failure says why
        }
        pqxx::nontransaction query(*probe);
        if (query.exec1("SELECT pg_is_in_recovery()")[0].as<bool>()) {
            // A standby answers, the primary does not: say why the primary did not, not only
            // where to find one (it may be listed already and down).
            throw ReadOnlyServerError(
                standbyRefusalSentence() + " No host that takes writes answered: " + std::string(error.what()));
        }
        throw;
    }
    try {
        requirePrimary(*connection);
    } catch (const ReadOnlyServerError&) {
        if (explicitPrimary.empty())
            throw;
        throw ReadOnlyServerError(std::string(StandbyRefusal)
            + " The server given with --primary (or the Primary field) is a standby too; give the one that "
              "takes writes.");
    }
    return connection;
}

} // namespace acci::store

#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "acci/store/Connection.hpp" // the CLI holds the core's connection handle, never queries it
#include "acci/timetravel/ReducerRules.hpp"

namespace acci::admin {

class Arguments;

// What every subcommand gets: where to connect, and the three streams (so tests can drive
// the commands without a process).
struct Context {
    std::string conninfo; // --db, else ACCI_DATABASE_URL, else libpq defaults
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    std::string primary = {}; // --primary, else ACCI_PRIMARY_URL: where writes go; may be empty
    bool outIsTerminal = false; // stdout is a terminal: --format defaults to the human form

    // A connection to a database whose ACCI schema is current; a clear error otherwise. Reads
    // use it: it may be a standby.
    std::unique_ptr<pqxx::connection> connectToStore() const;
    // A connection without the schema check (health needs it).
    std::unique_ptr<pqxx::connection> connectRaw() const;
    // For commands that write: the primary (store::connectToPrimary over conninfo and
    // primary), with a current schema. On a standby with no primary to be found, throws
    // ReadOnlyServerError (the one sentence, exit 1) before anything changes.
    std::unique_ptr<pqxx::connection> connectForWrites() const;
    // The same without the schema check (migrate).
    std::unique_ptr<pqxx::connection> connectRawForWrites() const;
};

// Each returns the exit status; words are the arguments after the subcommand's name.
int runMigrate(Context& context, const std::vector<std::string>& words);
int runAppend(Context& context, const std::vector<std::string>& words);
int runStream(Context& context, const std::vector<std::string>& words);
int runLog(Context& context, const std::vector<std::string>& words);
int runAggregates(Context& context, const std::vector<std::string>& words);
int runTypes(Context& context, const std::vector<std::string>& words);
int runStats(Context& context, const std::vector<std::string>& words);
int runSnapshot(Context& context, const std::vector<std::string>& words);
// The built-in reducer rules, overridden by those of --rules FILE when given.
timetravel::ReducerRules reducerRules(const Arguments& args);
int runState(Context& context, const std::vector<std::string>& words);
int runDiff(Context& context, const std::vector<std::string>& words);
int runBlame(Context& context, const std::vector<std::string>& words);
// snapshot verify ID [--rules FILE]; words are those after the id
int verifySnapshot(Context& context, const std::string& aggregateId, const std::vector<std::string>& words);
// snapshot verify --all [--type T] [--rules FILE] [--json]; words are those after "verify"
int verifyAllSnapshots(Context& context, const std::vector<std::string>& words);
int runUser(Context& context, const std::vector<std::string>& words);
int runDemo(Context& context, const std::vector<std::string>& words);
int runProjections(Context& context, const std::vector<std::string>& words);
int runDeadLetters(Context& context, const std::vector<std::string>& words);
int runHealth(Context& context, const std::vector<std::string>& words);
int runMetrics(Context& context, const std::vector<std::string>& words);
int runInFlight(Context& context, const std::vector<std::string>& words);
int runGrant(Context& context, const std::vector<std::string>& words);
int runCompletion(Context& context, const std::vector<std::string>& words);
int runHelp(Context& context, const std::vector<std::string>& words);

} // namespace acci::admin

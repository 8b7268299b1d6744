// acci-admin: the ACCI event store from the command line. Composition only: parse the global
// options, pick the subcommand, turn errors into one line and an exit status.
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "Arguments.hpp"
#include "Commands.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"

namespace {

const char* usage = R"(Usage: acci-admin [--db CONNINFO] [--primary CONNINFO] COMMAND [ARGS]

Connects with --db, else ACCI_DATABASE_URL, else libpq's PG* variables and ~/.pgpass.
CONNINFO may name several hosts and target_session_attrs, e.g. a replica first:
  "host=replica,primary port=5432,5432 dbname=acci target_session_attrs=prefer-standby"
Reads run on that connection, a hot standby included. Commands that write (migrate, append,
user create|update|deactivate, snapshot save, projections rebuild|reset|run, dead-letters
retry|skip, grant) go to the primary: --primary CONNINFO (else ACCI_PRIMARY_URL; what it leaves
out, such as dbname and user, comes from --db), else the same hosts with
target_session_attrs=read-write. With only a standby to reach they change nothing and exit 1:
"Connected to a standby; actions need the primary."

Commands:
  migrate [--batch-size N]        create or upgrade the ACCI schema (idempotent); the guide's
                                  plain schema is upgraded online while its services write
                                  (progress on stderr; interrupted, run it again to continue)
  append --aggregate ID --type T [--expected-version N]
                                  append NDJSON events from stdin, one per line:
                                  {"event_type":..., "data":{...}, "metadata":{...}, "id":"uuid"?}
  stream ID [--from-version N] [--limit N]
                                  one aggregate's events as NDJSON
  log [--after TX:POS] [--limit N | --all] [--type T]... [--aggregate-type T] [--aggregate ID]
      [--tenant T] [--correlation C] [--user U] [--since TS] [--until TS] [--data-contains JSON]
                                  the global log as NDJSON (default limit 100; --all for an export)
  aggregates [--type T] [--tenant T] [--search S] [--sort id|changed] [--limit N]
  types [--tenant T]              aggregate types with their counts
  stats                           events, aggregates, head position, newest event
  snapshot save|show|verify ID [--rules FILE]
                                  save folds the current state; verify: does the stored
                                  snapshot equal the fold at its version
  snapshot verify --all [--type T] [--rules FILE] [--json]
                                  every stored snapshot (of type T) against the fold at its
                                  version, over a few connections: a summary line and one line
                                  per snapshot that differs or cannot be folded (exit 1 if any)
  state ID [--at-version N | --at-time TS] [--rules FILE]
                                  the aggregate's state as JSON (time travel), with fold warnings
  diff ID V1 V2 [--patch] [--rules FILE]
                                  what changed between two versions (--patch: RFC 6902 JSON Patch)
  blame ID [--at-version N] [--json] [--rules FILE]
                                  each field of the state with the event that last set it
                                  (rules: reducers per event type; see 'demo rules' for an example)
  user create --id ID --email E --name N
  user update --id ID [--email E] [--name N]
  user deactivate --id ID [--reason R]
       (user commands also take --command-id C --as USER --tenant T --correlation C)
  user get ID | user search TEXT [--limit N] [--offset N]
  projections list                name, status, checkpoint, head, lag, dead letters
  projections rebuild NAME        zero-downtime rebuild; progress on stderr, summary on stdout
  projections verify NAME [--json]
                                  compare the table with its events at its checkpoint: rows
                                  missing, extra, different (exit 1); changes nothing
  projections reset NAME [--to TX:POS]
  projections run [--once] [--interval S] [--batch-size N] [--retries N] [--on-failure park|stop]
                                  the catch-up runner (--once: catch up and exit)
  dead-letters list [--projection NAME] | retry ID | skip ID
  health [--json] [--max-event-age S] [--max-lag-events N] [--max-lag-seconds S]
         [--max-dead-letters N] [--max-held-back S] [--max-replay-delay S]
                                  exit 0 healthy, 1 unhealthy (held back: committed events
                                  waiting longer than S, default 60, behind an open transaction;
                                  on a standby, the replication check fails when replay is
                                  more than S behind the primary, default 300)
  metrics                         Prometheus text format (acci_server_standby, and on a standby
                                  acci_replay_delay_seconds and acci_replay_lag_bytes)
  in-flight [--json]              the transactions in flight that hold back the readable head,
                                  with the events waiting behind each and how to end it (on a
                                  standby they run on the primary: listed from there when
                                  --primary or the hosts lead to it)
  demo start [--dir D] [--events N] [--days N] [--standby]
                                  a private PostgreSQL filled with demo data; prints its
                                  connection string (last line). --standby also starts a
                                  streaming hot standby of it in D/standby and prints, before
                                  that line, the standby's string and a multi-host string
                                  (standby first, target_session_attrs=prefer-standby) that
                                  browses the standby and sends actions to the primary
  demo stop [--dir D]             stops the demo server (and its standby)
  demo rules                      the demo's time-travel reducer rules (a --rules example)
  grant reader|writer|operator ROLE [--print]
                                  give an existing role the minimal rights of that kind
                                  (--print: show the SQL instead of running it)

Exit status: 0 ok, 1 error, 2 usage, 3 concurrency conflict.
)";

} // namespace

int main(int argc, char** argv)
{
    using namespace acci;
    std::vector<std::string> words(argv + 1, argv + argc);
    std::string db;
    std::string primary;
    std::size_t i = 0;
    try {
        for (; i < words.size() && words[i].rfind("--", 0) == 0; ++i) {
            if (words[i] == "--help" || words[i] == "-h") {
                std::cout << usage;
                return 0;
            }
            if (words[i] == "--db" && i + 1 < words.size())
                db = words[++i];
            else if (words[i].rfind("--db=", 0) == 0)
                db = words[i].substr(5);
            else if (words[i] == "--primary" && i + 1 < words.size())
                primary = words[++i];
            else if (words[i].rfind("--primary=", 0) == 0)
                primary = words[i].substr(10);
            else
                throw admin::UsageError("Unknown option " + words[i] + ".");
        }
        if (i >= words.size())
            throw admin::UsageError("No command given.");
        const std::string command = words[i];
        const std::vector<std::string> rest(words.begin() + static_cast<long>(i) + 1, words.end());

        static const std::map<std::string, std::function<int(admin::Context&, const std::vector<std::string>&)>>
            commands = {
                { "migrate", admin::runMigrate },
                { "append", admin::runAppend },
                { "stream", admin::runStream },
                { "log", admin::runLog },
                { "aggregates", admin::runAggregates },
                { "types", admin::runTypes },
                { "stats", admin::runStats },
                { "snapshot", admin::runSnapshot },
                { "state", admin::runState },
                { "diff", admin::runDiff },
                { "blame", admin::runBlame },
                { "user", admin::runUser },
                { "demo", admin::runDemo },
                { "projections", admin::runProjections },
                { "dead-letters", admin::runDeadLetters },
                { "health", admin::runHealth },
                { "metrics", admin::runMetrics },
                { "in-flight", admin::runInFlight },
                { "grant", admin::runGrant },
            };
        if (command == "help") {
            std::cout << usage;
            return 0;
        }
        const auto found = commands.find(command);
        if (found == commands.end())
            throw admin::UsageError("Unknown command '" + command + "'.");
        if (primary.empty())
            if (const char* fromEnvironment = std::getenv("ACCI_PRIMARY_URL"))
                primary = fromEnvironment;
        admin::Context context { store::resolveConninfo(db), std::cin, std::cout, std::cerr, primary };
        return found->second(context, rest);
    } catch (const admin::UsageError& error) {
        std::cerr << "acci-admin: " << error.what() << " Run 'acci-admin --help' for usage.\n";
        return 2;
    } catch (const store::ConcurrencyError& error) {
        std::cerr << "acci-admin: " << error.what() << '\n';
        return 3;
    } catch (const std::exception& error) {
        std::cerr << "acci-admin: " << store::describeError(error) << '\n';
        return 1;
    }
}

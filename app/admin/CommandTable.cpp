// The table of commands: the words of --help, the man page and the completions, and the
// options Arguments accepts. Keep each entry's text true to what its command does.
#include "CommandTable.hpp"

#include <stdexcept>

#include "Commands.hpp"

namespace acci::admin {

namespace {

    // --format, as the commands that print records take it. The default is added when printed
    // (from the entry's formatOnTerminal and formatPiped), so the text never disagrees with it.
    OptionHelp recordFormat()
    {
        return { "format", "F",
            "table (aligned columns, long cells cut with …), ndjson (one JSON object a line) or json (one JSON "
            "array).",
            Complete::Choices, { "table", "ndjson", "json" } };
    }
    OptionHelp objectFormat()
    {
        return { "format", "F", "table (one field a line), ndjson or json (the object on one line).", Complete::Choices,
            { "table", "ndjson", "json" } };
    }
    OptionHelp reportFormat()
    {
        return { "format", "F", "table (the report as text) or json (one JSON document).", Complete::Choices,
            { "table", "json" } };
    }
    OptionHelp jsonAlias()
    {
        return { "json", "", "The same as --format json (kept for existing scripts)." };
    }
    OptionHelp rulesOption()
    {
        return { "rules", "FILE",
            "Reducer rules (JSON) over the built-in ones: per aggregate type and event type, how an event changes "
            "the state. 'acci-admin demo rules' prints an example. Default: the built-in User reducer, merge "
            "patch for other types.",
            Complete::File };
    }
    std::vector<OptionHelp> engineOptions()
    {
        return {
            { "batch-size", "N", "Events read and applied per transaction, 1 to 100000 (default 1000)." },
            { "retries", "N",
                "Attempts at an event that fails before the failure policy applies, 1 to 100 "
                "(default 3)." },
            { "on-failure", "POLICY",
                "What a failing event does: park (dead letter, go on) or stop (stay at the event). Default: the "
                "projection's own policy.",
                Complete::Choices, { "park", "stop" } },
        };
    }
    std::vector<OptionHelp> userCommandOptions(std::vector<OptionHelp> own)
    {
        own.push_back({ "command-id", "C",
            "The command's id: the same id again changes nothing (safe retries). Default: a new UUID." });
        own.push_back({ "as", "USER", "The user the events record in their metadata. Default: $USER." });
        own.push_back({ "tenant", "T", "The tenant the events record. Default: default." });
        own.push_back({ "correlation", "C", "The correlation id the events record (one business flow)." });
        return own;
    }

    const std::string recordsPiped = "ndjson";

    std::vector<CommandHelp> buildTable()
    {
        return {
            { "migrate", "[--batch-size N]", "create or upgrade the ACCI schema (idempotent)",
                "Creates the ACCI schema, or upgrades it to the current version; running it again changes nothing. "
                "The guide's plain events, snapshots and user_view tables are upgraded in place and online, while "
                "the guide's services keep inserting. Progress goes to stderr; interrupted, run it again and it "
                "continues. Runs on the primary.",
                { { "batch-size", "N",
                    "Rows numbered per transaction while an existing table is upgraded, 1 to 1000000 (default "
                    "10000)." } },
                {}, "0 the schema is current, 1 error (no server, no rights, a newer schema), 2 usage.",
                { { "migrate", "create the schema in an empty database" } }, {}, {}, runMigrate },

            { "append", "--aggregate ID --type T [--expected-version N]", "append NDJSON events from stdin",
                "Appends the events read from stdin, one JSON object a line ({\"event_type\": ..., \"data\": {...}, "
                "\"metadata\": {...}, \"id\": \"uuid\"}), to one aggregate in one transaction. Every line is "
                "checked first: bad input appends nothing. Prints the new versions and positions as one JSON "
                "object. Events with an id are stored once: resending them is safe.",
                { { "aggregate", "ID", "The aggregate the events belong to (required)." },
                    { "type", "T", "The aggregate's type, such as Order (required)." },
                    { "expected-version", "N",
                        "The version the aggregate must be at (0: it must not exist yet); another version exits "
                        "3. Default: any version." } },
                {}, "0 appended, 1 error (bad input: nothing appended), 2 usage, 3 concurrency conflict.",
                { { "append --aggregate order-9 --type Order --expected-version 0 < events.ndjson",
                    "a new aggregate from a file of events" } },
                {}, {}, runAppend },

            { "stream", "ID [--from-version N] [--limit N] [--format F]", "one aggregate's events",
                "Prints one aggregate's events in version order.",
                { { "from-version", "N", "The first version to print (default 1)." },
                    { "limit", "N", "At most N events (default: all)." }, recordFormat() },
                { { "ID" } }, "0 ok (also for an aggregate without events), 1 error, 2 usage.",
                { { "stream order-100002", "every event of one aggregate" },
                    { "stream order-100002 --from-version 3 --limit 2 --format table", "two events, as a table" } },
                "table", recordsPiped, runStream },

            { "log",
                "[--after TX:POS] [--limit N | --all] [--type T]... [--aggregate-type T] [--aggregate ID] "
                "[--tenant T] [--correlation C] [--user U] [--since TS] [--until TS] [--data-contains JSON] "
                "[--format F]",
                "the global log, filtered",
                "Prints the global log in (tx_id, position) order, the order every reader sees. Without --all or "
                "--limit it prints the first 100 events and says so on stderr when there are more; continue after "
                "the last printed position with --after.",
                { { "after", "TX:POS", "Start after this position, as printed in the position field." },
                    { "limit", "N", "At most N events (default 100)." },
                    { "all", "", "Every event: an export (contradicts --limit)." },
                    { "type", "T", "Only events of this type; repeat it or give a comma-separated list.",
                        Complete::Nothing, {}, true },
                    { "aggregate-type", "T", "Only events of aggregates of this type." },
                    { "aggregate", "ID", "Only the events of this aggregate." },
                    { "tenant", "T", "Only events whose metadata has this tenant_id." },
                    { "correlation", "C", "Only events with this correlation_id: one business flow." },
                    { "user", "U", "Only events whose metadata has this user_id." },
                    { "since", "TS", "Only events at or after this time (PostgreSQL timestamp text)." },
                    { "until", "TS", "Only events before this time." },
                    { "data-contains", "JSON", "Only events whose data contains this JSON (jsonb @>)." },
                    recordFormat() },
                {}, "0 ok, 1 error (or the output could not be written), 2 usage.",
                { { "log --limit 20 --format table", "the first 20 events as a table" },
                    { "log --all > log.ndjson", "export the whole log" },
                    { "log --type OrderPaid,OrderShipped --tenant acme --since 2026-11-20", "a filtered look" } },
                "table", recordsPiped, runLog },

            { "aggregates", "[--type T] [--tenant T] [--search S] [--sort id|changed] [--limit N] [--format F]",
                "aggregates with their type and version",
                "Lists aggregates with their type, version, and first and last change.",
                { { "type", "T", "Only aggregates of this type." },
                    { "tenant", "T", "Only aggregates of this tenant (the tenant_id of their first event)." },
                    { "search", "S", "Only aggregates whose id contains S (case-insensitive)." },
                    { "sort", "KEY", "id (default) or changed (the most recently changed first).", Complete::Choices,
                        { "id", "changed" } },
                    { "limit", "N", "At most N aggregates (default 1000)." }, recordFormat() },
                {}, "0 ok, 1 error, 2 usage.",
                { { "aggregates --type Order --sort changed --limit 10", "the ten orders changed last" },
                    { "aggregates --search 1002", "ids containing 1002" } },
                "table", recordsPiped, runAggregates },

            { "types", "[--tenant T] [--format F]", "aggregate types with their counts",
                "Lists the aggregate types with the number of aggregates of each.",
                { { "tenant", "T", "Count only the aggregates of this tenant." }, recordFormat() }, {},
                "0 ok, 1 error, 2 usage.", { { "types", "every type with its count" } }, "table", recordsPiped,
                runTypes },

            { "stats", "[--format F]", "events, aggregates, head position, newest event",
                "Prints the store's figures: events, aggregates, the readable head position, the newest event, and "
                "whether the server is a primary or a hot standby (with its replay delay).",
                { objectFormat() }, {}, "0 ok, 1 error, 2 usage.",
                { { "stats", "the store at a glance" }, { "stats --format json | jq .events", "one figure" } }, "table",
                recordsPiped, runStats },

            { "snapshot", "ACTION [ARGS]", "save, show or verify an aggregate's snapshot",
                "Snapshots store an aggregate's folded state at a version, so that reading it does not replay "
                "every event.",
                {}, {}, "0 ok, 1 error (or a snapshot that differs), 2 usage.",
                { { "snapshot save order-100002", "" }, { "snapshot verify --all --rules rules.json", "" } }, {}, {},
                runSnapshot },
            { "snapshot save", "ID [--rules FILE] [--format F]", "fold the current state and store it",
                "Folds the aggregate's current state and stores it as its snapshot (on the primary), then prints "
                "the stored snapshot. A state holding a value that cannot be stored exactly is refused.",
                { rulesOption(), objectFormat() }, { { "ID" } }, "0 saved, 1 error, 2 usage.",
                { { "snapshot save order-100002 --rules rules.json", "" } }, "table", recordsPiped },
            { "snapshot show", "ID [--format F]", "print an aggregate's stored snapshot",
                "Prints the aggregate's stored snapshot: type, version, state and when it was taken.",
                { objectFormat() }, { { "ID" } }, "0 ok, 1 error (no snapshot), 2 usage.",
                { { "snapshot show order-100002", "" } }, "table", recordsPiped },
            { "snapshot verify", "ID [--rules FILE] | --all [--type T] [--rules FILE] [--format F]",
                "does the stored snapshot equal the fold at its version",
                "With an ID: compares that aggregate's stored snapshot with the fold of its events at the "
                "snapshot's version and prints what differs. With --all: every stored snapshot (of --type T), over "
                "a few connections, one aggregate at a time on each; a summary line, then one line per snapshot "
                "that differs or cannot be folded. Only reads: a reader role or a standby can run it.",
                { { "all", "", "Every stored snapshot instead of one." },
                    { "type", "T", "With --all: only snapshots of this aggregate type." }, rulesOption(),
                    reportFormat(), jsonAlias() },
                { { "ID" } },
                "0 every snapshot checked is equal, 1 one differs or cannot be folded (or Ctrl-C), "
                "or error, 2 usage.",
                { { "snapshot verify user-10001", "one snapshot" },
                    { "snapshot verify --all --type Order --format json", "every Order snapshot, as JSON" } },
                "table", "table" },

            { "state", "ID [--at-version N | --at-time TS] [--rules FILE]", "an aggregate's state (time travel)",
                "Prints the aggregate's state as a JSON document (aggregate_id, aggregate_type, version, state, "
                "warnings), now or as it was at a version or a time, with the fold's warnings.",
                { { "at-version", "N", "The state after version N." },
                    { "at-time", "TS", "The state as it was at this time (PostgreSQL timestamp text)." },
                    rulesOption() },
                { { "ID" } }, "0 ok, 1 error (no such version, unreadable rules), 2 usage.",
                { { "state order-100002 --at-version 3", "" },
                    { "state order-100002 --at-time \"2026-11-20 12:00\"", "" } },
                {}, {}, runState },

            { "diff", "ID V1 V2 [--patch] [--rules FILE]", "what changed between two versions",
                "Prints what changed in the aggregate's state from version V1 to V2, one line per field (+ added, "
                "- removed, ~ changed), or as an RFC 6902 JSON Patch.",
                { { "patch", "", "Print an RFC 6902 JSON Patch (JSON) instead of the summary." }, rulesOption() },
                { { "ID" }, { "V1" }, { "V2" } }, "0 ok, 1 error (a version not in the stream), 2 usage.",
                { { "diff order-100002 2 6 --rules rules.json", "" } }, {}, {}, runDiff },

            { "blame", "ID [--at-version N] [--rules FILE] [--format F]", "each field with the event that set it",
                "Prints each field of the aggregate's state with the value and the event that last set it "
                "(version, type, time, user).",
                { { "at-version", "N", "The state after version N (default: the last)." }, rulesOption(),
                    { "format", "F",
                        "table (one field a line), ndjson (one JSON object a field) or json (one JSON array).",
                        Complete::Choices, { "table", "ndjson", "json" } },
                    jsonAlias() },
                { { "ID" } }, "0 ok, 1 error, 2 usage.", { { "blame account-10001 --rules rules.json", "" } }, "table",
                "table", runBlame },

            { "user", "ACTION [ARGS]", "the guide's User commands and queries",
                "The guide's User commands (validated, idempotent by --command-id) and its user_view queries.", {}, {},
                "0 ok, 1 error (a command refused), 2 usage.", { { "user get u-1", "" } }, {}, {}, runUser },
            { "user create", "--id ID --email E --name N [--command-id C] [--as USER] [--tenant T] [--correlation C]",
                "create a user",
                "Sends CreateUser: appends UserCreated, or nothing when the same command id was already handled. "
                "Prints the events as NDJSON.",
                userCommandOptions({ { "id", "ID", "The user's id (required)." },
                    { "email", "E", "The email address (required)." }, { "name", "N", "The full name (required)." } }),
                {}, "0 ok, 1 error (refused, such as an invalid email), 2 usage.",
                { { "user create --id u-1 --email ana@example.com --name \"Ana López\" --tenant acme", "" } } },
            { "user update", "--id ID [--email E] [--name N] [--command-id C] [--as USER] [--tenant T]",
                "change a user's email or name",
                "Sends UpdateUser: appends the change, or nothing when the user already has those values.",
                userCommandOptions({ { "id", "ID", "The user's id (required)." },
                    { "email", "E", "The new email address." }, { "name", "N", "The new name." } }),
                {}, "0 ok, 1 error, 2 usage.", { { "user update --id u-1 --name \"Ana María López\"", "" } } },
            { "user deactivate", "--id ID [--reason R] [--command-id C] [--as USER] [--tenant T]", "deactivate a user",
                "Sends DeactivateUser.",
                userCommandOptions(
                    { { "id", "ID", "The user's id (required)." }, { "reason", "R", "Why, recorded in the event." } }),
                {}, "0 ok, 1 error, 2 usage.", { { "user deactivate --id u-1 --reason \"left the company\"", "" } } },
            { "user get", "ID [--format F]", "one user from user_view",
                "Prints one user from the user_view read model.", { objectFormat() }, { { "ID" } },
                "0 ok, 1 error (not in user_view), 2 usage.", { { "user get u-1", "" } }, "table", recordsPiped },
            { "user search", "TEXT [--limit N] [--offset N] [--format F]", "search user_view",
                "Lists the users of user_view whose name or email contains TEXT.",
                { { "limit", "N", "At most N users, 1 to 10000 (default 50)." },
                    { "offset", "N", "Skip the first N (default 0)." }, recordFormat() },
                { { "TEXT" } }, "0 ok, 1 error, 2 usage.", { { "user search lópez --limit 20", "" } }, "table",
                recordsPiped },

            { "projections", "ACTION [ARGS]", "list, rebuild, verify, reset or run the projections",
                "Projections keep read models (the guide's user_view) up to date from the log.", {}, {},
                "0 ok, 1 error, 2 usage.", { { "projections list", "" }, { "projections rebuild user_view", "" } }, {},
                {}, runProjections },
            { "projections list", "[--format F]", "status, checkpoint, lag and dead letters of each projection",
                "Lists every projection (built-in and external): status, checkpoint, head, lag in events and "
                "seconds, events held back, dead letters, last error and last rebuild.",
                { { "format", "F",
                    "table (aligned columns), ndjson (one JSON object a line), json (one JSON array) or names "
                    "(the names alone, one a line: for scripts and shell completion).",
                    Complete::Choices, { "table", "ndjson", "json", "names" } } },
                {}, "0 ok, 1 error, 2 usage.",
                { { "projections list", "" }, { "projections list --format json | jq '.[].lag_events'", "" } }, "table",
                recordsPiped },
            { "projections rebuild", "NAME [--batch-size N] [--retries N] [--on-failure park|stop]",
                "zero-downtime rebuild of a built-in projection",
                "Replays the projection's events into a new table, copies it in, applies only the differences to "
                "the live table and catches up, while readers keep reading. Progress on stderr, a JSON summary on "
                "stdout. Ctrl-C cancels and leaves the live table as it was. Runs on the primary.",
                engineOptions(), { { "NAME", Complete::Projection } },
                "0 completed, 1 failed or cancelled, or error, 2 usage.", { { "projections rebuild user_view", "" } } },
            { "projections verify", "NAME [--format F]", "compare a projection's table with its events",
                "Compares the table with its events at its own checkpoint: rows missing, extra and different (per "
                "column, stored and replayed, with the event that last touched the row). Changes nothing: a reader "
                "role or a standby can run it.",
                { reportFormat(), jsonAlias() }, { { "NAME", Complete::Projection } },
                "0 the table agrees, 1 it differs (or error), 2 usage.", { { "projections verify user_view", "" } },
                "table", "table" },
            { "projections reset", "NAME [--to TX:POS]", "set a projection's checkpoint",
                "Sets the projection's checkpoint, so that it replays from there; for an external projection, its "
                "own program then rebuilds it.",
                { { "to", "TX:POS", "The new checkpoint (default: the start of the log)." } },
                { { "NAME", Complete::Projection } }, "0 ok, 1 error, 2 usage.",
                { { "projections reset billing_report --to 1000:381", "" } } },
            { "projections run", "[--once] [--interval S] [--batch-size N] [--retries N] [--on-failure park|stop]",
                "the catch-up runner",
                "Keeps the built-in projections up to date: woken by NOTIFY, polling every --interval seconds as a "
                "fallback. A lost connection does not end it: it says so, waits for the server (retrying after 1 s, "
                "then at most every 30 s), says when it is connected again and goes on from the checkpoints; a "
                "refused login or a missing schema ends it. Ctrl-C or SIGTERM stops it. Runs on the primary.",
                [] {
                    auto options = engineOptions();
                    options.insert(options.begin(),
                        { { "once", "", "Catch up and exit (cron, scripts)." },
                            { "interval", "S",
                                "Seconds between polls when no NOTIFY comes, 1 to 3600 (default 5)." } });
                    return options;
                }(),
                {}, "0 ok, 1 error (with --once: also a projection left stopped at a failing event), 2 usage.",
                { { "projections run --once", "catch up and exit" } } },

            { "dead-letters", "ACTION [ARGS]", "list, retry or skip parked events",
                "Events a projection could not apply are parked as dead letters.", {}, {}, "0 ok, 1 error, 2 usage.",
                { { "dead-letters list", "" } }, {}, {}, runDeadLetters },
            { "dead-letters list", "[--projection NAME] [--format F]", "the parked events",
                "Lists the dead letters: id, projection, event, position, attempts, whether it blocks the "
                "projection, when it was parked and the error.",
                { { "projection", "NAME", "Only this projection's.", Complete::Projection }, recordFormat() }, {},
                "0 ok, 1 error, 2 usage.", { { "dead-letters list --projection user_view", "" } }, "table",
                recordsPiped },
            { "dead-letters retry", "ID", "apply a parked event again",
                "Applies the parked event again, once its cause is fixed, and removes the dead letter.", {},
                { { "ID" } }, "0 applied, 1 error (it failed again), 2 usage.", { { "dead-letters retry 12", "" } } },
            { "dead-letters skip", "ID", "give up on a parked event",
                "Removes the dead letter without applying it; a stopped projection moves past it.", {}, { { "ID" } },
                "0 ok, 1 error, 2 usage.", { { "dead-letters skip 12", "" } } },

            { "health",
                "[--max-event-age S] [--max-lag-events N] [--max-lag-seconds S] [--max-dead-letters N] "
                "[--max-held-back S] [--max-replay-delay S] [--format F]",
                "the guide's health checks",
                "Runs the health checks (database, schema, recent events, events held back, each projection's lag "
                "and dead letters, and on a standby its replay delay) and prints one line per check. An "
                "unreachable database is a verdict here, not an error. A role that may not read what a check needs "
                "gets a failed 'rights' check naming the table and the grant to ask for; the checks it can read "
                "still run.",
                { { "max-event-age", "S", "Unhealthy when the newest event is older than S seconds (default 300)." },
                    { "max-lag-events", "N",
                        "Unhealthy when a projection lags more than N events behind the head (default 10000)." },
                    { "max-lag-seconds", "S",
                        "Unhealthy when a projection lags more than S seconds behind the head (default 300)." },
                    { "max-dead-letters", "N", "Unhealthy with more than N dead letters (default 0)." },
                    { "max-held-back", "S",
                        "Unhealthy when committed events wait more than S seconds behind an open transaction (default "
                        "60)." },
                    { "max-replay-delay", "S",
                        "On a standby: unhealthy when replay is more than S seconds behind the primary (default "
                        "300)." },
                    { "format", "F", "table (one line per check), ndjson or json (one JSON object).", Complete::Choices,
                        { "table", "ndjson", "json" } },
                    jsonAlias() },
                {},
                "0 healthy, 1 unhealthy (also when a check could not be assessed: an unreachable database, a "
                "missing schema, missing rights), 2 usage.",
                { { "health", "" }, { "health --max-lag-events 0 --format json", "" } }, "table", "table", runHealth },

            { "metrics", "[--format F]", "Prometheus metrics",
                "Prints the metrics in the Prometheus text format: events by type, newest event age, projection "
                "lag, dead letters, events held back, the snapshot size histogram, rebuild durations, and whether "
                "the server is a standby (with its replay delay).",
                { { "format", "F",
                    "prometheus (the text format a scraper reads), table (aligned columns), ndjson (one sample a "
                    "line) or json (one JSON array).",
                    Complete::Choices, { "prometheus", "table", "ndjson", "json" } } },
                {}, "0 ok, 1 error, 2 usage.", { { "metrics", "" }, { "metrics --format table", "" } }, "prometheus",
                "prometheus", runMetrics },

            { "in-flight", "[--format F]", "the transactions that hold back the readable head",
                "Lists the transactions in flight that hold back the readable head, with the events waiting behind "
                "each and the statement that ends it. On a standby they run on the primary: listed from there when "
                "--primary or the hosts lead to it.",
                { { "format", "F",
                      "table (the report as text), ndjson (one transaction a line, the primary's on a standby) or "
                      "json (one JSON document).",
                      Complete::Choices, { "table", "ndjson", "json" } },
                    jsonAlias() },
                {}, "0 ok, 1 error, 2 usage.",
                { { "in-flight", "" }, { "in-flight --format ndjson | jq -r 'select(.holds_back_head) | .xid'", "" } },
                "table", "table", runInFlight },

            { "demo", "ACTION [ARGS]", "a private PostgreSQL with demo data",
                "A private PostgreSQL on a Unix socket, filled with a week of realistic events (users, accounts "
                "and orders in three tenants), for trying things out.",
                {}, {}, "0 ok, 1 error, 2 usage.", { { "demo start --events 20000", "" }, { "demo stop", "" } }, {}, {},
                runDemo },
            { "demo start", "[--dir D] [--events N] [--days N] [--standby]", "start the demo server",
                "Starts a private PostgreSQL filled with demo data and prints its connection string (the last "
                "line). Stop it with 'acci-admin demo stop'.",
                { { "dir", "D", "Its directory (default /tmp/acci-demo-UID).", Complete::Directory },
                    { "events", "N", "About N events, 0 to 100000000 (default 20000)." },
                    { "days", "N", "Spread over N days, 1 to 3650 (default 7)." },
                    { "standby", "",
                        "Also start a streaming hot standby in D/standby and print, before the last line, its "
                        "connection string and a multi-host one (standby first, sending actions to the "
                        "primary)." } },
                {}, "0 ok, 1 error, 2 usage.",
                { { "demo start --events 20000", "" },
                    { "demo start --dir /tmp/d --events 0 | tail -1", "an empty store" } } },
            { "demo stop", "[--dir D]", "stop the demo server (and its standby)", "Stops the demo server.",
                { { "dir", "D", "Its directory (default /tmp/acci-demo-UID).", Complete::Directory } }, {},
                "0 ok (also when none runs), 1 error, 2 usage.", { { "demo stop", "" } } },
            { "demo rules", "", "the demo's reducer rules",
                "Prints the demo's time-travel reducer rules: a --rules example to start from.", {}, {},
                "0 ok, 2 usage.", { { "demo rules > rules.json", "" } } },

            { "grant", "reader|writer|operator ROLE [--print]", "give a role the minimal rights of a kind",
                "Gives an existing database role the minimal rights of one kind on the store: reader (browse), "
                "writer (append, user commands, snapshots) or operator (projections and dead letters too). Runs "
                "on the primary.",
                { { "print", "", "Print the SQL instead of running it." } },
                { { "KIND", Complete::Choices, { "reader", "writer", "operator" } }, { "ROLE" } },
                "0 ok, 1 error, 2 usage.",
                { { "grant writer orders_service", "" }, { "grant operator ops_team --print", "" } }, {}, {},
                runGrant },

            { "completion", "bash|zsh", "print a shell completion script",
                "Prints the completion script for bash or zsh: commands, actions, options, their values and "
                "projection names (asked of the server with --db, quietly). The Debian package installs both.",
                {}, { { "SHELL", Complete::Choices, { "bash", "zsh" } } }, "0 ok, 2 usage.",
                { { "completion bash > ~/.local/share/bash-completion/completions/acci-admin", "" },
                    { "source <(acci-admin completion bash)", "this shell only" } },
                {}, {}, runCompletion },

            { "help", "[COMMAND [ACTION]] [--format F]", "help on a command",
                "Prints the help of a command or action, as 'acci-admin COMMAND --help' does; without one, the list "
                "of commands.",
                { { "format", "F", "text, or json: the whole command table (commands, options, defaults) for tools.",
                    Complete::Choices, { "text", "json" } } },
                { { "COMMAND", Complete::Command } }, "0 ok, 2 usage (no such command).",
                { { "help log", "" }, { "help projections rebuild", "" } }, "text", "text", runHelp },
        };
    }

} // namespace

bool CommandHelp::isGroup() const
{
    return synopsis.rfind("ACTION", 0) == 0;
}

const OptionHelp* CommandHelp::option(std::string_view name) const
{
    for (const auto& candidate : options)
        if (candidate.name == name)
            return &candidate;
    return nullptr;
}

const std::vector<CommandHelp>& commandTable()
{
    static const std::vector<CommandHelp> table = buildTable();
    return table;
}

const std::vector<OptionHelp>& globalOptions()
{
    static const std::vector<OptionHelp> options = {
        { "db", "CONNINFO",
            "A libpq connection string or URI. Default: ACCI_DATABASE_URL, else libpq's PG* variables and "
            "~/.pgpass. It may name several hosts and target_session_attrs (a replica first)." },
        { "primary", "CONNINFO",
            "Where the commands that write go. Default: ACCI_PRIMARY_URL, else the same hosts with "
            "target_session_attrs=read-write; what it leaves out (dbname, user) comes from --db." },
        { "help", "", "Print the help (of the command, when one is given) and exit." },
        { "version", "", "Print the version and exit." },
    };
    return options;
}

const CommandHelp* findCommand(std::string_view path)
{
    for (const auto& entry : commandTable())
        if (entry.path == path)
            return &entry;
    return nullptr;
}

const CommandHelp& command(std::string_view path)
{
    if (const auto* entry = findCommand(path))
        return *entry;
    throw std::logic_error("acci-admin's command table has no entry '" + std::string(path) + "'.");
}

std::vector<const CommandHelp*> actionsOf(const CommandHelp& group)
{
    std::vector<const CommandHelp*> actions;
    const std::string prefix = group.path + ' ';
    for (const auto& entry : commandTable())
        if (entry.path.rfind(prefix, 0) == 0)
            actions.push_back(&entry);
    return actions;
}

} // namespace acci::admin

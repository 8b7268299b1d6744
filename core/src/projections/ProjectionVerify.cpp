#include "acci/projections/ProjectionVerify.hpp"
#include "acci/util/Csv.hpp"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <pqxx/subtransaction>
#include <pqxx/transaction>

#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "projections/Checkpoints.hpp"
#include "projections/ProjectionEvents.hpp"
#include "projections/RebuildApply.hpp"
#include "projections/VerifyComparer.hpp"
#include "store/BinaryCopy.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections {

namespace {

    using Clock = std::chrono::steady_clock;
    using Snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

    // The live table's key, checked: one text column, and the COLLATE clause that makes the
    // events' order the order of its index.
    struct TableKey {
        std::string quotedColumn;
        std::string collate; // "" for the database's default collation
        // How the events are sorted by key: COLLATE "C" where the key's collation orders text
        // as its bytes (C.UTF-8's codepoint order), which sorts the same for less (abbreviated
        // keys, no copies for strcoll); else `collate`.
        std::string eventsOrder;
    };

    // Whether text compares under `collate` as under "C": a byte-order locale by name (libc's
    // C, POSIX, C.UTF-8), confirmed on pairs that any linguistic order sorts otherwise (ASCII
    // only: the database's encoding may hold nothing else).
    bool sortsAsBytes(pqxx::transaction_base& tx, const std::string& collate, bool byteOrderName)
    {
        if (!byteOrderName)
            return false;
        return tx
            .exec1("SELECT bool_and((a" + collate
                + " < b) = (a COLLATE \"C\" < b COLLATE \"C\"))"
                  " FROM (VALUES ('a', 'B'), ('B', 'a'), ('a', 'A'), ('a b', 'ab'), ('-a', 'a'), ('1', 'a'),"
                  " ('ab', 'a-c'), ('Z', 'a')) AS v(a, b)")[0]
            .as<bool>();
    }

    TableKey requireTextKey(pqxx::transaction_base& tx, const std::string& table)
    {
        const auto keys = detail::tableKey(tx, table);
        if (keys.size() != 1)
            throw store::SchemaError("The table " + table
                + (keys.empty() ? " has no primary key" : " has a primary key of several columns")
                + ", and a verification compares rows by a primary key of one text column.");
        const auto row
            = tx.exec_params1("SELECT a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype),"
                              " CASE WHEN c.collname IS NULL OR c.collname = 'default' THEN ''"
                              " ELSE ' COLLATE ' || quote_ident(n.nspname) || '.' || quote_ident(c.collname) END,"
                              " CASE WHEN c.oid IS NULL OR c.collprovider = 'd'"
                              " THEN (SELECT d.datlocprovider = 'c' AND d.datcollate IN ('C', 'POSIX', 'C.UTF-8',"
                              " 'C.utf8') FROM pg_database d WHERE d.datname = current_database())"
                              " ELSE c.collprovider = 'c' AND c.collcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8') END,"
                              " coalesce(c.collisdeterministic, true), c.collname"
                              " FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation"
                              " LEFT JOIN pg_namespace n ON n.oid = c.collnamespace"
                              " WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attname = $2",
                table, keys[0]);
        if (!row[0].as<bool>())
            throw store::SchemaError("The primary key " + keys[0] + " of " + table
                + " is not text, and a verification compares rows by a text key.");
        // A nondeterministic collation (case- or accent-insensitive ICU) makes keys of different
        // bytes one row: catch-up merges them, the replay keeps them apart, and the comparison
        // pairs them by the collation, so the report would blame rows a rebuild cannot fix.
        if (!row[3].as<bool>())
            throw store::SchemaError("The primary key " + keys[0] + " of " + table + " has the collation "
                + row[4].c_str()
                + ", which is not deterministic: keys that differ (in case, accents…) are the same row there, "
                  "and a verification compares rows by keys equal only to themselves.");
        const std::string collate = row[1].c_str();
        return { tx.quote_name(keys[0]), collate,
            sortsAsBytes(tx, collate, !row[2].is_null() && row[2].as<bool>()) ? std::string(" COLLATE \"C\"")
                                                                              : collate };
    }

    // One statement per batch: the rows the events give for a key range, beside the live rows
    // of that range, compared by the server. Returns only the rows that differ, in key order,
    // each side as to_jsonb. `byEquality`: rows compare with their columns' = (a fifth faster
    // on user_view); otherwise as to_jsonb, which every type has (json has no =).
    std::string comparisonSql(pqxx::transaction_base& tx, const std::string& table, const TableKey& key,
        const std::vector<std::string>& columns, bool byEquality)
    {
        const std::string t = tx.quote_name(table);
        const std::string list = detail::quotedList(tx, columns);
        const std::string& k = key.quotedColumn;
        return "WITH r AS (SELECT " + list + " FROM json_populate_recordset(NULL::" + t + ", $1::json)),"
            + " t AS (SELECT " + list + " FROM " + t + " WHERE ($2::text IS NULL OR " + k + " > $2" + key.collate
            + ") AND ($3::text IS NULL OR " + k + " <= $3" + key.collate + "))" + " SELECT coalesce(r." + k + ", t." + k
            + ")::text, CASE WHEN t." + k + " IS NULL THEN 'missing' WHEN r." + k
            + " IS NULL THEN 'extra' ELSE 'different' END, CASE WHEN t." + k
            + " IS NOT NULL THEN to_jsonb(t)::text END, CASE WHEN r." + k + " IS NOT NULL THEN to_jsonb(r)::text END"
            + " FROM r FULL JOIN t ON r." + k + " = t." + k + " WHERE r." + k + " IS NULL OR t." + k + " IS NULL OR "
            + (byEquality ? "(r.*) IS DISTINCT FROM (t.*)" : "to_jsonb(r) <> to_jsonb(t)") + " ORDER BY coalesce(r." + k
            + ", t." + k + ")" + key.collate;
    }

    // Whether every column has an equality the row comparison can use: planning the statement
    // says, in a savepoint (allowed read only, and on a standby) so that a refusal costs nothing.
    bool comparesByEquality(pqxx::dbtransaction& tx, const std::string& sql)
    {
        try {
            pqxx::subtransaction probe(tx, "acci_verify_probe");
            probe.exec("EXPLAIN " + store::detail::withLiterals(probe, sql, { "[]", std::nullopt, std::nullopt }));
            probe.commit();
            return true;
        } catch (const pqxx::sql_error&) {
            return false; // "could not identify an equality operator": compare as to_jsonb
        }
    }

    // A string as a JSON string: quotes, backslashes and control characters escaped, the rest
    // (UTF-8, as the events' JSON gave it) as it is.
    void appendJsonString(std::string& out, std::string_view text)
    {
        out += '"';
        for (const char c : text) {
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }

    std::int64_t plannedEvents(pqxx::transaction_base& tx, const Projection& projection)
    {
        const auto plan = nlohmann::json::parse(
            tx.exec_params1("EXPLAIN (FORMAT JSON) SELECT 1 FROM events WHERE event_type = ANY($1::text[])",
                  store::detail::textArrayLiteral(projection.eventTypes()))[0]
                .c_str(),
            nullptr, false);
        if (plan.is_array() && !plan.empty() && plan[0].contains("Plan"))
            return plan[0]["Plan"].value("Plan Rows", std::int64_t { 0 });
        return 0;
    }

} // namespace

std::string toString(RowDifference::Kind kind)
{
    switch (kind) {
    case RowDifference::Kind::Missing:
        return "missing";
    case RowDifference::Kind::Extra:
        return "extra";
    case RowDifference::Kind::Different:
        break;
    }
    return "different";
}

std::string toString(VerifyReport::Outcome outcome)
{
    switch (outcome) {
    case VerifyReport::Outcome::Agrees:
        return "agrees";
    case VerifyReport::Outcome::Differs:
        return "differs";
    case VerifyReport::Outcome::Cancelled:
        return "cancelled";
    case VerifyReport::Outcome::Failed:
        break;
    }
    return "failed";
}

nlohmann::ordered_json toJson(const std::string& projection, const VerifyReport& report)
{
    using nlohmann::json;
    nlohmann::ordered_json out = { { "projection", projection }, { "outcome", toString(report.outcome) },
        { "checkpoint", report.checkpoint.toString() }, { "events_replayed", report.eventsReplayed },
        { "rows_replayed", report.rowsReplayed }, { "rows_in_table", report.rowsInTable },
        { "missing", report.missing }, { "extra", report.extra }, { "different", report.different },
        { "replay_errors", report.replayErrors }, { "replay_error_samples", report.replayErrorSamples },
        { "list_truncated", report.listTruncated }, { "seconds", report.seconds } };
    if (!report.error.empty())
        out["error"] = report.error;
    if (!report.advice.empty())
        out["advice"] = report.advice;
    auto parsed = [](const std::string& text) { return text.empty() ? json() : json::parse(text, nullptr, false); };
    nlohmann::ordered_json differences = nlohmann::ordered_json::array();
    for (const auto& difference : report.differences) {
        nlohmann::ordered_json line = { { "kind", toString(difference.kind) }, { "key", difference.key } };
        if (!difference.aggregateId.empty()) {
            line["aggregate_id"] = difference.aggregateId;
            line["version"] = difference.version;
            line["event_id"] = difference.eventId;
        }
        if (difference.kind == RowDifference::Kind::Different) {
            nlohmann::ordered_json columns = nlohmann::ordered_json::array();
            for (const auto& column : difference.columns)
                columns.push_back({ { "column", column.column }, { "stored", parsed(column.stored) },
                    { "replayed", parsed(column.replayed) } });
            line["columns"] = columns;
        }
        line["stored"] = parsed(difference.storedJson);
        line["replayed"] = parsed(difference.replayedJson);
        differences.push_back(std::move(line));
    }
    out["differences"] = differences;
    return out;
}

std::string toCsv(const VerifyReport& report)
{
    const auto field = util::csvField;
    std::string csv = "kind,key,column,stored,replayed,aggregate_id,version,event_id\r\n";
    auto line = [&](const RowDifference& difference, const std::string& column, const std::string& stored,
                    const std::string& replayed) {
        csv += toString(difference.kind) + ',' + field(difference.key) + ',' + field(column) + ',' + field(stored) + ','
            + field(replayed) + ',' + field(difference.aggregateId) + ','
            + (difference.aggregateId.empty() ? std::string() : std::to_string(difference.version)) + ','
            + field(difference.eventId) + "\r\n";
    };
    for (const auto& difference : report.differences) {
        if (difference.kind != RowDifference::Kind::Different || difference.columns.empty())
            line(difference, {}, difference.storedJson, difference.replayedJson);
        for (const auto& column : difference.columns)
            line(difference, column.column, column.stored, column.replayed);
    }
    return csv;
}

VerifyReport verifyProjection(const std::string& conninfo, const Projection& projection, const VerifyOptions& options,
    const std::function<void(const VerifyProgress&)>& progress, const util::CancelToken* cancel)
{
    const auto started = Clock::now();
    const std::string table = projection.table();
    const std::string keySql = projection.rowKeySql();
    if (keySql.empty())
        throw store::InvalidInputError("Projection " + projection.name()
            + " cannot be verified: it does not say which row of its table each event changes.");
    auto eventsConnection = store::connect(conninfo, "acci verify");
    auto rowsConnection = store::connect(conninfo, "acci verify");

    // 1. One snapshot for both sides: the events (and the checkpoint, the parked events) on
    //    one connection, exported to the other, which reads the live table.
    Snapshot events(*eventsConnection);
    // Each side waits on the other (the comparison while the server sorts the events, the
    // events while a batch is compared): a role's idle_in_transaction_session_timeout would end
    // the verification with a lost connection. Off for these two sessions' transactions only.
    events.exec("SET LOCAL idle_in_transaction_session_timeout = 0");
    if (!events.exec_params1("SELECT to_regclass(quote_ident($1)) IS NOT NULL", table)[0].as<bool>())
        throw store::SchemaError("The table " + table + " of projection " + projection.name()
            + " does not exist; run 'acci-admin migrate' to create it.");
    const TableKey key = requireTextKey(events, table);
    // Rows the role cannot see would be reported missing: refuse instead of misleading.
    detail::requireUnrestrictedRows(events, table, "r", "a verification");
    detail::requireUnrestrictedRows(events, "events", "r", "a verification");
    VerifyReport report;
    const auto checkpoint = events.exec_params(
        "SELECT tx_id::text, position FROM projection_checkpoints WHERE projection = $1", projection.name());
    if (!checkpoint.empty())
        report.checkpoint = { store::detail::parseInt<std::uint64_t>(checkpoint[0][0]),
            store::detail::parseInt<std::int64_t>(checkpoint[0][1]) };
    const auto excluded = detail::excludedEvents(events, projection.name());
    VerifyProgress state;
    state.total = plannedEvents(events, projection);
    const std::string snapshotId = events.exec("SELECT pg_export_snapshot()")[0][0].c_str();
    Snapshot live(*rowsConnection);
    live.exec("SET TRANSACTION SNAPSHOT " + live.quote(snapshotId));
    live.exec("SET LOCAL idle_in_transaction_session_timeout = 0");
    const std::string compare = comparisonSql(live, table, key, projection.columns(),
        comparesByEquality(live, comparisonSql(live, table, key, projection.columns(), true)));
    const auto columns = projection.columns();

    auto tell = [&] {
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        state.total = std::max(state.total, state.processed);
        state.eventsPerSecond = seconds > 0 ? static_cast<double>(state.processed) / seconds : 0;
        state.etaSeconds = state.eventsPerSecond > 0
            ? static_cast<double>(state.total - state.processed) / state.eventsPerSecond
            : 0;
        if (progress)
            progress(state);
    };

    // 2. The events in key order, a batch of rows at a time: fold, then compare that range
    //    (on the comparer's thread, while the next batch is folded).
    auto buffer = projection.startRebuild();
    std::unordered_map<std::string, detail::Touch> touches; // of the batch's rows
    std::optional<std::string> lowerBound; // exclusive: the previous batch's last key
    std::string currentKey;
    bool anyKey = false;
    int batchKeys = 0;
    detail::VerifyComparer comparer(live, compare, columns, options.listLimit);
    // False when a comparison failed: the read stops, and the comparer says why.
    auto flush = [&](const std::optional<std::string>& upperBound) {
        // The batch as JSON text, written directly: building nlohmann objects for a million rows
        // took longer than the comparison itself.
        std::string rows = "[";
        std::int64_t rowCount = 0;
        buffer->forEachRow([&](const std::vector<std::optional<std::string>>& values) {
            rows += rowCount++ == 0 ? "{" : ",{";
            for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
                if (i > 0)
                    rows += ',';
                appendJsonString(rows, columns[i]);
                rows += ':';
                if (values[i])
                    appendJsonString(rows, *values[i]);
                else
                    rows += "null";
            }
            rows += '}';
        });
        rows += ']';
        report.rowsReplayed += rowCount;
        const bool queued = comparer.push({ std::move(rows), lowerBound, upperBound, std::move(touches) });
        lowerBound = upperBound;
        buffer = projection.startRebuild();
        touches = {};
        batchKeys = 0;
        return queued;
    };

    try {
        auto lastTold = Clock::now();
        const auto read = detail::copyProjectionEventsByKey(events, projection, { {}, report.checkpoint, 0 },
            "(" + keySql + ")" + key.eventsOrder,
            [&](store::RecordedEvent& event, std::optional<std::string_view> rowKey) {
                if (cancel && cancel->cancelled())
                    return false;
                if ((++state.processed & 4095) == 0 && Clock::now() - lastTold > std::chrono::milliseconds(200)) {
                    tell();
                    lastTold = Clock::now();
                }
                const std::string_view thisKey = rowKey.value_or(std::string_view());
                if (!anyKey || thisKey != currentKey) {
                    if (anyKey && batchKeys >= options.batchRows && !flush(currentKey))
                        return false;
                    currentKey.assign(thisKey);
                    anyKey = true;
                    ++batchKeys;
                }
                if (excluded.count(event.id))
                    return true; // parked or skipped: catch-up left it out too
                try {
                    buffer->add(event);
                    touches[currentKey] = { event.aggregateId, event.version, event.id };
                } catch (const std::exception& error) {
                    if (report.replayErrorSamples.size() < 20)
                        report.replayErrorSamples.push_back(store::describeError(error));
                    ++report.replayErrors;
                }
                return true;
            });
        if (!read.stopped)
            flush(std::nullopt); // the last batch, and every live row past it
        // Waits for the comparisons; a failed one throws here, which a stopped read hid.
        detail::ComparisonResult compared = comparer.finish();
        report.missing = compared.missing;
        report.extra = compared.extra;
        report.different = compared.different;
        report.differences = std::move(compared.differences);
        report.listTruncated = compared.listTruncated;
        if (read.stopped) {
            report.outcome = VerifyReport::Outcome::Cancelled;
        } else {
            report.eventsReplayed = state.processed;
            tell();
        }
    } catch (const std::exception& error) {
        report.outcome = VerifyReport::Outcome::Failed;
        report.error = store::describeError(error);
    }
    report.eventsReplayed = state.processed;
    report.rowsInTable = report.rowsReplayed - report.missing + report.extra;
    if (report.outcome == VerifyReport::Outcome::Agrees
        && (report.missing + report.extra + report.different + report.replayErrors) > 0)
        report.outcome = VerifyReport::Outcome::Differs;
    if (report.checkpoint == store::LogPosition {} && report.extra > 0)
        report.advice = "The checkpoint of " + projection.name()
            + " is at the start of the log (after a reset?), so the table's rows are ahead of it, not wrong; "
              "let catch-up run ('acci-admin projections run --once'), then verify again.";
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

} // namespace acci::projections

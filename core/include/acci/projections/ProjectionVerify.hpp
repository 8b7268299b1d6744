#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/projections/Projection.hpp"
#include "acci/store/Event.hpp"
#include "acci/util/CancelToken.hpp"

// Verification of a read model (issue 16): which rows of the live table are not what the
// events give, and which events prove it. Read only: nothing is written, so a reader role and
// a hot standby can verify (docs/ARCHITECTURE.md, "Verify a read model").
namespace acci::projections {

struct ColumnDifference {
    std::string column;
    std::string stored; // as JSON (to_jsonb of the column): "null" for NULL
    std::string replayed;
};

struct RowDifference {
    enum class Kind {
        Missing, // the events produce the row; the table lacks it
        Extra, // in the table; no event produces it
        Different // both have it; some columns differ
    };
    Kind kind = Kind::Different;
    std::string key; // the table's primary key, as text
    // The event that last touched the row (Missing, Different): where to look in Time travel.
    std::string aggregateId;
    int version = 0;
    std::string eventId;
    std::vector<ColumnDifference> columns; // Different only
    std::string storedJson; // the whole row of each side, "" where it has none
    std::string replayedJson;
};

std::string toString(RowDifference::Kind kind); // "missing", "extra", "different"

struct VerifyProgress {
    std::int64_t processed = 0; // events replayed
    std::int64_t total = 0; // events to replay (the planner's estimate, taken at the start)
    double eventsPerSecond = 0;
    double etaSeconds = 0;
};

struct VerifyOptions {
    int batchRows = 2000; // rows compared per statement
    std::size_t listLimit = 10000; // differences listed; the counts stay exact past it
};

struct VerifyReport {
    enum class Outcome { Agrees, Differs, Cancelled, Failed };
    Outcome outcome = Outcome::Agrees;
    std::string error; // Failed: what happened and what to do
    store::LogPosition checkpoint; // the live table's own, at which both sides were compared
    std::int64_t eventsReplayed = 0;
    std::int64_t rowsReplayed = 0; // rows the events produce
    std::int64_t rowsInTable = 0;
    std::int64_t missing = 0;
    std::int64_t extra = 0;
    std::int64_t different = 0;
    std::vector<RowDifference> differences; // in key order, at most listLimit
    bool listTruncated = false;
    // Events the projection could not fold (and that are not parked): the rows they would
    // have changed are compared as the other events leave them.
    std::int64_t replayErrors = 0;
    std::vector<std::string> replayErrorSamples; // the first few, each naming its event
    double seconds = 0;
    // What to do about it when a rebuild is not the answer (one sentence), else empty: a table
    // ahead of a checkpoint that was reset is not wrong, it waits for catch-up.
    std::string advice;
};

std::string toString(VerifyReport::Outcome outcome); // "agrees", "differs", "cancelled", "failed"

// The report as one JSON document (the CLI's --json, the console's export): the summary, then
// each difference with its columns and both rows as JSON values.
nlohmann::ordered_json toJson(const std::string& projection, const VerifyReport& report);

// The differences as CSV (RFC 4180, a header line): one line per differing column, one line
// for a missing or extra row; values as JSON text.
std::string toCsv(const VerifyReport& report);

// Compares the projection's live table with what replaying its events gives at the table's
// own checkpoint. Two connections to `conninfo` share one exported snapshot: one streams the
// events in the order of the rows they change, folding a batch of rows at a time; the other
// reads the same key range of the live table and lets the server compare (to_jsonb, column by
// column). Catch-up and writers running meanwhile cause no false report, memory holds one
// batch, and parked or skipped events are left out as catch-up left them out. Throws only for
// what prevents starting (no such table, no checkpoint...); a failure later is in the report.
VerifyReport verifyProjection(const std::string& conninfo, const Projection& projection,
    const VerifyOptions& options = {}, const std::function<void(const VerifyProgress&)>& progress = {},
    const util::CancelToken* cancel = nullptr);

} // namespace acci::projections

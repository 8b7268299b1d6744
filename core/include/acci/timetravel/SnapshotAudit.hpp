#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/connection>

#include "acci/timetravel/ReducerRules.hpp"
#include "acci/timetravel/StateFolder.hpp"
#include "acci/util/CancelToken.hpp"

namespace acci::timetravel {

// What checking one stored snapshot against the fold at its version found.
struct SnapshotVerdict {
    enum class Kind {
        Equal, // the snapshot is the fold at its version
        Different, // it is not: `diff` says how (fold → snapshot)
        OutOfRange, // its version is no event of the stream (past the end, in a gap, negative)
        FoldError, // folding the stream failed
        Unreadable, // the snapshot, or an event up to its version, cannot be read exactly
    };
    Kind kind = Kind::Equal;
    std::string aggregateId;
    std::string aggregateType; // the snapshot's
    int version = 0; // the snapshot's
    std::vector<std::string> diff; // Different: StateDiff::summary lines, at most SnapshotAuditOptions::maxDiffLines
    std::string reason; // OutOfRange, FoldError, Unreadable: one sentence

    bool foldable() const { return kind == Kind::Equal || kind == Kind::Different; }
};

// "equal", "different", "out_of_range", "fold_error", "unreadable" (the CLI's JSON).
std::string toString(SnapshotVerdict::Kind kind);

struct SnapshotAuditOptions {
    std::optional<std::string> aggregateType; // only the snapshots of this aggregate type
    int connections = 0; // the pool; 0: min(4, hardware threads)
    int pageSize = 10000; // snapshot ids read per round trip for the work list
    std::size_t maxDiffLines = 20; // per mismatch
    std::string applicationName = "acci snapshot verify";
};

struct SnapshotAuditProgress {
    long long checked = 0;
    long long total = 0; // the snapshots counted at the start (more when some were added since)
};

// The summary of an audit: counts and every snapshot that is not equal, by aggregate id.
struct SnapshotAuditReport {
    long long total = 0;
    long long checked = 0;
    long long equal = 0;
    long long different = 0;
    long long notFoldable = 0;
    std::vector<SnapshotVerdict> mismatches; // Different and not foldable, by aggregate id
    bool cancelled = false;
    int connections = 0;
    double seconds = 0;
};

// The report as `snapshot verify --all --json` prints it: {"summary": {...}, "mismatches": [...]}.
nlohmann::ordered_json toJson(const SnapshotAuditReport& report);
// The mismatches as CSV (RFC 4180, CRLF): kind, aggregate_id, aggregate_type, version, detail;
// one line per difference line of a different snapshot, one with the reason otherwise.
std::string toCsv(const SnapshotAuditReport& report);

// How many snapshots are stored per aggregate type, by type: a pre-flight's figures.
std::vector<std::pair<std::string, long long>> snapshotCountsByType(pqxx::connection& connection);

// Checks the stored snapshot of one aggregate against `folder` (its rules) folded up to the
// snapshot's version: reads the snapshot row and the events up to its version, nothing more.
// nullopt when the aggregate has no snapshot. Reads only (a reader role, a hot standby).
std::optional<SnapshotVerdict> checkStoredSnapshot(
    pqxx::connection& connection, const std::string& aggregateId, StateFolder& folder, std::size_t maxDiffLines = 20);

// Checks every stored snapshot (of one aggregate type when given) against the fold at its
// version, over a small pool of connections to `conninfo`, each on its own thread, each
// checking one aggregate at a time: memory holds one snapshot and stream per connection, the
// mismatches, and a page of ids. Nothing is written and no temporary table is made. Progress
// is called on the calling thread a few times a second; a cancel stops every connection after
// the aggregate it checks (the report then has `cancelled` and the counts so far). Throws
// when a connection fails (the first failure; the others are stopped). The pool is what could
// connect: a connection refused beyond the first (a role's CONNECTION LIMIT) leaves the work to
// the others.
SnapshotAuditReport auditSnapshots(const std::string& conninfo, const ReducerRules& rules,
    const SnapshotAuditOptions& options = {}, const std::function<void(const SnapshotAuditProgress&)>& progress = {},
    const util::CancelToken* cancel = nullptr);
// The same with the first connection given (one whose schema the caller checked): it counts the
// snapshots, then joins the pool.
SnapshotAuditReport auditSnapshots(std::unique_ptr<pqxx::connection> first, const std::string& conninfo,
    const ReducerRules& rules, const SnapshotAuditOptions& options = {},
    const std::function<void(const SnapshotAuditProgress&)>& progress = {}, const util::CancelToken* cancel = nullptr);

} // namespace acci::timetravel

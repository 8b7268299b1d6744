#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "acci/store/Event.hpp"

namespace acci::projections {

// What a projection does when an event keeps failing after its retries.
enum class FailurePolicy {
    ParkAndContinue, // park it in projection_dead_letters, go on with the next
    Stop // stop at it: the checkpoint stays before it, the projection is faulted
};

// An event the projection cannot apply (malformed data, an update for an unknown row...).
class ProjectionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Accumulates the final rows of a rebuild in memory, then writes them in bulk.
class RebuildBuffer {
public:
    virtual ~RebuildBuffer() = default;
    // Throws ProjectionError for an event it cannot apply; the rebuild stops there.
    virtual void add(const store::RecordedEvent& event) = 0;
    virtual std::int64_t rowCount() const = 0;
    // Writes every row into `table` (created empty by the caller, with the projection's
    // columns()), with COPY: one row per primary key of the live table.
    virtual void write(pqxx::transaction_base& tx, const std::string& table) = 0;
    // Each row so far, as its columns() values in text form (nullopt: NULL) in that order, as
    // the table's input functions read them: a verification compares them with the live rows.
    using RowVisitor = std::function<void(const std::vector<std::optional<std::string>>&)>;
    virtual void forEachRow(const RowVisitor& visit) const = 0;
};

// One catch-up batch, folded as its events arrive and then written: the guide's handle_batch
// without holding the batch in memory (far behind, a batch is up to 2M events).
class BatchFold {
public:
    virtual ~BatchFold() = default;
    // Throws ProjectionError for an event it cannot apply; the batch is then retried one event
    // at a time.
    virtual void add(const store::RecordedEvent& event) = 0;
    // Writes what the batch changed, inside the caller's transaction.
    virtual void write(pqxx::transaction_base& tx, const std::string& table) = 0;
};

// The guide's Projection: a read model kept from the events it handles. Applying must be
// idempotent (replaying an event already applied changes nothing), so a reset checkpoint or
// a retried batch converges to the same table.
class Projection {
public:
    virtual ~Projection() = default;

    virtual std::string name() const = 0;
    virtual std::vector<std::string> eventTypes() const = 0;
    // The live table it maintains (a rebuild changes its rows, never the table itself).
    virtual std::string table() const = 0;
    // CREATE TABLE (and its indexes) for the live table when it does not exist yet; `table`
    // comes quoted.
    virtual std::string createTableSql(const std::string& table) const = 0;
    // The columns of the table a rebuild writes; the live table's other columns are left alone.
    virtual std::vector<std::string> columns() const = 0;
    // The guide's handle_batch: applies events (in log order) inside the caller's transaction.
    virtual void apply(
        pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events)
        = 0;
    virtual std::unique_ptr<RebuildBuffer> startRebuild() const = 0;
    // Catch-up's batch. By default it keeps the events and hands them to apply(); a projection
    // that folds a batch by itself saves holding every event of it. (A subclass that changes
    // apply() returns Projection::startBatch() for catch-up to call it.)
    virtual std::unique_ptr<BatchFold> startBatch();
    // True when startBatch() folds a batch into one change per row instead of keeping its
    // events: its memory then follows the rows a batch touches, and a catch-up far behind
    // takes larger batches (EngineOptions::kMaxFoldedBatch), writing each row fewer times.
    virtual bool batchFoldsIntoRows() const { return false; }

    virtual FailurePolicy failurePolicy() const { return FailurePolicy::ParkAndContinue; }
    // False lets a rebuild and catch-up skip reading the events' metadata.
    virtual bool needsMetadata() const { return true; }
    // The top-level fields of the data that apply() and the rebuild buffer read. Declaring them
    // lets the server send just those (the payloads are most of what a rebuild moves): the
    // event's dataJson is then an object of the declared fields that are present, each exactly
    // as stored. Empty: the whole payload, always.
    virtual std::vector<std::string> fieldsNeeded() const { return {}; }
    // An SQL expression over a row of events giving, as text, the primary key of the one row
    // of the table that the event changes. It lets a verification fold the rows one key at a
    // time in the key's order, beside the live table read in the same order, so that neither
    // side is held whole in memory. Empty: this projection cannot be verified.
    virtual std::string rowKeySql() const { return {}; }
    // True for a projection that runs only in a store that already has its table (the demo's
    // shop projections, whose tables the demo creates): elsewhere it is not listed, run, granted
    // or created, so that a production store never grows tables for events it does not have.
    virtual bool onlyWhereItsTableExists() const { return false; }
};

// The projections this program runs itself: the guide's UserProjection, and the demo's
// order_summary and account_balances where their tables exist (installedProjections).
std::vector<std::shared_ptr<Projection>> builtInProjections();

} // namespace acci::projections

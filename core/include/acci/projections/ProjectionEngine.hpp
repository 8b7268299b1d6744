#pragma once

#include <memory>
#include <optional>
#include <string>

#include <pqxx/connection>

#include "acci/projections/Projection.hpp"
#include "acci/util/CancelToken.hpp"

namespace acci::projections {

struct EngineOptions {
    // Events per batch near the head of the log. Far behind, a batch takes what is left, up to
    // a ceiling: fewer transactions, and one write per row for many of its events. A batch
    // that fails is replayed one event at a time at batchSize.
    int batchSize = 1000;
    // The ceiling, when set (> 0). By default it follows what a batch holds in memory: a
    // projection whose batch keeps its events (Projection::startBatch's default) takes up to
    // kMaxHeldBatch, about 300 MB of user events; one whose batch folds into one change per
    // row (Projection::batchFoldsIntoRows) takes up to kMaxFoldedBatch, since its memory
    // follows the rows, not the events, and every further event of a row costs no write.
    int maxBatchSize = 0;
    static constexpr int kMaxHeldBatch = 500'000;
    static constexpr int kMaxFoldedBatch = 2'000'000;
    int retries = 3; // attempts per failing event before it is parked (or the projection stops)
    std::optional<FailurePolicy> policy; // default: the projection's own
    bool heartbeat = false; // a daemon: refresh heartbeat_at with every batch
};

struct BatchResult {
    std::int64_t processed = 0; // events applied
    std::int64_t parked = 0;
    bool more = false; // a full batch: call again
    bool faulted = false; // stopped at a failing event (policy Stop)
    std::string error; // why it faulted
};

struct CatchUpResult {
    std::int64_t processed = 0;
    std::int64_t parked = 0;
    int batches = 0;
    bool faulted = false;
    std::string error;
};

// Catch-up for one projection: reads a batch after its checkpoint (never skipping a late
// commit), applies it and stores the new checkpoint in the same transaction, so each event
// takes effect exactly once. A failing batch is replayed event by event to find the
// culprit, which is retried, then parked or made to stop the projection.
class ProjectionEngine {
public:
    ProjectionEngine(pqxx::connection& connection, std::shared_ptr<Projection> projection, EngineOptions options = {});

    // Creates the live table when it does not exist, and the checkpoint row.
    void prepare();
    // One batch after the checkpoint; a `cancel` heard inside it rolls it back whole.
    BatchResult runBatch(const util::CancelToken* cancel = nullptr);
    // Batch after batch until the head, a fault, or `cancel`: checked between batches and
    // every few thousand events inside one (a cancelled batch is rolled back, not half kept).
    CatchUpResult catchUp(const util::CancelToken* cancel = nullptr);

    const Projection& projection() const { return *m_projection; }

private:
    BatchResult runBatchOneByOne();
    FailurePolicy policy() const { return m_options.policy.value_or(m_projection->failurePolicy()); }

    pqxx::connection& m_connection;
    std::shared_ptr<Projection> m_projection;
    EngineOptions m_options;
    long long m_batchSize; // the next batch's size: large far behind, batchSize near the head
    // After the fold refused an event in a large batch: the last event before it, where the
    // next batch ends.
    std::optional<store::LogPosition> m_readUpTo;
};

} // namespace acci::projections

#include "acci/projections/ProjectionEngine.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Roles.hpp"
#include "projections/Checkpoints.hpp"
#include "projections/ProjectionEvents.hpp"
#include "store/Savepoint.hpp"

namespace acci::projections {

namespace {

    using SnapshotTransaction = pqxx::transaction<pqxx::isolation_level::repeatable_read>;

    // Errors that say nothing about the event: the caller retries or gives up, nothing is parked.
    bool isInfrastructureFailure(const std::exception& error)
    {
        return dynamic_cast<const pqxx::broken_connection*>(&error) || dynamic_cast<const pqxx::in_doubt_error*>(&error)
            || dynamic_cast<const pqxx::transaction_rollback*>(&error);
    }

    // Where the checkpoint goes after a batch: past the last event of a full batch, or to the
    // readable head when the batch reached it (events the projection ignores count as done).
    store::LogPosition nextCheckpoint(store::LogPosition current, const std::optional<store::LogPosition>& lastRead,
        bool full, const std::optional<store::LogPosition>& head)
    {
        store::LogPosition next = lastRead.value_or(current);
        if (!full && head && current < *head && next < *head)
            next = *head;
        return next;
    }

    // As large as what is left after this batch (the log positions between it and the head:
    // an upper bound, other types count too), up to the ceiling (EngineOptions::maxBatchSize):
    // far behind, one large batch writes each row once for many of its events; near the
    // head, small batches keep the read model fresh.
    long long nextBatchSize(const store::LogPosition& reached, const std::optional<store::LogPosition>& head,
        const EngineOptions& options, bool foldsIntoRows)
    {
        const long long base = std::max(1, options.batchSize);
        const long long ceiling = options.maxBatchSize > 0 ? options.maxBatchSize
            : foldsIntoRows                                ? EngineOptions::kMaxFoldedBatch
                                                           : EngineOptions::kMaxHeldBatch;
        const long long left = head ? std::max<long long>(0, head->globalPosition - reached.globalPosition) : 0;
        return std::clamp(left, base, std::max(base, ceiling));
    }

    // Thrown out of a batch's read when catch-up is cancelled: the batch is rolled back.
    struct BatchCancelled { };

    // The default batch: the events kept, then handed to the projection's apply().
    class KeptEvents : public BatchFold {
    public:
        explicit KeptEvents(Projection& projection)
            : m_projection(projection)
        {
        }
        void add(const store::RecordedEvent& event) override { m_events.push_back(event); }
        void write(pqxx::transaction_base& tx, const std::string& table) override
        {
            m_projection.apply(tx, table, m_events);
        }

    private:
        Projection& m_projection;
        std::vector<store::RecordedEvent> m_events;
    };

} // namespace

std::unique_ptr<BatchFold> Projection::startBatch()
{
    return std::make_unique<KeptEvents>(*this);
}

ProjectionEngine::ProjectionEngine(
    pqxx::connection& connection, std::shared_ptr<Projection> projection, EngineOptions options)
    : m_connection(connection)
    , m_projection(std::move(projection))
    , m_options(options)
    , m_batchSize(std::max(1, options.batchSize))
{
}

void ProjectionEngine::prepare()
{
    pqxx::work tx(m_connection);
    store::requireOperator(tx, "run the catch-up of '" + m_projection->name() + "'");
    const auto exists = tx.exec_params1("SELECT to_regclass(quote_ident($1)) IS NOT NULL", m_projection->table());
    if (!exists[0].as<bool>())
        tx.exec(m_projection->createTableSql(tx.quote_name(m_projection->table())));
    detail::ensureCheckpointRow(tx, m_projection->name());
    tx.commit();
}

BatchResult ProjectionEngine::runBatch(const util::CancelToken* cancel)
{
    for (int attempt = 1;; ++attempt) {
        std::optional<store::LogPosition> folded; // the last event the fold took (the last read)
        bool folding = false; // an exception now comes from the fold, about this event
        try {
            detail::CatchUpLock serialized(m_connection, m_projection->name());
            {
                pqxx::nontransaction before(m_connection);
                serialized.acquire(before);
            }
            SnapshotTransaction tx(m_connection);
            const auto checkpoint = detail::lockCheckpoint(tx, m_projection->name());
            const auto head = store::readableHead(tx);
            // After the fold refused an event, this batch ends just before it.
            auto bound = head;
            const bool limited = head && m_readUpTo && *m_readUpTo < *head && checkpoint < *m_readUpTo;
            if (limited)
                bound = m_readUpTo;
            m_readUpTo.reset();
            // Each event is folded as it arrives: a batch far behind is never held whole.
            const auto batch = m_projection->startBatch();
            long long read = 0;
            if (bound)
                detail::copyProjectionEvents(
                    tx, *m_projection, { checkpoint, *bound, m_batchSize }, [&](store::RecordedEvent& event) {
                        // A batch far behind takes seconds: a cancel is heard within it.
                        if (cancel && read % 4096 == 4095 && cancel->cancelled())
                            throw BatchCancelled {};
                        folding = true;
                        batch->add(event);
                        folding = false;
                        folded = event.position;
                        ++read;
                        return true;
                    });
            const bool full = read == m_batchSize;
            if (read > 0)
                batch->write(tx, m_projection->table());
            const auto next = nextCheckpoint(checkpoint, folded, full, bound);
            if (next != checkpoint || m_options.heartbeat)
                detail::storeCheckpoint(tx, m_projection->name(), next, read, m_options.heartbeat);
            tx.commit();
            m_batchSize = nextBatchSize(next, head, m_options, m_projection->batchFoldsIntoRows());
            return { read, 0, full || limited, false, {} };
        } catch (const BatchCancelled&) {
            return {}; // rolled back with the transaction; catchUp sees the cancel and stops
        } catch (const pqxx::transaction_rollback&) {
            // Another runner or a rebuild moved the checkpoint under us: read it again, after a
            // pause that grows, so that two busy writers of the checkpoint do not keep colliding.
            if (attempt >= 10)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
        } catch (const std::exception& error) {
            if (isInfrastructureFailure(error))
                throw;
            if (folding && folded) {
                // The fold refused an event deep in a large batch: the events before it go in
                // one batch ending there, and only then one at a time from the culprit on (one
                // at a time from the checkpoint would take a large batch's read per 1000
                // events until it reached the culprit).
                m_readUpTo = folded;
                return { 0, 0, true, false, {} };
            }
            m_batchSize = std::max(1, m_options.batchSize); // growing starts over after the culprit
            return runBatchOneByOne();
        }
    }
}

BatchResult ProjectionEngine::runBatchOneByOne()
{
    store::LogFilter filter;
    filter.eventTypes = m_projection->eventTypes();
    detail::CatchUpLock serialized(m_connection, m_projection->name());
    {
        pqxx::nontransaction before(m_connection);
        serialized.acquire(before);
    }
    SnapshotTransaction tx(m_connection);
    const auto checkpoint = detail::lockCheckpoint(tx, m_projection->name());
    const auto events = store::readAll(tx, checkpoint, m_options.batchSize, filter);
    const bool full = static_cast<int>(events.size()) == m_options.batchSize;
    const auto head = full ? std::nullopt : store::readableHead(tx);
    const auto skipped = detail::excludedEvents(tx, m_projection->name());

    BatchResult result;
    store::LogPosition position = checkpoint;
    for (const auto& event : events) {
        std::string lastError;
        bool applied = false;
        for (int attempt = 1; attempt <= std::max(1, m_options.retries) && !applied; ++attempt) {
            try {
                store::detail::Savepoint savepoint(tx, "acci_event"); // see there: 6.4 needs it eager
                m_projection->apply(savepoint.tx(), m_projection->table(), { event });
                savepoint.commit();
                applied = true;
            } catch (const std::exception& error) {
                if (dynamic_cast<const pqxx::broken_connection*>(&error))
                    throw;
                lastError = store::describeError(error);
            }
        }
        if (applied) {
            ++result.processed;
            position = event.position;
            continue;
        }
        if (skipped.count(event.id)) {
            // An operator gave up on it before (a reset replays it): it stays given up.
            position = event.position;
            continue;
        }
        if (policy() == FailurePolicy::ParkAndContinue) {
            detail::parkEvent(tx, m_projection->name(), event, lastError, m_options.retries, false);
            ++result.parked;
            position = event.position;
            continue;
        }
        // Stop: everything before the culprit is kept, the checkpoint waits just before it.
        detail::parkEvent(tx, m_projection->name(), event, lastError, m_options.retries, true);
        detail::storeCheckpoint(tx, m_projection->name(), position, result.processed, m_options.heartbeat);
        tx.exec_params("UPDATE projection_checkpoints SET status = 'faulted', last_error = $2, last_error_at = now()"
                       " WHERE projection = $1",
            m_projection->name(), lastError);
        tx.commit();
        result.faulted = true;
        result.error = lastError;
        return result;
    }
    const auto next
        = nextCheckpoint(position, events.empty() ? std::nullopt : std::optional(events.back().position), full, head);
    detail::storeCheckpoint(tx, m_projection->name(), next, result.processed, m_options.heartbeat);
    if (result.parked)
        tx.exec_params("UPDATE projection_checkpoints SET last_error = $2, last_error_at = now() WHERE projection = $1",
            m_projection->name(), ParkedEventsNote);
    tx.commit();
    result.more = full;
    return result;
}

CatchUpResult ProjectionEngine::catchUp(const util::CancelToken* cancel)
{
    CatchUpResult total;
    {
        // A faulted projection stays put until its blocking dead letter is retried or skipped.
        pqxx::nontransaction query(m_connection);
        const auto status = query.exec_params(
            "SELECT status, coalesce(last_error, '') FROM projection_checkpoints WHERE projection = $1",
            m_projection->name());
        if (!status.empty() && parseProjectionState(status[0][0].c_str()) == ProjectionState::Faulted) {
            total.faulted = true;
            total.error = status[0][1].c_str();
            return total;
        }
    }
    for (;;) {
        if (cancel && cancel->cancelled())
            return total;
        const BatchResult batch = runBatch(cancel);
        ++total.batches;
        total.processed += batch.processed;
        total.parked += batch.parked;
        if (batch.faulted) {
            total.faulted = true;
            total.error = batch.error;
            return total;
        }
        if (!batch.more)
            return total;
    }
}

} // namespace acci::projections

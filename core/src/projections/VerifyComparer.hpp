#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <pqxx/transaction_base>

#include "acci/projections/ProjectionVerify.hpp"

namespace acci::projections::detail {

// The event that last changed a row: where its story ends.
struct Touch {
    std::string aggregateId;
    int version = 0;
    std::string eventId;
};

// One key range of replayed rows, ready for the server to compare with the live table.
struct ComparisonBatch {
    std::string rowsJson; // the replayed rows, a JSON array of objects
    std::optional<std::string> lowerBound; // exclusive; none: from the first key
    std::optional<std::string> upperBound; // inclusive; none: to the last key
    std::unordered_map<std::string, Touch> touches; // of the batch's rows, by key
};

// What the comparisons found, in key order.
struct ComparisonResult {
    std::int64_t missing = 0;
    std::int64_t extra = 0;
    std::int64_t different = 0;
    std::vector<RowDifference> differences; // at most the list limit
    bool listTruncated = false;
};

// Compares the batches a verification replays with the live table, on a thread of its own,
// over the connection of `live` (which nothing else uses meanwhile). The events' read goes
// on while a batch is compared: done in turn, the comparisons were a third of a verification,
// and the events' stream waited on each. At most two batches wait, so memory stays bounded.
class VerifyComparer {
public:
    // compareSql: the comparison statement, $1 the rows, $2 and $3 the bounds.
    VerifyComparer(
        pqxx::transaction_base& live, std::string compareSql, std::vector<std::string> columns, std::size_t listLimit);
    // Stops: batches not compared yet are dropped.
    ~VerifyComparer();
    VerifyComparer(const VerifyComparer&) = delete;
    VerifyComparer& operator=(const VerifyComparer&) = delete;

    // Queues a batch, waiting while two are queued. False when a comparison failed: stop
    // reading, and finish() says why.
    bool push(ComparisonBatch batch);
    // Compares what is queued and returns the result, or throws the comparison's error.
    ComparisonResult finish();

private:
    void run();
    void compare(const ComparisonBatch& batch);
    void stop();

    pqxx::transaction_base& m_live;
    const std::string m_compareSql;
    const std::vector<std::string> m_columns;
    const std::size_t m_listLimit;
    ComparisonResult m_result; // the comparer thread's until it is joined

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ComparisonBatch> m_queue;
    bool m_closing = false; // no more batches: compare what is queued, then end
    bool m_dropping = false; // end without comparing what is queued
    std::exception_ptr m_error;
    std::thread m_thread; // last: started once everything it uses is built
};

} // namespace acci::projections::detail

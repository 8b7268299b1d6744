#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace acci::monitoring {

// Events per time bucket and event type, for the event-rate chart.
struct EventRateQuery {
    std::int64_t fromUs = 0; // inclusive
    std::int64_t toUs = 0; // exclusive
    int bucketSeconds = 0; // 0: chosen from the range (chooseBucketSeconds)
    std::optional<std::string> tenantId; // metadata.tenant_id
};

struct EventRateSeries {
    int bucketSeconds = 0;
    std::vector<std::int64_t> bucketStartsUs; // every bucket of the range, empty ones too
    std::vector<std::string> eventTypes; // the busiest first
    std::vector<std::vector<std::int64_t>> counts; // counts[type][bucket]

    std::int64_t total() const;
};

// A round bucket size (1 s … 1 day) that cuts `rangeSeconds` into about `targetBuckets`.
int chooseBucketSeconds(std::int64_t rangeSeconds, int targetBuckets = 120);

// Buckets counted in SQL (date_bin over the timestamp index), zero-filled here. Buckets are
// aligned to the Unix epoch, so that a live chart's buckets stay put as it moves.
EventRateSeries eventRates(pqxx::connection& connection, const EventRateQuery& query);

} // namespace acci::monitoring

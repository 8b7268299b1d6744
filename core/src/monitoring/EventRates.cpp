#include "acci/monitoring/EventRates.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include <pqxx/pqxx>

#include "acci/store/Errors.hpp"

namespace acci::monitoring {

std::int64_t EventRateSeries::total() const
{
    std::int64_t sum = 0;
    for (const auto& perType : counts)
        sum = std::accumulate(perType.begin(), perType.end(), sum);
    return sum;
}

int chooseBucketSeconds(std::int64_t rangeSeconds, int targetBuckets)
{
    static constexpr int sizes[]
        = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };
    const double wanted = static_cast<double>(std::max<std::int64_t>(1, rangeSeconds)) / std::max(1, targetBuckets);
    for (int size : sizes)
        if (size >= wanted)
            return size;
    return sizes[std::size(sizes) - 1];
}

EventRateSeries eventRates(pqxx::connection& connection, const EventRateQuery& query)
{
    if (query.toUs <= query.fromUs)
        throw store::InvalidInputError("The time range is empty; its end must come after its start.");
    EventRateSeries series;
    series.bucketSeconds
        = query.bucketSeconds > 0 ? query.bucketSeconds : chooseBucketSeconds((query.toUs - query.fromUs) / 1'000'000);
    const std::int64_t bucketUs = static_cast<std::int64_t>(series.bucketSeconds) * 1'000'000;
    const std::int64_t firstBucket = query.fromUs - ((query.fromUs % bucketUs) + bucketUs) % bucketUs;
    const std::size_t buckets = static_cast<std::size_t>((query.toUs - firstBucket + bucketUs - 1) / bucketUs);
    if (buckets > 100'000)
        throw store::InvalidInputError("That many buckets (" + std::to_string(buckets)
            + ") would not fit on a chart; choose a larger bucket or a shorter range.");
    for (std::size_t i = 0; i < buckets; ++i)
        series.bucketStartsUs.push_back(firstBucket + static_cast<std::int64_t>(i) * bucketUs);

    // date_bin per row (cheap), the epoch of each bucket only once per group: extract() returns
    // numeric since PostgreSQL 14, too slow to run on every event.
    std::string sql = R"SQL(
SELECT (extract(epoch FROM bucket) / $3)::bigint, event_type, n FROM (
  SELECT date_bin(make_interval(secs => $3), timestamp, 'epoch') AS bucket, event_type, count(*) AS n
    FROM events
   WHERE timestamp >= to_timestamp($1::double precision / 1000000)
     AND timestamp <  to_timestamp($2::double precision / 1000000))SQL";
    if (query.tenantId)
        sql += " AND metadata ->> 'tenant_id' = $4";
    sql += " GROUP BY 1, 2) buckets";
    pqxx::nontransaction tx(connection);
    const pqxx::result rows = query.tenantId
        ? tx.exec_params(sql, query.fromUs, query.toUs, series.bucketSeconds, *query.tenantId)
        : tx.exec_params(sql, query.fromUs, query.toUs, series.bucketSeconds);

    std::map<std::string, std::vector<std::int64_t>> byType;
    std::map<std::string, std::int64_t> totals;
    const std::int64_t firstIndex = firstBucket / bucketUs;
    for (const auto& row : rows) {
        const auto index = row[0].as<std::int64_t>() - firstIndex;
        if (index < 0 || static_cast<std::size_t>(index) >= buckets)
            continue; // rounding at the range's edges
        const std::string type = row[1].c_str();
        auto& perBucket = byType[type];
        if (perBucket.empty())
            perBucket.assign(buckets, 0);
        const auto count = row[2].as<std::int64_t>();
        perBucket[static_cast<std::size_t>(index)] += count;
        totals[type] += count;
    }
    for (const auto& [type, _] : byType)
        series.eventTypes.push_back(type);
    std::stable_sort(series.eventTypes.begin(), series.eventTypes.end(),
        [&](const std::string& a, const std::string& b) { return totals[a] > totals[b]; });
    for (const auto& type : series.eventTypes)
        series.counts.push_back(std::move(byType[type]));
    return series;
}

} // namespace acci::monitoring

#pragma once

// A store made with the guide's plain schema, and the guide's way of writing to it. Header-only
// (the support library links the core alone; these need libpqxx only).
#include <string>

#include <pqxx/connection>
#include <pqxx/nontransaction>

namespace acci::testing {

// The guide's tables as a service written from it would have created them.
inline const char* guideSchemaSql = R"SQL(
CREATE TABLE events (
    id UUID PRIMARY KEY,
    aggregate_id VARCHAR(255) NOT NULL,
    aggregate_type VARCHAR(255) NOT NULL,
    event_type VARCHAR(255) NOT NULL,
    version INTEGER NOT NULL,
    data JSONB NOT NULL,
    metadata JSONB NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_events_aggregate ON events (aggregate_id, version);
CREATE INDEX idx_events_type ON events (event_type);
CREATE INDEX idx_events_timestamp ON events (timestamp);
CREATE TABLE snapshots (
    aggregate_id VARCHAR(255) PRIMARY KEY,
    aggregate_type VARCHAR(255) NOT NULL,
    version INTEGER NOT NULL,
    state JSONB NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL
);
CREATE TABLE user_view (
    id VARCHAR(255) PRIMARY KEY,
    email VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    status VARCHAR(50) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
)SQL";

// The guide's store_event: the eight columns, nothing else.
inline void guideStoreEvent(
    pqxx::connection& connection, const std::string& aggregateId, int version, const std::string& timestamp)
{
    pqxx::nontransaction tx(connection);
    tx.exec_params(
        "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp) "
        "VALUES (gen_random_uuid(), $1, 'User', 'UserUpdated', $2, $3::jsonb, "
        "'{\"correlation_id\":\"c\",\"tenant_id\":\"t\"}'::jsonb, $4::timestamptz)",
        aggregateId, version, "{\"user_id\":\"" + aggregateId + "\",\"n\":" + std::to_string(version) + "}", timestamp);
}

// `count` events in one statement (ids derived from prefix and number: two stores loaded alike
// hold the same events): aggregates of `perAggregate` versions, tenants t0..t2, and
// timestamps that repeat every `distinctTimestamps` events (equal timestamps across aggregates),
// inserted out of timestamp order.
inline void loadGuideEvents(pqxx::connection& connection, long long count, int perAggregate = 10,
    long long distinctTimestamps = 1000, const std::string& prefix = "agg-")
{
    pqxx::nontransaction tx(connection);
    tx.exec_params(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp)
SELECT md5($4 || g)::uuid, $4 || (g / $2), 'Bulk', 'Loaded' || (g % 5), g % $2 + 1, jsonb_build_object('n', g),
       jsonb_build_object('tenant_id', 't' || (g / $2) % 3, 'correlation_id', 'c' || g),
       timestamptz '2024-01-01' + ((g * 7919) % $3) * interval '1 second' + (g % $2) * interval '1 day'
  FROM generate_series(0, $1::bigint - 1) g
 ORDER BY random())SQL",
        count, perAggregate, distinctTimestamps, prefix);
}

} // namespace acci::testing

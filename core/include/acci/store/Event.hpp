#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::store {

// A place in the global log. The log is ordered by (txId, globalPosition): a checkpoint is
// always the pair, never the position alone (see ARCHITECTURE.md, "Storage model").
struct LogPosition {
    std::uint64_t txId = 0;
    std::int64_t globalPosition = 0;

    auto operator<=>(const LogPosition&) const = default; // NOLINT(modernize-use-nullptr): a tidy 14 false positive

    // "TX:POS", the form the CLI prints and accepts.
    std::string toString() const;
    // Parses "TX:POS"; nullopt when the text is not in that form.
    static std::optional<LogPosition> parse(const std::string& text);
};

// An event to append: what a command produced. The id makes retries idempotent; leave it
// empty to have one generated.
struct NewEvent {
    std::string id;
    std::string eventType;
    nlohmann::json data = nlohmann::json::object();
    nlohmann::json metadata = nlohmann::json::object();
    // Microseconds since the Unix epoch; nullopt means the server's now().
    std::optional<std::int64_t> timestampUs;
};

// An event as stored. Payloads stay as JSON text until someone asks for them, so that
// scanning the log does not pay for parsing.
struct RecordedEvent {
    LogPosition position;
    std::string id;
    std::string aggregateId;
    std::string aggregateType;
    std::string eventType;
    int version = 0;
    std::string dataJson;
    std::string metadataJson;
    std::int64_t timestampUs = 0;

    nlohmann::json data() const;
    nlohmann::json metadata() const;
    // One JSON object with every field in a readable order, payloads parsed; the NDJSON
    // line of the CLI.
    nlohmann::ordered_json toJson() const;
    // toJson() as one line of text; never throws (bytes that are not UTF-8, which a
    // SQL_ASCII database can hold, become U+FFFD).
    std::string toJsonLine() const;
    // Appends toJsonLine() and a newline to `out`, byte for byte, faster: payloads whose
    // stored text is already in the line's form (jsonb's text almost always is) are copied
    // through a validating pass instead of being parsed and dumped again.
    void appendJsonLine(std::string& out) const;
};

// The guide's Snapshot: an aggregate's folded state at a version.
struct Snapshot {
    std::string aggregateId;
    std::string aggregateType;
    int version = 0;
    nlohmann::json state;
    std::int64_t timestampUs = 0;
    // What could not be read back exactly from the stored state (empty when it is exact).
    std::vector<std::string> warnings = {};
};

// One row of the aggregates table.
struct AggregateInfo {
    std::string aggregateId;
    std::string aggregateType;
    int version = 0;
    std::int64_t createdAtUs = 0;
    std::int64_t updatedAtUs = 0;
};

struct AggregateTypeCount {
    std::string aggregateType;
    std::int64_t count = 0;
    bool estimated = false; // the planner's estimate (estimateAggregateTypes), not a count
};

struct StoreStatistics {
    std::int64_t eventCount = 0;
    std::int64_t aggregateCount = 0;
    std::optional<LogPosition> head; // the newest readable position; nullopt when empty
    std::optional<std::int64_t> newestEventUs;
};

} // namespace acci::store

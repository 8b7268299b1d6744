#pragma once

#include <optional>
#include <string>
#include <vector>

namespace acci::store {

// Which events of the global log to read. Every field is optional; set fields are ANDed.
struct LogFilter {
    std::vector<std::string> eventTypes; // any of these
    std::optional<std::string> aggregateType;
    std::optional<std::string> aggregateId;
    std::optional<std::string> tenantId; // metadata.tenant_id
    std::optional<std::string> correlationId; // metadata.correlation_id
    std::optional<std::string> userId; // metadata.user_id
    std::optional<std::string> since; // timestamptz text, inclusive
    std::optional<std::string> until; // timestamptz text, exclusive
    std::optional<std::string> dataContains; // JSON the event's data must contain (@>)

    bool empty() const;
};

} // namespace acci::store

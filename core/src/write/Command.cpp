#include "acci/write/Command.hpp"

#include "acci/util/Uuid.hpp"

namespace acci::write {

namespace {
    // Fixed namespace of the ids derived from command ids (any constant UUID would do).
    const char* commandEventNamespace = "6f0c8a52-5c1e-4c9b-9d0e-acc1e7e47000";
}

nlohmann::json eventMetadataFor(const std::string& commandId, const CommandMetadata& metadata)
{
    nlohmann::json result = {
        { "correlation_id", metadata.correlationId.empty() ? commandId : metadata.correlationId },
        { "causation_id", commandId },
        { "command_id", commandId },
        { "tenant_id", metadata.tenantId },
    };
    result["user_id"] = metadata.userId.empty() ? nlohmann::json() : nlohmann::json(metadata.userId);
    return result;
}

std::string eventIdFor(const std::string& commandId, std::size_t index)
{
    return util::nameUuid(commandEventNamespace, commandId + "#" + std::to_string(index));
}

} // namespace acci::write

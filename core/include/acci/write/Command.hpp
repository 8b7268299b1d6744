#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "acci/store/Errors.hpp"
#include "acci/store/Event.hpp"

namespace acci::write {

// The guide's CommandMetadata: who asks, in which tenant, as part of which flow.
struct CommandMetadata {
    std::string userId;
    std::string correlationId; // empty: the command starts a new flow (its id is used)
    std::string tenantId;
    std::int64_t timestampUs = 0; // 0: now
};

// The guide's Command<T>. The id identifies the request: sending the same command twice
// (same id) has the effect of sending it once.
template <typename T> struct Command {
    std::string id;
    T data;
    CommandMetadata metadata;
};

// The guide's CommandHandler<T>: validate, load, decide, append. Returns the events the
// command produced (the stored ones when it had already been handled).
template <typename T> class CommandHandler {
public:
    virtual ~CommandHandler() = default;
    virtual std::vector<store::RecordedEvent> handle(const Command<T>& command) = 0;
};

// A command the business rules refuse (invalid email, unknown user...). Nothing is stored.
class CommandRejected : public store::StoreError {
public:
    using StoreError::StoreError;
};

// The metadata every event of a command carries, so flows can be followed across aggregates:
// correlation_id (the flow), causation_id (this command), command_id, user_id, tenant_id.
nlohmann::json eventMetadataFor(const std::string& commandId, const CommandMetadata& metadata);

// The id of the index-th event of a command: derived from the command id, so a retried
// command produces the same ids and the store recognises the retry.
std::string eventIdFor(const std::string& commandId, std::size_t index);

} // namespace acci::write

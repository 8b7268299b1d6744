#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/store/Event.hpp"

namespace acci::write {

inline constexpr const char* UserAggregateType = "User";

struct CreateUser {
    std::string userId;
    std::string email;
    std::string name;
};

struct UpdateUser {
    std::string userId;
    std::optional<std::string> email;
    std::optional<std::string> name;
};

struct DeactivateUser {
    std::string userId;
    std::string reason;
};

// The guide's User aggregate: its state is folded from UserCreated, UserUpdated and
// UserDeactivated; its process* methods apply the business rules and return new events.
class User {
public:
    enum class Status { Absent, Active, Deactivated };

    static User fromEvents(const std::vector<store::RecordedEvent>& events);
    static User fromSnapshot(const nlohmann::json& state, int version);

    void apply(const std::string& eventType, const nlohmann::json& data, int version);
    void apply(const store::RecordedEvent& event) { apply(event.eventType, event.data(), event.version); }

    // Each throws CommandRejected when the rules refuse the command.
    std::vector<store::NewEvent> processCreate(const CreateUser& command) const;
    std::vector<store::NewEvent> processUpdate(const UpdateUser& command) const;
    std::vector<store::NewEvent> processDeactivate(const DeactivateUser& command) const;

    nlohmann::json toJson() const; // the snapshot state
    const std::string& id() const { return m_id; }
    const std::string& email() const { return m_email; }
    const std::string& name() const { return m_name; }
    Status status() const { return m_status; }
    int version() const { return m_version; }

private:
    std::string m_id;
    std::string m_email;
    std::string m_name;
    Status m_status = Status::Absent;
    int m_version = 0;
};

// Validation at the command level (the guide's validate_command).
bool isValidEmail(const std::string& email);

} // namespace acci::write

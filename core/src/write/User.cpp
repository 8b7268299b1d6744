#include "acci/write/User.hpp"

#include <algorithm>
#include <cctype>

#include "acci/write/Command.hpp"

namespace acci::write {

namespace {

    std::string trimmed(const std::string& text)
    {
        const auto begin = std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
        const auto end = std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c); });
        return begin < end.base() ? std::string(begin, end.base()) : std::string();
    }

    void requireValidEmail(const std::string& email)
    {
        if (!isValidEmail(email))
            throw CommandRejected("'" + email + "' is not a valid email address; use the form name@example.com.");
    }

    void requireName(const std::string& name)
    {
        if (trimmed(name).empty())
            throw CommandRejected("The name is empty; give the user a name.");
        if (name.size() > 200)
            throw CommandRejected("The name is longer than 200 characters; shorten it.");
    }

    store::NewEvent event(const char* type, nlohmann::json data)
    {
        store::NewEvent e;
        e.eventType = type;
        e.data = std::move(data);
        return e;
    }

} // namespace

bool isValidEmail(const std::string& email)
{
    if (email.size() < 3 || email.size() > 254)
        return false;
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
        return false;
    const std::string local = email.substr(0, at);
    const std::string domain = email.substr(at + 1);
    if (local.size() > 64 || domain.empty() || domain.find('.') == std::string::npos)
        return false;
    if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string::npos)
        return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos)
        return false;
    for (unsigned char c : email) {
        if (c <= ' ' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' || c == '['
            || c == ']' || c == '\\' || c == '"')
            return false;
    }
    for (unsigned char c : domain) {
        if (!(std::isalnum(c) || c == '-' || c == '.' || c >= 0x80))
            return false;
    }
    return true;
}

User User::fromEvents(const std::vector<store::RecordedEvent>& events)
{
    User user;
    for (const auto& event : events)
        user.apply(event);
    return user;
}

User User::fromSnapshot(const nlohmann::json& state, int version)
{
    User user;
    user.m_id = state.value("id", "");
    user.m_email = state.value("email", "");
    user.m_name = state.value("name", "");
    const std::string status = state.value("status", "");
    user.m_status = status == "active" ? Status::Active
        : status == "deactivated"      ? Status::Deactivated
                                       : Status::Absent;
    user.m_version = version;
    return user;
}

void User::apply(const std::string& eventType, const nlohmann::json& data, int version)
{
    if (eventType == "UserCreated") {
        m_id = data.value("user_id", "");
        m_email = data.value("email", "");
        m_name = data.value("name", "");
        m_status = Status::Active;
    } else if (eventType == "UserUpdated") {
        if (data.contains("email") && data["email"].is_string())
            m_email = data["email"].get<std::string>();
        if (data.contains("name") && data["name"].is_string())
            m_name = data["name"].get<std::string>();
    } else if (eventType == "UserDeactivated") {
        m_status = Status::Deactivated;
    }
    // Other event types may share a User stream (written by other services); they do not
    // change this aggregate's state, but they do move its version.
    m_version = version;
}

std::vector<store::NewEvent> User::processCreate(const CreateUser& command) const
{
    if (m_status != Status::Absent)
        throw CommandRejected("User '" + command.userId + "' already exists; update it instead.");
    requireValidEmail(command.email);
    requireName(command.name);
    return { event("UserCreated",
        { { "user_id", command.userId }, { "email", command.email }, { "name", trimmed(command.name) } }) };
}

std::vector<store::NewEvent> User::processUpdate(const UpdateUser& command) const
{
    if (m_status == Status::Absent)
        throw CommandRejected("User '" + command.userId + "' does not exist; create it first.");
    if (m_status == Status::Deactivated)
        throw CommandRejected("User '" + command.userId + "' is deactivated and cannot be changed.");
    if (!command.email && !command.name)
        throw CommandRejected("Nothing to update for user '" + command.userId + "'; give a new email or name.");
    nlohmann::json data = { { "user_id", command.userId } };
    if (command.email) {
        requireValidEmail(*command.email);
        if (*command.email != m_email)
            data["email"] = *command.email;
    }
    if (command.name) {
        requireName(*command.name);
        if (trimmed(*command.name) != m_name)
            data["name"] = trimmed(*command.name);
    }
    if (data.size() == 1)
        return {}; // already so: nothing happened, nothing to record
    return { event("UserUpdated", std::move(data)) };
}

std::vector<store::NewEvent> User::processDeactivate(const DeactivateUser& command) const
{
    if (m_status == Status::Absent)
        throw CommandRejected("User '" + command.userId + "' does not exist.");
    if (m_status == Status::Deactivated)
        throw CommandRejected("User '" + command.userId + "' is already deactivated.");
    nlohmann::json data = { { "user_id", command.userId } };
    if (!command.reason.empty())
        data["reason"] = command.reason;
    return { event("UserDeactivated", std::move(data)) };
}

nlohmann::json User::toJson() const
{
    const char* status = m_status == Status::Active ? "active"
        : m_status == Status::Deactivated           ? "deactivated"
                                                    : "absent";
    return { { "id", m_id }, { "email", m_email }, { "name", m_name }, { "status", status } };
}

} // namespace acci::write

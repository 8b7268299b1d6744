#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/connection>

namespace acci::read {

// A row of the guide's user_view read model.
struct UserView {
    std::string id;
    std::string email;
    std::string name;
    std::string status;
    std::int64_t createdAtUs = 0;
    int version = 0;
    std::optional<std::int64_t> updatedAtUs;

    nlohmann::json toJson() const;
};

// The guide's UserQueryHandler: reads the user_view projection.
class UserQueryHandler {
public:
    explicit UserQueryHandler(pqxx::connection& connection);

    std::optional<UserView> getUser(const std::string& id);
    // Users whose name or email contains the text (case-insensitive; % and _ match literally),
    // ordered by name, with the guide's limit and offset.
    std::vector<UserView> searchUsers(const std::string& text, int limit = 50, int offset = 0);

private:
    pqxx::connection& m_connection;
};

} // namespace acci::read

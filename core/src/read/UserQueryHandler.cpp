#include "acci/read/UserQueryHandler.hpp"

#include <algorithm>

#include <pqxx/nontransaction>

#include "acci/util/Time.hpp"
#include "store/RowParsing.hpp"

namespace acci::read {

using store::detail::epochMicros;
using store::detail::parseInt;

namespace {

    const std::string columns
        = "id, email, name, status, " + epochMicros("created_at") + ", version, " + epochMicros("updated_at");

    UserView parseUser(const pqxx::row& row)
    {
        UserView user { row[0].c_str(), row[1].c_str(), row[2].c_str(), row[3].c_str(), parseInt<std::int64_t>(row[4]),
            parseInt<int>(row[5]), std::nullopt };
        if (!row[6].is_null())
            user.updatedAtUs = parseInt<std::int64_t>(row[6]);
        return user;
    }

} // namespace

nlohmann::json UserView::toJson() const
{
    nlohmann::json json = { { "id", id }, { "email", email }, { "name", name }, { "status", status },
        { "created_at", util::formatTimestampUs(createdAtUs) }, { "version", version } };
    json["updated_at"] = updatedAtUs ? nlohmann::json(util::formatTimestampUs(*updatedAtUs)) : nlohmann::json();
    return json;
}

UserQueryHandler::UserQueryHandler(pqxx::connection& connection)
    : m_connection(connection)
{
}

std::optional<UserView> UserQueryHandler::getUser(const std::string& id)
{
    pqxx::nontransaction query(m_connection);
    const auto rows = query.exec_params("SELECT " + columns + " FROM user_view WHERE id = $1", id);
    if (rows.empty())
        return std::nullopt;
    return parseUser(rows[0]);
}

std::vector<UserView> UserQueryHandler::searchUsers(const std::string& text, int limit, int offset)
{
    pqxx::nontransaction query(m_connection);
    const std::string pattern = "%" + query.esc_like(text) + "%";
    const auto rows = query.exec_params("SELECT " + columns
            + " FROM user_view WHERE name ILIKE $1 OR email ILIKE $1"
              " ORDER BY name, id LIMIT $2 OFFSET $3",
        pattern, std::max(0, limit), std::max(0, offset));
    std::vector<UserView> users;
    for (const auto& row : rows)
        users.push_back(parseUser(row));
    return users;
}

} // namespace acci::read

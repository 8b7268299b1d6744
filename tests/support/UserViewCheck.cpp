#include "UserViewCheck.hpp"

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "acci/store/EventStore.hpp"
#include "acci/write/User.hpp"

namespace acci::testing {

UserRows userViewRows(pqxx::connection& connection, const std::string& table)
{
    pqxx::nontransaction query(connection);
    UserRows rows;
    for (const auto& row : query.exec("SELECT id, email, name, status, version FROM " + query.quote_name(table)))
        rows[row[0].c_str()]
            = std::string(row[1].c_str()) + "|" + row[2].c_str() + "|" + row[3].c_str() + "|" + row[4].c_str();
    return rows;
}

UserRows expectedUserRows(pqxx::connection& connection)
{
    std::vector<std::string> ids;
    {
        pqxx::nontransaction query(connection);
        for (const auto& row : query.exec("SELECT aggregate_id FROM aggregates WHERE aggregate_type = 'User'"))
            ids.push_back(row[0].c_str());
    }
    store::EventStore eventStore(connection);
    UserRows rows;
    for (const auto& id : ids) {
        write::User user;
        int lastUserEventVersion = 0;
        for (int from = 1;;) {
            const auto events = eventStore.readStream(id, from, 10000);
            for (const auto& event : events) {
                user.apply(event);
                if (event.eventType == "UserCreated" || event.eventType == "UserUpdated"
                    || event.eventType == "UserDeactivated")
                    lastUserEventVersion = event.version;
            }
            if (events.size() < 10000)
                break;
            from = events.back().version + 1;
        }
        if (user.status() == write::User::Status::Absent)
            continue;
        rows[id] = user.email() + "|" + user.name() + "|"
            + (user.status() == write::User::Status::Active ? "active" : "deactivated") + "|"
            + std::to_string(lastUserEventVersion);
    }
    return rows;
}

void insertUserEvents(pqxx::connection& connection, int users, int updates, const std::string& prefix)
{
    pqxx::nontransaction tx(connection);
    tx.exec_params(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), $1::text || (g % $2::int), 'User',
       CASE WHEN g < $2 THEN 'UserCreated' ELSE 'UserUpdated' END,
       g / $2 + 1,
       CASE WHEN g < $2
            THEN jsonb_build_object('user_id', $1 || g, 'email', $1 || g || '@example.com', 'name', 'User ' || g)
            ELSE jsonb_build_object('user_id', $1 || (g % $2), 'name', 'Name ' || g) END,
       '{"tenant_id":"acme"}'
  FROM generate_series(0, $2::int + $3::int - 1) g)SQL",
        prefix, users, updates);
}

} // namespace acci::testing

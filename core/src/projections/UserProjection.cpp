#include "acci/projections/UserProjection.hpp"

#include <optional>
#include <unordered_map>

#include <pqxx/stream_to>

#include "acci/util/Time.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections {

using nlohmann::json;
using store::detail::timestampFromMicros;

namespace {

    // What a run of events does to one user_view row. A row created within the run is known
    // whole; otherwise only the changed fields are, and the rest stay as stored.
    struct UserChange {
        explicit UserChange(std::string userId)
            : id(std::move(userId))
        {
        }
        std::string id;
        bool created = false;
        std::optional<std::string> email;
        std::optional<std::string> name;
        std::optional<std::string> status;
        std::int64_t createdAtUs = 0;
        int version = 0;
        std::int64_t updatedAtUs = 0;
    };

    std::string describe(const store::RecordedEvent& event)
    {
        return event.eventType + " " + event.id + " (" + event.aggregateId + " v" + std::to_string(event.version) + ")";
    }

    std::optional<std::string> optionalString(const json& data, const char* field, const store::RecordedEvent& event)
    {
        if (!data.contains(field) || data[field].is_null())
            return std::nullopt;
        if (!data[field].is_string())
            throw ProjectionError(describe(event) + " has a \"" + field + "\" that is not a string.");
        return data[field].get<std::string>();
    }

    json parseData(const store::RecordedEvent& event)
    {
        json data = json::parse(event.dataJson, nullptr, false);
        if (!data.is_object())
            throw ProjectionError(describe(event) + " has data that is not a JSON object.");
        return data;
    }

    // The guide keys user_view by data.user_id; the stream id stands in when it is absent.
    std::string userIdOf(const store::RecordedEvent& event, const json& data)
    {
        return optionalString(data, "user_id", event).value_or(event.aggregateId);
    }

    void fold(UserChange& change, const store::RecordedEvent& event, const json& data)
    {
        if (event.eventType == "UserCreated") {
            change.email = optionalString(data, "email", event);
            change.name = optionalString(data, "name", event);
            if (!change.email || !change.name)
                throw ProjectionError(describe(event) + " lacks an email or a name.");
            change.created = true;
            change.status = "active";
            change.createdAtUs = event.timestampUs;
        } else if (event.eventType == "UserUpdated") {
            if (auto email = optionalString(data, "email", event))
                change.email = std::move(email);
            if (auto name = optionalString(data, "name", event))
                change.name = std::move(name);
        } else if (event.eventType == "UserDeactivated") {
            change.status = "deactivated";
        } else {
            return;
        }
        change.version = event.version;
        change.updatedAtUs = event.timestampUs;
    }

    json toRecord(const UserChange& change)
    {
        json record = { { "id", change.id }, { "version", change.version }, { "updated_at_us", change.updatedAtUs } };
        record["email"] = change.email ? json(*change.email) : json();
        record["name"] = change.name ? json(*change.name) : json();
        record["status"] = change.status ? json(*change.status) : json();
        if (change.created)
            record["created_at_us"] = change.createdAtUs;
        return record;
    }

    class UserRebuildBuffer : public RebuildBuffer {
    public:
        void add(const store::RecordedEvent& event) override
        {
            const json data = parseData(event);
            const std::string id = userIdOf(event, data);
            auto found = m_rows.find(id);
            if (event.eventType == "UserCreated") {
                if (found != m_rows.end())
                    throw ProjectionError(describe(event) + " creates user '" + id + "' a second time.");
                found = m_rows.emplace(id, UserChange(id)).first;
            } else if (found == m_rows.end()) {
                throw ProjectionError(describe(event) + " changes user '" + id + "', which was never created.");
            }
            fold(found->second, event, data);
        }

        std::int64_t rowCount() const override { return static_cast<std::int64_t>(m_rows.size()); }

        void write(pqxx::transaction_base& tx, const std::string& table) override
        {
            pqxx::stream_to copy(tx, table,
                                 std::vector<std::string> { "id", "email", "name", "status", "created_at", "version",
                                                            "updated_at" });
            for (const auto& [id, row] : m_rows) {
                copy << std::make_tuple(id, *row.email, *row.name, *row.status,
                                        util::formatTimestampUs(row.createdAtUs), row.version,
                                        util::formatTimestampUs(row.updatedAtUs));
            }
            copy.complete();
        }

    private:
        std::unordered_map<std::string, UserChange> m_rows;
    };

} // namespace

std::string UserProjection::createTableSql(const std::string& table) const
{
    return "CREATE TABLE " + table + R"SQL( (
    id         text        PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL,
    version    integer     NOT NULL DEFAULT 0,
    updated_at timestamptz
))SQL";
}

std::vector<std::string> UserProjection::indexesSql(const std::string& table) const
{
    // The guide's search_users orders by name.
    return { "CREATE INDEX " + table + "_name_idx ON " + table + " (name, id)" };
}

void UserProjection::apply(pqxx::transaction_base& tx, const std::string& table,
                           const std::vector<store::RecordedEvent>& events)
{
    std::unordered_map<std::string, UserChange> changes;
    std::vector<std::string> order; // first-seen order, so the statements are deterministic
    for (const auto& event : events) {
        const json data = parseData(event);
        const std::string id = userIdOf(event, data);
        auto [it, inserted] = changes.try_emplace(id, id);
        if (inserted)
            order.push_back(id);
        fold(it->second, event, data);
    }
    json created = json::array();
    json changed = json::array();
    for (const auto& id : order) {
        const UserChange& change = changes.at(id);
        if (change.version == 0)
            continue;
        (change.created ? created : changed).push_back(toRecord(change));
    }
    const std::string t = tx.quote_name(table);
    if (!created.empty()) {
        tx.exec_params("INSERT INTO " + t + " AS t (id, email, name, status, created_at, version, updated_at)"
                           " SELECT r.id, r.email, r.name, r.status, " + timestampFromMicros("r.created_at_us")
                           + ", r.version, " + timestampFromMicros("r.updated_at_us")
                           + " FROM jsonb_to_recordset($1::jsonb) AS r(id text, email text, name text, status text,"
                             " created_at_us bigint, version int, updated_at_us bigint)"
                             " ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name,"
                             " status = EXCLUDED.status, created_at = EXCLUDED.created_at, version = EXCLUDED.version,"
                             " updated_at = EXCLUDED.updated_at WHERE t.version < EXCLUDED.version",
                       created.dump());
    }
    if (!changed.empty()) {
        const std::string records = changed.dump();
        tx.exec_params("UPDATE " + t + " AS t SET email = coalesce(r.email, t.email), name = coalesce(r.name, t.name),"
                           " status = coalesce(r.status, t.status), version = r.version, updated_at = "
                           + timestampFromMicros("r.updated_at_us")
                           + " FROM jsonb_to_recordset($1::jsonb) AS r(id text, email text, name text, status text,"
                             " version int, updated_at_us bigint)"
                             " WHERE t.id = r.id AND t.version < r.version",
                       records);
        const auto missing = tx.exec_params("SELECT r.id FROM jsonb_to_recordset($1::jsonb) AS r(id text)"
                                            " WHERE NOT EXISTS (SELECT 1 FROM " + t + " t WHERE t.id = r.id) LIMIT 1",
                                            records);
        if (!missing.empty())
            throw ProjectionError("An update for user '" + std::string(missing[0][0].c_str()) + "' reached " + table
                                  + ", which has no such user (its UserCreated is missing or parked).");
    }
}

std::unique_ptr<RebuildBuffer> UserProjection::startRebuild() const
{
    return std::make_unique<UserRebuildBuffer>();
}

std::vector<std::shared_ptr<Projection>> builtInProjections()
{
    return { std::make_shared<UserProjection>() };
}

} // namespace acci::projections

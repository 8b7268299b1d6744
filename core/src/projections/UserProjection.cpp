#include "acci/projections/UserProjection.hpp"
#include "acci/store/StoredJson.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>

#include "acci/util/Time.hpp"
#include "projections/ShopProjections.hpp"
#include "projections/UserRebuildRows.hpp"
#include "store/CopyText.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections {

using nlohmann::json;
using store::detail::timestampFromMicros;

namespace {

    // In the order UserRebuildBuffer::write sends them.
    const std::vector<std::string> userViewColumns
        = { "id", "email", "name", "status", "created_at", "version", "updated_at" };

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

    // The three fields user_view needs from an event's data. A rebuild reads a million of
    // them, so they are picked out while parsing (SAX) instead of building a JSON document.
    struct UserFields {
        std::optional<std::string> userId;
        std::optional<std::string> email;
        std::optional<std::string> name;
    };

    class UserFieldsReader {
    public:
        using string_t = json::string_t;

        UserFields fields;
        bool isObject = false;
        const char* wrongType = nullptr; // a wanted field that is neither a string nor null

        bool null() { return scalar(nullptr); }
        bool boolean(bool) { return other(); }
        bool number_integer(json::number_integer_t) { return other(); }
        bool number_unsigned(json::number_unsigned_t) { return other(); }
        bool number_float(json::number_float_t, const string_t&) { return other(); }
        bool binary(json::binary_t&) { return other(); }
        bool string(string_t& value) { return scalar(&value); }
        bool key(string_t& key)
        {
            if (m_depth != 1)
                return true;
            m_slot = key == "user_id" ? &fields.userId
                : key == "email"      ? &fields.email
                : key == "name"       ? &fields.name
                                      : nullptr;
            m_slotName = key == "user_id" ? "user_id" : key == "email" ? "email" : "name";
            return true;
        }
        bool start_object(std::size_t)
        {
            if (m_depth == 0)
                isObject = true;
            return open();
        }
        bool start_array(std::size_t) { return open(); }
        bool end_object() { return close(); }
        bool end_array() { return close(); }
        bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error)
        {
            numberOverflow = error.id == 406; // out_of_range.406: a number no double holds
            return false;
        }
        bool numberOverflow = false;

    private:
        bool scalar(string_t* text)
        {
            if (m_depth == 1 && m_slot) {
                if (text)
                    *m_slot = std::move(*text);
                m_slot = nullptr;
            }
            return true;
        }
        bool other()
        {
            if (m_depth == 1 && m_slot)
                wrongType = m_slotName;
            m_slot = nullptr;
            return true;
        }
        bool open()
        {
            other();
            ++m_depth;
            return true;
        }
        bool close()
        {
            --m_depth;
            return true;
        }

        int m_depth = 0;
        std::optional<std::string>* m_slot = nullptr;
        const char* m_slotName = "";
    };

    // The usual data read without a JSON parser: one flat object whose values are ASCII strings
    // without escapes, or null, as PostgreSQL prints it. A rebuild reads a million of them, and
    // the parser's general machinery was most of its client time. Anything else (numbers,
    // nesting, escapes, non-ASCII text, malformed input) returns false, and the SAX reader
    // below decides, so the fields and the errors are what the parser would give.
    bool readPlainObject(std::string_view text, UserFields& fields)
    {
        std::size_t at = 0;
        const auto skipSpace = [&] {
            while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r'))
                ++at;
        };
        const auto next = [&](char c) { return at < text.size() && text[at] == c; };
        const auto plainString = [&](std::string_view& out) {
            if (!next('"'))
                return false;
            const std::size_t start = ++at;
            for (; at < text.size(); ++at) {
                const auto c = static_cast<unsigned char>(text[at]);
                if (c == '"') {
                    out = text.substr(start, at - start);
                    ++at;
                    return true;
                }
                if (c == '\\' || c < 0x20 || c >= 0x80)
                    return false;
            }
            return false;
        };
        skipSpace();
        if (!next('{'))
            return false;
        ++at;
        skipSpace();
        if (next('}')) {
            ++at;
        } else {
            for (;;) {
                std::string_view key, value;
                if (!plainString(key))
                    return false;
                skipSpace();
                if (!next(':'))
                    return false;
                ++at;
                skipSpace();
                std::optional<std::string>* slot = key == "user_id" ? &fields.userId
                    : key == "email"                                ? &fields.email
                    : key == "name"                                 ? &fields.name
                                                                    : nullptr;
                if (text.substr(at, 4) == "null")
                    at += 4; // as the reader: a null field is an absent one
                else if (plainString(value)) {
                    if (slot)
                        slot->emplace(value);
                } else
                    return false;
                skipSpace();
                if (next(',')) {
                    ++at;
                    skipSpace();
                    continue;
                }
                if (!next('}'))
                    return false;
                ++at;
                break;
            }
        }
        skipSpace();
        return at == text.size();
    }

    UserFields parseData(const store::RecordedEvent& event)
    {
        if (UserFields plain; readPlainObject(event.dataJson, plain))
            return plain;
        UserFieldsReader reader;
        bool parsed = json::sax_parse(event.dataJson, &reader);
        if (!parsed && reader.numberOverflow) {
            // 1e400 stops the SAX parser wherever it stands, even in a field we do not read.
            // The stored-JSON policy keeps such a number as its text: read that (rare, slower).
            const auto decoded = store::decodeStoredJson(event.dataJson);
            reader = UserFieldsReader();
            parsed = !decoded.wholeAsText && json::sax_parse(decoded.value.dump(), &reader);
        }
        if (!parsed || !reader.isObject)
            throw ProjectionError(describe(event) + " has data that is not a JSON object.");
        if (reader.wrongType)
            throw ProjectionError(describe(event) + " has a \"" + reader.wrongType + "\" that is not a string.");
        return std::move(reader.fields);
    }

    // The guide keys user_view by data.user_id; the stream id stands in when it is absent.
    std::string userIdOf(const store::RecordedEvent& event, const UserFields& data)
    {
        return data.userId.value_or(event.aggregateId);
    }

    // The status values user_view stores.
    void setStatus(UserChange& change, bool deactivated)
    {
        change.status = deactivated ? "deactivated" : "active";
    }
    void setStatus(detail::UserRebuildRows::Row& row, bool deactivated)
    {
        row.deactivated = deactivated;
    }
    void markCreated(UserChange& change)
    {
        change.created = true;
    }
    void markCreated(detail::UserRebuildRows::Row&)
    {
    } // a rebuild's rows are all created

    // What one event does to its row, for both kinds of row: a catch-up batch's UserChange
    // and a rebuild's packed row. `keep` stores a string field the way the row holds it.
    template <typename Row, typename Keep>
    void fold(Row& row, const store::RecordedEvent& event, UserFields& data, const Keep& keep)
    {
        // Rows only move forward: an event at or below the row's version is already in it (a
        // replay, or an older event of another aggregate about the same user). The same rule as
        // catch-up's SQL, applied per event, so that catch-up, a rebuild and a verification give
        // the same row whatever the batches (version 0: a batch's row whose stored version is
        // not known here; the SQL compares it).
        if (row.version != 0 && event.version <= row.version)
            return;
        if (event.eventType == "UserCreated") {
            if (!data.email || !data.name)
                throw ProjectionError(describe(event) + " lacks an email or a name.");
            row.email = keep(*data.email);
            row.name = keep(*data.name);
            markCreated(row);
            setStatus(row, false);
            row.createdAtUs = event.timestampUs;
        } else if (event.eventType == "UserUpdated") {
            if (data.email)
                row.email = keep(*data.email);
            if (data.name)
                row.name = keep(*data.name);
        } else if (event.eventType == "UserDeactivated") {
            setStatus(row, true);
        } else {
            return;
        }
        row.version = event.version;
        row.updatedAtUs = event.timestampUs;
    }

    void fold(UserChange& change, const store::RecordedEvent& event, UserFields& data)
    {
        fold(change, event, data, [](std::string& text) { return std::move(text); });
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
            UserFields data = parseData(event);
            const std::string id = userIdOf(event, data);
            auto* row = m_rows.find(id);
            const auto keep = [this](const std::string& text) { return m_rows.keep(text); };
            if (event.eventType == "UserCreated" && !row) {
                // Checked before the row exists: a UserCreated that fails (no email) must leave
                // no row behind, or write() would meet a row without its email.
                if (!data.email || !data.name)
                    throw ProjectionError(describe(event) + " lacks an email or a name.");
                fold(m_rows.insert(id), event, data, keep);
                return;
            }
            // A second UserCreated for a user is folded like catch-up's upsert: a newer one
            // replaces the row, an older one is already in it.
            if (!row)
                throw ProjectionError(describe(event) + " changes user '" + id + "', which was never created.");
            fold(*row, event, data, keep);
        }

        std::int64_t rowCount() const override { return static_cast<std::int64_t>(m_rows.size()); }

        void write(pqxx::transaction_base& tx, const std::string& table) override
        {
            store::detail::CopyTextWriter copy(tx, table, userViewColumns);
            store::detail::CopyTextRow line;
            for (const auto& row : m_rows.rows())
                copy.write(line.field(row.id)
                               .field(row.email)
                               .field(row.name)
                               .field(std::string_view(row.deactivated ? "deactivated" : "active"))
                               .field(util::formatTimestampUs(row.createdAtUs))
                               .field(row.version)
                               .field(util::formatTimestampUs(row.updatedAtUs)));
            copy.complete();
        }

        void forEachRow(const RowVisitor& visit) const override
        {
            std::vector<std::optional<std::string>> values(userViewColumns.size());
            for (const auto& row : m_rows.rows()) {
                values = { std::string(row.id), std::string(row.email), std::string(row.name),
                    std::string(row.deactivated ? "deactivated" : "active"), util::formatTimestampUs(row.createdAtUs),
                    std::to_string(row.version), util::formatTimestampUs(row.updatedAtUs) };
                visit(values);
            }
        }

    private:
        detail::UserRebuildRows m_rows;
    };

} // namespace

std::vector<std::string> UserProjection::columns() const
{
    return userViewColumns;
}

std::string UserProjection::createTableSql(const std::string& table) const
{
    // The guide's search_users orders by name: the second index serves it.
    return "CREATE TABLE " + table + R"SQL( (
    id         text        PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL,
    version    integer     NOT NULL DEFAULT 0,
    updated_at timestamptz
); CREATE INDEX ON )SQL"
        + table + " (name, id)";
}

namespace {

    // From this many changed rows on, a batch's rows travel by COPY into a temporary table
    // rather than as one JSON parameter: the server parses a large JSON text slowly (and the
    // check for missing users would parse it twice). Smaller batches (near the head of the
    // log) keep the three statements of the JSON path, which cost less than the table.
    constexpr std::size_t CopyFromRows = 2000;

    void writeThroughCopy(pqxx::transaction_base& tx, const std::string& table,
        const std::unordered_map<std::string, UserChange>& changes, const std::vector<std::string>& order)
    {
        // ON COMMIT DELETE ROWS keeps the table for the session's next batch; within one
        // transaction (one event at a time after a failure) it is emptied here.
        if (tx.exec1("SELECT to_regclass('pg_temp.acci_user_changes') IS NULL")[0].as<bool>())
            tx.exec("CREATE TEMP TABLE acci_user_changes (id text, email text, name text, status text,"
                    " created boolean, created_at timestamptz, version integer, updated_at timestamptz)"
                    " ON COMMIT DELETE ROWS");
        else
            tx.exec("TRUNCATE pg_temp.acci_user_changes");
        std::size_t changedRows = 0;
        {
            store::detail::CopyTextWriter copy(tx, "pg_temp.acci_user_changes",
                std::vector<std::string> {
                    "id", "email", "name", "status", "created", "created_at", "version", "updated_at" });
            store::detail::CopyTextRow line;
            for (const auto& id : order) {
                const UserChange& change = changes.at(id);
                if (change.version == 0)
                    continue;
                changedRows += change.created ? 0 : 1;
                copy.write(
                    line.field(change.id)
                        .field(change.email)
                        .field(change.name)
                        .field(change.status)
                        .field(change.created)
                        .field(change.created ? std::optional<std::string>(util::formatTimestampUs(change.createdAtUs))
                                              : std::nullopt)
                        .field(change.version)
                        .field(util::formatTimestampUs(change.updatedAtUs)));
            }
            copy.complete();
        }
        const std::string t = tx.quote_name(table);
        tx.exec("INSERT INTO " + t
            + " AS t (id, email, name, status, created_at, version, updated_at)"
              " SELECT id, email, name, status, created_at, version, updated_at FROM pg_temp.acci_user_changes"
              " WHERE created ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name,"
              " status = EXCLUDED.status, created_at = EXCLUDED.created_at, version = EXCLUDED.version,"
              " updated_at = EXCLUDED.updated_at WHERE t.version < EXCLUDED.version");
        const std::string update = "UPDATE " + t
            + " AS t SET email = coalesce(r.email, t.email), name = coalesce(r.name, t.name),"
              " status = coalesce(r.status, t.status), version = r.version, updated_at = r.updated_at"
              " FROM pg_temp.acci_user_changes r WHERE NOT r.created AND t.id = r.id AND t.version < r.version";
        const auto updated = tx.exec(update).affected_rows();
        // Every change found its row (the usual case): none can be missing, spare the search.
        if (updated == changedRows)
            return;
        const auto missing = tx.exec("SELECT r.id FROM pg_temp.acci_user_changes r WHERE NOT r.created"
                                     " AND NOT EXISTS (SELECT 1 FROM "
            + t + " t WHERE t.id = r.id) LIMIT 1");
        if (!missing.empty())
            throw ProjectionError("An update for user '" + std::string(missing[0][0].c_str()) + "' reached " + table
                + ", which has no such user (its UserCreated is missing or parked).");
    }

    // A small batch (near the head): its rows as JSON parameters, in three statements.
    void writeThroughJson(
        pqxx::transaction_base& tx, const std::string& table, const json& created, const json& changed)
    {
        const std::string t = tx.quote_name(table);
        if (!created.empty()) {
            tx.exec_params("INSERT INTO " + t
                    + " AS t (id, email, name, status, created_at, version, updated_at)"
                      " SELECT r.id, r.email, r.name, r.status, "
                    + timestampFromMicros("r.created_at_us") + ", r.version, " + timestampFromMicros("r.updated_at_us")
                    + " FROM jsonb_to_recordset($1::jsonb) AS r(id text, email text, name text, status text,"
                      " created_at_us bigint, version int, updated_at_us bigint)"
                      " ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name,"
                      " status = EXCLUDED.status, created_at = EXCLUDED.created_at, version = EXCLUDED.version,"
                      " updated_at = EXCLUDED.updated_at WHERE t.version < EXCLUDED.version",
                created.dump());
        }
        if (!changed.empty()) {
            const std::string records = changed.dump();
            tx.exec_params("UPDATE " + t
                    + " AS t SET email = coalesce(r.email, t.email), name = coalesce(r.name, t.name),"
                      " status = coalesce(r.status, t.status), version = r.version, updated_at = "
                    + timestampFromMicros("r.updated_at_us")
                    + " FROM jsonb_to_recordset($1::jsonb) AS r(id text, email text, name text, status text,"
                      " version int, updated_at_us bigint)"
                      " WHERE t.id = r.id AND t.version < r.version",
                records);
            const auto missing = tx.exec_params("SELECT r.id FROM jsonb_to_recordset($1::jsonb) AS r(id text)"
                                                " WHERE NOT EXISTS (SELECT 1 FROM "
                    + t + " t WHERE t.id = r.id) LIMIT 1",
                records);
            if (!missing.empty())
                throw ProjectionError("An update for user '" + std::string(missing[0][0].c_str()) + "' reached " + table
                    + ", which has no such user (its UserCreated is missing or parked).");
        }
    }

} // namespace

namespace {

    // A batch's events folded into one change per user, in first-seen order (so that the
    // statements are deterministic), then written in three statements or, when large, by COPY.
    class UserBatchFold : public BatchFold {
    public:
        void add(const store::RecordedEvent& event) override
        {
            UserFields data = parseData(event);
            const std::string id = userIdOf(event, data);
            auto [it, inserted] = m_changes.try_emplace(id, id);
            if (inserted)
                m_order.push_back(id);
            fold(it->second, event, data);
        }

        void write(pqxx::transaction_base& tx, const std::string& table) override
        {
            const auto rows = std::count_if(
                m_changes.begin(), m_changes.end(), [](const auto& entry) { return entry.second.version != 0; });
            if (static_cast<std::size_t>(rows) >= CopyFromRows) {
                writeThroughCopy(tx, table, m_changes, m_order);
                return;
            }
            json created = json::array();
            json changed = json::array();
            for (const auto& id : m_order) {
                const UserChange& change = m_changes.at(id);
                if (change.version == 0)
                    continue;
                (change.created ? created : changed).push_back(toRecord(change));
            }
            writeThroughJson(tx, table, created, changed);
        }

    private:
        std::unordered_map<std::string, UserChange> m_changes;
        std::vector<std::string> m_order;
    };

} // namespace

void UserProjection::apply(
    pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events)
{
    UserBatchFold batch;
    for (const auto& event : events)
        batch.add(event);
    batch.write(tx, table);
}

std::unique_ptr<BatchFold> UserProjection::startBatch()
{
    return std::make_unique<UserBatchFold>();
}

std::unique_ptr<RebuildBuffer> UserProjection::startRebuild() const
{
    return std::make_unique<UserRebuildBuffer>();
}

std::vector<std::shared_ptr<Projection>> builtInProjections()
{
    // The shop's run only in a store that has their tables (the demo creates them).
    return { std::make_shared<UserProjection>(), std::make_shared<detail::OrderSummaryProjection>(),
        std::make_shared<detail::AccountBalanceProjection>() };
}

} // namespace acci::projections

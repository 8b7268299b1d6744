#include "projections/RowProjection.hpp"

#include <map>
#include <unordered_map>

#include "acci/store/StoredJson.hpp"
#include "acci/util/Time.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections::detail {

using nlohmann::json;

namespace {

    // A row's value as the table's input function reads it (verification compares these).
    std::optional<std::string> asText(const json& value)
    {
        if (value.is_null())
            return std::nullopt;
        if (value.is_string())
            return value.get<std::string>();
        return value.dump();
    }

    // Rows of a rebuild, by key: small tables, so a map of JSON objects is enough.
    class RowRebuildBuffer : public RebuildBuffer {
    public:
        explicit RowRebuildBuffer(const RowProjection& projection)
            : m_projection(projection)
            , m_columns(projection.columns())
        {
        }

        void add(const store::RecordedEvent& event) override
        {
            const json data = RowProjection::dataOf(event);
            const std::string key = m_projection.keyOf(event, data);
            auto found = m_rows.find(key);
            json row = found == m_rows.end() ? json() : found->second;
            m_projection.foldEvent(row, event);
            m_rows[key] = std::move(row);
        }

        std::int64_t rowCount() const override { return static_cast<std::int64_t>(m_rows.size()); }

        void write(pqxx::transaction_base& tx, const std::string& table) override
        {
            json rows = json::array();
            for (const auto& [key, row] : m_rows)
                rows.push_back(row);
            const std::string t = tx.quote_name(table);
            const std::string list = quotedColumns(tx);
            tx.exec_params("INSERT INTO " + t + " (" + list + ") SELECT " + list
                    + " FROM jsonb_populate_recordset(NULL::" + t + ", $1::jsonb)",
                rows.dump());
        }

        void forEachRow(const RowVisitor& visit) const override
        {
            std::vector<std::optional<std::string>> values(m_columns.size());
            for (const auto& [key, row] : m_rows) {
                for (std::size_t i = 0; i < m_columns.size(); ++i)
                    values[i] = asText(row.value(m_columns[i], json()));
                visit(values);
            }
        }

    private:
        std::string quotedColumns(pqxx::transaction_base& tx) const
        {
            std::string list;
            for (const auto& column : m_columns)
                list += (list.empty() ? "" : ", ") + tx.quote_name(column);
            return list;
        }

        const RowProjection& m_projection;
        std::vector<std::string> m_columns;
        std::map<std::string, json> m_rows;
    };

} // namespace

std::string RowProjection::createTableSql(const std::string& table) const
{
    const auto own = ownColumns();
    std::string sql = "CREATE TABLE " + table + " (";
    for (std::size_t i = 0; i < own.size(); ++i)
        sql += own[i].name + " " + own[i].sqlType + (i == 0 ? " PRIMARY KEY" : "") + ", ";
    return sql + "version integer NOT NULL DEFAULT 0, updated_at timestamptz)";
}

std::vector<std::string> RowProjection::columns() const
{
    std::vector<std::string> names;
    for (const auto& column : ownColumns())
        names.push_back(column.name);
    names.push_back("version");
    names.push_back("updated_at");
    return names;
}

std::string RowProjection::rowKeySql() const
{
    // The key's field is a constant of this class, never user text.
    return "coalesce(data ->> '" + keyField() + "', aggregate_id)";
}

json RowProjection::dataOf(const store::RecordedEvent& event)
{
    auto decoded = store::decodeStoredJson(event.dataJson);
    if (!decoded.value.is_object())
        throw ProjectionError(describe(event) + " has data that is not a JSON object.");
    return std::move(decoded.value);
}

std::string RowProjection::keyOf(const store::RecordedEvent& event, const json& data) const
{
    const auto found = data.find(keyField());
    if (found == data.end() || found->is_null())
        return event.aggregateId;
    if (!found->is_string())
        throw ProjectionError(describe(event) + ": " + keyField() + " is not text.");
    return found->get<std::string>();
}

void RowProjection::foldEvent(json& row, const store::RecordedEvent& event) const
{
    if (!row.is_null() && event.version <= row.value("version", 0))
        return; // already in the row
    const json data = dataOf(event);
    json folded = row;
    fold(folded, event, data);
    folded["version"] = event.version;
    folded["updated_at"] = util::formatTimestampUs(event.timestampUs);
    row = std::move(folded);
}

void RowProjection::apply(
    pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events)
{
    if (events.empty())
        return;
    const std::string t = tx.quote_name(table);
    const auto own = ownColumns();
    const std::string key = tx.quote_name(own.front().name);
    // The rows the batch touches, as stored (to_jsonb gives them back in the form
    // jsonb_populate_recordset reads).
    std::vector<std::string> order; // keys in first-seen order, so that the statement is deterministic
    std::vector<std::string> eventKeys;
    std::unordered_map<std::string, json> rows;
    for (const auto& event : events) {
        eventKeys.push_back(keyOf(event, dataOf(event)));
        if (rows.emplace(eventKeys.back(), json()).second)
            order.push_back(eventKeys.back());
    }
    for (const auto& stored :
        tx.exec_params("SELECT " + key + ", to_jsonb(t) FROM " + t + " t WHERE " + key + " = ANY($1::text[])",
            store::detail::textArrayLiteral(order)))
        rows[stored[0].c_str()] = json::parse(stored[1].c_str());
    for (std::size_t i = 0; i < events.size(); ++i)
        foldEvent(rows[eventKeys[i]], events[i]);
    json changed = json::array();
    for (const auto& k : order)
        if (!rows[k].is_null())
            changed.push_back(rows[k]);
    const auto names = columns();
    std::string list;
    std::string updates;
    for (const auto& name : names) {
        const std::string q = tx.quote_name(name);
        list += (list.empty() ? "" : ", ") + q;
        if (name != own.front().name)
            updates += (updates.empty() ? "" : ", ") + q + " = EXCLUDED." + q;
    }
    tx.exec_params("INSERT INTO " + t + " AS t (" + list + ") SELECT " + list
            + " FROM jsonb_populate_recordset(NULL::" + t + ", $1::jsonb) ON CONFLICT (" + key + ") DO UPDATE SET "
            + updates + " WHERE t.version < EXCLUDED.version",
        changed.dump());
}

std::unique_ptr<RebuildBuffer> RowProjection::startRebuild() const
{
    return std::make_unique<RowRebuildBuffer>(*this);
}

std::string RowProjection::describe(const store::RecordedEvent& event)
{
    return event.eventType + " " + event.id + " (" + event.aggregateId + " v" + std::to_string(event.version) + ")";
}

std::string RowProjection::requireText(const store::RecordedEvent& event, const json& data, const char* field)
{
    const auto found = data.find(field);
    if (found == data.end() || !found->is_string())
        throw ProjectionError(describe(event) + ": " + field + " is missing or not text.");
    return found->get<std::string>();
}

long long RowProjection::requireWhole(const store::RecordedEvent& event, const json& data, const char* field)
{
    const auto found = data.find(field);
    if (found == data.end() || !found->is_number_integer())
        throw ProjectionError(describe(event) + ": " + field + " is "
            + (found == data.end() ? std::string("missing") : "a " + std::string(found->type_name()))
            + ", not a whole number.");
    return found->get<long long>();
}

void RowProjection::requireRow(const store::RecordedEvent& event, const json& row, const char* what)
{
    if (row.is_null())
        throw ProjectionError(
            describe(event) + " changes " + what + " that has no row (its first event is missing" + " or parked).");
}

} // namespace acci::projections::detail

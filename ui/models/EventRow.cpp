#include "models/EventRow.hpp"

#include "acci/store/StoredJson.hpp"

#include <nlohmann/json.hpp>

namespace acci::ui {

namespace {
    QString field(const nlohmann::json& metadata, const char* name)
    {
        const auto it = metadata.find(name);
        if (it == metadata.end() || !it->is_string())
            return {};
        return QString::fromStdString(it->get<std::string>());
    }
} // namespace

std::vector<EventRow> toEventRows(std::vector<store::RecordedEvent>&& events)
{
    std::vector<EventRow> rows;
    rows.reserve(events.size());
    for (auto& event : events) {
        EventRow row;
        const auto metadata = store::decodeStoredJson(event.metadataJson).value;
        if (metadata.is_object()) {
            row.userId = field(metadata, "user_id");
            row.tenantId = field(metadata, "tenant_id");
            row.correlationId = field(metadata, "correlation_id");
            row.causationId = field(metadata, "causation_id");
        }
        row.event = std::move(event);
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace acci::ui

#include "models/EventRow.hpp"

#include "acci/store/EventMetadata.hpp"

namespace acci::ui {

std::vector<EventRow> toEventRows(std::vector<store::RecordedEvent>&& events)
{
    std::vector<EventRow> rows;
    rows.reserve(events.size());
    for (auto& event : events) {
        EventRow row;
        const auto fields = store::metadataFieldsOf(event);
        row.userId = QString::fromStdString(fields.userId);
        row.tenantId = QString::fromStdString(fields.tenantId);
        row.correlationId = QString::fromStdString(fields.correlationId);
        row.causationId = QString::fromStdString(fields.causationId);
        row.event = std::move(event);
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace acci::ui

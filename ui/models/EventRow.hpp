#pragma once

#include <QString>

#include <vector>

#include "acci/store/Event.hpp"

namespace acci::ui {

// An event as the tables show it: the stored event plus the metadata fields the columns
// need, extracted once on the worker thread so that data() never parses JSON.
struct EventRow {
    store::RecordedEvent event;
    QString userId;
    QString tenantId;
    QString correlationId;
    QString causationId;
};

std::vector<EventRow> toEventRows(std::vector<store::RecordedEvent>&& events);

} // namespace acci::ui

#pragma once

#include <string>

#include "acci/store/Event.hpp"

namespace acci::store {

// The metadata fields every command writes (write::eventMetadataFor) and the console shows
// and filters on. A field that is absent, or is not a string, is empty.
struct MetadataFields {
    std::string userId;
    std::string tenantId;
    std::string correlationId;
    std::string causationId;
};

// Reads them from an event's stored metadata (decodeStoredJson: never throws).
MetadataFields metadataFieldsOf(const RecordedEvent& event);

} // namespace acci::store

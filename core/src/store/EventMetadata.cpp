#include "acci/store/EventMetadata.hpp"

#include "acci/store/StoredJson.hpp"

namespace acci::store {

namespace {

    std::string stringField(const nlohmann::json& metadata, const char* name)
    {
        const auto it = metadata.find(name);
        return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

} // namespace

MetadataFields metadataFieldsOf(const RecordedEvent& event)
{
    MetadataFields fields;
    const auto metadata = decodeStoredJson(event.metadataJson).value;
    if (!metadata.is_object())
        return fields;
    fields.userId = stringField(metadata, "user_id");
    fields.tenantId = stringField(metadata, "tenant_id");
    fields.correlationId = stringField(metadata, "correlation_id");
    fields.causationId = stringField(metadata, "causation_id");
    return fields;
}

} // namespace acci::store

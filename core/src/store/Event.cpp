#include "acci/store/Event.hpp"

#include <charconv>

#include "acci/store/StoredJson.hpp"
#include "acci/util/Time.hpp"

namespace acci::store {

std::string LogPosition::toString() const
{
    return std::to_string(txId) + ":" + std::to_string(globalPosition);
}

std::optional<LogPosition> LogPosition::parse(const std::string& text)
{
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    LogPosition position;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [txEnd, txError] = std::from_chars(begin, begin + colon, position.txId);
    if (txError != std::errc() || txEnd != begin + colon)
        return std::nullopt;
    auto [posEnd, posError] = std::from_chars(begin + colon + 1, end, position.globalPosition);
    if (posError != std::errc() || posEnd != end || position.globalPosition < 0)
        return std::nullopt;
    return position;
}

nlohmann::json RecordedEvent::data() const
{
    return decodeStoredJson(dataJson).value;
}

nlohmann::json RecordedEvent::metadata() const
{
    return decodeStoredJson(metadataJson).value;
}

nlohmann::ordered_json RecordedEvent::toJson() const
{
    auto data = decodeStoredOrderedJson(dataJson);
    auto metadata = decodeStoredOrderedJson(metadataJson);
    nlohmann::ordered_json line {
        { "position", position.toString() },
        { "tx_id", position.txId },
        { "global_position", position.globalPosition },
        { "id", id },
        { "aggregate_id", aggregateId },
        { "aggregate_type", aggregateType },
        { "event_type", eventType },
        { "version", version },
        { "timestamp", util::formatTimestampUs(timestampUs) },
        { "data", std::move(data.value) },
        { "metadata", std::move(metadata.value) },
    };
    // What could not be decoded exactly travels with the event, never as an exception.
    data.warnings.insert(data.warnings.end(), metadata.warnings.begin(), metadata.warnings.end());
    if (!data.warnings.empty())
        line["warnings"] = data.warnings;
    return line;
}

std::string RecordedEvent::toJsonLine() const
{
    return toJson().dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace acci::store

// RecordedEvent::appendJsonLine: the CLI's NDJSON line without a parse when none is needed.
#include <charconv>

#include "acci/store/Event.hpp"
#include "acci/util/Time.hpp"
#include "store/CompactJson.hpp"

namespace acci::store {

namespace {

    template <typename Int> void appendInteger(std::string& out, Int value)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        out.append(digits, end);
    }

    // toJson()'s fields in toJson()'s order, written as its dump writes them. False when a
    // field needs more than copying (the dump replaces invalid UTF-8, the decoder warns).
    bool appendFastLine(const RecordedEvent& event, std::string& out)
    {
        out += "{\"position\":\"";
        appendInteger(out, event.position.txId);
        out.push_back(':');
        appendInteger(out, event.position.globalPosition);
        out += "\",\"tx_id\":";
        appendInteger(out, event.position.txId);
        out += ",\"global_position\":";
        appendInteger(out, event.position.globalPosition);
        out += ",\"id\":";
        if (!detail::appendJsonString(event.id, out))
            return false;
        out += ",\"aggregate_id\":";
        if (!detail::appendJsonString(event.aggregateId, out))
            return false;
        out += ",\"aggregate_type\":";
        if (!detail::appendJsonString(event.aggregateType, out))
            return false;
        out += ",\"event_type\":";
        if (!detail::appendJsonString(event.eventType, out))
            return false;
        out += ",\"version\":";
        appendInteger(out, event.version);
        out += ",\"timestamp\":";
        if (!detail::appendJsonString(util::formatTimestampUs(event.timestampUs), out))
            return false;
        out += ",\"data\":";
        if (!detail::appendCompactJson(event.dataJson, out))
            return false;
        out += ",\"metadata\":";
        if (!detail::appendCompactJson(event.metadataJson, out))
            return false;
        out.push_back('}');
        return true;
    }

} // namespace

void RecordedEvent::appendJsonLine(std::string& out) const
{
    const std::size_t start = out.size();
    if (!appendFastLine(*this, out)) {
        out.resize(start);
        out += toJsonLine();
    }
    out.push_back('\n');
}

} // namespace acci::store

#include "acci/store/NdjsonEvents.hpp"

#include <string>

#include "acci/store/Errors.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/util/Uuid.hpp"

namespace acci::store {

namespace {

    NewEvent parseLine(const std::string& line, const std::string& where)
    {
        const auto refuse
            = [&](const std::string& what) { throw InvalidInputError(where + " " + what + "; nothing was appended."); };
        requireJsonWithinLimits(line); // before anything recursive sees it
        // The stored-JSON decoder never throws and reports the numbers it could not hold.
        const auto decoded = decodeStoredJson(line);
        if (decoded.wholeAsText) {
            std::string why = "is not valid JSON";
            try {
                const auto unused = nlohmann::json::parse(line); // only for the parser's account of where
                (void)unused;
            } catch (const nlohmann::json::exception& error) {
                why += std::string(" (") + error.what() + ")";
            }
            refuse(why);
        }
        if (!decoded.inexactNumbers.empty())
            refuse("has the number " + decoded.inexactNumbers.front()
                + ", which cannot be passed on exactly; write it as a string");
        const nlohmann::json& input = decoded.value;
        if (!input.is_object())
            refuse("is not a JSON object");
        for (const auto& [key, value] : input.items())
            if (key != "event_type" && key != "data" && key != "metadata" && key != "id")
                refuse("has an unknown field '" + key + "' (expected event_type, data, metadata, id)");
        const auto type = input.find("event_type");
        if (type == input.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
            refuse("has no \"event_type\" string");
        NewEvent event;
        event.eventType = type->get<std::string>();
        event.data = input.value("data", nlohmann::json::object());
        event.metadata = input.value("metadata", nlohmann::json::object());
        if (!event.data.is_object())
            refuse("has \"data\" that is not a JSON object");
        if (!event.metadata.is_object())
            refuse("has \"metadata\" that is not a JSON object");
        if (const auto id = input.find("id"); id != input.end()) {
            if (!id->is_string() || !util::isUuid(id->get<std::string>()))
                refuse("has an \"id\" that is not a UUID string");
            event.id = id->get<std::string>();
        }
        return event;
    }

} // namespace

std::vector<NewEvent> readNewEventsNdjson(std::istream& in)
{
    std::vector<NewEvent> events;
    std::string line;
    for (long long number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        events.push_back(parseLine(line, "Line " + std::to_string(number)));
    }
    if (events.empty())
        throw InvalidInputError("No events on standard input; give one JSON object per line.");
    return events;
}

} // namespace acci::store

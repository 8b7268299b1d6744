#include "acci/store/NdjsonEvents.hpp"

#include <string>

#include "NulEscape.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/util/Uuid.hpp"

namespace acci::store {

namespace {

    NewEvent parseLine(const std::string& line, const std::string& where)
    {
        const auto refuse
            = [&](const std::string& what) { throw InvalidInputError(where + " " + what + "; nothing was appended."); };
        try {
            requireJsonWithinLimits(line); // before anything recursive sees it
        } catch (const InvalidInputError& error) {
            std::string why = error.what();
            if (!why.empty() && why.back() == '.')
                why.pop_back(); // the sentence goes on
            refuse("is refused: " + why);
        }
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
        // What the store would refuse later, said here with the line's number.
        const std::string data = event.data.dump();
        const std::string metadata = event.metadata.dump();
        if (event.eventType.find('\0') != std::string::npos || detail::dumpedJsonHasNul(data)
            || detail::dumpedJsonHasNul(metadata))
            refuse("contains a NUL character, which PostgreSQL cannot store in text or JSON; remove it");
        const auto maxBytes = AppendLimits().maxEventBytes;
        if (data.size() + metadata.size() > maxBytes)
            refuse("is " + std::to_string((data.size() + metadata.size()) / 1024) + " KiB, over the limit of "
                + std::to_string(maxBytes / 1024)
                + " KiB for one event; store large content elsewhere and reference it");
        if (const auto id = input.find("id"); id != input.end()) {
            if (!id->is_string() || !util::isUuid(id->get<std::string>()))
                refuse("has an \"id\" that is not a UUID string");
            event.id = id->get<std::string>();
        }
        return event;
    }

} // namespace

namespace {

    // std::getline without its appetite: a line longer than `limit` is refused as soon as it
    // passes it, not after a gigabyte of it has been read into memory.
    bool readLine(std::istream& in, std::string& line, std::size_t limit, long long number)
    {
        line.clear();
        std::streambuf* buffer = in.rdbuf();
        bool any = false;
        for (;;) {
            const int c = buffer->sbumpc();
            if (c == std::char_traits<char>::eof())
                return any;
            any = true;
            if (c == '\n')
                return true;
            if (line.size() >= limit)
                throw InvalidInputError("Line " + std::to_string(number) + " is longer than "
                    + std::to_string(limit / (std::size_t { 1024 } * 1024))
                    + " MiB; nothing was appended. Split it up.");
            line.push_back(static_cast<char>(c));
        }
    }

} // namespace

std::vector<NewEvent> readNewEventsNdjson(std::istream& in)
{
    std::vector<NewEvent> events;
    std::string line;
    const std::size_t lineLimit = JsonLimits().maxBytes;
    for (long long number = 1; readLine(in, line, lineLimit, number); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (events.size() == AppendLimits().maxBatchEvents)
            throw InvalidInputError("Line " + std::to_string(number) + " is past the limit of "
                + std::to_string(AppendLimits().maxBatchEvents)
                + " events in one append (one transaction); nothing was appended. Split the input.");
        events.push_back(parseLine(line, "Line " + std::to_string(number)));
    }
    if (events.empty())
        throw InvalidInputError("No events on standard input; give one JSON object per line.");
    return events;
}

} // namespace acci::store

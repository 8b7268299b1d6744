// NDJSON append input: any bytes on standard input give either events that can be stored
// exactly as given, or one clear InvalidInputError; never a crash or another exception.

#include <sstream>

#include "FuzzSupport.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/NdjsonEvents.hpp"
#include "acci/store/StoredJson.hpp"

using namespace acci;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::istringstream input { std::string(fuzz::asText(data, size)) };
    std::vector<store::NewEvent> events;
    try {
        events = store::readNewEventsNdjson(input);
    } catch (const store::InvalidInputError& error) {
        ACCI_FUZZ_CHECK(std::string_view(error.what()).size() > 0);
        return 0;
    }
    ACCI_FUZZ_CHECK(!events.empty());
    for (const auto& event : events) {
        ACCI_FUZZ_CHECK(!event.eventType.empty());
        ACCI_FUZZ_CHECK(event.data.is_object() && event.metadata.is_object());
        // What we would send is what was given: it reads back exactly.
        const auto sent = store::decodeStoredJson(event.data.dump());
        ACCI_FUZZ_CHECK(sent.warnings.empty());
        ACCI_FUZZ_CHECK(sent.value == event.data);
        (void)event.metadata.dump();
    }
    return 0;
}

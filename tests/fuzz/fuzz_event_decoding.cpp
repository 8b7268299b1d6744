// Event decoding: whatever text a server hands us as event data or metadata is shown, never
// thrown. The decoded value is exact: written back and read again, it is the same value. The
// NDJSON line written without a parse is the line written with one.

#include "FuzzSupport.hpp"
#include "acci/store/Event.hpp"
#include "acci/store/StoredJson.hpp"

using namespace acci;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::asText(data, size);
    const auto plain = store::decodeStoredJson(text);
    const auto ordered = store::decodeStoredOrderedJson(text);
    ACCI_FUZZ_CHECK(plain.wholeAsText == ordered.wholeAsText);
    ACCI_FUZZ_CHECK(plain.warnings.size() == ordered.warnings.size());
    ACCI_FUZZ_CHECK(plain.wholeAsText || plain.warnings.size() == plain.inexactNumbers.size());

    // What is shown can always be written out (a dump never throws, whatever the bytes).
    const std::string shown = plain.value.dump();
    (void)ordered.value.dump(2);
    if (!plain.wholeAsText) {
        // Exactness: reading what we show gives the same value and loses nothing more.
        const auto again = store::decodeStoredJson(shown);
        ACCI_FUZZ_CHECK(!again.wholeAsText);
        ACCI_FUZZ_CHECK(again.inexactNumbers.empty());
        ACCI_FUZZ_CHECK(again.value == plain.value);
    }

    // The CLI's NDJSON line and the payload accessors of a stored event.
    store::RecordedEvent event;
    event.eventType = "Fuzzed";
    event.dataJson.assign(text);
    event.metadataJson.assign(text);
    (void)event.toJson().dump();
    ACCI_FUZZ_CHECK(event.data() == plain.value);
    // The line written without a parse (acci-admin log, stream) is the same line, byte for
    // byte, with the text as payloads or as the string fields.
    std::string line;
    event.appendJsonLine(line);
    ACCI_FUZZ_CHECK(line == event.toJsonLine() + "\n");
    event.aggregateId.assign(text);
    event.eventType.assign(text);
    line.clear();
    event.appendJsonLine(line);
    ACCI_FUZZ_CHECK(line == event.toJsonLine() + "\n");
    return 0;
}

// JSON diff of two states: the patch always turns the first into the second, and the
// one-line summaries never throw, whatever the values (two lines of input: before, after).

#include "FuzzSupport.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/timetravel/JsonDiff.hpp"

using namespace acci;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parts = fuzz::splitLines(fuzz::asText(data, size), 2);
    const auto before = store::decodeStoredJson(parts.front()).value;
    const auto after = store::decodeStoredJson(parts.back()).value;

    const auto diff = timetravel::diffStates(before, after);
    ACCI_FUZZ_CHECK(diff.empty() == (before == after));
    ACCI_FUZZ_CHECK(before.patch(diff.patch) == after);
    for (const auto& line : diff.summary(8))
        (void)nlohmann::json(line).dump(); // valid UTF-8, even when cut
    (void)nlohmann::json(timetravel::shortJson(after, 5)).dump();
    return 0;
}

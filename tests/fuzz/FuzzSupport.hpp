#pragma once
// What every harness shares: the libFuzzer entry point's signature, splitting one input into
// parts, and a check that stops the run loudly (so that libFuzzer keeps the input that broke
// an invariant, and the corpus driver fails the test).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace acci::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return { reinterpret_cast<const char*>(data), size };
}

// The input cut at each '\n' into at most `maxParts` parts (the last one keeps the rest).
inline std::vector<std::string_view> splitLines(std::string_view text, std::size_t maxParts)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < maxParts) {
        const auto end = text.find('\n');
        if (end == std::string_view::npos)
            break;
        parts.push_back(text.substr(0, end));
        text.remove_prefix(end + 1);
    }
    parts.push_back(text);
    return parts;
}

[[noreturn]] inline void invariantBroken(const char* what, const char* file, int line)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

} // namespace acci::fuzz

#define ACCI_FUZZ_CHECK(condition)                                                                                     \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::acci::fuzz::invariantBroken(#condition, __FILE__, __LINE__);                                             \
    } while (false)

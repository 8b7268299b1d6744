#include "acci/store/StoredJson.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <type_traits>

#include "acci/store/Errors.hpp"
#include "store/CompactJson.hpp"
#include "store/ExactJsonReader.hpp"

namespace acci::store {

namespace {

    // A decimal number as sign, significant digits and a power of ten, so that two spellings
    // of one value ("1.50", "15e-1") compare equal. nullopt for text that is not a number.
    std::optional<std::string> canonicalNumber(std::string_view token)
    {
        std::size_t i = 0;
        bool negative = false;
        if (i < token.size() && (token[i] == '-' || token[i] == '+'))
            negative = token[i++] == '-';
        std::string digits;
        long long exponent = 0;
        bool any = false;
        for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i, any = true)
            digits += token[i];
        if (i < token.size() && token[i] == '.')
            for (++i; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i, any = true) {
                digits += token[i];
                --exponent;
            }
        if (!any)
            return std::nullopt;
        if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
            ++i;
            const std::string rest(token.substr(i));
            errno = 0;
            char* end = nullptr;
            const long long given = std::strtoll(rest.c_str(), &end, 10);
            if (errno != 0 || end == rest.c_str() || *end != '\0')
                return std::nullopt;
            exponent += given;
        } else if (i != token.size()) {
            return std::nullopt;
        }
        const auto first = digits.find_first_not_of('0');
        if (first == std::string::npos)
            return std::string("0");
        digits.erase(0, first);
        while (digits.back() == '0') {
            digits.pop_back();
            ++exponent;
        }
        return std::string(negative ? "-" : "") + digits + "e" + std::to_string(exponent);
    }

    // Whether nlohmann::json holds this number token with its exact value.
    bool representable(std::string_view token)
    {
        const bool integral = token.find_first_of(".eE") == std::string_view::npos;
        // The common case, without converting: up to 15 significant digits (DBL_DIG) and a
        // modest exponent always survive a double, and 18 digits always fit an int64.
        const auto digits = static_cast<std::size_t>(
            std::count_if(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }));
        if (integral ? digits <= 18 : (digits <= 15 && token.find_first_of("eE") == std::string_view::npos))
            return true;
        const std::string text(token);
        errno = 0;
        char* end = nullptr;
        if (integral) {
            if (text[0] == '-')
                (void)std::strtoll(text.c_str(), &end, 10);
            else
                (void)std::strtoull(text.c_str(), &end, 10);
            return errno == 0;
        }
        const double value = std::strtod(text.c_str(), &end);
        if (errno == ERANGE || !std::isfinite(value))
            return false;
        return canonicalNumber(nlohmann::json(value).dump()) == canonicalNumber(token);
    }

    // The text with every byte that is not part of a well-formed UTF-8 sequence replaced by
    // U+FFFD: what a SQL_ASCII database may hold still has to be shown (and dumped) as JSON.
    std::string validUtf8(std::string_view text)
    {
        std::string out;
        out.reserve(text.size());
        std::size_t i = 0;
        while (i < text.size()) {
            const auto byte = static_cast<unsigned char>(text[i]);
            std::size_t length = byte < 0x80 ? 1
                : (byte >> 5) == 0x6         ? 2
                : (byte >> 4) == 0xE         ? 3
                : (byte >> 3) == 0x1E        ? 4
                                             : 0;
            bool valid = length > 0 && i + length <= text.size();
            std::uint32_t code = length == 1 ? byte
                : length == 2                ? byte & 0x1F
                : length == 3                ? byte & 0x0F
                                             : byte & 0x07;
            for (std::size_t k = 1; valid && k < length; ++k) {
                const auto next = static_cast<unsigned char>(text[i + k]);
                valid = (next & 0xC0) == 0x80;
                code = (code << 6) | (next & 0x3F);
            }
            // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
            valid = valid && !(length == 2 && code < 0x80) && !(length == 3 && code < 0x800)
                && !(length == 4 && code < 0x10000) && !(code >= 0xD800 && code <= 0xDFFF) && code <= 0x10FFFF;
            if (valid) {
                out.append(text.substr(i, length));
                i += length;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
        }
        return out;
    }

    struct Scan {
        bool tooDeep = false;
        std::string rewritten; // with unrepresentable numbers turned into strings; empty if none
        std::vector<std::string> warnings;
        std::vector<std::string> inexactNumbers;
    };

    // One pass over the text, outside strings: nesting depth, and every number token.
    Scan scan(std::string_view text, const JsonLimits& limits, bool rewriteNumbers)
    {
        Scan result;
        std::size_t depth = 0;
        std::size_t copied = 0;
        bool inString = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > limits.maxDepth) {
                    result.tooDeep = true;
                    return result;
                }
            } else if (c == '}' || c == ']') {
                if (depth > 0)
                    --depth;
            } else if (rewriteNumbers && (c == '-' || (c >= '0' && c <= '9'))) {
                std::size_t end = i + 1;
                while (end < text.size()
                    && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.' || text[end] == 'e'
                        || text[end] == 'E' || text[end] == '+' || text[end] == '-'))
                    ++end;
                const std::string_view token = text.substr(i, end - i);
                if (!representable(token)) {
                    result.rewritten.append(text.substr(copied, i - copied));
                    result.rewritten += '"';
                    result.rewritten.append(token);
                    result.rewritten += '"';
                    copied = end;
                    result.inexactNumbers.emplace_back(token);
                    result.warnings.push_back("The number " + std::string(token)
                        + " cannot be held exactly; it is shown as its stored text.");
                }
                i = end - 1;
            }
        }
        if (copied > 0)
            result.rewritten.append(text.substr(copied));
        return result;
    }

    template <class Json> Decoded<Json> decode(std::string_view text, const JsonLimits& limits)
    {
        Decoded<Json> decoded;
        const auto asText = [&](std::string warning) {
            decoded.value = Json(validUtf8(text));
            decoded.warnings = { std::move(warning) };
            decoded.wholeAsText = true;
            return decoded;
        };
        if (text.size() > limits.maxBytes)
            return asText("The value is " + std::to_string(text.size()) + " bytes, over the limit of "
                + std::to_string(limits.maxBytes) + "; it is shown as its stored text.");
        // Almost every stored value is strict JSON with ordinary numbers: read in one pass.
        if constexpr (std::is_same_v<Json, nlohmann::json>) {
            if (detail::readExactJson(text, limits.maxDepth, decoded.value))
                return decoded;
            decoded.value = Json();
        }
        Scan found = scan(text, limits, true);
        if (found.tooDeep)
            return asText("The value is nested deeper than " + std::to_string(limits.maxDepth)
                + " levels; it is shown as its stored text.");
        const std::string_view input = found.rewritten.empty() ? text : std::string_view(found.rewritten);
        decoded.value = Json::parse(input.begin(), input.end(), nullptr, false);
        if (decoded.value.is_discarded())
            return asText("The value is not valid JSON; it is shown as its stored text.");
        decoded.warnings = std::move(found.warnings);
        decoded.inexactNumbers = std::move(found.inexactNumbers);
        return decoded;
    }

} // namespace

bool detail::numberHeldExactly(std::string_view token)
{
    return representable(token);
}

Decoded<nlohmann::json> decodeStoredJson(std::string_view text, const JsonLimits& limits)
{
    return decode<nlohmann::json>(text, limits);
}

Decoded<nlohmann::ordered_json> decodeStoredOrderedJson(std::string_view text, const JsonLimits& limits)
{
    return decode<nlohmann::ordered_json>(text, limits);
}

void requireJsonWithinLimits(std::string_view text, const JsonLimits& limits)
{
    if (text.size() > limits.maxBytes)
        throw InvalidInputError("The JSON is " + std::to_string(text.size()) + " bytes, over the limit of "
            + std::to_string(limits.maxBytes) + "; split it up.");
    if (scan(text, limits, false).tooDeep)
        throw InvalidInputError(
            "The JSON is nested deeper than " + std::to_string(limits.maxDepth) + " levels; flatten it.");
}

} // namespace acci::store

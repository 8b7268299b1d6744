#include "store/ExactJsonReader.hpp"
#include "util/HexDigit.hpp"

#include <charconv>
#include <cstdint>
#include <string>

namespace acci::store::detail {

namespace {

    using nlohmann::json;

    bool isDigit(char c)
    {
        return c >= '0' && c <= '9';
    }

    void appendUtf8(std::uint32_t code, std::string& out)
    {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    class Reader {
    public:
        Reader(std::string_view text, std::size_t maxDepth)
            : m_at(text.data())
            , m_end(text.data() + text.size())
            , m_depthLeft(maxDepth)
        {
        }

        bool document(json& out)
        {
            skipSpace();
            if (!value(out))
                return false;
            skipSpace();
            return m_at == m_end;
        }

    private:
        void skipSpace()
        {
            while (m_at != m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\t' || *m_at == '\r'))
                ++m_at;
        }

        bool value(json& out)
        {
            if (m_at == m_end)
                return false;
            switch (*m_at) {
            case '{':
                return object(out);
            case '[':
                return array(out);
            case '"': {
                out = json::value_t::string;
                return string(*out.get_ptr<json::string_t*>());
            }
            case 't':
                return literal("true", json(true), out);
            case 'f':
                return literal("false", json(false), out);
            case 'n':
                return literal("null", json(nullptr), out);
            default:
                return number(out);
            }
        }

        bool literal(std::string_view word, json given, json& out)
        {
            if (static_cast<std::size_t>(m_end - m_at) < word.size() || std::string_view(m_at, word.size()) != word)
                return false;
            m_at += word.size();
            out = std::move(given);
            return true;
        }

        bool object(json& out)
        {
            if (m_depthLeft-- == 0)
                return false; // deeper than the decoder takes as JSON: the general way says so
            ++m_at;
            out = json::value_t::object;
            auto& members = *out.get_ptr<json::object_t*>();
            skipSpace();
            if (m_at != m_end && *m_at == '}') {
                ++m_at;
                ++m_depthLeft;
                return true;
            }
            std::string key;
            for (;;) {
                if (m_at == m_end || *m_at != '"')
                    return false;
                key.clear();
                if (!string(key))
                    return false;
                skipSpace();
                if (m_at == m_end || *m_at != ':')
                    return false;
                ++m_at;
                skipSpace();
                // jsonb writes keys shorter first, then by bytes: within a length the end is
                // the place, which the hint makes a constant-time insert. A repeated key keeps
                // the last value, as nlohmann's parse does.
                const auto slot = members.emplace_hint(members.end(), std::move(key), json());
                if (!value(slot->second))
                    return false;
                skipSpace();
                if (m_at == m_end)
                    return false;
                if (*m_at == '}') {
                    ++m_at;
                    ++m_depthLeft;
                    return true;
                }
                if (*m_at != ',')
                    return false;
                ++m_at;
                skipSpace();
            }
        }

        bool array(json& out)
        {
            if (m_depthLeft-- == 0)
                return false;
            ++m_at;
            out = json::value_t::array;
            auto& elements = *out.get_ptr<json::array_t*>();
            skipSpace();
            if (m_at != m_end && *m_at == ']') {
                ++m_at;
                ++m_depthLeft;
                return true;
            }
            for (;;) {
                elements.emplace_back();
                if (!value(elements.back()))
                    return false;
                skipSpace();
                if (m_at == m_end)
                    return false;
                if (*m_at == ']') {
                    ++m_at;
                    ++m_depthLeft;
                    return true;
                }
                if (*m_at != ',')
                    return false;
                ++m_at;
                skipSpace();
            }
        }

        // A string token after its opening quote: runs of plain characters are copied at
        // once; escapes and UTF-8 are checked as nlohmann checks them.
        bool string(std::string& out)
        {
            ++m_at;
            for (;;) {
                const char* run = m_at;
                while (m_at != m_end) {
                    const auto c = static_cast<unsigned char>(*m_at);
                    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                        break;
                    ++m_at;
                }
                out.append(run, m_at);
                if (m_at == m_end)
                    return false;
                const auto c = static_cast<unsigned char>(*m_at);
                if (c == '"') {
                    ++m_at;
                    return true;
                }
                if (c < 0x20)
                    return false;
                if (c == '\\') {
                    if (!escape(out))
                        return false;
                } else if (!utf8(out)) {
                    return false;
                }
            }
        }

        bool escape(std::string& out)
        {
            if (m_end - m_at < 2)
                return false;
            const char e = m_at[1];
            m_at += 2;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out.push_back(e);
                return true;
            case 'b':
                out.push_back('\b');
                return true;
            case 'f':
                out.push_back('\f');
                return true;
            case 'n':
                out.push_back('\n');
                return true;
            case 'r':
                out.push_back('\r');
                return true;
            case 't':
                out.push_back('\t');
                return true;
            case 'u':
                break;
            default:
                return false;
            }
            std::uint32_t code = 0;
            if (!hex4(code))
                return false;
            if (code >= 0xDC00 && code <= 0xDFFF)
                return false; // a low surrogate alone
            if (code >= 0xD800 && code <= 0xDBFF) {
                std::uint32_t low = 0;
                if (m_end - m_at < 2 || m_at[0] != '\\' || m_at[1] != 'u')
                    return false;
                m_at += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(code, out);
            return true;
        }

        bool hex4(std::uint32_t& code)
        {
            if (m_end - m_at < 4)
                return false;
            for (int i = 0; i < 4; ++i) {
                const int digit = util::hexDigitValue(m_at[i]);
                if (digit < 0)
                    return false;
                code = (code << 4) | static_cast<std::uint32_t>(digit);
            }
            m_at += 4;
            return true;
        }

        // One well-formed UTF-8 sequence (no overlong forms, no surrogates, nothing past
        // U+10FFFF), copied.
        bool utf8(std::string& out)
        {
            const auto lead = static_cast<unsigned char>(*m_at);
            const std::size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
            if (length == 0 || static_cast<std::size_t>(m_end - m_at) < length)
                return false;
            std::uint32_t code = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
            for (std::size_t k = 1; k < length; ++k) {
                const auto next = static_cast<unsigned char>(m_at[k]);
                if ((next & 0xC0) != 0x80)
                    return false;
                code = (code << 6) | (next & 0x3F);
            }
            const bool overlong
                = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
            if (overlong || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
                return false;
            out.append(m_at, length);
            m_at += length;
            return true;
        }

        // A number by JSON's grammar that the decoder keeps exactly without a second look
        // (detail::numberHeldExactly's fast case): an integer of up to 18 digits (an int64 when
        // negative, a uint64 otherwise, as nlohmann makes them), or a decimal of up to 15
        // digits and no exponent (a double, rounded as strtod rounds). Anything else goes the
        // general way.
        bool number(json& out)
        {
            const char* start = m_at;
            const bool negative = *m_at == '-';
            if (negative)
                ++m_at;
            if (m_at == m_end || !isDigit(*m_at))
                return false;
            const char* digitsStart = m_at;
            if (*m_at == '0') {
                ++m_at;
            } else {
                while (m_at != m_end && isDigit(*m_at))
                    ++m_at;
            }
            std::size_t digits = static_cast<std::size_t>(m_at - digitsStart);
            if (m_at != m_end && (*m_at == 'e' || *m_at == 'E'))
                return false;
            if (m_at == m_end || *m_at != '.') {
                if (m_at != m_end && isDigit(*m_at))
                    return false; // a leading zero
                if (digits > 18)
                    return false;
                std::uint64_t magnitude = 0;
                for (const char* d = digitsStart; d != m_at; ++d)
                    magnitude = magnitude * 10 + static_cast<std::uint64_t>(*d - '0');
                if (negative)
                    out = -static_cast<std::int64_t>(magnitude);
                else
                    out = magnitude;
                return true;
            }
            ++m_at; // the point
            const char* fraction = m_at;
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
            if (m_at == fraction)
                return false;
            digits += static_cast<std::size_t>(m_at - fraction);
            if (digits > 15 || (m_at != m_end && (*m_at == 'e' || *m_at == 'E')))
                return false;
            double parsed = 0;
            const auto [end, error] = std::from_chars(start, m_at, parsed);
            if (error != std::errc() || end != m_at)
                return false;
            out = parsed;
            return true;
        }

        const char* m_at;
        const char* m_end;
        std::size_t m_depthLeft;
    };

} // namespace

bool readExactJson(std::string_view text, std::size_t maxDepth, nlohmann::json& out)
{
    return Reader(text, maxDepth).document(out);
}

} // namespace acci::store::detail

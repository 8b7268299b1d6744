#include "store/CompactJson.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "acci/store/StoredJson.hpp"

namespace acci::store::detail {

namespace {

    // The length of the well-formed UTF-8 sequence at text[i] (a byte >= 0x80), or 0: no
    // overlong forms, no surrogates, nothing past U+10FFFF (what nlohmann accepts and keeps).
    std::size_t utf8Length(std::string_view text, std::size_t i)
    {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || text.size() - i < length)
            return 0;
        std::uint32_t code = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return 0;
            code = (code << 6) | (next & 0x3F);
        }
        const bool overlong
            = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        if (overlong || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
            return 0;
        return length;
    }

    bool isDigit(char c)
    {
        return c >= '0' && c <= '9';
    }

    // One pass over stored JSON that validates it and writes its compact form.
    class Compactor {
    public:
        Compactor(std::string_view in, std::string& out)
            : m_in(in)
            , m_out(out)
        {
        }

        bool run()
        {
            enum class Expect { Value, Key, AfterValue };
            Expect expect = Expect::Value;
            for (;;) {
                skipSpace();
                if (expect == Expect::AfterValue && m_depth == 0)
                    return m_at == m_in.size();
                if (m_at == m_in.size())
                    return false;
                const char c = m_in[m_at];
                if (expect == Expect::Key) {
                    std::string_view key;
                    if (c != '"' || !string(key) || !keyInOrder(key))
                        return false;
                    skipSpace();
                    if (m_at == m_in.size() || m_in[m_at] != ':')
                        return false;
                    m_out.push_back(':');
                    ++m_at;
                    expect = Expect::Value;
                } else if (expect == Expect::AfterValue) {
                    Frame& top = m_stack[m_depth - 1];
                    ++m_at;
                    if (c == ',') {
                        m_out.push_back(',');
                        expect = top.object ? Expect::Key : Expect::Value;
                    } else if (c == (top.object ? '}' : ']')) {
                        m_out.push_back(c);
                        --m_depth;
                    } else {
                        return false;
                    }
                } else if (c == '{' || c == '[') {
                    if (m_depth == m_stack.size())
                        return false; // deeper than the decoder takes as JSON
                    m_stack[m_depth++] = Frame { c == '{', false, nullptr, 0 };
                    m_out.push_back(c);
                    ++m_at;
                    skipSpace();
                    if (m_at < m_in.size() && m_in[m_at] == (c == '{' ? '}' : ']')) {
                        m_out.push_back(m_in[m_at++]);
                        --m_depth;
                        expect = Expect::AfterValue;
                    } else {
                        expect = c == '{' ? Expect::Key : Expect::Value;
                    }
                } else {
                    std::string_view ignored;
                    const bool scalar = c == '"' ? string(ignored)
                        : c == '-' || isDigit(c) ? number()
                        : c == 't'               ? literal("true")
                        : c == 'f'               ? literal("false")
                        : c == 'n'               ? literal("null")
                                                 : false;
                    if (!scalar)
                        return false;
                    expect = Expect::AfterValue;
                }
            }
        }

    private:
        // Trivial on purpose: the stack is not cleared for every payload.
        struct Frame {
            bool object;
            bool hasKey;
            const char* lastKey; // the raw text of the previous key
            std::size_t lastKeyLength;
        };

        void skipSpace()
        {
            while (m_at < m_in.size()
                && (m_in[m_at] == ' ' || m_in[m_at] == '\n' || m_in[m_at] == '\t' || m_in[m_at] == '\r'))
                ++m_at;
        }

        // jsonb writes keys shorter first, then by bytes. Strictly increasing raw spellings
        // are distinct, and each string has one spelling we accept, so no key repeats.
        bool keyInOrder(std::string_view key)
        {
            Frame& frame = m_stack[m_depth - 1];
            if (frame.hasKey
                && (key.size() < frame.lastKeyLength
                    || (key.size() == frame.lastKeyLength && std::memcmp(key.data(), frame.lastKey, key.size()) <= 0)))
                return false;
            frame.lastKey = key.data();
            frame.lastKeyLength = key.size();
            frame.hasKey = true;
            return true;
        }

        // A string token, copied as it is: valid UTF-8, and only escapes the dump writes the same.
        bool string(std::string_view& raw)
        {
            const std::size_t start = m_at++;
            for (;;) {
                if (m_at >= m_in.size())
                    return false;
                const auto c = static_cast<unsigned char>(m_in[m_at]);
                if (c == '"')
                    break;
                if (c < 0x20)
                    return false;
                if (c == '\\') {
                    if (!escape())
                        return false;
                } else if (c < 0x80) {
                    ++m_at;
                } else {
                    const std::size_t length = utf8Length(m_in, m_at);
                    if (length == 0)
                        return false;
                    m_at += length;
                }
            }
            ++m_at;
            raw = m_in.substr(start + 1, m_at - start - 2);
            m_out.append(m_in.data() + start, m_at - start);
            return true;
        }

        // The dump writes \" \\ \b \f \n \r \t, and \u00xx (lower case) for the other control
        // characters; any other spelling of a character would come out differently.
        bool escape()
        {
            if (m_in.size() - m_at < 2)
                return false;
            const char e = m_in[m_at + 1];
            if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                m_at += 2;
                return true;
            }
            if (e != 'u' || m_in.size() - m_at < 6 || m_in[m_at + 2] != '0' || m_in[m_at + 3] != '0')
                return false;
            const char high = m_in[m_at + 4];
            const char low = m_in[m_at + 5];
            const int lowValue = isDigit(low) ? low - '0' : (low >= 'a' && low <= 'f') ? low - 'a' + 10 : -1;
            if ((high != '0' && high != '1') || lowValue < 0)
                return false;
            const int code = (high - '0') * 16 + lowValue;
            if (code == '\b' || code == '\t' || code == '\n' || code == '\f' || code == '\r')
                return false;
            m_at += 6;
            return true;
        }

        // A number token by JSON's grammar. Integers the decoder keeps are written as they
        // are; decimals as the double the parser would make of them, formatted by the dump.
        bool number()
        {
            const std::size_t start = m_at;
            if (m_in[m_at] == '-')
                ++m_at;
            if (m_at == m_in.size() || !isDigit(m_in[m_at]))
                return false;
            if (m_in[m_at] == '0')
                ++m_at;
            else
                while (m_at < m_in.size() && isDigit(m_in[m_at]))
                    ++m_at;
            bool integral = true;
            if (m_at < m_in.size() && m_in[m_at] == '.') {
                integral = false;
                if (!digits(1))
                    return false;
            }
            if (m_at < m_in.size() && (m_in[m_at] == 'e' || m_in[m_at] == 'E')) {
                integral = false;
                if (m_at + 1 < m_in.size() && (m_in[m_at + 1] == '+' || m_in[m_at + 1] == '-'))
                    ++m_at;
                if (!digits(1))
                    return false;
            }
            const std::string_view token = m_in.substr(start, m_at - start);
            if (token == "-0") // parsed as the integer 0, written "0"
                return false;
            // Up to 18 digits always fit an int64; the decoder checks longer ones.
            if (integral && token.size() <= 18) {
                m_out.append(token);
                return true;
            }
            if (!numberHeldExactly(token))
                return false;
            if (integral) {
                m_out.append(token);
                return true;
            }
            double value = 0;
            const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
            if (error != std::errc() || end != token.data() + token.size())
                return false;
            m_out += nlohmann::json(value).dump();
            return true;
        }

        // Skips the character at m_at and the digits after it; at least one digit.
        bool digits(std::size_t skip)
        {
            m_at += skip;
            const std::size_t first = m_at;
            while (m_at < m_in.size() && isDigit(m_in[m_at]))
                ++m_at;
            return m_at > first;
        }

        bool literal(std::string_view word)
        {
            if (m_in.substr(m_at, word.size()) != word)
                return false;
            m_out.append(word);
            m_at += word.size();
            return true;
        }

        std::string_view m_in;
        std::string& m_out;
        std::size_t m_at = 0;
        std::array<Frame, JsonLimits().maxDepth> m_stack; // NOLINT(cppcoreguidelines-pro-type-member-init)
        std::size_t m_depth = 0;
    };

} // namespace

bool appendCompactJson(std::string_view stored, std::string& out)
{
    if (stored.size() > JsonLimits().maxBytes)
        return false;
    const std::size_t start = out.size();
    if (Compactor(stored, out).run())
        return true;
    out.resize(start);
    return false;
}

bool appendJsonString(std::string_view text, std::string& out)
{
    const std::size_t start = out.size();
    out.push_back('"');
    std::size_t run = 0; // the first byte not yet copied
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8Length(text, i);
            if (length == 0) {
                out.resize(start);
                return false;
            }
            i += length;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(text.data() + run, i - run);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\r':
            out += "\\r";
            break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
        }
        run = ++i;
    }
    out.append(text.data() + run, text.size() - run);
    out.push_back('"');
    return true;
}

} // namespace acci::store::detail

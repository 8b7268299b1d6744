// The NDJSON line without a parse (RecordedEvent::appendJsonLine) is toJsonLine() byte for
// byte, whatever the stored text; the binary COPY parser refuses what is not the format.
// Internal units (store/CompactJson.hpp, store/BinaryCopy.hpp) are tested through their headers.
#include <QtTest>

#include "acci/util/Time.hpp"

#include <random>

#include <pqxx/except>

#include "acci/store/Event.hpp"
#include "store/BinaryCopy.hpp"
#include "store/CompactJson.hpp"
#include "store/RowParsing.hpp"

using namespace acci;

namespace {

store::RecordedEvent eventWith(const std::string& data, const std::string& metadata = "{}")
{
    store::RecordedEvent event;
    event.position = { 1234, 56 };
    event.id = "85132b27-d65d-4e8b-9b62-460604ce0829";
    event.aggregateId = "order-1";
    event.aggregateType = "Order";
    event.eventType = "OrderPlaced";
    event.version = 3;
    event.timestampUs = 1700000000123456LL;
    event.dataJson = data;
    event.metadataJson = metadata;
    return event;
}

std::string fastLine(const store::RecordedEvent& event)
{
    std::string line = "prefix stays: ";
    event.appendJsonLine(line);
    return line.substr(std::strlen("prefix stays: "));
}

// Every way of writing the line agrees, in both payload places and in the string fields.
void requireSameLine(const std::string& text)
{
    const auto asData = eventWith(text);
    QCOMPARE(fastLine(asData), asData.toJsonLine() + "\n");
    const auto asMetadata = eventWith("{}", text);
    QCOMPARE(fastLine(asMetadata), asMetadata.toJsonLine() + "\n");
    auto inFields = eventWith("{}");
    inFields.id = inFields.aggregateId = inFields.aggregateType = inFields.eventType = text;
    QCOMPARE(fastLine(inFields), inFields.toJsonLine() + "\n");
}

bool copiedFast(const std::string& text)
{
    std::string out;
    return store::detail::appendCompactJson(text, out);
}

// Random JSON-like text: mostly valid, in jsonb's style or not, with now and then a byte
// that breaks it, so both ways of writing a line are exercised.
class TextGenerator {
public:
    explicit TextGenerator(unsigned seed)
        : m_random(seed)
    {
    }

    std::string value(int depth = 0)
    {
        switch (pick(depth > 4 ? 5 : 7)) {
        case 0:
            return string();
        case 1:
            return number();
        case 2:
            return pickOf({ "true", "false", "null" });
        case 3:
        case 4:
            return string();
        case 5: {
            std::string text = "[";
            for (int i = 0, n = pick(4); i < n; ++i)
                text += (i ? separator() : "") + value(depth + 1);
            return text + "]";
        }
        default: {
            std::string text = "{";
            for (int i = 0, n = pick(5); i < n; ++i)
                text += (i ? separator() : "") + string() + (pick(2) ? ": " : ":") + value(depth + 1);
            return text + "}";
        }
        }
    }

    std::string mutated(std::string text)
    {
        if (!text.empty() && pick(8) == 0)
            text[static_cast<std::size_t>(pick(static_cast<int>(text.size())))] = static_cast<char>(pick(256));
        return text;
    }

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }

private:
    std::string pickOf(std::initializer_list<const char*> options)
    {
        return *(options.begin() + pick(static_cast<int>(options.size())));
    }
    std::string separator() { return pickOf({ ",", ", ", " ,\n" }); }
    std::string number()
    {
        return pickOf({ "0", "-0", "7", "-12", "1.50", "0.1", "100.0", "-0.0", "1e5", "1E+5", "2.5e-3",
            "123456789012345678", "1234567890123456789", "18446744073709551615", "18446744073709551616",
            "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1e400",
            "0.1000000000000000055511151231257827", "3.141592653589793", "01", "1.", "-", "5e-324" });
    }
    std::string string()
    {
        std::string text = "\"";
        for (int i = 0, n = pick(6); i < n; ++i)
            text += pickOf({ "a", "key", " ", "\\\"", "\\\\", "\\n", "\\t", "\\u0001", "\\u001F", "\\u0008", "\\/",
                "\\u00e9", "\\ud83d\\ude80", "é", "東京", "🚀", "\x7f", "\xff", "\xc0\xaf", "\xed\xa0\x80", "\t" });
        return text + "\"";
    }

    std::mt19937 m_random;
};

std::string beBytes(std::uint64_t value, int bytes)
{
    std::string out;
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    return out;
}

} // namespace

class TestJsonLine : public QObject {
    Q_OBJECT
private slots:
    void jsonbTextIsCopiedAndMatches()
    {
        // What PostgreSQL's jsonb text looks like: ", " and ": ", keys shorter first.
        for (const std::string text : { "{}", "[]", "{\"a\": 1, \"b\": [1, 2, {\"c\": null}], \"cc\": true}",
                 "{\"s\": \"tab\\tquote\\\"back\\\\slash\\u0001 東京 🚀\"}", "\"just a string\"", "5", "-7", "1.50",
                 "0.1", "100.0", "-0.0", "0.0000001", "1234567890123456789", "18446744073709551615",
                 "-9223372036854775808", "[[[[[]]]]]", "{\"\": 0, \"a\": {\"b\": {\"c\": [false]}}}" }) {
            QVERIFY2(copiedFast(text), text.c_str());
            requireSameLine(text);
        }
    }

    void everythingElseTakesTheGeneralWayAndMatches()
    {
        for (const std::string& text : std::vector<std::string> { "", " ", "{\"b\": 1, \"a\": 2}",
                 "{\"a\": 1, \"a\": 2}", "{\"a\":}", "{} x", "\xef\xbb\xbf{}", "\"\\u0041\"", "\"\\/\"", "\"\\u001F\"",
                 "\"\\u0008\"", "\"\\ud83d\\ude80\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"raw\ttab\"",
                 "-0", "01", "1.", "1e400", "18446744073709551616", "-9223372036854775809",
                 "123456789012345678901234567890", "0.1000000000000000055511151231257827", "nul", "[1,]", "{\"a\" 1}",
                 "\x01", std::string("\"nul\0byte\"", 10) }) {
            QVERIFY2(!copiedFast(text), text.c_str());
            requireSameLine(text);
        }
        // Decimals with exponents are formatted as the dump does.
        for (const std::string text :
            { "1e5", "1E+5", "2.5e-3", "3.141592653589793", "1.7976931348623157e308", "5e-324", "1e-400" })
            requireSameLine(text);
    }

    void depthAndSizeFollowTheDecoderLimits()
    {
        const std::string deepest = std::string(512, '[') + std::string(512, ']');
        QVERIFY(copiedFast(deepest));
        requireSameLine(deepest);
        const std::string tooDeep = std::string(513, '[') + std::string(513, ']');
        QVERIFY(!copiedFast(tooDeep));
        requireSameLine(tooDeep);
        const std::string big = "{\"blob\": \"" + std::string(std::size_t { 3 } << 20, 'x') + "\"}";
        QVERIFY(copiedFast(big));
        requireSameLine(big);
    }

    void randomTextGivesTheSameLine()
    {
        TextGenerator generator(20261113);
        int fast = 0;
        for (int i = 0; i < 20000; ++i) {
            const std::string text = generator.mutated(generator.value());
            fast += copiedFast(text) ? 1 : 0;
            const auto event = eventWith(text, generator.mutated(generator.value()));
            QCOMPARE(fastLine(event), event.toJsonLine() + "\n");
        }
        QVERIFY2(fast > 2000, "the generator should produce plenty of text the fast way takes");
    }

    void stringFieldsAreEscapedLikeTheDump()
    {
        const std::vector<std::pair<std::string, bool>> cases { { std::string(), true }, { "plain", true },
            { "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f", true }, { "é東京🚀", true }, { std::string("a\0b", 3), true },
            { "\xff\xfe", false }, { "\xe6\x9d", false }, { "\xed\xa0\x80", false } };
        for (const auto& [text, valid] : cases) {
            std::string out = "x";
            QCOMPARE(store::detail::appendJsonString(text, out), valid);
            if (!valid)
                QCOMPARE(out, std::string("x")); // left as it was
            requireSameLine(text);
        }
    }

    void binaryCopyRowsAreParsedAndBadBytesRefused()
    {
        const std::string header = std::string("PGCOPY\n\377\r\n\0", 11) + beBytes(0, 4) + beBytes(0, 4);
        const std::string row = beBytes(3, 2) + beBytes(2, 4) + "hi" + beBytes(0xFFFFFFFF, 4) + beBytes(8, 4)
            + beBytes(static_cast<std::uint64_t>(-5), 8);
        store::detail::BinaryCopyParser parser;
        const auto* first = parser.parse(header + row);
        QVERIFY(first);
        QCOMPARE(first->size(), std::size_t(3));
        QCOMPARE(first->text(0), std::string_view("hi"));
        QVERIFY(first->isNull(1));
        QCOMPARE(first->text(1), std::string_view());
        QCOMPARE(first->integer<int>(1), 0);
        QCOMPARE(first->integer<std::int64_t>(2), -5LL);
        QCOMPARE(first->integer<std::uint64_t>(2), 0ULL); // what from_chars makes of "-5"
        QVERIFY(parser.parse(row));
        QVERIFY(!parser.parse(beBytes(0xFFFF, 2)));

        store::detail::BinaryCopyParser noSignature;
        QVERIFY_THROWS_EXCEPTION(pqxx::failure, noSignature.parse("COPY\n" + row));
        store::detail::BinaryCopyParser shortRow;
        QVERIFY_THROWS_EXCEPTION(pqxx::failure, shortRow.parse(header + row.substr(0, row.size() - 1)));
        store::detail::BinaryCopyParser longRow;
        QVERIFY_THROWS_EXCEPTION(pqxx::failure, longRow.parse(header + row + "x"));
        store::detail::BinaryCopyParser oddInteger;
        const auto* odd = oddInteger.parse(header + beBytes(1, 2) + beBytes(3, 4) + "abc");
        QVERIFY_THROWS_EXCEPTION(pqxx::failure, (void)odd->integer<int>(0));
    }

    // A row of copyEventColumns() as the server sends it reads as the text columns do.
    void binaryEventRowsReadAsTheirText()
    {
        const std::string header = std::string("PGCOPY\n\377\r\n\0", 11) + beBytes(0, 4) + beBytes(0, 4);
        const auto field = [](const std::string& bytes) { return beBytes(bytes.size(), 4) + bytes; };
        const auto row = [&](std::int64_t since2000) {
            return beBytes(10, 2) + field(beBytes(0x100000022ULL, 8)) + field(beBytes(56, 8))
                + field(beBytes(0x85132b27d65d4e8bULL, 8) + beBytes(0x9b62460604ce0829ULL, 8)) + field("order-1")
                + field("Order") + field("OrderPlaced") + field(beBytes(3, 4)) + field("\x01{\"a\": 1}")
                + field("\x01{}") + field(beBytes(static_cast<std::uint64_t>(since2000), 8));
        };
        store::RecordedEvent event;
        store::detail::BinaryCopyParser parser;
        store::detail::parseRecordedEvent(*parser.parse(header + row(753315200123456LL)), event);
        QCOMPARE(event.position.txId, 0x100000022ULL);
        QCOMPARE(event.position.globalPosition, 56LL);
        QCOMPARE(event.id, std::string("85132b27-d65d-4e8b-9b62-460604ce0829"));
        QCOMPARE(event.aggregateId, std::string("order-1"));
        QCOMPARE(event.eventType, std::string("OrderPlaced"));
        QCOMPARE(event.version, 3);
        QCOMPARE(event.dataJson, std::string("{\"a\": 1}"));
        QCOMPARE(event.metadataJson, std::string("{}"));
        QCOMPARE(event.timestampUs, 1700000000123456LL); // 2023-11-14T22:13:20.123456Z

        // Infinity and the far future no int64 of Unix microseconds reaches saturate (one such
        // event must not stop a read or a catch-up) and print as PostgreSQL's infinities.
        constexpr auto most = std::numeric_limits<std::int64_t>::max();
        constexpr auto least = std::numeric_limits<std::int64_t>::min();
        for (const auto& [since2000, expected] :
            { std::pair { most, most }, std::pair { least, least }, std::pair { most - 1, most },
                std::pair { least + 1, least + 1 + std::int64_t { 946'684'800'000'000 } } }) {
            store::detail::parseRecordedEvent(*parser.parse(row(since2000)), event);
            QCOMPARE(event.timestampUs, expected);
        }
        QCOMPARE(util::formatTimestampUs(most), std::string("infinity"));
        QCOMPARE(util::formatTimestampUs(least), std::string("-infinity"));
        QVERIFY_THROWS_EXCEPTION(
            pqxx::failure, store::detail::parseRecordedEvent(*parser.parse(beBytes(1, 2) + field("x")), event));
    }
};

QTEST_GUILESS_MAIN(TestJsonLine)
#include "tst_json_line.moc"

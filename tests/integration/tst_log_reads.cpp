// The readers that stream a binary COPY (readAll, readStream, the log and stream exports)
// return exactly what a plain SELECT of the same columns returns, on data we did not write:
// hostile text in every column, payloads large, deep or odd, a SQL_ASCII database, filter
// values that must stay values. The NDJSON line written without a parse is toJsonLine().
#include <QtTest>

#include <algorithm>
#include <charconv>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "TestDatabase.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/LogExport.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/store/StreamExport.hpp"
#include "store/EventReads.hpp"

using namespace acci;
using namespace acci::store;

namespace {

// A row as the guide's plain INSERT (or a bulk loader) would write it.
struct Row {
    std::string aggregateId;
    std::string eventType;
    int version = 1;
    std::string data = "{}";
    std::string metadata = "{}";
    std::string timestamp = "2026-11-20 12:00:00+00";
    std::string aggregateType = "Thing";
};

void insert(pqxx::connection& connection, const Row& row)
{
    pqxx::nontransaction query(connection);
    query.exec_params("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata,"
                      " timestamp) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)",
        row.aggregateId, row.aggregateType, row.eventType, row.version, row.data, row.metadata, row.timestamp);
}

template <typename Int> Int number(const pqxx::field& field)
{
    Int value {};
    std::from_chars(field.c_str(), field.c_str() + field.size(), value);
    return value;
}

// The oracle: a plain SELECT of the reader's columns, parsed field by field.
std::vector<RecordedEvent> selectEvents(pqxx::connection& connection, const std::string& where = "true")
{
    pqxx::nontransaction query(connection);
    std::vector<RecordedEvent> events;
    for (const auto& row : query.exec(
             "SELECT " + recordedEventColumns() + " FROM events WHERE " + where + " ORDER BY tx_id, global_position")) {
        RecordedEvent event;
        event.position = { number<std::uint64_t>(row[0]), number<std::int64_t>(row[1]) };
        event.id.assign(row[2].c_str(), row[2].size());
        event.aggregateId.assign(row[3].c_str(), row[3].size());
        event.aggregateType.assign(row[4].c_str(), row[4].size());
        event.eventType.assign(row[5].c_str(), row[5].size());
        event.version = number<int>(row[6]);
        event.dataJson.assign(row[7].c_str(), row[7].size());
        event.metadataJson.assign(row[8].c_str(), row[8].size());
        event.timestampUs = number<std::int64_t>(row[9]);
        events.push_back(std::move(event));
    }
    return events;
}

void requireSame(const std::vector<RecordedEvent>& read, const std::vector<RecordedEvent>& expected)
{
    QCOMPARE(read.size(), expected.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].position, expected[i].position);
        QCOMPARE(read[i].id, expected[i].id);
        QCOMPARE(read[i].aggregateId, expected[i].aggregateId);
        QCOMPARE(read[i].aggregateType, expected[i].aggregateType);
        QCOMPARE(read[i].eventType, expected[i].eventType);
        QCOMPARE(read[i].version, expected[i].version);
        QCOMPARE(read[i].dataJson, expected[i].dataJson);
        QCOMPARE(read[i].metadataJson, expected[i].metadataJson);
        QCOMPARE(read[i].timestampUs, expected[i].timestampUs);
        std::string line;
        read[i].appendJsonLine(line);
        QCOMPARE(line, expected[i].toJsonLine() + "\n");
    }
}

std::string ndjson(const std::vector<RecordedEvent>& events)
{
    std::string text;
    for (const auto& event : events)
        text += event.toJsonLine() + "\n";
    return text;
}

// Every reader of the store against the oracle: the log in one page and page by page, each
// aggregate's stream, and the log's NDJSON export.
void requireReadersAgree(pqxx::connection& connection)
{
    const auto expected = selectEvents(connection);
    EventStore eventStore(connection);
    requireSame(eventStore.readAll({}, 100000), expected);
    std::vector<RecordedEvent> paged;
    for (LogPosition after;;) {
        auto page = eventStore.readAll(after, 3);
        paged.insert(paged.end(), page.begin(), page.end());
        if (page.size() < 3)
            break;
        after = page.back().position;
    }
    requireSame(paged, expected);
    std::set<std::string> aggregates;
    for (const auto& event : expected)
        aggregates.insert(event.aggregateId);
    for (const auto& id : aggregates) {
        const auto stream = selectEvents(connection, "aggregate_id = " + connection.quote(id));
        auto byVersion = stream;
        std::sort(byVersion.begin(), byVersion.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.version < b.version; });
        requireSame(eventStore.readStream(id, 1, 100000), byVersion);
    }
    std::ostringstream exported;
    LogExportOptions options;
    options.limit = 100000;
    options.pageSize = 4;
    QCOMPARE(exportLog(connection, exported, options), static_cast<long long>(expected.size()));
    QCOMPARE(exported.str(), ndjson(expected));
}

// Random JSON in many spellings; the server stores it as jsonb and gives back its own text.
std::string randomJson(std::mt19937& random, int depth = 0)
{
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    static const char* pieces[] = { "a", "Z", " ", "\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u0001",
        "\\u001F", "\\/", "\\u00e9", "\\ud83d\\ude80", "é", "東京", "\x7f", "\\\\N", "\\\\t", "$1", "'" };
    static const char* numbers[] = { "0", "-0", "7", "-12", "1.50", "0.1", "100.0", "-0.0", "1e5", "2.5E-3",
        "123456789012345678901234567890", "1e400", "18446744073709551615", "-9223372036854775809", "1e-7" };
    const auto string = [&] {
        std::string text = "\"";
        for (int i = 0, n = pick(6); i < n; ++i)
            text += pieces[pick(std::size(pieces))];
        return text + "\"";
    };
    switch (pick(depth > 3 ? 4 : 6)) {
    case 0:
        return string();
    case 1:
        return numbers[pick(std::size(numbers))];
    case 2:
        return pick(2) ? "true" : "null";
    case 3:
        return string();
    case 4: {
        std::string text = "[";
        for (int i = 0, n = pick(4); i < n; ++i)
            text += (i ? ", " : "") + randomJson(random, depth + 1);
        return text + "]";
    }
    default: {
        std::string text = "{";
        for (int i = 0, n = pick(5); i < n; ++i)
            text += (i ? "," : "") + string() + ":" + randomJson(random, depth + 1);
        return text + "}";
    }
    }
}

} // namespace

class TestLogReads : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    std::unique_ptr<pqxx::connection> m_connection;

private slots:
    void init()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        m_connection = m_db->connect();
    }
    void cleanup()
    {
        m_connection.reset();
        m_db.reset();
    }

    void hostileRowsReadExactly()
    {
        const std::string controls = "tab\there new\nline cr\rback\\slash \\N \\t \b\f\v\x01\x7f";
        for (const std::string& id : { controls, std::string("\\N"), std::string(), std::string("quote'\"$1"),
                 std::string("ünïcödé 東京 🚀"), std::string(300, 'x') })
            insert(*m_connection, { id, "Type\twith\ttabs", 1 });
        insert(*m_connection,
            { "payloads", "Odd", 1,
                "{\"s\": \"a\\tb\\\\c\\\"d\\u0001\\n\", \"n\": [1.50, -0, 0.1, 1e400,"
                " 123456789012345678901234567890, 18446744073709551615, -9223372036854775808, 1e-7],"
                " \"e\": {}, \"z\": []}",
                "{\"tenant_id\": \"acme\", \"\": \"\", \"\\\\N\": \"\\\\N\"}" });
        insert(*m_connection, { "payloads", "Deep", 2, std::string(600, '[') + std::string(600, ']') });
        insert(*m_connection,
            { "payloads", "Big", 3, "{\"blob\": \"" + std::string(std::size_t { 3 } << 20, 'y') + "\"}" });
        insert(*m_connection, { "payloads", "Scalar", 4, "\"just text\"", "[1, 2]" });
        insert(*m_connection, { "times", "Old", 1, "{}", "{}", "0001-01-01 00:00:00+00" });
        insert(*m_connection, { "times", "Before1970", 2, "{}", "{}", "1969-12-31 23:59:59.999999+00" });
        insert(*m_connection, { "times", "Far", 2147483647, "{}", "{}", "9999-12-31 23:59:59.999999+00" });
        requireReadersAgree(*m_connection);

        // A reader that does not need the metadata gets "{}" in its place.
        pqxx::nontransaction query(*m_connection);
        for (const auto& event : readAll(query, {}, 100, {}, false))
            QCOMPARE(event.metadataJson, std::string("{}"));
    }

    void randomPayloadsReadBackExactly()
    {
        std::mt19937 random(1113);
        for (int i = 0; i < 400; ++i) {
            std::string aggregate = "agg-" + std::to_string(i % 37);
            if (i % 5 == 0)
                aggregate += randomJson(random); // text that needs COPY's escapes, were it text COPY
            insert(*m_connection,
                { aggregate, "Random", i + 1, "{\"v\": " + randomJson(random) + "}",
                    "{\"m\": " + randomJson(random) + "}" });
        }
        requireReadersAgree(*m_connection);
    }

    void filterValuesTravelAsLiterals()
    {
        const std::vector<std::string> hostile { "O'Brien", "a\\'b", "$1", "$$x$$", "tab\tand\nnewline", "東京",
            "E'\\x41'", "{a,b}", "\"quoted\"", "'; DROP TABLE events; --" };
        for (std::size_t i = 0; i < hostile.size(); ++i) {
            const nlohmann::json metadata
                = { { "tenant_id", hostile[i] }, { "correlation_id", hostile[i] }, { "user_id", hostile[i] } };
            insert(*m_connection,
                { hostile[i], hostile[i], 1, nlohmann::json { { "k", hostile[i] } }.dump(), metadata.dump(),
                    "2026-11-20 12:00:00+00", hostile[i] });
        }
        EventStore eventStore(*m_connection);
        for (const auto& value : hostile) {
            std::vector<LogFilter> filters(7);
            filters[0].eventTypes = { value, "other" };
            filters[1].aggregateType = value;
            filters[2].aggregateId = value;
            filters[3].tenantId = value;
            filters[4].correlationId = value;
            filters[5].userId = value;
            filters[6].dataContains = nlohmann::json { { "k", value } }.dump();
            for (const auto& filter : filters) {
                const auto events = eventStore.readAll({}, 100, filter);
                QCOMPARE(events.size(), std::size_t(1));
                QCOMPARE(events[0].aggregateId, value);
            }
        }
        QCOMPARE(selectEvents(*m_connection).size(), hostile.size()); // and nothing was dropped
        LogFilter since;
        since.since = "2026-11-20 12:00:00+00";
        since.until = "2026-11-20 12:00:01+00";
        QCOMPARE(eventStore.readAll({}, 100, since).size(), hostile.size());
        since.since = "not a time";
        try {
            (void)eventStore.readAll({}, 100, since);
            QFAIL("a bad time must be the server's error, as with a parameter");
        } catch (const pqxx::sql_error& error) {
            QCOMPARE(error.sqlstate(), std::string("22007")); // invalid_datetime_format
        }
        QCOMPARE(eventStore.readAll({}, 100).size(), hostile.size()); // the connection goes on
    }

    void sqlAsciiBytesPassThrough()
    {
        const std::string name = m_db->name() + "_ascii";
        pqxx::connection server(testing::testServerConninfo());
        {
            pqxx::nontransaction query(server);
            query.exec("CREATE DATABASE " + query.quote_name(name)
                + " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        }
        {
            auto connection = store::connect(testing::withDatabase(m_db->conninfo(), name));
            migrate(*connection);
            insert(*connection,
                { "bytes-\xff\xfe", "Latin\xe9", 1, "{\"s\": \"caf\xe9 \xff\", \"\xe9\": 1}",
                    "{\"tenant_id\": \"\xc0\xaf\"}" });
            insert(*connection, { "bytes-\xff\xfe", "Fine", 2, "{\"s\": \"plain\"}" });
            requireReadersAgree(*connection);
            std::string line;
            EventStore(*connection).readAll({}, 10)[0].appendJsonLine(line);
            QVERIFY(line.find("\xef\xbf\xbd") != std::string::npos); // shown as U+FFFD
        }
        pqxx::nontransaction query(server);
        query.exec("DROP DATABASE " + query.quote_name(name) + " WITH (FORCE)");
    }

    void exportsPageLikeTheReads()
    {
        EventStore eventStore(*m_connection);
        for (int i = 0; i < 7; ++i) {
            NewEvent event;
            event.eventType = i % 2 ? "Odd" : "Even";
            event.data = { { "i", i } };
            eventStore.append("export-1", "Thing", i, { event });
        }
        const auto all = eventStore.readAll({}, 100);
        for (int pageSize : { 1, 2, 3, 100 }) {
            std::ostringstream out;
            LogExportOptions options { all[1].position, 4, {}, pageSize };
            QCOMPARE(exportLog(*m_connection, out, options), 4LL);
            QCOMPARE(out.str(), ndjson({ all.begin() + 2, all.begin() + 6 }));
            options.filter.eventTypes = { "Odd" };
            options.limit = 100;
            std::ostringstream odd;
            QCOMPARE(exportLog(*m_connection, odd, options), 2LL);
            QCOMPARE(odd.str(), ndjson({ all[3], all[5] }));
        }
    }

    // A cancel or a lost server in the middle of a COPY is the same error as in a plain
    // query (the console drops or retries by it), and a cancelled connection goes on.
    void aReadCancelledMidwayIsReportedAndTheConnectionGoesOn()
    {
        auto loader = m_db->connect();
        pqxx::nontransaction load(*loader);
        load.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
                  " SELECT gen_random_uuid(), 'bulk', 'Thing', 'Loaded', g, jsonb_build_object('pad', repeat('x', 500))"
                  " FROM generate_series(1, 8000) g");
        const int backend = m_connection->backendpid();
        for (const char* stop : { "pg_cancel_backend", "pg_terminate_backend" }) {
            long long seen = 0;
            try {
                pqxx::nontransaction query(*m_connection);
                detail::copyLog(query, {}, 100000, {}, true, [&](RecordedEvent&) {
                    if (seen++ == 0) { // the server is still sending: 4 MB do not fit the socket
                        load.exec(std::string("SELECT ") + stop + "(" + std::to_string(backend) + ")");
                        std::this_thread::sleep_for(std::chrono::milliseconds(200));
                    }
                });
                QFAIL("the read should have been stopped");
            } catch (const std::exception& error) {
                QVERIFY2(seen > 0 && seen < 8000, std::to_string(seen).c_str());
                if (std::string(stop) == "pg_cancel_backend") {
                    QCOMPARE(classifyError(error), ErrorKind::Cancelled);
                    QCOMPARE(EventStore(*m_connection).readAll({}, 10).size(), std::size_t(10));
                } else {
                    QVERIFY2(connectionIsLost(error), error.what());
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestLogReads)
#include "tst_log_reads.moc"

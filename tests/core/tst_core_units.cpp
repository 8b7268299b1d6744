// Units of the core that need no database: ids, positions, time, error sentences.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <set>

#include <pqxx/except>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/Event.hpp"
#include "acci/store/EventMetadata.hpp"
#include "acci/store/Replication.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/util/Time.hpp"
#include "acci/util/Uuid.hpp"
#include "projections/UserRebuildRows.hpp"
#include "timetravel/PackedState.hpp"

using namespace acci;

class TestCoreUnits : public QObject {
    Q_OBJECT
private slots:
    // Stored JSON is data we did not write: decoding never throws, numbers keep their value.
    void storedJsonKeepsEveryValueOrSaysWhy()
    {
        const auto overflow = store::decodeStoredJson("{\"x\": 1e400, \"big\": 123456789012345678901234567890,"
                                                      " \"fine\": 0.1000000000000000055511151231257827}");
        QCOMPARE(overflow.value["x"], nlohmann::json("1e400"));
        QCOMPARE(overflow.value["big"], nlohmann::json("123456789012345678901234567890"));
        QCOMPARE(overflow.value["fine"], nlohmann::json("0.1000000000000000055511151231257827"));
        QCOMPARE(overflow.warnings.size(), std::size_t(3));
        QVERIFY(overflow.warnings[0].find("1e400") != std::string::npos);

        const auto exact = store::decodeStoredJson("{\"a\": 1.50, \"b\": 0.1, \"c\": -7, \"d\": 18446744073709551615,"
                                                   " \"e\": -9223372036854775808, \"s\": \"1e400\"}");
        QVERIFY(exact.warnings.empty());
        QCOMPARE(exact.value["a"].get<double>(), 1.5);
        QCOMPARE(exact.value["d"].get<std::uint64_t>(), 18446744073709551615ULL);
        QCOMPARE(exact.value["s"], nlohmann::json("1e400")); // a string stays a string

        const std::string deep = std::string(600, '[') + std::string(600, ']');
        const auto tooDeep = store::decodeStoredJson(deep);
        QVERIFY(tooDeep.value.is_string() && tooDeep.warnings.at(0).find("deeper than 512") != std::string::npos);
        const auto broken = store::decodeStoredOrderedJson("{\"a\": ");
        QVERIFY(broken.value.is_string() && broken.warnings.at(0).find("not valid JSON") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(store::InvalidInputError,
            store::requireJsonWithinLimits(std::string(70000, '[') + std::string(70000, ']')));
        store::requireJsonWithinLimits("{\"a\": [[1]], \"s\": \"[[[[[\"}"); // brackets in strings do not count
    }

    // decodeStoredJson reads ordinary JSON in one pass (issue 13) and hands anything else to
    // the general way (scan, then nlohmann's parse), which decodeStoredOrderedJson always
    // takes: on every text, both give the same values of the same types, the same warnings.
    void storedJsonFastReadAgreesWithTheGeneralWay()
    {
        std::mt19937 random(17);
        const std::vector<std::string> atoms = { "0", "-0", "7", "-7", "123456789012345678", "-123456789012345678",
            "1234567890123456789", "18446744073709551615", "1.5", "-0.0", "1.50", "0.1", "123456789.012345",
            "1234567890.1234567", "1e3", "1E-2", "2.5e+3", "01", "1.", ".5", "-", "1e400", "true", "false", "null",
            "tru", "\"\"", "\"a\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u0000\\u20AC\"",
            "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\u12\"", "\"\\x\"", "\"caf\xc3\xa9\"",
            "\"\xe2\x82\xac\xf0\x9f\x98\x80\"", "\"\xc3\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xff\"",
            "\"tab\there\"", "\"\x7f\"" };
        const std::vector<std::string> keys = { "a", "b", "e1", "e10", "e9", "", "k\\u00e9", "a" };
        const std::vector<std::string> spaces = { "", " ", "\n", "\t ", "\r\n" };
        std::function<std::string(int)> make = [&](int depth) -> std::string {
            const auto space = [&] { return spaces[random() % spaces.size()]; };
            switch (depth > 3 ? 0 : random() % 4) {
            case 1: {
                std::string text = "{" + space();
                for (int i = 0, n = static_cast<int>(random() % 4); i < n; ++i)
                    text += (i ? "," + space() : "") + "\"" + keys[random() % keys.size()] + "\"" + space() + ":"
                        + space() + make(depth + 1) + space();
                return text + "}";
            }
            case 2: {
                std::string text = "[" + space();
                for (int i = 0, n = static_cast<int>(random() % 4); i < n; ++i)
                    text += (i ? "," + space() : "") + make(depth + 1) + space();
                return text + "]";
            }
            default:
                return atoms[random() % atoms.size()];
            }
        };
        // The same value and the same type at every place (5 and 5u compare equal).
        std::function<bool(const nlohmann::json&, const nlohmann::json&)> same
            = [&](const nlohmann::json& a, const nlohmann::json& b) {
                  if (a.type() != b.type() || a.size() != b.size())
                      return false;
                  if (a.is_object()) {
                      for (auto it = a.begin(), other = b.begin(); it != a.end(); ++it, ++other)
                          if (it.key() != other.key() || !same(*it, *other))
                              return false;
                      return true;
                  }
                  if (a.is_array()) {
                      for (std::size_t i = 0; i < a.size(); ++i)
                          if (!same(a[i], b[i]))
                              return false;
                      return true;
                  }
                  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      == b.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
              };
        std::string deepest = std::string(512, '[') + std::string(512, ']');
        std::vector<std::string> texts = { deepest, "[" + deepest + "]", "\xef\xbb\xbf{}", " {} ", "{} x", "",
            "{\"a\":1,\"a\":{\"b\":2}}", "{\"a\":{\"b\":2},\"a\":3}" };
        for (int i = 0; i < 20000; ++i) {
            std::string text = make(0);
            if (i % 5 == 0 && !text.empty()) // now and then, broken somewhere
                text.erase(random() % text.size(), 1);
            texts.push_back(std::move(text));
        }
        for (const auto& text : texts) {
            const auto fast = store::decodeStoredJson(text);
            const auto general = store::decodeStoredOrderedJson(text);
            QVERIFY2(same(fast.value, nlohmann::json(general.value)), text.c_str());
            QVERIFY2(fast.warnings == general.warnings, text.c_str());
            QVERIFY2(fast.inexactNumbers == general.inexactNumbers, text.c_str());
            QVERIFY2(fast.wholeAsText == general.wholeAsText, text.c_str());
        }
    }

    // Time-travel checkpoints keep their states packed in one buffer (issue 13): unpacked,
    // a state is the same value with the same types, whatever it holds.
    void packedStatesComeBackExactly()
    {
        using nlohmann::json;
        std::mt19937 random(23);
        const std::vector<json> atoms
            = { nullptr, true, false, 0, -0.0, 1.5, std::nan(""), std::numeric_limits<double>::infinity(),
                  std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(),
                  json::number_unsigned_t { 7 }, json::number_integer_t { 7 }, std::numeric_limits<std::int64_t>::max(),
                  json::number_integer_t { -1 }, json::number_integer_t { -64 }, json::number_integer_t { 64 },
                  json::number_integer_t { -1000000 }, "", std::string("nul\0inside", 10), std::string(300, 'x'),
                  "caf\xc3\xa9", json::object(), json::array(), json::binary({ 1, 2, 3 }), json::binary({ 4 }, 9) };
        std::function<json(int)> make = [&](int depth) -> json {
            switch (depth > 4 ? 0 : random() % 3) {
            case 1: {
                json object = json::object();
                for (int i = 0, n = static_cast<int>(random() % (depth == 0 ? 200 : 5)); i < n; ++i)
                    object["k" + std::to_string(random() % 1000)] = make(depth + 1);
                return object;
            }
            case 2: {
                json array = json::array();
                for (int i = 0, n = static_cast<int>(random() % 5); i < n; ++i)
                    array.push_back(make(depth + 1));
                return array;
            }
            default:
                return atoms[random() % atoms.size()];
            }
        };
        std::function<bool(const json&, const json&)> same = [&](const json& a, const json& b) {
            if (a.type() != b.type() || a.size() != b.size())
                return false;
            if (a.is_object()) {
                for (auto it = a.begin(), other = b.begin(); it != a.end(); ++it, ++other)
                    if (it.key() != other.key() || !same(*it, *other))
                        return false;
                return true;
            }
            if (a.is_array()) {
                for (std::size_t i = 0; i < a.size(); ++i)
                    if (!same(a[i], b[i]))
                        return false;
                return true;
            }
            if (a.is_number_float()) // NaN is not equal to itself; -0.0 equals 0.0
                return std::memcmp(a.get_ptr<const double*>(), b.get_ptr<const double*>(), sizeof(double)) == 0;
            return a == b && (!a.is_binary() || a.get_binary().has_subtype() == b.get_binary().has_subtype());
        };
        std::string packed; // reused, as a load reuses it: each packing replaces what it held
        for (int i = 0; i < 300; ++i) {
            const json value = make(0);
            timetravel::detail::packInto(value, packed);
            QVERIFY2(same(timetravel::detail::unpackJson(packed), value),
                value.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200).c_str());
        }
    }

    // What may be saved or shown of a connection string never holds its password.
    void connectionStringsLoseTheirPassword()
    {
        const std::string uri
            = store::withoutPassword("postgresql://ana:s3cret@db.example.com:5433/events?sslmode=verify-full");
        QVERIFY2(uri.find("s3cret") == std::string::npos, uri.c_str());
        QVERIFY(uri.find("host=db.example.com") != std::string::npos && uri.find("user=ana") != std::string::npos
            && uri.find("port=5433") != std::string::npos && uri.find("sslmode=verify-full") != std::string::npos);
        const std::string pairs = store::withoutPassword("host=db dbname=events password='it\\'s secret' user='Ana M'");
        QVERIFY2(pairs.find("secret") == std::string::npos, pairs.c_str());
        QVERIFY(pairs.find("user='Ana M'") != std::string::npos);
        QCOMPARE(store::withoutPassword("host='unterminated"), std::string()); // unreadable: nothing to save
        QCOMPARE(store::displayName("postgresql://ana:s3cret@db.example.com:5433/events"),
            std::string("ana@db.example.com:5433/events"));
        QCOMPARE(store::displayName("password=x dbname=events"), std::string("(default host)/events"));
    }

    // Writes go to the primary: the same hosts with target_session_attrs=read-write when the
    // string may lead to a standby, an explicit primary with what it leaves out filled in.
    void primaryConninfoFindsThePrimaryAmongTheHosts()
    {
        using store::primaryConninfo;
        // One host, nothing asked: that server is the primary or there is none to find.
        QCOMPARE(primaryConninfo("host=db port=5433 dbname=acci user=ana"),
            std::string("user=ana dbname=acci host=db port=5433"));
        QCOMPARE(primaryConninfo("host=db target_session_attrs=primary"),
            std::string("host=db target_session_attrs=primary"));
        // Several hosts: the same hosts, the one that accepts writes; the password is kept.
        QCOMPARE(
            primaryConninfo("host=a,b port=1,2 dbname=acci password='s3 cret' target_session_attrs=prefer-standby"),
            std::string("password='s3 cret' dbname=acci host=a,b port=1,2 target_session_attrs=read-write"));
        QCOMPARE(
            primaryConninfo("host=a,b port=1,2"), std::string("host=a,b port=1,2 target_session_attrs=read-write"));
        QCOMPARE(primaryConninfo("hostaddr=10.0.0.1,10.0.0.2 target_session_attrs=any"),
            std::string("hostaddr=10.0.0.1,10.0.0.2 target_session_attrs=read-write"));
        // One host asked for as a standby: the primary cannot be that one, read-write says so.
        for (const char* attrs : { "standby", "prefer-standby", "read-only" })
            QCOMPARE(primaryConninfo(std::string("host=db target_session_attrs=") + attrs),
                std::string("host=db target_session_attrs=read-write"));
        for (const char* attrs : { "read-write", "primary", "any" })
            QCOMPARE(primaryConninfo(std::string("host=a,b target_session_attrs=") + attrs),
                std::string("host=a,b target_session_attrs=read-write"));
        // URIs, multi-host with their ports, into key=value.
        QCOMPARE(primaryConninfo("postgresql://ana:pw@h1:5432,h2:5433/events?target_session_attrs=prefer-standby"
                                 "&sslmode=require"),
            std::string("user=ana password=pw dbname=events host=h1,h2 port=5432,5433 sslmode=require "
                        "target_session_attrs=read-write"));
        QCOMPARE(primaryConninfo("postgresql:///acci?host=/tmp/p,/tmp/s&port=1,2"),
            std::string("dbname=acci host=/tmp/p,/tmp/s port=1,2 target_session_attrs=read-write"));
        // Values with spaces and quotes stay one value.
        QCOMPARE(primaryConninfo("host='/tmp/my dir,/tmp/s' user='o\\'brien'"),
            std::string("user='o\\'brien' host='/tmp/my dir,/tmp/s' target_session_attrs=read-write"));
        // An explicit primary: its own server, the rest from the browsing string.
        QCOMPARE(primaryConninfo("host=replica port=5433 dbname=acci user=ops password=pw sslmode=verify-full "
                                 "target_session_attrs=standby",
                     "host=primary"),
            std::string("host=primary user=ops password=pw dbname=acci sslmode=verify-full"));
        QCOMPARE(primaryConninfo("host=replica dbname=acci user=ops", "postgresql://admin@p1,p2/other"),
            std::string("user=admin dbname=other host=p1,p2 port=, target_session_attrs=read-write"));
        // Unreadable: refused without quoting it (it may hold a password).
        try {
            primaryConninfo("host='unterminated password=secret");
            QFAIL("an unreadable string was accepted");
        } catch (const store::InvalidInputError& error) {
            QVERIFY(std::string(error.what()).find("secret") == std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(store::InvalidInputError, primaryConninfo("host=a", "nonsense"));
        QVERIFY(std::string(store::standbyRefusalSentence()).rfind(store::StandbyRefusal, 0) == 0);
    }

    void nameUuidMatchesRfc4122Example()
    {
        // RFC 4122's DNS namespace; the expected value is the well-known v5 for this name.
        QCOMPARE(util::nameUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"),
            std::string("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    void nameUuidIsStableAndDistinct()
    {
        const std::string ns = "6f0c8a52-5c1e-4c9b-9d0e-acc1e7e47000";
        QCOMPARE(util::nameUuid(ns, "a"), util::nameUuid(ns, "a"));
        QVERIFY(util::nameUuid(ns, "a") != util::nameUuid(ns, "b"));
    }

    void newUuidIsVersion4AndUnique()
    {
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const auto id = util::newUuid();
            QVERIFY(util::isUuid(id));
            QCOMPARE(id[14], '4');
            QVERIFY(std::string("89ab").find(id[19]) != std::string::npos);
            seen.insert(id);
        }
        QCOMPARE(seen.size(), std::size_t(1000));
    }

    void isUuidRejectsOtherText()
    {
        QVERIFY(!util::isUuid(""));
        QVERIFY(!util::isUuid("not-a-uuid"));
        QVERIFY(!util::isUuid("2ed6657d-e927-568b-95e1-2665a8aea6a"));
        QVERIFY(!util::isUuid("2ed6657d_e927-568b-95e1-2665a8aea6a2"));
        QVERIFY(!util::isUuid("2ed6657d-e927-568b-95e1-2665a8aea6g2"));
        QVERIFY(util::isUuid("2ED6657D-E927-568B-95E1-2665A8AEA6A2"));
    }

    void logPositionRoundTripsAndOrders()
    {
        const store::LogPosition p { 12345, 678 };
        QCOMPARE(p.toString(), std::string("12345:678"));
        QVERIFY(store::LogPosition::parse("12345:678") == p);
        QVERIFY(!store::LogPosition::parse("12345"));
        QVERIFY(!store::LogPosition::parse("a:1"));
        QVERIFY(!store::LogPosition::parse("1:-5"));
        QVERIFY(!store::LogPosition::parse("1:2x"));
        // The transaction id orders first: a later transaction with a smaller position comes after.
        QVERIFY((store::LogPosition { 10, 500 }) < (store::LogPosition { 11, 3 }));
        QVERIFY((store::LogPosition { 10, 2 }) < (store::LogPosition { 10, 3 }));
    }

    void timestampsFormatAsIsoUtc()
    {
        QCOMPARE(util::formatTimestampUs(0), std::string("1970-01-01T00:00:00.000000Z"));
        QCOMPARE(util::formatTimestampUs(1764161266123456LL), std::string("2025-11-26T12:47:46.123456Z"));
        QCOMPARE(util::formatTimestampUs(-1), std::string("1969-12-31T23:59:59.999999Z"));
    }

    void recordedEventJsonKeepsPayloadsAndPosition()
    {
        store::RecordedEvent event;
        event.position = { 7, 42 };
        event.id = "2ed6657d-e927-568b-95e1-2665a8aea6a2";
        event.aggregateId = "user-1";
        event.aggregateType = "User";
        event.eventType = "UserCreated";
        event.version = 1;
        event.dataJson = R"({"name": "Ana", "nested": {"a": [1, 2]}})";
        event.metadataJson = R"({"tenant_id": "acme"})";
        const auto json = event.toJson();
        QCOMPARE(json["position"].get<std::string>(), std::string("7:42"));
        QCOMPARE(json["data"]["nested"]["a"][1].get<int>(), 2);
        QCOMPARE(json["metadata"]["tenant_id"].get<std::string>(), std::string("acme"));
        QCOMPARE(json.begin().key(), std::string("position"));
    }

    void metadataFieldsAreReadOrLeftEmpty()
    {
        store::RecordedEvent event;
        event.metadataJson = R"({"user_id": "ana", "tenant_id": 7, "correlation_id": "flow-1",
                                 "causation_id": null, "extra": {"user_id": "not this"}})";
        const auto fields = store::metadataFieldsOf(event);
        QCOMPARE(fields.userId, std::string("ana"));
        QCOMPARE(fields.tenantId, std::string()); // not a string
        QCOMPARE(fields.correlationId, std::string("flow-1"));
        QCOMPARE(fields.causationId, std::string());
        // Metadata that is no object, or no JSON at all, has none of them (and does not throw).
        event.metadataJson = "[\"ana\"]";
        QCOMPARE(store::metadataFieldsOf(event).userId, std::string());
        event.metadataJson = "{not json";
        QCOMPARE(store::metadataFieldsOf(event).userId, std::string());
        event.metadataJson.clear();
        QCOMPARE(store::metadataFieldsOf(event).correlationId, std::string());
    }

    void errorsBecomeOneSentence()
    {
        const store::ConcurrencyError conflict("order-1", 3, 5);
        const std::string text = store::describeError(conflict);
        QVERIFY(text.find("order-1") != std::string::npos);
        QVERIFY(text.find("version 5") != std::string::npos);
        QVERIFY(text.find("expected version 3") != std::string::npos);
        QCOMPARE(conflict.actualVersion(), 5);

        const pqxx::undefined_table missing(
            "ERROR:  relation \"events\" does not exist\nLINE 1: ...", "SELECT", "42P01");
        const std::string missingText = store::describeError(missing);
        QVERIFY(missingText.find("acci-admin migrate") != std::string::npos);
        QVERIFY(missingText.find('\n') == std::string::npos);

        // A write that slipped through to a standby reads as the refusal actions get there.
        const pqxx::sql_error readOnly("ERROR:  cannot execute INSERT in a read-only transaction\n", "INSERT", "25006");
        const std::string readOnlyText = store::describeError(readOnly);
        QVERIFY2(readOnlyText.rfind(store::StandbyRefusal, 0) == 0, readOnlyText.c_str());
        QVERIFY(readOnlyText.find("cannot execute INSERT in a read-only transaction") != std::string::npos);
        QVERIFY(store::classifyError(readOnly) == store::ErrorKind::ReadOnlyServer);
        const pqxx::sql_error noXid("ERROR:  cannot assign TransactionIds during recovery\n", "SELECT", "XX000");
        QVERIFY(store::classifyError(noXid) == store::ErrorKind::ReadOnlyServer);

        const pqxx::sql_error recoveryConflict(
            "ERROR:  canceling statement due to conflict with recovery\nDETAIL:  User query might have needed to "
            "see row versions that must be removed.\n",
            "SELECT", "40001");
        QVERIFY(store::describeError(recoveryConflict).find("hot_standby_feedback") != std::string::npos);

        const pqxx::broken_connection gone("server closed the connection unexpectedly\n");
        QVERIFY(store::describeError(gone).find("Lost the connection") != std::string::npos);
        // libpqxx's words for a broken connection used again say nothing to a user.
        const pqxx::broken_connection reused("Could not obtain client encoding: not connected.");
        const std::string reusedText = store::describeError(reused);
        QVERIFY2(reusedText.find("client encoding") == std::string::npos, reusedText.c_str());
        QVERIFY2(reusedText.find("the server stopped or restarted") != std::string::npos, reusedText.c_str());

        // A session ended by pg_terminate_backend (as a COPY reports it): the server is up.
        const pqxx::sql_error terminated(
            "FATAL:  terminating connection due to administrator command\n", "COPY", "57P01");
        QVERIFY(store::describeError(terminated).find("The server ended this session") != std::string::npos);
        const pqxx::sql_error crashed(
            "FATAL:  terminating connection because of crash of another server process\n", "SELECT", "57P02");
        QVERIFY(store::describeError(crashed).find("went away") != std::string::npos);
        // A statement_timeout says what to raise; a cancel by a person stays a cancel.
        const pqxx::sql_error timedOut("ERROR:  canceling statement due to statement timeout\n", "SELECT", "57014");
        QVERIFY(store::describeError(timedOut).find("ALTER ROLE") != std::string::npos);
        const pqxx::sql_error cancelled("ERROR:  canceling statement due to user request\n", "SELECT", "57014");
        QVERIFY(store::describeError(cancelled).find("The query was cancelled") != std::string::npos);
    }

    // Projection states are read from text once; the words round-trip, anything else is Unknown.
    void projectionStatesParseOnceAndKeepUnknownText()
    {
        using projections::ProjectionState;
        const std::vector<std::pair<ProjectionState, std::string>> words = { { ProjectionState::Idle, "idle" },
            { ProjectionState::Running, "running" }, { ProjectionState::Stopped, "stopped" },
            { ProjectionState::Faulted, "faulted" }, { ProjectionState::Rebuilding, "rebuilding" } };
        for (const auto& [state, word] : words) {
            QCOMPARE(projections::toString(state), word);
            QVERIFY(projections::parseProjectionState(word) == state);
        }
        // Case, spaces and other programs' words are not guessed at.
        for (const char* text : { "Running", " running", "paused", "", "unknown", "faulted\n" })
            QVERIFY2(projections::parseProjectionState(text) == ProjectionState::Unknown, text);
        QCOMPARE(projections::toString(ProjectionState::Unknown), std::string("unknown"));

        projections::ProjectionStatus status;
        status.state = ProjectionState::Unknown;
        status.unknownState = "paused by ops";
        QCOMPARE(status.stateText(), std::string("paused by ops"));
        status.unknownState.clear();
        QCOMPARE(status.stateText(), std::string("unknown"));
        status.state = ProjectionState::Faulted;
        QCOMPARE(status.stateText(), std::string("faulted"));
    }

    // A rebuild's packed rows: every id found again across the index's growth, values that
    // outlive the text they were copied from, a value larger than a block.
    void packedRebuildRowsFindEveryRow()
    {
        projections::detail::UserRebuildRows rows;
        QVERIFY(rows.find("nobody") == nullptr);
        for (int n = 0; n < 50000; ++n) {
            const std::string id = "user-" + std::to_string(n);
            auto& row = rows.insert(id);
            row.email = rows.keep(id + "@example.com");
            row.version = n;
        }
        const std::string huge(600'000, 'x'); // past a quarter of a block: a block of its own
        rows.find("user-7")->name = rows.keep(huge);
        QCOMPARE(rows.size(), std::size_t(50000));
        for (int n = 0; n < 50000; n += 7) {
            const auto* row = rows.find("user-" + std::to_string(n));
            QVERIFY(row != nullptr);
            QCOMPARE(row->version, n);
            QCOMPARE(std::string(row->email), "user-" + std::to_string(n) + "@example.com");
        }
        QCOMPARE(std::string(rows.find("user-7")->name), huge);
        QVERIFY(rows.find("user-50000") == nullptr);
        QVERIFY(rows.find("") == nullptr);
        QCOMPARE(std::string(rows.rows().back().id), std::string("user-49999"));
    }
};

QTEST_GUILESS_MAIN(TestCoreUnits)
#include "tst_core_units.moc"

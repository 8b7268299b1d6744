// acci-admin as a user runs it: a real process, real stdin/stdout, exit statuses.
#include <QtTest>

#include <QProcess>

#include "AdminProcess.hpp"
#include "TestDatabase.hpp"

using namespace acci;

namespace {

testing::AdminRun admin(const std::string& conninfo, const QStringList& arguments, const QByteArray& input = {})
{
    return testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, arguments, input);
}

QJsonObject line(const QString& text, int index)
{
    return QJsonDocument::fromJson(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).value(index).toUtf8()).object();
}

int lines(const QString& text)
{
    return static_cast<int>(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size());
}

} // namespace

class TestAdminCli : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;

private slots:
    void init() { m_db = std::make_unique<testing::TestDatabase>(); }
    void cleanup() { m_db.reset(); }

    void appendStreamAndLog()
    {
        const auto appended = admin(m_db->conninfo(),
            { "append", "--aggregate", "order-1", "--type", "Order", "--expected-version", "0" },
            "{\"event_type\":\"OrderPlaced\",\"data\":{\"sku\":\"A\"},\"metadata\":{\"tenant_id\":\"acme\"}}\n"
            "\n"
            "{\"event_type\":\"OrderPaid\",\"data\":{\"amount\":5}}\n");
        QCOMPARE(appended.status, 0);
        QCOMPARE(line(appended.out, 0)[QStringLiteral("last_version")].toInt(), 2);

        const auto stream = admin(m_db->conninfo(), { "stream", "order-1" });
        QCOMPARE(stream.status, 0);
        QCOMPARE(lines(stream.out), 2);
        QCOMPARE(line(stream.out, 1)[QStringLiteral("event_type")].toString(), QStringLiteral("OrderPaid"));
        QVERIFY(line(stream.out, 0).contains(QStringLiteral("position")));
        QCOMPARE(lines(admin(m_db->conninfo(), { "stream", "order-1", "--from-version", "2" }).out), 1);
        QCOMPARE(lines(admin(m_db->conninfo(), { "stream", "order-1", "--limit", "1" }).out), 1);
        // Near the top of a version's range, pages must not overflow (in SQL or in C++).
        const auto far = admin(m_db->conninfo(), { "stream", "order-1", "--from-version", "2147483000" });
        QVERIFY2(far.status == 0 && far.out.isEmpty(), qPrintable(far.err));
        QCOMPARE(admin(m_db->conninfo(), { "stream", "order-1", "--from-version", "2147483648" }).status, 2);

        const auto log = admin(m_db->conninfo(), { "log", "--tenant", "acme" });
        QCOMPARE(log.status, 0);
        QCOMPARE(lines(log.out), 1);
        const QString first = line(admin(m_db->conninfo(), { "log" }).out, 0)[QStringLiteral("position")].toString();
        QCOMPARE(lines(admin(m_db->conninfo(), { "log", "--after", first }).out), 1);
        QCOMPARE(lines(admin(m_db->conninfo(), { "log", "--type", "OrderPaid,OrderPlaced" }).out), 2);
        QCOMPARE(lines(admin(m_db->conninfo(), { "log", "--data-contains", "{\"sku\":\"A\"}" }).out), 1);

        QCOMPARE(lines(admin(m_db->conninfo(), { "aggregates", "--type", "Order" }).out), 1);
        QVERIFY(admin(m_db->conninfo(), { "types" }).out.contains(QStringLiteral("\"aggregates\":1")));
        QVERIFY(admin(m_db->conninfo(), { "stats" }).out.contains(QStringLiteral("\"events\":2")));
    }

    void logSaysWhenTheDefaultLimitCutsAnExport()
    {
        QByteArray input;
        for (int i = 0; i < 150; ++i)
            input += "{\"event_type\":\"Ticked\",\"data\":{\"n\":" + QByteArray::number(i) + "}}\n";
        QCOMPARE(admin(m_db->conninfo(), { "append", "--aggregate", "clock-1", "--type", "Clock" }, input).status, 0);
        // `acci-admin log > dump.ndjson` gets the first 100 and a sentence on stderr saying so.
        const auto first = admin(m_db->conninfo(), { "log" });
        QCOMPARE(first.status, 0);
        QCOMPARE(lines(first.out), 100);
        QVERIFY2(first.err.contains(QStringLiteral("--all")), qPrintable(first.err));
        const auto all = admin(m_db->conninfo(), { "log", "--all" });
        QCOMPARE(all.status, 0);
        QCOMPARE(lines(all.out), 150);
        QVERIFY2(all.err.isEmpty(), qPrintable(all.err));
        QVERIFY(admin(m_db->conninfo(), { "log", "--limit", "100" }).err.isEmpty()); // asked for: no note
        QCOMPARE(admin(m_db->conninfo(), { "log", "--all", "--limit", "5" }).status, 2);
    }

    void concurrencyConflictExitsWithThree()
    {
        const QByteArray event = "{\"event_type\":\"A\",\"data\":{}}\n";
        QCOMPARE(
            admin(m_db->conninfo(), { "append", "--aggregate", "a", "--type", "T", "--expected-version", "0" }, event)
                .status,
            0);
        const auto conflict = admin(
            m_db->conninfo(), { "append", "--aggregate", "a", "--type", "T", "--expected-version", "0" }, event);
        QCOMPARE(conflict.status, 3);
        QVERIFY(conflict.err.contains(QStringLiteral("version 1")));
        QCOMPARE(lines(conflict.err), 1);
    }

    void badInputAppendsNothing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("invalid json") << QByteArray("{\"event_type\":\"A\",\"data\":{}}\n{not json\n");
        QTest::newRow("data not an object")
            << QByteArray("{\"event_type\":\"A\",\"data\":{}}\n{\"event_type\":\"B\",\"data\":[1]}\n");
        QTest::newRow("no event type") << QByteArray("{\"data\":{}}\n");
        QTest::newRow("unknown field") << QByteArray("{\"event_type\":\"A\",\"dta\":{}}\n");
        QTest::newRow("bad id") << QByteArray("{\"event_type\":\"A\",\"id\":\"x\"}\n");
        QTest::newRow("empty input") << QByteArray("");
        // Numbers we could not pass on exactly are refused rather than rounded or thrown.
        QTest::newRow("number overflow") << QByteArray("{\"event_type\":\"A\",\"data\":{\"x\":1e400}}\n");
        QTest::newRow("30 digits") << QByteArray(
            "{\"event_type\":\"A\",\"data\":{\"x\":123456789012345678901234567890}}\n");
        QTest::newRow("not UTF-8") << QByteArray("{\"event_type\":\"A\xff\"}\n");
        QTest::newRow("NUL in the type") << QByteArray("{\"event_type\":\"A\\u0000x\"}\n");
        QTest::newRow("NUL in the data, after blank lines")
            << QByteArray("{\"event_type\":\"A\"}\n\n\n{\"event_type\":\"B\",\"data\":{\"s\":\"\\u0000\"}}\n");
        QTest::newRow("nested too deep") << "{\"event_type\":\"A\",\"data\":{\"d\":" + QByteArray(1000, '[')
                + QByteArray(1000, ']') + "}}\n";
        QTest::newRow("one event over 8 MiB")
            << "{\"event_type\":\"A\",\"data\":{\"s\":\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"}}\n";
        QTest::newRow("a line over 64 MiB") << QByteArray(65 * 1024 * 1024, 'a');
    }
    void badInputAppendsNothing()
    {
        QFETCH(QByteArray, input);
        const auto run = admin(m_db->conninfo(), { "append", "--aggregate", "a", "--type", "T" }, input);
        QCOMPARE(run.status, 1);
        QCOMPARE(lines(run.err), 1);
        QVERIFY(run.err.startsWith(QStringLiteral("acci-admin: ")));
        QVERIFY2(
            run.err.contains(QStringLiteral("nothing was appended")) || run.err.contains(QStringLiteral("No events")),
            qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("Line ")) || input.isEmpty(), qPrintable(run.err)); // names the line
        QCOMPARE(m_db->count("SELECT count(*) FROM events"), 0LL);
    }

    void usageErrorsExitWithTwo()
    {
        QCOMPARE(admin(m_db->conninfo(), { "frobnicate" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), {}).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "append", "--type", "T" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "log", "--after", "12" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "log", "--limit", "ten" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "stream", "a", "--bogus" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "--help" }).status, 0);
    }

    void userCommandsAndSnapshots()
    {
        auto create = admin(m_db->conninfo(),
            { "user", "create", "--id", "u1", "--email", "ana@example.com", "--name", "Ana", "--command-id", "cmd-1",
                "--tenant", "acme" });
        QCOMPARE(create.status, 0);
        QCOMPARE(line(create.out, 0)[QStringLiteral("event_type")].toString(), QStringLiteral("UserCreated"));
        // The same command id again: same event, no error, nothing new.
        QCOMPARE(admin(m_db->conninfo(),
                     { "user", "create", "--id", "u1", "--email", "ana@example.com", "--name", "Ana", "--command-id",
                         "cmd-1" })
                     .status,
            0);
        const auto rejected = admin(m_db->conninfo(), { "user", "update", "--id", "u1", "--email", "nope" });
        QCOMPARE(rejected.status, 1);
        QVERIFY(rejected.err.contains(QStringLiteral("not a valid email")));
        QCOMPARE(admin(m_db->conninfo(), { "user", "deactivate", "--id", "u1" }).status, 0);
        QCOMPARE(m_db->count("SELECT count(*) FROM events"), 2LL);

        const auto saved = admin(m_db->conninfo(), { "snapshot", "save", "u1" });
        QCOMPARE(saved.status, 0);
        QCOMPARE(line(saved.out, 0)[QStringLiteral("state")].toObject()[QStringLiteral("status")].toString(),
            QStringLiteral("deactivated"));
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "show", "u1" }).status, 0);
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "show", "nobody" }).status, 1);

        m_db->exec("INSERT INTO user_view (id, email, name, status, created_at) VALUES ('u1', 'ana@example.com', "
                   "'Ana', 'active', now())");
        QVERIFY(admin(m_db->conninfo(), { "user", "get", "u1" }).out.contains(QStringLiteral("ana@example.com")));
        QCOMPARE(lines(admin(m_db->conninfo(), { "user", "search", "an" }).out), 1);
        QCOMPARE(admin(m_db->conninfo(), { "user", "get", "u2" }).status, 1);
    }

    void timeTravelCommands()
    {
        QCOMPARE(
            admin(m_db->conninfo(), { "append", "--aggregate", "cart-1", "--type", "Cart" },
                "{\"event_type\":\"Opened\",\"data\":{\"owner\":\"ana\",\"n\":1},\"metadata\":{\"user_id\":\"ana\"}}\n"
                "{\"event_type\":\"Counted\",\"data\":{\"by\":5}}\n"
                "{\"event_type\":\"Renamed\",\"data\":{\"owner\":\"eva\"},\"metadata\":{\"user_id\":\"eva\"}}\n")
                .status,
            0);
        QTemporaryFile rules;
        QVERIFY(rules.open());
        rules.write(R"({"Cart": {"Counted": [{"op": "increment", "path": "/n", "from": "/data/by"}]}})");
        rules.close();
        const QString rulesPath = rules.fileName();

        // The current state with the rules; an earlier one; one as of a time before the stream.
        const auto now = admin(m_db->conninfo(), { "state", "cart-1", "--rules", rulesPath });
        QCOMPARE(now.status, 0);
        const auto state = QJsonDocument::fromJson(now.out.toUtf8()).object();
        QCOMPARE(state[QStringLiteral("version")].toInt(), 3);
        QCOMPARE(state[QStringLiteral("state")].toObject()[QStringLiteral("n")].toInt(), 6);
        QCOMPARE(state[QStringLiteral("state")].toObject()[QStringLiteral("owner")].toString(), QStringLiteral("eva"));
        // Without the rules Counted is merged by default: "by" lands in the state.
        const auto byDefault
            = QJsonDocument::fromJson(admin(m_db->conninfo(), { "state", "cart-1", "--at-version", "2" }).out.toUtf8())
                  .object()[QStringLiteral("state")]
                  .toObject();
        QCOMPARE(byDefault[QStringLiteral("by")].toInt(), 5);
        QCOMPARE(byDefault[QStringLiteral("owner")].toString(), QStringLiteral("ana"));
        const auto early = admin(m_db->conninfo(), { "state", "cart-1", "--at-time", "2000-01-01" });
        QCOMPARE(QJsonDocument::fromJson(early.out.toUtf8()).object()[QStringLiteral("version")].toInt(), 0);
        QCOMPARE(admin(m_db->conninfo(), { "state", "cart-1", "--at-time", "not a date" }).status, 1);
        QCOMPARE(admin(m_db->conninfo(), { "state", "cart-1", "--at-version", "9" }).status, 1);
        QCOMPARE(admin(m_db->conninfo(), { "state", "cart-1", "--rules", "/nonexistent.json" }).status, 1);

        const auto diff = admin(m_db->conninfo(), { "diff", "cart-1", "1", "3", "--rules", rulesPath });
        QCOMPARE(diff.status, 0);
        QVERIFY2(diff.out.contains(QStringLiteral("~ /n: 1 → 6")), qPrintable(diff.out));
        QVERIFY(diff.out.contains(QStringLiteral("~ /owner: \"ana\" → \"eva\"")));
        const auto patch = admin(m_db->conninfo(), { "diff", "cart-1", "1", "3", "--patch" });
        QCOMPARE(QJsonDocument::fromJson(patch.out.toUtf8()).array().size(), 2); // owner replaced, by added

        const auto blame = admin(m_db->conninfo(), { "blame", "cart-1", "--json", "--rules", rulesPath });
        QCOMPARE(blame.status, 0);
        QHash<QString, QJsonObject> setBy;
        for (const auto& entry : QJsonDocument::fromJson(blame.out.toUtf8()).array())
            setBy[entry.toObject()[QStringLiteral("pointer")].toString()]
                = entry.toObject()[QStringLiteral("set_by")].toObject();
        QCOMPARE(setBy.size(), 2);
        QCOMPARE(setBy[QStringLiteral("/n")][QStringLiteral("version")].toInt(), 2);
        QCOMPARE(setBy[QStringLiteral("/owner")][QStringLiteral("event_type")].toString(), QStringLiteral("Renamed"));
        QCOMPARE(setBy[QStringLiteral("/owner")][QStringLiteral("user_id")].toString(), QStringLiteral("eva"));

        // Snapshot verify: the saved one matches; a tampered one differs, with the field named.
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "verify", "cart-1" }).status, 1); // none yet
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "save", "cart-1" }).status, 0);
        const auto verified = admin(m_db->conninfo(), { "snapshot", "verify", "cart-1" });
        QCOMPARE(verified.status, 0);
        QVERIFY(verified.out.contains(QStringLiteral("matches")));
        m_db->exec("UPDATE snapshots SET state = jsonb_set(state, '{owner}', '\"zoe\"') WHERE aggregate_id = 'cart-1'");
        const auto tampered = admin(m_db->conninfo(), { "snapshot", "verify", "cart-1" });
        QCOMPARE(tampered.status, 1);
        QVERIFY2(tampered.out.contains(QStringLiteral("~ /owner: \"eva\" → \"zoe\"")), qPrintable(tampered.out));
    }

    void projectionsHealthAndMetrics()
    {
        QCOMPARE(admin(m_db->conninfo(), { "user", "create", "--id", "u1", "--email", "a@example.com", "--name", "A" })
                     .status,
            0);
        auto list = admin(m_db->conninfo(), { "projections", "list" });
        QCOMPARE(list.status, 0);
        QCOMPARE(line(list.out, 0)[QStringLiteral("name")].toString(), QStringLiteral("user_view"));
        QCOMPARE(line(list.out, 0)[QStringLiteral("lag_events")].toInt(), 1);
        // Unhealthy while the projection lags behind a threshold of zero; healthy after catching up.
        QCOMPARE(admin(m_db->conninfo(), { "health", "--max-lag-events", "0" }).status, 1);
        QCOMPARE(admin(m_db->conninfo(), { "projections", "run", "--once" }).status, 0);
        list = admin(m_db->conninfo(), { "projections", "list" });
        QCOMPARE(line(list.out, 0)[QStringLiteral("lag_events")].toInt(), 0);
        const auto health = admin(m_db->conninfo(), { "health", "--json", "--max-lag-events", "0" });
        QCOMPARE(health.status, 0);
        QVERIFY(line(health.out, 0)[QStringLiteral("healthy")].toBool());
        QVERIFY(admin(m_db->conninfo(), { "user", "get", "u1" }).out.contains(QStringLiteral("a@example.com")));

        const auto metrics = admin(m_db->conninfo(), { "metrics" });
        QCOMPARE(metrics.status, 0);
        QVERIFY(metrics.out.contains(QStringLiteral("acci_events_total{event_type=\"UserCreated\"} 1")));

        const auto rebuild = admin(m_db->conninfo(), { "projections", "rebuild", "user_view" });
        QCOMPARE(rebuild.status, 0);
        QCOMPARE(line(rebuild.out, 0)[QStringLiteral("outcome")].toString(), QStringLiteral("completed"));
        QVERIFY(rebuild.err.contains(QStringLiteral("applying")));
        QCOMPARE(admin(m_db->conninfo(), { "projections", "rebuild", "nope" }).status, 1);
        QCOMPARE(admin(m_db->conninfo(), { "projections", "reset", "user_view", "--to", "bad" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "projections", "reset", "user_view" }).status, 0);
        QCOMPARE(admin(m_db->conninfo(), { "dead-letters", "list" }).out, QString());
        QCOMPARE(admin(m_db->conninfo(), { "dead-letters", "retry", "abc" }).status, 2);
        QCOMPARE(admin(m_db->conninfo(), { "dead-letters", "skip", "42" }).status, 1);
        // The rebuild writes "started" and its outcome; the reset one row.
        QCOMPARE(m_db->count("SELECT count(*) FROM console_audit WHERE action IN ('rebuild', 'reset')"), 3LL);
        QCOMPARE(
            m_db->count("SELECT count(*) FROM console_audit WHERE action = 'rebuild' AND outcome = 'started'"), 1LL);
    }

    // One event whose data PostgreSQL stores without complaint must not make the log
    // unreadable: numbers keep their exact stored value (as text, with a warning, when no
    // double or 64-bit integer holds them).
    void strangeNumbersAreShownAsStored()
    {
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES"
                   " (gen_random_uuid(), 'odd-1', 'Odd', 'Measured', 1,"
                   " '{\"x\": 1e400, \"big\": 123456789012345678901234567890, \"ok\": 2.5}')");
        for (const QStringList& command : { QStringList { "log" }, QStringList { "stream", "odd-1" } }) {
            const auto run = admin(m_db->conninfo(), command);
            QVERIFY2(run.status == 0, qPrintable(run.err));
            const auto event = line(run.out, 0);
            const auto data = event[QStringLiteral("data")].toObject();
            QCOMPARE(data[QStringLiteral("big")].toString(), QStringLiteral("123456789012345678901234567890"));
            QCOMPARE(data[QStringLiteral("x")].toString(), QStringLiteral("1") + QString(400, QLatin1Char('0')));
            QCOMPARE(data[QStringLiteral("ok")].toDouble(), 2.5);
            QCOMPARE(event[QStringLiteral("warnings")].toArray().size(), 2);
        }
        const auto state = admin(m_db->conninfo(), { "state", "odd-1" });
        QVERIFY2(state.status == 0 && state.out.contains(QStringLiteral("123456789012345678901234567890")),
            qPrintable(state.err));
        // A snapshot of that state would store the numbers as strings: refused, nothing saved.
        const auto snapshot = admin(m_db->conninfo(), { "snapshot", "save", "odd-1" });
        QCOMPARE(snapshot.status, 1);
        QVERIFY2(snapshot.err.contains(QStringLiteral("cannot be saved exactly")), qPrintable(snapshot.err));
        QCOMPARE(m_db->count("SELECT count(*) FROM snapshots"), 0LL);
        // Input nested deeper than a value should ever be is refused before it is parsed.
        const QByteArray deep
            = "{\"event_type\":\"E\",\"data\":" + QByteArray(70000, '[') + QByteArray(70000, ']') + "}\n";
        const auto append = admin(m_db->conninfo(), { "append", "--aggregate", "deep-1", "--type", "Deep" }, deep);
        QCOMPARE(append.status, 1);
        QVERIFY2(append.err.contains(QStringLiteral("nested deeper")), qPrintable(append.err));
    }

    // A stream may jump from version 1 to 2,000,000,000: memory follows the events present
    // (this once reserved room for every version: std::bad_alloc), and a version inside a gap
    // is the state after the event before it.
    void sparseVersionsCostTheEventsPresent()
    {
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES"
                   " (gen_random_uuid(), 's1', 'T', 'A', 1, '{\"a\": 1}'),"
                   " (gen_random_uuid(), 's1', 'T', 'B', 2000000000, '{\"b\": 2}'),"
                   " (gen_random_uuid(), 's1', 'T', 'C', 2147483647, '{\"c\": 3}')");
        const auto latest = admin(m_db->conninfo(), { "state", "s1" });
        QVERIFY2(latest.status == 0, qPrintable(latest.err));
        const auto state = QJsonDocument::fromJson(latest.out.toUtf8()).object();
        QCOMPARE(state[QStringLiteral("version")].toInteger(), 2147483647LL);
        QCOMPARE(state[QStringLiteral("state")].toObject().size(), 3);
        const auto inGap = admin(m_db->conninfo(), { "state", "s1", "--at-version", "5" });
        QVERIFY2(inGap.status == 0, qPrintable(inGap.err));
        QCOMPARE(QJsonDocument::fromJson(inGap.out.toUtf8())[QStringLiteral("state")].toObject().size(), 1);
        QCOMPARE(admin(m_db->conninfo(), { "blame", "s1" }).status, 0);
        const auto tail = admin(m_db->conninfo(), { "stream", "s1", "--from-version", "2147483000" });
        QVERIFY2(tail.status == 0 && lines(tail.out) == 1, qPrintable(tail.err));
        const auto beyond = admin(m_db->conninfo(), { "state", "s1", "--at-version", "2147483648" });
        QCOMPARE(beyond.status, 2); // not an int: a usage error
        const auto last = admin(m_db->conninfo(), { "state", "s1", "--at-version", "2147483647" });
        QVERIFY2(last.status == 0, qPrintable(last.err));
        // A snapshot at the last possible version: nothing is folded on top of it twice.
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "save", "s1" }).status, 0);
        for (int again = 0; again < 2; ++again) {
            const auto fromSnapshot = admin(m_db->conninfo(), { "state", "s1" });
            QCOMPARE(QJsonDocument::fromJson(fromSnapshot.out.toUtf8())[QStringLiteral("state")].toObject().size(), 3);
            QVERIFY2(!fromSnapshot.out.contains(QStringLiteral("out of order")), qPrintable(fromSnapshot.out));
        }
    }

    void clearErrorsForWrongDatabases()
    {
        const auto unreachable = admin("host=/nonexistent-dir port=1", { "stats" });
        QCOMPARE(unreachable.status, 1);
        QVERIFY(unreachable.err.contains(QStringLiteral("Could not connect")));
        QCOMPARE(lines(unreachable.err), 1);
        // libpq quotes a string it cannot parse, password and all: we never repeat it.
        for (const char* broken :
            { "postgresql://bob:Sekr3tPw@[::1", "postgresql://bob:Sekr3tPw%zz@h/db", "host=h password=ab Sekr3tPw" }) {
            const auto run = admin(broken, { "stats" });
            QCOMPARE(run.status, 1);
            QVERIFY2(run.err.contains(QStringLiteral("not valid")) && !run.err.contains(QStringLiteral("Sekr3tPw")),
                qPrintable(run.err));
        }

        testing::TestDatabase empty(testing::TestDatabase::Schema::Empty);
        const auto missing = admin(empty.conninfo(), { "log" });
        QCOMPARE(missing.status, 1);
        QVERIFY(missing.err.contains(QStringLiteral("acci-admin migrate")));
        QCOMPARE(admin(empty.conninfo(), { "migrate" }).status, 0);
        QCOMPARE(admin(empty.conninfo(), { "log" }).status, 0);
        QVERIFY(admin(empty.conninfo(), { "migrate" }).err.contains(QStringLiteral("up to date")));
    }
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admin_cli.moc"

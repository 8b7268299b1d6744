// acci-admin as a user runs it: a real process, real stdin/stdout, exit statuses.
#include <QtTest>

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

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

// Any program with extra environment; stdin closed.
testing::AdminRun run(const QString& program, const QStringList& arguments, const QStringList& environment = {})
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    process.waitForStarted();
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

// acci-admin without a reachable database: help must not need one.
const QString noServer = QStringLiteral("host=/nonexistent-acci port=1 dbname=none connect_timeout=2");

testing::AdminRun offline(const QStringList& arguments)
{
    return run(QStringLiteral(ACCI_ADMIN_PATH), arguments,
        { QStringLiteral("ACCI_DATABASE_URL=") + noServer, QStringLiteral("PGCONNECT_TIMEOUT=2") });
}

// The command table, as acci-admin prints it for tools.
QJsonArray commandTable()
{
    const auto table = offline({ "help", "--format", "json" });
    return QJsonDocument::fromJson(table.out.toUtf8()).object()[QStringLiteral("commands")].toArray();
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Terminal cells, as the table lays them out: CJK two, the rest one.
int cells(const QString& text)
{
    int width = 0;
    for (const QChar c : text)
        width += c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF ? 2 : 1;
    return width;
}

QStringList rows(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Runs the bash completion function on a command line (the cursor at its end); the candidates.
QStringList bashComplete(const QString& commandLine, const QStringList& environment = {})
{
    const QString script
        = QStringLiteral("source \"$ACCI_COMPLETION\"\n"
                         "COMP_LINE=$ACCI_LINE; COMP_POINT=${#COMP_LINE}\n"
                         "read -ra COMP_WORDS <<< \"$COMP_LINE\"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                         "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                         "_acci_admin\n"
                         "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    QStringList env = environment;
    env << QStringLiteral("ACCI_COMPLETION=") + QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.bash")
        << QStringLiteral("ACCI_LINE=") + commandLine
        << QStringLiteral("PATH=") + QFileInfo(QStringLiteral(ACCI_ADMIN_PATH)).absolutePath() + QLatin1Char(':')
            + qEnvironmentVariable("PATH");
    const auto result = run(QStringLiteral("bash"), { QStringLiteral("-c"), script }, env);
    return rows(result.out);
}

// Types a command line and a Tab into an interactive zsh (in a pseudo-terminal, zsh/zpty) with
// the generated completion on its fpath; what the terminal showed, once `expect` appears in it
// (or after 15 s).
QString zshComplete(const QString& commandLine, const QString& expect, const QStringList& environment = {})
{
    const QString script = QStringLiteral(
        "zmodload zsh/zpty\n"
        "zpty z zsh -f -i\n"
        "zpty -w z \"PS1='> '; fpath=($ACCI_ZFUNC \\$fpath); autoload -U compinit; compinit -u -D; setopt nobeep\"\n"
        "zpty -w -n z \"$ACCI_LINE\"$'\\t'\n"
        "local all= chunk\n"
        "integer i\n"
        "for ((i = 0; i < 150; i++)); do\n"
        "    zpty -r -t z chunk && all+=$chunk\n"
        "    [[ $all == *$ACCI_EXPECT* ]] && break\n"
        "    sleep 0.1\n"
        "done\n"
        "zpty -d z\n"
        "print -r -- \"$all\"\n");
    QStringList env = environment;
    env << QStringLiteral("ACCI_ZFUNC=") + QStringLiteral(ACCI_ADMIN_DOCS) << QStringLiteral("ACCI_LINE=") + commandLine
        << QStringLiteral("ACCI_EXPECT=") + expect
        << QStringLiteral("PATH=") + QFileInfo(QStringLiteral(ACCI_ADMIN_PATH)).absolutePath() + QLatin1Char(':')
            + qEnvironmentVariable("PATH");
    return run(QStringLiteral("zsh"), { QStringLiteral("-f"), QStringLiteral("-c"), script }, env).out;
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

    // A stored snapshot at a version the stream does not have (past its end, in a gap) is no
    // base for the current state: 'state' once printed version 9 of a stream that ends at 3,
    // with the snapshot's state and no warning, and 'snapshot save' stored it again.
    void aSnapshotAtAVersionTheStreamLacksIsNoBase()
    {
        m_db->exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES"
                   " (gen_random_uuid(), 'g1', 'T', 'A', 1, '{\"a\": 1}'),"
                   " (gen_random_uuid(), 'g1', 'T', 'B', 2, '{\"b\": 2}'),"
                   " (gen_random_uuid(), 'g1', 'T', 'C', 5, '{\"c\": 3}')");
        for (const int version : { 9, 3, 0 }) {
            m_db->exec("INSERT INTO snapshots (aggregate_id, aggregate_type, version, state) VALUES ('g1', 'T', "
                + std::to_string(version)
                + ", '{\"bogus\": true}') ON CONFLICT (aggregate_id) DO UPDATE SET version = excluded.version,"
                  " state = excluded.state");
            const auto current = admin(m_db->conninfo(), { "state", "g1" });
            QVERIFY2(current.status == 0, qPrintable(current.err));
            const auto document = QJsonDocument::fromJson(current.out.toUtf8());
            QCOMPARE(document[QStringLiteral("version")].toInteger(), 5LL);
            QCOMPARE(document[QStringLiteral("state")].toObject(),
                QJsonObject({ { QStringLiteral("a"), 1 }, { QStringLiteral("b"), 2 }, { QStringLiteral("c"), 3 } }));
        }
        QCOMPARE(admin(m_db->conninfo(), { "snapshot", "save", "g1" }).status, 0);
        QCOMPARE(m_db->count("SELECT version FROM snapshots WHERE aggregate_id = 'g1' AND NOT state ? 'bogus'"), 5LL);
        // A snapshot at a version the stream has is still the base.
        m_db->exec("UPDATE snapshots SET version = 2, state = '{\"from_snapshot\": 1}' WHERE aggregate_id = 'g1'");
        const auto based = admin(m_db->conninfo(), { "state", "g1" });
        QCOMPARE(QJsonDocument::fromJson(based.out.toUtf8())[QStringLiteral("state")].toObject(),
            QJsonObject({ { QStringLiteral("from_snapshot"), 1 }, { QStringLiteral("c"), 3 } }));
    }

    // Every command and action has --help (and -h, and 'help PATH'): usage, what it does, each
    // option of its table entry, exit statuses, examples; on stdout, status 0, no database.
    void everyCommandHasHelp()
    {
        const auto table = commandTable();
        QVERIFY(table.size() > 30);
        for (const auto& value : table) {
            const auto entry = value.toObject();
            const QString path = entry[QStringLiteral("path")].toString();
            const QStringList words = path.split(QLatin1Char(' '));
            const auto help = offline(words + QStringList { QStringLiteral("--help") });
            QVERIFY2(help.status == 0 && help.err.isEmpty(), qPrintable(path + QStringLiteral(": ") + help.err));
            QVERIFY2(help.out.startsWith(QStringLiteral("Usage: acci-admin ") + path), qPrintable(help.out));
            QVERIFY2(help.out.contains(QStringLiteral("Exit status: ")), qPrintable(path));
            QVERIFY2(help.out.contains(QStringLiteral("Examples:")), qPrintable(path));
            QVERIFY2(!entry[QStringLiteral("description")].toString().isEmpty(), qPrintable(path));
            for (const auto& option : entry[QStringLiteral("options")].toArray()) {
                const auto name = option.toObject()[QStringLiteral("name")].toString();
                QVERIFY2(!option.toObject()[QStringLiteral("text")].toString().isEmpty(), qPrintable(name));
                QVERIFY2(help.out.contains(QStringLiteral("--") + name + QLatin1Char(' '))
                        || help.out.contains(QStringLiteral("--") + name + QLatin1Char('\n')),
                    qPrintable(path + QStringLiteral(" --help does not mention --") + name));
            }
            if (entry[QStringLiteral("group")].toBool())
                QVERIFY2(help.out.contains(QStringLiteral("Actions:")), qPrintable(path));
            // The same text every way it is asked for.
            QCOMPARE(offline(words + QStringList { QStringLiteral("-h") }).out, help.out);
            QCOMPARE(offline(QStringList { QStringLiteral("help") } + words).out, help.out);
            // Help wins over anything else on the line, a missing argument included.
            QCOMPARE(offline(words + QStringList { QStringLiteral("x"), QStringLiteral("--help") }).status, 0);
        }
        // The global listing names every command and action.
        const auto global = offline({ "--help" });
        QCOMPARE(global.status, 0);
        for (const auto& value : table)
            if (!value.toObject()[QStringLiteral("group")].toBool())
                QVERIFY2(global.out.contains(QStringLiteral("\n  ")
                             + value.toObject()[QStringLiteral("path")].toString() + QLatin1Char(' ')),
                    qPrintable(value.toObject()[QStringLiteral("path")].toString()));
        QCOMPARE(offline({ "help" }).out, global.out);
        QCOMPARE(offline({ "-h" }).out, global.out);
        // Even a connection string libpq cannot parse does not stand in the way of help.
        const auto malformed = run(QStringLiteral(ACCI_ADMIN_PATH), { QStringLiteral("log"), QStringLiteral("--help") },
            { QStringLiteral("ACCI_DATABASE_URL=postgresql://bob:pw@[::1") });
        QVERIFY2(malformed.status == 0 && malformed.out.startsWith(QStringLiteral("Usage: acci-admin log")),
            qPrintable(malformed.err));
        QVERIFY(offline({ "--version" }).out.startsWith(QStringLiteral("acci-admin ")));
        // Usage errors point at the command's help.
        const auto unknown = admin(m_db->conninfo(), { "log", "--bogus" });
        QCOMPARE(unknown.status, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("Try 'acci-admin log --help'")), qPrintable(unknown.err));
        const auto action = admin(m_db->conninfo(), { "projections", "rebuild", "user_view", "--bogus" });
        QCOMPARE(action.status, 2);
        QVERIFY2(
            action.err.contains(QStringLiteral("Try 'acci-admin projections rebuild --help'")), qPrintable(action.err));
        QCOMPARE(lines(action.err), 1);
        // An option of another action is refused: each action takes its own.
        QCOMPARE(admin(m_db->conninfo(), { "projections", "list", "--once" }).status, 2);
        QCOMPARE(offline({ "help", "frobnicate" }).status, 2);
        QCOMPARE(offline({ "frobnicate", "--help" }).status, 2);
    }

    void formatsOfLogAggregatesAndProjections()
    {
        QCOMPARE(admin(m_db->conninfo(), { "append", "--aggregate", "pedido-ñandú-日本", "--type", "Order" },
                     "{\"event_type\":\"OrderPlaced\",\"data\":{\"note\":\"" + QByteArray(200, 'x')
                         + "\"}}\n{\"event_type\":\"OrderPaid\",\"data\":{\"amount\":5}}\n")
                     .status,
            0);
        QCOMPARE(admin(m_db->conninfo(), { "user", "create", "--id", "u1", "--email", "a@example.com", "--name", "A" })
                     .status,
            0);

        // log: json is one array, ndjson one object a line (the default into a pipe).
        const auto json = admin(m_db->conninfo(), { "log", "--format", "json" });
        QCOMPARE(json.status, 0);
        const auto events = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[1].toObject()[QStringLiteral("event_type")].toString(), QStringLiteral("OrderPaid"));
        const auto ndjson = admin(m_db->conninfo(), { "log", "--format", "ndjson" });
        QCOMPARE(ndjson.out, admin(m_db->conninfo(), { "log" }).out);
        QCOMPARE(lines(ndjson.out), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(line(ndjson.out, i), events[i].toObject());
        QCOMPARE(admin(m_db->conninfo(), { "log", "--format", "json", "--limit", "0" }).out, QStringLiteral("[]\n"));

        // table: a header, one row an event, columns aligned in terminal cells, long data cut.
        const auto table = admin(m_db->conninfo(), { "log", "--format", "table" });
        QCOMPARE(table.status, 0);
        const auto tableRows = rows(table.out);
        QCOMPARE(tableRows.size(), 4);
        QVERIFY2(tableRows[0].startsWith(QStringLiteral("POSITION")), qPrintable(table.out));
        const int typeColumn = cells(tableRows[0].left(tableRows[0].indexOf(QStringLiteral("TYPE"))));
        QVERIFY(typeColumn > 0);
        for (int i = 1; i <= 2; ++i) {
            QVERIFY2(tableRows[i].contains(QStringLiteral("pedido-ñandú-日本")), qPrintable(tableRows[i]));
            const int at = tableRows[i].indexOf(QStringLiteral("Order"));
            QCOMPARE(cells(tableRows[i].left(at)), typeColumn);
        }
        QVERIFY2(tableRows[1].endsWith(QStringLiteral("…")), qPrintable(tableRows[1]));
        QVERIFY2(cells(tableRows[1]) < 260, qPrintable(tableRows[1]));
        const auto bad = admin(m_db->conninfo(), { "log", "--format", "yaml" });
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--format takes table, ndjson or json")), qPrintable(bad.err));

        // stream: the same formats.
        const auto stream = admin(m_db->conninfo(), { "stream", "pedido-ñandú-日本", "--format", "json" });
        QCOMPARE(QJsonDocument::fromJson(stream.out.toUtf8()).array().size(), 2);

        // aggregates
        const auto aggregates = QJsonDocument::fromJson(
            admin(m_db->conninfo(), { "aggregates", "--type", "Order", "--format", "json" }).out.toUtf8())
                                    .array();
        QCOMPARE(aggregates.size(), 1);
        QCOMPARE(
            aggregates[0].toObject()[QStringLiteral("aggregate_id")].toString(), QStringLiteral("pedido-ñandú-日本"));
        QCOMPARE(aggregates[0].toObject()[QStringLiteral("version")].toInt(), 2);
        const auto aggregateLines = admin(m_db->conninfo(), { "aggregates", "--format", "ndjson" });
        QCOMPARE(lines(aggregateLines.out), 2);
        QCOMPARE(aggregateLines.out, admin(m_db->conninfo(), { "aggregates" }).out);
        const auto aggregateTable = rows(admin(m_db->conninfo(), { "aggregates", "--format", "table" }).out);
        QCOMPARE(aggregateTable.size(), 3);
        QVERIFY2(aggregateTable[0].startsWith(QStringLiteral("AGGREGATE")), qPrintable(aggregateTable[0]));
        const int versionEnd = cells(aggregateTable[0].left(aggregateTable[0].indexOf(QStringLiteral("VERSION")) + 7));
        for (int i = 1; i < 3; ++i) { // numbers right-aligned under their header
            const auto version = QRegularExpression(QStringLiteral("  (\\d+)  ")).match(aggregateTable[i]);
            QVERIFY2(version.hasMatch(), qPrintable(aggregateTable[i]));
            QCOMPARE(cells(aggregateTable[i].left(version.capturedEnd(1))), versionEnd);
        }

        // projections list
        const auto projections = QJsonDocument::fromJson(
            admin(m_db->conninfo(), { "projections", "list", "--format", "json" }).out.toUtf8())
                                     .array();
        QCOMPARE(projections.size(), 1);
        QCOMPARE(projections[0].toObject()[QStringLiteral("name")].toString(), QStringLiteral("user_view"));
        QCOMPARE(projections[0].toObject()[QStringLiteral("lag_events")].toInt(), 3);
        {
            auto fromNdjson = line(admin(m_db->conninfo(), { "projections", "list", "--format", "ndjson" }).out, 0);
            auto fromJson = projections[0].toObject();
            fromNdjson.remove(QStringLiteral("lag_seconds")); // grows between the two runs
            fromJson.remove(QStringLiteral("lag_seconds"));
            QCOMPARE(fromNdjson, fromJson);
        }
        const auto projectionTable = rows(admin(m_db->conninfo(), { "projections", "list", "--format", "table" }).out);
        QCOMPARE(projectionTable.size(), 2);
        QVERIFY2(projectionTable[0].startsWith(QStringLiteral("NAME"))
                && projectionTable[0].contains(QStringLiteral("LAG S")),
            qPrintable(projectionTable[0]));
        QVERIFY2(projectionTable[1].startsWith(QStringLiteral("user_view")), qPrintable(projectionTable[1]));
        QCOMPARE(
            admin(m_db->conninfo(), { "projections", "list", "--format", "names" }).out, QStringLiteral("user_view\n"));

        // One object: stats as fields, or one JSON line.
        const auto stats = admin(m_db->conninfo(), { "stats", "--format", "table" });
        QVERIFY2(
            QRegularExpression(QStringLiteral("(^|\n)events +3\n")).match(stats.out).hasMatch(), qPrintable(stats.out));
        QCOMPARE(QJsonDocument::fromJson(admin(m_db->conninfo(), { "stats", "--format", "json" }).out.toUtf8())
                     .object()[QStringLiteral("events")]
                     .toInt(),
            3);
        // Reports: health's --json is --format json; the text stays the default into a pipe.
        const auto health = admin(m_db->conninfo(), { "health", "--format", "json" });
        // Ages and lags move between the two runs: figures compare as "#".
        const auto figuresOut = [](QString text) {
            return text.replace(QRegularExpression(QStringLiteral("\\d+")), QStringLiteral("#"));
        };
        QCOMPARE(figuresOut(health.out), figuresOut(admin(m_db->conninfo(), { "health", "--json" }).out));
        QVERIFY(line(health.out, 0).contains(QStringLiteral("healthy")));
        QVERIFY(admin(m_db->conninfo(), { "health" }).out.contains(QStringLiteral("healthy\n")));
        QCOMPARE(admin(m_db->conninfo(), { "health", "--json", "--format", "table" }).status, 2);
        // metrics: Prometheus by default, samples on request.
        const auto samples
            = QJsonDocument::fromJson(admin(m_db->conninfo(), { "metrics", "--format", "json" }).out.toUtf8()).array();
        bool counted = false;
        for (const auto& sample : samples) {
            const auto object = sample.toObject();
            if (object[QStringLiteral("metric")].toString() == QStringLiteral("acci_events_total")
                && object[QStringLiteral("labels")].toObject()[QStringLiteral("event_type")].toString()
                    == QStringLiteral("OrderPaid"))
                counted = object[QStringLiteral("value")].toInt() == 1;
        }
        QVERIFY(counted);
        QVERIFY(admin(m_db->conninfo(), { "metrics", "--format", "table" })
                    .out.contains(QStringLiteral("event_type=OrderPaid")));
        QCOMPARE(admin(m_db->conninfo(), { "dead-letters", "list", "--format", "json" }).out, QStringLiteral("[]\n"));
        QCOMPARE(
            admin(m_db->conninfo(), { "types", "--format", "json" }).out.count(QStringLiteral("aggregate_type")), 2);
    }

    // On a terminal the default is the table (script(1) gives acci-admin a pseudo-terminal).
    void tablesAndBlameKeepStoreTextFromTheTerminal()
    {
        // Text from the store reaches no terminal as control: C1 (a CSI), a bidi override that
        // makes an id read backwards, and ESC are replaced in a table, and in blame.
        QCOMPARE(admin(m_db->conninfo(), { "append", "--aggregate", "evil\u202Eabc", "--type", "T" },
                     "{\"event_type\":\"C1\\u009b2J\",\"data\":{\"k\\u001b]0;HACK\\u0007ey\":\"v\"}}\n")
                     .status,
            0);
        for (const auto& output : { admin(m_db->conninfo(), { "log", "--format", "table" }).out,
                 admin(m_db->conninfo(), { "aggregates", "--format", "table" }).out,
                 admin(m_db->conninfo(), { "blame", "evil\u202Eabc" }).out }) {
            QVERIFY2(!output.contains(QChar(0x202E)) && !output.contains(QChar(0x9B)) && !output.contains(QChar(0x1B))
                    && !output.contains(QChar(0x07)),
                qPrintable(output));
        }
    }

    void aTerminalGetsTables()
    {
        QCOMPARE(admin(m_db->conninfo(), { "append", "--aggregate", "o-1", "--type", "Order" },
                     "{\"event_type\":\"OrderPlaced\",\"data\":{}}\n")
                     .status,
            0);
        const QString command = QStringLiteral("'%1' --db '%2' log")
                                    .arg(QStringLiteral(ACCI_ADMIN_PATH), QString::fromStdString(m_db->conninfo()));
        const auto terminal = run(QStringLiteral("script"),
            { QStringLiteral("-qec"), command, QStringLiteral("/dev/null") }, { QStringLiteral("COLUMNS=100") });
        QCOMPARE(terminal.status, 0);
        QVERIFY2(
            terminal.out.contains(QStringLiteral("POSITION")) && terminal.out.contains(QStringLiteral("OrderPlaced")),
            qPrintable(terminal.out));
        QVERIFY2(!terminal.out.contains(QStringLiteral("{\"")), qPrintable(terminal.out));
        for (const auto& row : rows(QString(terminal.out).remove(QLatin1Char('\r'))))
            QVERIFY2(cells(row) <= 100, qPrintable(row)); // fits the terminal's width

        // A right-aligned last column (a count) stays beside its name, not at the terminal's edge.
        const QString types = QStringLiteral("'%1' --db '%2' types")
                                  .arg(QStringLiteral(ACCI_ADMIN_PATH), QString::fromStdString(m_db->conninfo()));
        const auto counts = run(QStringLiteral("script"),
            { QStringLiteral("-qec"), types, QStringLiteral("/dev/null") }, { QStringLiteral("COLUMNS=100") });
        QCOMPARE(counts.status, 0);
        for (const auto& row : rows(QString(counts.out).remove(QLatin1Char('\r'))))
            QVERIFY2(cells(row) <= QStringLiteral("Order").size() + 2 + QStringLiteral("AGGREGATES").size(),
                qPrintable(row));
    }

    void manPageAndCompletionsCoverTheTable()
    {
        const auto table = commandTable();
        const QString man = readFile(QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.1"));
        QVERIFY(man.startsWith(QStringLiteral(".\\\"")));
        // The installed page is the one the program writes now: generated, not stale.
        QCOMPARE(man, offline({ "--man" }).out);
        const QString bash = readFile(QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.bash"));
        QCOMPARE(bash, offline({ "completion", "bash" }).out);
        const QString zsh = readFile(QStringLiteral(ACCI_ADMIN_DOCS "/_acci-admin"));
        QCOMPARE(zsh, offline({ "completion", "zsh" }).out);
        QVERIFY(zsh.startsWith(QStringLiteral("#compdef acci-admin\n")));
        QVERIFY(QFile::exists(QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.1.gz")));
        auto roff = [](QString text) { return text.replace(QLatin1Char('-'), QStringLiteral("\\-")); };
        for (const auto& value : table) {
            const auto entry = value.toObject();
            const QString path = entry[QStringLiteral("path")].toString();
            QVERIFY2(
                man.contains(QStringLiteral(".SS \"") + roff(QStringLiteral("acci-admin ") + path) + QLatin1Char('"')),
                qPrintable(path));
            for (const auto& option : entry[QStringLiteral("options")].toArray()) {
                const QString name = QStringLiteral("--") + option.toObject()[QStringLiteral("name")].toString();
                QVERIFY2(man.contains(QStringLiteral("\\fB") + roff(name) + QStringLiteral("\\fR")), qPrintable(name));
                QVERIFY2(
                    bash.contains(name + QLatin1Char(' ')) || bash.contains(name + QLatin1Char('"')), qPrintable(name));
                QVERIFY2(zsh.contains(name + QLatin1Char('[')), qPrintable(path + QLatin1Char(' ') + name));
            }
            if (!path.contains(QLatin1Char(' ')))
                QVERIFY2(zsh.contains(QStringLiteral("'") + path + QLatin1Char(':')), qPrintable(path));
        }
        // ASCII (man reads it in the locale's charset), and groff reads it without a warning.
        for (const QChar c : man)
            QVERIFY2(c.unicode() < 0x80, qPrintable(QStringLiteral("not ASCII: ") + c));
        const auto groff = run(QStringLiteral("groff"),
            { QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"),
                QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.1") });
        QVERIFY2(groff.status == 0 && groff.err.isEmpty(), qPrintable(groff.err));

        // bash: the script parses, and completes commands, actions, options, values and,
        // from the server, projection names.
        QCOMPARE(
            run(QStringLiteral("bash"), { QStringLiteral("-n"), QStringLiteral(ACCI_ADMIN_DOCS "/acci-admin.bash") })
                .status,
            0);
        QCOMPARE(bashComplete(QStringLiteral("acci-admin proj")), QStringList { QStringLiteral("projections") });
        QCOMPARE(bashComplete(QStringLiteral("acci-admin projections re")),
            (QStringList { QStringLiteral("rebuild"), QStringLiteral("reset") }));
        QCOMPARE(bashComplete(QStringLiteral("acci-admin log --form")), QStringList { QStringLiteral("--format") });
        QCOMPARE(bashComplete(QStringLiteral("acci-admin log --limit 5 --format ")),
            (QStringList { QStringLiteral("table"), QStringLiteral("ndjson"), QStringLiteral("json") }));
        QCOMPARE(bashComplete(QStringLiteral("acci-admin grant w")), QStringList { QStringLiteral("writer") });
        QCOMPARE(
            bashComplete(QStringLiteral("acci-admin help dead-letters s")), QStringList { QStringLiteral("skip") });
        const QString db = QString::fromStdString(m_db->conninfo());
        QCOMPARE(bashComplete(QStringLiteral("acci-admin --db '") + db + QStringLiteral("' projections rebuild u")),
            QStringList { QStringLiteral("user_view") });
        QCOMPARE(bashComplete(QStringLiteral("acci-admin dead-letters list --projection "),
                     { QStringLiteral("ACCI_DATABASE_URL=") + db }),
            QStringList { QStringLiteral("user_view") });
        // zsh: the same from its own completion system.
        QCOMPARE(
            run(QStringLiteral("zsh"), { QStringLiteral("-n"), QStringLiteral(ACCI_ADMIN_DOCS "/_acci-admin") }).status,
            0);
        QVERIFY2(zshComplete(QStringLiteral("acci-admin projections rebuild "), QStringLiteral("user_view"),
                     { QStringLiteral("ACCI_DATABASE_URL=") + db })
                     .contains(QStringLiteral("user_view")),
            "zsh did not complete the projection name");
        QVERIFY2(zshComplete(QStringLiteral("acci-admin log --format "), QStringLiteral("ndjson"))
                     .contains(QStringLiteral("ndjson")),
            "zsh did not complete the format");
        QVERIFY2(zshComplete(QStringLiteral("acci-admin dead-l"), QStringLiteral("dead-letters"))
                     .contains(QStringLiteral("dead-letters")),
            "zsh did not complete the command");
        // A projection name is data anyone with the operator's rights can write: completing it
        // runs nothing ($(...) in a name once ran in the shell of whoever pressed Tab), quotes
        // a space, and leaves out a name with control characters.
        const QString marker
            = QDir::temp().filePath(QStringLiteral("acci-completion-ran-%1").arg(QCoreApplication::applicationPid()));
        QFile::remove(marker);
        m_db->exec("INSERT INTO projection_checkpoints (projection) VALUES ('billing$(touch${IFS}"
            + marker.toStdString() + ")'), ('billing two'), (E'billing\\x1b[31m')");
        const auto hostile = bashComplete(
            QStringLiteral("acci-admin projections verify bil"), { QStringLiteral("ACCI_DATABASE_URL=") + db });
        QVERIFY2(!QFile::exists(marker), "completion ran a command taken from the database");
        QVERIFY2(hostile.contains(QStringLiteral("billing\\ two")), qPrintable(hostile.join(QLatin1Char('|'))));
        QVERIFY2(hostile.contains(QStringLiteral("billing\\$\\(touch\\$\\{IFS\\}") + marker + QStringLiteral("\\)")),
            qPrintable(hostile.join(QLatin1Char('|'))));
        QCOMPARE(hostile.size(), 2);
        // No server: nothing, quietly.
        QCOMPARE(bashComplete(QStringLiteral("acci-admin projections verify "),
                     { QStringLiteral("ACCI_DATABASE_URL=") + noServer }),
            QStringList {});
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

// Reading from a hot standby (issue 15): browsing and monitoring work there as the reader, a
// commit that is late on the primary is never skipped by a reader on the standby, writes find
// the primary (multi-host or --primary) or are refused with one sentence and change nothing.
// A real primary and its streaming standby (ReplicaPair), least-privilege roles.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include <pqxx/pqxx>

#include "AdminProcess.hpp"
#include "ReplicaPair.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/InFlight.hpp"
#include "acci/store/LogReader.hpp"
#include "acci/store/Replication.hpp"

using namespace acci;
using Role = testing::ReplicaPair::Role;

namespace {

testing::AdminRun admin(const std::string& conninfo, const QStringList& arguments, const QByteArray& input = {})
{
    return testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, arguments, input);
}

void appendPings(pqxx::connection& connection, const std::string& aggregateId, int count)
{
    store::EventStore events(connection);
    std::vector<store::NewEvent> batch;
    for (int i = 0; i < count; ++i) {
        store::NewEvent event;
        event.eventType = "Ping";
        event.data = { { "n", i } };
        batch.push_back(std::move(event));
    }
    events.append(aggregateId, "Pinger", store::ExpectedVersion::Any, std::move(batch));
}

long long count(pqxx::connection& connection, const std::string& sql)
{
    pqxx::nontransaction query(connection);
    return query.exec1(sql)[0].as<long long>();
}

bool has(const QString& text, const char* part)
{
    return text.contains(QString::fromUtf8(part));
}

// Every event readable after `after` on this connection, in log order.
std::vector<store::RecordedEvent> readFrom(pqxx::connection& connection, store::LogPosition after)
{
    store::EventStore events(connection);
    std::vector<store::RecordedEvent> all;
    for (;;) {
        auto page = events.readAll(after, 500);
        for (auto& event : page) {
            after = event.position;
            all.push_back(std::move(event));
        }
        if (page.size() < 500)
            return all;
    }
}

const QByteArray oneEvent = R"({"event_type":"Ping","data":{"n":1}})"
                            "\n";

} // namespace

class TestStandby : public QObject {
    Q_OBJECT
private slots:
    void thePairReplicatesAndKnowsItsRoles()
    {
        testing::ReplicaPair pair;
        auto primary = pair.connectPrimary(Role::Reader);
        auto standby = pair.connectStandby(Role::Reader);
        const auto onPrimary = store::serverRoleOf(*primary);
        QVERIFY(!onPrimary.standby);
        QVERIFY(!onPrimary.replayDelaySeconds);
        QCOMPARE(onPrimary.describe(), std::string("primary"));
        QCOMPARE(count(*standby, "SELECT count(*) FROM schema_migrations"),
            count(*primary, "SELECT count(*) FROM schema_migrations"));
        // Everything received is replayed: an idle primary is no growing delay, however long
        // ago its last commit was. (Polled: the primary's own background WAL, a standby
        // snapshot every 15 s, may be in flight for a moment.)
        std::this_thread::sleep_for(std::chrono::seconds(2));
        store::ServerRole onStandby;
        for (int attempt = 0; attempt < 50; ++attempt) {
            onStandby = store::serverRoleOf(*standby);
            if (onStandby.replayDelaySeconds == 0.0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        QVERIFY(onStandby.standby);
        QCOMPARE(onStandby.replayDelaySeconds.value_or(-1), 0.0);
        QCOMPARE(onStandby.replayLagBytes.value_or(-1), 0LL);
        QVERIFY2(onStandby.describe().rfind("standby", 0) == 0, onStandby.describe().c_str());

        // The multi-host string browses the standby and finds the primary for writes.
        auto browsing = store::connect(pair.multiHost(Role::Writer));
        QVERIFY(store::serverRoleOf(*browsing).standby);
        auto writes = store::connectToPrimary(pair.multiHost(Role::Writer));
        QVERIFY(!store::serverRoleOf(*writes).standby);
        QVERIFY_THROWS_EXCEPTION(store::ReadOnlyServerError, store::requirePrimary(*standby));
        try {
            store::connectToPrimary(pair.standby(Role::Writer));
            QFAIL("a standby alone must be refused for writes");
        } catch (const store::ReadOnlyServerError& error) {
            QVERIFY(std::string(error.what()).rfind(store::StandbyRefusal, 0) == 0);
        }
        // Two standby hosts, or one asked for as prefer-standby: libpq finds no read-write
        // one (it says so in its words, in the user's language); the same sentence.
        const std::string standbyHost = testing::ReplicaPair::standbyDirectory();
        const std::string standbyPort = std::to_string(testing::ReplicaPair::standbyPort());
        for (const std::string& conninfo : { "host=" + standbyHost + "," + standbyHost + " port=" + standbyPort + ","
                     + standbyPort + " dbname=" + pair.name() + " user=" + pair.roleName(Role::Writer),
                 pair.standby(Role::Writer) + " target_session_attrs=prefer-standby" }) {
            try {
                store::connectToPrimary(conninfo);
                QFAIL("a standby alone must be refused for writes");
            } catch (const store::ReadOnlyServerError& error) {
                QVERIFY(std::string(error.what()).rfind(store::StandbyRefusal, 0) == 0);
            }
        }
        // A write that reaches the standby anyway reads the same.
        pqxx::nontransaction query(*standby);
        try {
            query.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                       " VALUES (gen_random_uuid(), 'x', 'X', 'X', 1, '{}', '{}')");
            QFAIL("a standby accepted a write");
        } catch (const std::exception& error) {
            const std::string text = store::describeError(error);
            QVERIFY2(text.rfind(store::StandbyRefusal, 0) == 0, text.c_str());
        }
    }

    void browsingOnTheStandbyAsTheReader()
    {
        testing::ReplicaPair pair;
        {
            auto writer = pair.connectPrimary(Role::Writer);
            appendPings(*writer, "pinger-1", 3);
        }
        QCOMPARE(admin(pair.primary(Role::Writer),
                     { "user", "create", "--id", "u1", "--email", "a@example.com", "--name", "Ana" })
                     .status,
            0);
        QCOMPARE(admin(pair.primary(Role::Operator), { "projections", "run", "--once" }).status, 0);
        const auto saved = admin(pair.multiHost(Role::Writer), { "snapshot", "save", "pinger-1" });
        QVERIFY2(saved.status == 0, qPrintable(saved.err));
        pair.waitForReplay();
        const std::string reader = pair.standby(Role::Reader);

        const auto stream = admin(reader, { "stream", "pinger-1" });
        QVERIFY2(stream.status == 0, qPrintable(stream.err));
        QCOMPARE(stream.out.count(QLatin1Char('\n')), 3);
        const auto log = admin(reader, { "log", "--all" });
        QVERIFY2(log.status == 0, qPrintable(log.err));
        QCOMPARE(log.out.count(QLatin1Char('\n')), 4);
        const auto stats = admin(reader, { "stats" });
        QVERIFY2(stats.status == 0, qPrintable(stats.err));
        const auto statsJson = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(statsJson.value(QStringLiteral("events")).toInt(), 4);
        QCOMPARE(statsJson.value(QStringLiteral("server")).toString(), QStringLiteral("standby"));
        const double statsDelay = statsJson.value(QStringLiteral("replay_delay_seconds")).toDouble(-1);
        QVERIFY(statsDelay >= 0 && statsDelay < 5);
        const auto list = admin(reader, { "projections", "list" });
        QVERIFY2(list.status == 0 && has(list.out, "\"user_view\""), qPrintable(list.err));
        QVERIFY(has(list.out, "\"lag_events\":0"));
        for (const QStringList& read :
            { QStringList { "types" }, QStringList { "aggregates" }, QStringList { "state", "pinger-1" },
                QStringList { "blame", "pinger-1" }, QStringList { "diff", "pinger-1", "1", "3" },
                QStringList { "user", "get", "u1" }, QStringList { "user", "search", "Ana" },
                QStringList { "log", "--type", "Ping", "--aggregate", "pinger-1" },
                QStringList { "snapshot", "show", "pinger-1" }, QStringList { "snapshot", "verify", "pinger-1" } }) {
            const auto run = admin(reader, read);
            QVERIFY2(run.status == 0 && !run.out.isEmpty(), qPrintable(read.join(QLatin1Char(' ')) + run.err));
        }
        // The owner's grant --print only reads the catalog: it works on the standby too.
        const auto print = admin(pair.standby(Role::Owner), { "grant", "reader", "somebody", "--print" });
        QVERIFY(print.status == 1 && has(print.err, "no database role 'somebody'"));
        const auto printed
            = admin(pair.standby(Role::Owner), { "grant", "reader", pair.roleName(Role::Reader).c_str(), "--print" });
        QVERIFY2(printed.status == 0 && has(printed.out, "GRANT SELECT ON"), qPrintable(printed.err));
        const auto deadLetters = admin(reader, { "dead-letters", "list" }); // none: empty, and no error
        QVERIFY2(deadLetters.status == 0 && deadLetters.err.isEmpty(), qPrintable(deadLetters.err));

        const auto health = admin(reader, { "health" });
        QVERIFY2(health.status == 0, qPrintable(health.out + health.err));
        QVERIFY2(
            health.out.contains(QRegularExpression(QStringLiteral(
                "\nok    replication: This is a standby, replaying \\d s behind the primary \\(limit 300 s\\)\\.\n"))),
            qPrintable(health.out));
        QVERIFY2(has(health.out, "The database answers (standby"), qPrintable(health.out));
        const auto onPrimary = admin(pair.primary(Role::Reader), { "health" });
        QVERIFY(has(onPrimary.out, "The database answers (primary)") && !has(onPrimary.out, "replication"));

        const auto metrics = admin(reader, { "metrics" });
        QVERIFY2(metrics.status == 0, qPrintable(metrics.err));
        QVERIFY(has(metrics.out, "\nacci_server_standby 1\n"));
        QVERIFY(has(metrics.out, "\nacci_replay_delay_seconds ") && has(metrics.out, "\nacci_replay_lag_bytes "));
        QVERIFY(has(admin(pair.primary(Role::Reader), { "metrics" }).out, "\nacci_server_standby 0\n"));

        const auto inFlight = admin(reader, { "in-flight" });
        QVERIFY2(inFlight.status == 0, qPrintable(inFlight.err));
        QVERIFY2(inFlight.out.startsWith(QStringLiteral(
                     "standby: the transactions that hold back the head run on the primary; give it with --primary")),
            qPrintable(inFlight.out));
        QVERIFY(has(inFlight.out, "not held back"));

        // Every snapshot at once, over a pool of connections to the standby; a snapshot
        // altered on the primary is found there once replayed.
        const auto all = admin(reader, { "snapshot", "verify", "--all", "--json" });
        QVERIFY2(all.status == 0 && has(all.out, "\"checked\":1,\"equal\":1"), qPrintable(all.out + all.err));
        pair.execOnPrimary("UPDATE snapshots SET state = state || '{\"n\": 9}' WHERE aggregate_id = 'pinger-1'");
        pair.waitForReplay();
        const auto altered = admin(reader, { "snapshot", "verify", "--all" });
        QVERIFY2(altered.status == 1 && has(altered.out, "\ndifferent  pinger-1 (Pinger) v3: ~ /n: 2 → 9"),
            qPrintable(altered.out + altered.err));

        // A read model verified on the standby alone: one exported snapshot, two connections,
        // nothing written; a row changed on the primary is reported once replayed.
        const auto agrees = admin(reader, { "projections", "verify", "user_view" });
        QVERIFY2(agrees.status == 0 && has(agrees.out, "agrees with its events"), qPrintable(agrees.out + agrees.err));
        pair.execOnPrimary("UPDATE user_view SET name = 'Changed by hand' WHERE id = (SELECT min(id) FROM user_view)");
        pair.waitForReplay();
        const auto differs = admin(reader, { "projections", "verify", "user_view", "--json" });
        QVERIFY2(differs.status == 1 && has(differs.out, "\"different\":1") && has(differs.out, "\"audited\":false"),
            qPrintable(differs.out + differs.err));
    }

    // The never-skip rule across replication: the standby's snapshot knows the primary's
    // transactions in flight, so a reader there stops below the oldest of them.
    void aLateCommitOnThePrimaryIsNeverSkippedOnTheStandby()
    {
        testing::ReplicaPair pair;
        auto standbyReader = pair.connectStandby(Role::Reader);
        store::LogReader log(*standbyReader);
        const auto opening = log.open({}, 10, 10);
        QVERIFY(opening.firstPage.empty());

        auto connectionA = pair.connectPrimary(Role::Writer);
        pqxx::work a(*connectionA);
        const std::string xidA = a.exec1("SELECT pg_current_xact_id()::text")[0].c_str();
        a.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
               " VALUES (gen_random_uuid(), 'late-a', 'Late', 'A', 1, '{}', '{}')");
        {
            auto connectionB = pair.connectPrimary(Role::Writer);
            appendPings(*connectionB, "early-b", 1);
        }
        pair.waitForReplay();

        // B is committed and replayed: the standby's superuser sees the row, a reader of the
        // log from the head does not.
        auto standbySuperuser = pair.connectStandby();
        QCOMPARE(count(*standbySuperuser, "SELECT count(*) FROM events WHERE aggregate_id = 'early-b'"), 1LL);
        QCOMPARE(readFrom(*standbyReader, {}).size(), std::size_t(0));
        const auto tail = log.tail({}, {}, true, 100);
        QCOMPARE(tail.keys.size(), std::size_t(0));
        {
            pqxx::nontransaction query(*standbyReader);
            const auto held = store::heldBack(query);
            QCOMPARE(held.eventsWaiting, 1LL);
            QCOMPARE(held.holderXid, xidA);
            QVERIFY2(held.cause.find("in flight on the primary") != std::string::npos, held.cause.c_str());
        }
        const auto standbyReport = store::inFlight(*standbyReader);
        QVERIFY(standbyReport.standby);
        QVERIFY(standbyReport.transactions.empty());
        QCOMPARE(standbyReport.heldBack.eventsWaiting, 1LL);
        // in-flight on the multi-host string lists the holder from the primary.
        const auto listed = admin(pair.multiHost(Role::Reader), { "in-flight" });
        QVERIFY2(listed.status == 0 && has(listed.out, "listed from the primary below"), qPrintable(listed.out));
        QVERIFY2(listed.out.contains(QStringLiteral("xid ") + QString::fromStdString(xidA)), qPrintable(listed.out));
        QVERIFY(has(listed.out, "held back: 1 committed events"));

        a.commit();
        pair.waitForReplay();
        const auto after = readFrom(*standbyReader, {});
        QCOMPARE(after.size(), std::size_t(2));
        QCOMPARE(after[0].aggregateId, std::string("late-a"));
        QCOMPARE(after[1].aggregateId, std::string("early-b"));
        QVERIFY(after[0].position < after[1].position);
        QCOMPARE(log.tail({}, {}, true, 100).keys.size(), std::size_t(2));
    }

    // The same under load: a slow writer on the primary takes its id first and commits after
    // others; a reader following the head on the standby sees every event once, in order.
    void aReaderFollowingTheStandbyNeverSkipsUnderLoad()
    {
        testing::ReplicaPair pair;
        constexpr int rounds = 150;
        std::atomic<bool> writing { true };
        std::atomic<long long> written { 0 };
        std::set<std::string> seen;
        long long duplicates = 0;
        long long outOfOrder = 0;
        std::thread reader([&] {
            auto connection = pair.connectStandby(Role::Reader);
            store::EventStore events(*connection);
            store::LogPosition checkpoint;
            const auto drain = [&] {
                for (;;) {
                    const auto page = events.readAll(checkpoint, 500);
                    for (const auto& event : page) {
                        if (!(checkpoint < event.position))
                            ++outOfOrder;
                        checkpoint = event.position;
                        if (!seen.insert(event.id).second)
                            ++duplicates;
                    }
                    if (page.size() < 500)
                        return;
                }
            };
            while (writing)
                drain();
            drain();
        });
        auto slowConnection = pair.connectPrimary(Role::Writer);
        auto fastConnection = pair.connectPrimary(Role::Writer);
        store::EventStore fast(*fastConnection);
        std::mt19937 random(15);
        for (int round = 0; round < rounds; ++round) {
            pqxx::work slow(*slowConnection);
            slow.exec_params(
                "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)"
                " VALUES (gen_random_uuid(), $1, 'Slow', 'SlowEvent', 1, '{}', '{}')",
                "slow-" + std::to_string(round));
            const int others = std::uniform_int_distribution<int>(1, 3)(random);
            for (int i = 0; i < others; ++i) {
                store::NewEvent event;
                event.eventType = "FastEvent";
                fast.append("fast-" + std::to_string(round) + "-" + std::to_string(i), "Fast", 0, { event });
            }
            written += others;
            if (std::uniform_int_distribution<int>(0, 2)(random) == 0)
                std::this_thread::sleep_for(
                    std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 5)(random)));
            slow.commit();
            ++written;
        }
        pair.waitForReplay(); // before the reader's last pass: everything is on the standby
        writing = false;
        reader.join();
        QCOMPARE(static_cast<long long>(seen.size()), written.load());
        QCOMPARE(duplicates, 0LL);
        QCOMPARE(outOfOrder, 0LL);
    }

    void writesFindThePrimary()
    {
        testing::ReplicaPair pair;
        auto primary = pair.connectPrimary();
        // append as the writer through the multi-host string (libpq picked the standby to browse).
        const auto append = admin(
            pair.multiHost(Role::Writer), { "append", "--aggregate", "routed-1", "--type", "Pinger" }, oneEvent);
        QVERIFY2(append.status == 0, qPrintable(append.err));
        QCOMPARE(count(*primary, "SELECT count(*) FROM events WHERE aggregate_id = 'routed-1'"), 1LL);
        pair.waitForReplay();
        const auto stream = admin(pair.standby(Role::Reader), { "stream", "routed-1" });
        QCOMPARE(stream.out.count(QLatin1Char('\n')), 1);

        // A user command and a rebuild as the operator, the same way.
        QCOMPARE(admin(pair.multiHost(Role::Writer),
                     { "user", "create", "--id", "u1", "--email", "a@example.com", "--name", "Ana" })
                     .status,
            0);
        const auto rebuild = admin(pair.multiHost(Role::Operator), { "projections", "rebuild", "user_view" });
        QVERIFY2(rebuild.status == 0 && has(rebuild.out, "\"outcome\":\"completed\""), qPrintable(rebuild.err));
        QCOMPARE(count(*primary, "SELECT count(*) FROM user_view"), 1LL);
        QCOMPARE(count(*primary,
                     "SELECT count(*) FROM projection_rebuild_history WHERE outcome = 'completed'"
                     " AND db_user = '"
                         + pair.roleName(Role::Operator) + "'"),
            1LL);
        pair.waitForReplay();
        auto standby = pair.connectStandby(Role::Reader);
        QCOMPARE(count(*standby, "SELECT count(*) FROM user_view"), 1LL);

        // --primary names the primary explicitly; dbname and user come from --db (the standby's).
        const std::string explicitPrimary = "host=" + testing::ReplicaPair::primaryDirectory()
            + " port=" + std::to_string(testing::ReplicaPair::primaryPort());
        const auto reset = admin(pair.standby(Role::Operator),
            { "--primary", QString::fromStdString(explicitPrimary), "projections", "reset", "user_view" });
        QVERIFY2(reset.status == 0, qPrintable(reset.err));
        QCOMPARE(count(*primary, "SELECT count(*) FROM console_audit WHERE action = 'reset'"), 1LL);
    }

    void writesAreRefusedWithOnlyAStandby()
    {
        testing::ReplicaPair pair;
        auto primary = pair.connectPrimary();
        const auto before = count(*primary, "SELECT count(*) FROM events") * 1000
            + count(*primary, "SELECT count(*) FROM console_audit");
        const QString sentence = QStringLiteral("acci-admin: ") + QString::fromUtf8(store::StandbyRefusal);
        const std::vector<std::pair<Role, QStringList>> writes = {
            { Role::Writer, { "append", "--aggregate", "refused-1", "--type", "Pinger" } },
            { Role::Writer, { "user", "create", "--id", "u9", "--email", "b@example.com", "--name", "Bo" } },
            { Role::Writer, { "snapshot", "save", "refused-1" } },
            { Role::Operator, { "projections", "rebuild", "user_view" } },
            { Role::Operator, { "projections", "reset", "user_view" } },
            { Role::Operator, { "projections", "run", "--once" } },
            { Role::Operator, { "dead-letters", "retry", "1" } },
            { Role::Operator, { "dead-letters", "skip", "1" } },
            { Role::Owner, { "migrate" } },
            { Role::Owner, { "grant", "reader", pair.roleName(Role::Writer).c_str() } },
        };
        for (const auto& [role, words] : writes) {
            for (const std::string& conninfo :
                { pair.standby(role), pair.standby(role) + " target_session_attrs=prefer-standby" }) {
                const auto run = admin(conninfo, words, oneEvent);
                QVERIFY2(run.status == 1 && run.err.startsWith(sentence),
                    qPrintable(words.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
                QVERIFY(has(run.err, "--primary") && has(run.err, "target_session_attrs=read-write"));
                QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
            }
        }
        QCOMPARE(count(*primary, "SELECT count(*) FROM events") * 1000
                + count(*primary, "SELECT count(*) FROM console_audit"),
            before);
    }

    // acci-admin demo start --standby: the standby in <dir>/standby, three strings (the
    // primary's last), both stopped by demo stop.
    void theDemoStartsAStandby()
    {
        const QString directory = QStringLiteral("/tmp/acci-standby-demo-%1").arg(QCoreApplication::applicationPid());
        const auto started = admin({}, { "demo", "start", "--dir", directory, "--events", "50", "--standby" });
        QVERIFY2(started.status == 0, qPrintable(started.err));
        const QStringList lines = started.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("host=") + directory + QStringLiteral("/standby ")));
        QVERIFY(lines[1].contains(QStringLiteral("target_session_attrs=prefer-standby")));
        QVERIFY(lines[2].startsWith(QStringLiteral("host=") + directory + QStringLiteral(" ")));
        const auto stats = admin(lines[1].toStdString(), { "stats" });
        QVERIFY2(has(stats.out, "\"server\":\"standby\""), qPrintable(stats.out + stats.err));
        const auto caughtUp = admin(lines[1].toStdString(), { "projections", "run", "--once" });
        QVERIFY2(caughtUp.status == 0, qPrintable(caughtUp.err));
        QCOMPARE(admin(lines[0].toStdString(), { "projections", "run", "--once" }).status, 1);
        const auto stopped = admin({}, { "demo", "stop", "--dir", directory });
        QVERIFY(has(stopped.err, "Stopped the demo standby") && has(stopped.err, "Stopped the demo server"));
        QDir(directory).removeRecursively();
    }

    void healthFailsWhenReplayFallsBehind()
    {
        testing::ReplicaPair pair;
        auto standbySuperuser = pair.connectStandby();
        const std::string reader = pair.standby(Role::Reader);
        {
            pqxx::nontransaction query(*standbySuperuser);
            query.exec("SELECT pg_wal_replay_pause()");
        }
        struct Resume {
            pqxx::connection& connection;
            ~Resume()
            {
                try {
                    pqxx::nontransaction query(connection);
                    query.exec("SELECT pg_wal_replay_resume()");
                } catch (...) {
                }
            }
        } resume { *standbySuperuser };
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        {
            auto writer = pair.connectPrimary(Role::Writer);
            appendPings(*writer, "while-paused", 1);
        }
        // Received, not replayed: the delay is the age of the last replayed commit.
        std::optional<store::ServerRole> role;
        for (int i = 0; i < 100; ++i) {
            role = store::serverRoleOf(*standbySuperuser);
            if (role->replayLagBytes.value_or(0) > 0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        QVERIFY(role->replayLagBytes.value_or(0) > 0);
        QVERIFY2(role->replayDelaySeconds.value_or(0) >= 2.0, role->describe().c_str());

        const auto strict = admin(reader, { "health", "--max-replay-delay", "1" });
        QCOMPARE(strict.status, 1);
        QVERIFY2(has(strict.out, "FAIL  replication: This is a standby, replaying "), qPrintable(strict.out));
        QVERIFY(has(strict.out, "(limit 1 s)"));
        const auto lenient = admin(reader, { "health", "--json" });
        QVERIFY2(lenient.status == 0, qPrintable(lenient.out));
        QVERIFY(has(lenient.out, "\"name\":\"replication\",\"ok\":true"));
        const auto metrics = admin(reader, { "metrics" });
        QVERIFY(has(metrics.out, "acci_replay_lag_bytes ") && !has(metrics.out, "\nacci_replay_delay_seconds 0\n"));

        {
            pqxx::nontransaction query(*standbySuperuser);
            query.exec("SELECT pg_wal_replay_resume()");
        }
        pair.waitForReplay();
        for (int attempt = 0; attempt < 50 && store::serverRoleOf(*standbySuperuser).replayDelaySeconds != 0.0;
             ++attempt)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto caughtUp = admin(reader, { "health", "--max-replay-delay", "1" });
        QVERIFY2(caughtUp.status == 0, qPrintable(caughtUp.out));
        QVERIFY(has(caughtUp.out, "ok    replication: This is a standby, replaying "));
    }

    void aStandbyThatReceivesNothingIsNotCalledCurrent()
    {
        testing::ReplicaPair pair;
        auto standbySuperuser = pair.connectStandby();
        const std::string reader = pair.standby(Role::Reader);
        // Cut the standby off its primary (as a broken network or a lost primary would), and
        // give it back the string pg_basebackup -R wrote (in postgresql.auto.conf) afterwards.
        const std::string original = pqxx::nontransaction(*standbySuperuser).exec1("SHOW primary_conninfo")[0].c_str();
        const auto setPrimaryConninfo = [&](const std::string& value) {
            pqxx::nontransaction query(*standbySuperuser);
            query.exec("ALTER SYSTEM SET primary_conninfo = " + query.quote(value));
            query.exec("SELECT pg_reload_conf()");
        };
        struct Restore {
            std::function<void()> undo;
            ~Restore() { undo(); }
        } restore { [&] {
            try {
                setPrimaryConninfo(original);
            } catch (...) {
            }
        } };
        setPrimaryConninfo("");
        auto readerConnection = pair.connectStandby(Role::Reader);
        bool cutOff = false;
        for (int i = 0; i < 100 && !cutOff; ++i) {
            cutOff = !store::serverRoleOf(*readerConnection).receiving; // the reader sees it too
            if (!cutOff)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        QVERIFY(cutOff);
        {
            auto writer = pair.connectPrimary(Role::Writer);
            appendPings(*writer, "while-cut-off", 2);
        }
        const auto health = admin(reader, { "health", "--max-replay-delay", "3600" });
        QCOMPARE(health.status, 1);
        QVERIFY2(has(health.out, "FAIL  replication: This is a standby that receives nothing from its primary"),
            qPrintable(health.out));
        QVERIFY(store::serverRoleOf(*readerConnection).describe().find("not receiving") != std::string::npos);

        setPrimaryConninfo(original);
        pair.waitForReplay();
        bool back = false;
        for (int i = 0; i < 100 && !back; ++i) {
            const auto role = store::serverRoleOf(*readerConnection);
            back = role.receiving && role.replayDelaySeconds == 0.0;
            if (!back)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        QVERIFY(back);
        QCOMPARE(admin(reader, { "health", "--max-replay-delay", "3600" }).status, 0);
    }
};

QTEST_GUILESS_MAIN(TestStandby)
#include "tst_standby.moc"

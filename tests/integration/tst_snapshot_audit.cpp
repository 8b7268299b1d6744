// `acci-admin snapshot verify --all` and timetravel::auditSnapshots on a real server, run the way
// production runs them: as the README's least-privilege reader (RoleStore.hpp), read only.
// Hundreds of snapshots, a handful altered by hand with SQL: exactly those are reported, each
// with its kind. On a real hot standby: tst_standby.
#include "RoleStore.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <chrono>
#include <map>
#include <thread>

#include "acci/store/EventStore.hpp"
#include "acci/timetravel/History.hpp"
#include "acci/timetravel/SnapshotAudit.hpp"

using namespace acci;

namespace {

// Tally events are counted by rules; without them they would be merged (and differ).
const char* tallyRules = R"({ "Tally": { "Counted": [
    {"op": "set", "path": "/owner", "from": "/data/owner"},
    {"op": "increment", "path": "/count"} ] } })";

// 250 carts (merge patch: a snapshot is the data of the event at its version, computed here in
// SQL), 50 users (the built-in reducer, snapshots saved the way `snapshot save` saves them) and
// 20 tallies (rules; the count is the version): 320 snapshots.
void fillStore(RoleStore& store)
{
    store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), 'cart-' || a, 'Cart', 'CartChanged', v,
       jsonb_build_object('n', v, 'owner', 'o' || a, 'total', a * v), '{}'
  FROM generate_series(1, 250) a, generate_series(1, 1 + a % 7) v ORDER BY a, v)SQL");
    store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), 'tally-' || a, 'Tally', 'Counted', v, jsonb_build_object('owner', 't' || a, 'n', v), '{}'
  FROM generate_series(1, 20) a, generate_series(1, 2 + a % 5) v ORDER BY a, v)SQL");
    store.db().exec(R"SQL(
INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)
SELECT e.aggregate_id, e.aggregate_type, e.version, e.data
  FROM events e JOIN aggregates a USING (aggregate_id)
 WHERE e.aggregate_type = 'Cart' AND e.version = (a.version + 1) / 2)SQL");
    store.db().exec(R"SQL(
INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)
SELECT aggregate_id, aggregate_type, version, jsonb_build_object('owner', 't' || substr(aggregate_id, 7), 'count', version)
  FROM aggregates WHERE aggregate_type = 'Tally')SQL");
    auto connection = store.db().connect();
    testing::insertUserEvents(*connection, 50, 100, "u");
    store::EventStore eventStore(*connection);
    for (int i = 0; i < 50; ++i) {
        const std::string id = "u" + std::to_string(i);
        const auto folded = timetravel::foldCurrentState(eventStore, id);
        eventStore.saveSnapshot({ id, folded.aggregateType, folded.version, folded.state, 0 });
    }
}

// The hand-made damage, and what verify --all must call each.
const std::map<QString, QString> tampered = {
    { QStringLiteral("cart-7"), QStringLiteral("different") },
    { QStringLiteral("cart-9"), QStringLiteral("different") },
    { QStringLiteral("u3"), QStringLiteral("different") },
    { QStringLiteral("cart-8"), QStringLiteral("out_of_range") },
    { QStringLiteral("ghost-1"), QStringLiteral("out_of_range") },
    { QStringLiteral("cart-11"), QStringLiteral("unreadable") },
};

void tamper(RoleStore& store)
{
    store.db().exec("UPDATE snapshots SET state = jsonb_set(state, '{owner}', '\"mallory\"')"
                    " WHERE aggregate_id = 'cart-7'");
    store.db().exec("UPDATE snapshots SET state = state || '{\"coupon\": \"FREE\"}' WHERE aggregate_id = 'cart-9'");
    store.db().exec("UPDATE snapshots SET state = state - 'email' WHERE aggregate_id = 'u3'");
    store.db().exec("UPDATE snapshots SET version = 99 WHERE aggregate_id = 'cart-8'"); // past the stream's end
    store.db().exec("INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)"
                    " VALUES ('ghost-1', 'Cart', 1, '{}')"); // an aggregate without events
    store.db().exec("UPDATE snapshots SET state = '{\"n\": 1e400}' WHERE aggregate_id = 'cart-11'"); // no double
}

QJsonObject document(const testing::AdminRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

std::map<QString, QString> kinds(const QJsonObject& report)
{
    std::map<QString, QString> found;
    for (const auto& mismatch : report[QStringLiteral("mismatches")].toArray())
        found[mismatch[QStringLiteral("aggregate_id")].toString()] = mismatch[QStringLiteral("kind")].toString();
    return found;
}

QJsonObject mismatch(const QJsonObject& report, const QString& id)
{
    for (const auto& entry : report[QStringLiteral("mismatches")].toArray())
        if (entry[QStringLiteral("aggregate_id")].toString() == id)
            return entry.toObject();
    return {};
}

long long summary(const QJsonObject& report, const char* field)
{
    return report[QStringLiteral("summary")][QLatin1String(field)].toInteger(-1);
}

} // namespace

class TestSnapshotAudit : public QObject {
    Q_OBJECT

private slots:
    void findsExactlyTheSnapshotsAlteredByHand()
    {
        RoleStore store;
        fillStore(store);
        QTemporaryDir dir;
        const QString rules = dir.filePath(QStringLiteral("rules.json"));
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tallyRules);
        file.close();
        // Reads only: the reader's sessions could not write if they tried.
        store.db().exec("ALTER ROLE " + store.role("reader") + " SET default_transaction_read_only = on");

        const auto clean = admin(store.as("reader"), { "snapshot", "verify", "--all", "--rules", rules, "--json" });
        QVERIFY2(clean.status == 0, qPrintable(clean.err + clean.out));
        const auto cleanReport = document(clean);
        QCOMPARE(summary(cleanReport, "total"), 320LL);
        QCOMPARE(summary(cleanReport, "checked"), 320LL);
        QCOMPARE(summary(cleanReport, "equal"), 320LL);
        QCOMPARE(cleanReport[QStringLiteral("mismatches")].toArray().size(), 0);
        QVERIFY(summary(cleanReport, "connections") >= 1);

        tamper(store);
        const auto checked = admin(store.as("reader"), { "snapshot", "verify", "--all", "--rules", rules, "--json" });
        QCOMPARE(checked.status, 1);
        QVERIFY2(checked.err.isEmpty(), qPrintable(checked.err)); // no progress when stderr is no terminal
        const auto report = document(checked);
        QCOMPARE(summary(report, "checked"), 321LL);
        QCOMPARE(summary(report, "equal"), 315LL);
        QCOMPARE(summary(report, "different"), 3LL);
        QCOMPARE(summary(report, "not_foldable"), 3LL);
        QCOMPARE(report[QStringLiteral("summary")][QStringLiteral("cancelled")].toBool(), false);
        QCOMPARE(kinds(report), tampered);

        const auto owner = mismatch(report, QStringLiteral("cart-7"));
        QCOMPARE(owner[QStringLiteral("aggregate_type")].toString(), QStringLiteral("Cart"));
        QCOMPARE(owner[QStringLiteral("version")].toInt(), 1); // cart-7 has one event
        const auto ownerDiff = owner[QStringLiteral("diff")].toArray();
        QCOMPARE(ownerDiff.size(), 1);
        QVERIFY2(ownerDiff[0].toString().contains(QStringLiteral("/owner"))
                && ownerDiff[0].toString().contains(QStringLiteral("mallory")),
            qPrintable(ownerDiff[0].toString()));
        QVERIFY(mismatch(report, QStringLiteral("cart-9"))[QStringLiteral("diff")][0].toString().contains(
            QStringLiteral("/coupon")));
        QVERIFY(mismatch(report, QStringLiteral("u3"))[QStringLiteral("diff")][0].toString().contains(
            QStringLiteral("/email")));
        const QString pastTheEnd = mismatch(report, QStringLiteral("cart-8"))[QStringLiteral("reason")].toString();
        QVERIFY2(pastTheEnd.contains(QStringLiteral("version 99")) && pastTheEnd.contains(QStringLiteral("ends at 2")),
            qPrintable(pastTheEnd));
        QVERIFY(mismatch(report, QStringLiteral("ghost-1"))[QStringLiteral("reason")].toString().contains(
            QStringLiteral("no events")));

        // The human form: the summary line, then one line per mismatch, in aggregate id order.
        const auto human = admin(store.as("reader"), { "snapshot", "verify", "--all", "--rules", rules });
        QCOMPARE(human.status, 1);
        const auto lines = human.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7);
        QVERIFY2(lines[0].startsWith(QStringLiteral("Checked 321 snapshots"))
                && lines[0].contains(QStringLiteral("315 equal, 3 different, 3 not foldable")),
            qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("unreadable  cart-11 (Cart) v")), qPrintable(lines[1]));
        QCOMPARE(lines[2], QStringLiteral("different  cart-7 (Cart) v1: ~ /owner: \"o7\" → \"mallory\""));
        QVERIFY2(lines[3].startsWith(QStringLiteral("out of range  cart-8 (Cart) v99: ")), qPrintable(lines[3]));

        // The one-snapshot form is unchanged.
        QCOMPARE(admin(store.as("reader"), { "snapshot", "verify", "cart-7" }).status, 1);
        QCOMPARE(admin(store.as("reader"), { "snapshot", "verify", "cart-10" }).status, 0);
    }

    void filtersByTypeAndFoldsWithTheRulesGiven()
    {
        RoleStore store;
        fillStore(store);
        tamper(store);
        const auto users = admin(store.as("reader"), { "snapshot", "verify", "--all", "--type", "User", "--json" });
        QCOMPARE(users.status, 1);
        const auto usersReport = document(users);
        QCOMPARE(summary(usersReport, "checked"), 50LL);
        QCOMPARE(summary(usersReport, "different"), 1LL);
        QCOMPARE(
            kinds(usersReport), (std::map<QString, QString> { { QStringLiteral("u3"), QStringLiteral("different") } }));

        // Without the rules the tallies are merged, and every one differs from its snapshot.
        const auto merged = admin(store.as("reader"), { "snapshot", "verify", "--all", "--type", "Tally", "--json" });
        QCOMPARE(merged.status, 1);
        QCOMPARE(summary(document(merged), "different"), 20LL);
        QTemporaryDir dir;
        const QString rules = dir.filePath(QStringLiteral("rules.json"));
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tallyRules);
        file.close();
        const auto folded
            = admin(store.as("reader"), { "snapshot", "verify", "--all", "--type", "Tally", "--rules", rules });
        QVERIFY2(folded.status == 0, qPrintable(folded.out + folded.err));
        QVERIFY2(folded.out.startsWith(QStringLiteral("Checked 20 snapshots")), qPrintable(folded.out));
        QCOMPARE(folded.out.count(QLatin1Char('\n')), 1);

        const auto none = admin(store.as("reader"), { "snapshot", "verify", "--all", "--type", "Nothing", "--json" });
        QCOMPARE(none.status, 0);
        QCOMPARE(summary(document(none), "checked"), 0LL);

        // A role allowed one connection gets a pool of one, not an error.
        store.db().exec("ALTER ROLE " + store.role("reader") + " CONNECTION LIMIT 1");
        for (int attempt = 0; attempt < 50; ++attempt) { // the sessions of the runs above end
            if (store.db().count("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + store.role("reader") + "'")
                == 0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const auto alone = admin(store.as("reader"), { "snapshot", "verify", "--all", "--type", "User", "--json" });
        QCOMPARE(alone.status, 1);
        QCOMPARE(summary(document(alone), "checked"), 50LL);
        QCOMPARE(summary(document(alone), "connections"), 1LL);
        QCOMPARE(kinds(document(alone)), kinds(usersReport));
        store.db().exec("ALTER ROLE " + store.role("reader") + " CONNECTION LIMIT -1");

        QCOMPARE(admin(store.as("reader"), { "snapshot", "verify", "--all", "cart-1" }).status, 2);
        QCOMPARE(admin(store.as("reader"), { "snapshot", "verify", "--all", "--type" }).status, 2);
        QCOMPARE(admin(store.as("reader"), { "snapshot", "verify", "--all", "--limit", "3" }).status, 2);
    }

    void aCancelReturnsPromptlyAndLeavesNothingBehind()
    {
        RoleStore store;
        // Enough snapshots that the first progress report (a quarter of a second in) comes
        // long before the end.
        store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), 'cart-' || a, 'Cart', 'CartChanged', v, jsonb_build_object('n', v, 'owner', 'o' || a), '{}'
  FROM generate_series(1, 20000) a, generate_series(1, 3) v ORDER BY a, v)SQL");
        store.db().exec("INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)"
                        " SELECT aggregate_id, aggregate_type, version, data FROM events WHERE version = 2");
        const std::string before
            = store.text("SELECT md5(string_agg(s::text, ',' ORDER BY aggregate_id)) FROM snapshots s");

        util::CancelToken cancel;
        std::chrono::steady_clock::time_point cancelledAt;
        std::vector<timetravel::SnapshotAuditProgress> reports;
        timetravel::SnapshotAuditOptions options;
        options.connections = 2;
        const auto report = timetravel::auditSnapshots(
            store.as("reader"), timetravel::ReducerRules::builtIn(), options,
            [&](const timetravel::SnapshotAuditProgress& progress) {
                reports.push_back(progress);
                if (!cancel.cancelled()) {
                    cancel.cancel();
                    cancelledAt = std::chrono::steady_clock::now();
                }
            },
            &cancel);
        const auto stoppedAfter = std::chrono::steady_clock::now() - cancelledAt;
        QVERIFY2(stoppedAfter < std::chrono::seconds(2),
            qPrintable(QString::number(std::chrono::duration<double>(stoppedAfter).count())));
        QVERIFY(!reports.empty());
        QCOMPARE(reports.front().total, 20000LL);
        QVERIFY(report.cancelled);
        QCOMPARE(report.total, 20000LL);
        QVERIFY2(report.checked > 0 && report.checked < 20000, qPrintable(QString::number(report.checked)));
        QCOMPARE(report.equal, report.checked);
        QCOMPARE(report.connections, 2);
        QVERIFY(report.mismatches.empty());

        // Nothing behind: no session of the audit left, no temporary table, the snapshots as they were.
        long long sessions = -1;
        for (int attempt = 0; attempt < 50 && sessions != 0; ++attempt) {
            if (attempt > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            sessions = store.db().count(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + options.applicationName + "'");
        }
        QCOMPARE(sessions, 0LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"), 0LL);
        QCOMPARE(store.text("SELECT md5(string_agg(s::text, ',' ORDER BY aggregate_id)) FROM snapshots s"), before);
    }

    void aRoleThatCannotReadTheSnapshotsIsToldSo()
    {
        RoleStore store;
        fillStore(store);
        store.asOwner({ "REVOKE SELECT ON snapshots FROM " + store.role("reader") });
        const auto run = admin(store.as("reader"), { "snapshot", "verify", "--all" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QStringLiteral("lacks the rights")), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotAudit)
#include "tst_snapshot_audit.moc"

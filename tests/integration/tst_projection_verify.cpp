// projections verify (issue 16): the live user_view against what its events give at its own
// checkpoint, under the README's least-privilege roles, while writers and catch-up run.
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "RoleStore.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/ProjectionVerify.hpp"
#include "acci/store/Migrations.hpp"

using namespace acci;
using Kind = projections::RowDifference::Kind;

namespace {

// The table's content, to prove that a verification changed nothing.
std::string tableDigest(RoleStore& store)
{
    return store.text("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '')"
                      " FROM user_view t");
}

void catchUpAs(RoleStore& store, const std::string& kind)
{
    auto connection = store.connect(kind);
    projections::ProjectionEngine engine(*connection, std::make_shared<projections::UserProjection>());
    engine.catchUp(nullptr);
}

// A verification of `users` users in batches of one row, one of whose sessions the server ends
// (pg_terminate_backend) as soon as it runs a statement starting with `statementStart`.
struct EndedVerification {
    projections::VerifyReport report;
    std::string thrown; // what verifyProjection threw, if it did
    bool ended = false; // whether the session was found and ended before the verification finished
};

EndedVerification verifyEndingASession(RoleStore& store, int users, const std::string& statementStart)
{
    store.load(users, 0);
    catchUpAs(store, "operator");
    projections::UserProjection projection;
    projections::VerifyOptions options;
    options.batchRows = 1; // thousands of comparisons: time to end a session mid-way
    EndedVerification result;
    std::atomic<bool> done { false };
    std::thread verification([&] {
        try {
            result.report = projections::verifyProjection(store.as("reader"), projection, options);
        } catch (const std::exception& error) {
            result.thrown = error.what();
        }
        done = true;
    });
    for (int i = 0; i < 2000 && !done && !result.ended; ++i) {
        result.ended = !store
                            .text("SELECT string_agg(pg_terminate_backend(pid)::text, ',') FROM pg_stat_activity"
                                  " WHERE application_name = 'acci verify' AND query LIKE '"
                                + statementStart + "%'")
                            .empty();
        if (!result.ended)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    verification.join();
    return result;
}

} // namespace

class TestProjectionVerify : public QObject {
    Q_OBJECT

private slots:
    void anUntouchedTableAgreesForAReader()
    {
        RoleStore store;
        store.load(300, 200);
        catchUpAs(store, "operator");
        const auto before = tableDigest(store);
        projections::UserProjection projection;
        projections::VerifyOptions options;
        options.batchRows = 7; // many batches: their edges must not lose or invent a row
        const auto report = projections::verifyProjection(store.as("reader"), projection, options);
        QCOMPARE(projections::toString(report.outcome), std::string("agrees"));
        QCOMPARE(report.rowsInTable, std::int64_t { 300 });
        QCOMPARE(report.rowsReplayed, std::int64_t { 300 });
        QCOMPARE(report.eventsReplayed, std::int64_t { 500 });
        QVERIFY(report.differences.empty());
        QCOMPARE(tableDigest(store), before);
        // The command line: exit 0; a reader cannot write the audit row, and the report says so.
        const auto run = admin(store.as("reader"), { "projections", "verify", "user_view", "--json" });
        QCOMPARE(run.status, 0);
        const auto json = nlohmann::json::parse(run.out.toStdString());
        QCOMPARE(json["outcome"], nlohmann::json("agrees"));
        QCOMPARE(json["audited"], nlohmann::json(false));
        // An operator's verification is audited.
        QCOMPARE(admin(store.as("operator"), { "projections", "verify", "user_view" }).status, 0);
        QCOMPARE(store.text("SELECT outcome FROM console_audit WHERE action = 'verify' ORDER BY id DESC LIMIT 1"),
            std::string("agrees"));
    }

    // One row changed by hand, one deleted, one added: exactly three differences, while a
    // writer appends new users and catch-up applies them, moving the checkpoint meanwhile.
    void handMadeDifferencesAreReportedExactlyUnderLoad()
    {
        RoleStore store;
        store.load(400, 400);
        catchUpAs(store, "operator");
        store.asOwner({ "UPDATE user_view SET email = 'hacked@example.com' WHERE id = 'u17'",
            "DELETE FROM user_view WHERE id = 'u230'",
            "INSERT INTO user_view (id, email, name, status, created_at, version)"
            " VALUES ('u5x', 'ghost@example.com', 'Ghost', 'active', now(), 1)" });
        std::atomic<bool> stop { false };
        std::atomic<int> appended { 0 };
        std::thread writer([&] {
            auto connection = store.connect("writer");
            for (int n = 0; !stop; ++n) {
                testing::insertUserEvents(*connection, 20, 10, "live" + std::to_string(n) + "-");
                appended += 30;
            }
        });
        std::thread catchUp([&] {
            while (!stop)
                catchUpAs(store, "operator");
        });
        const auto waitUntil = [](const std::function<bool()>& done) {
            for (int i = 0; i < 200 && !done(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
        };
        waitUntil([&] { return appended > 300; });
        projections::UserProjection projection;
        projections::VerifyOptions options;
        options.batchRows = 50;
        std::vector<projections::VerifyReport> reports;
        for (int round = 0; round < 3; ++round)
            reports.push_back(projections::verifyProjection(store.as("reader"), projection, options));
        const std::string checkpointDuring = reports.back().checkpoint.toString();
        waitUntil([&] {
            return store.text("SELECT tx_id || ':' || position FROM projection_checkpoints"
                              " WHERE projection = 'user_view'")
                != checkpointDuring;
        });
        stop = true;
        writer.join();
        catchUp.join();
        QVERIFY2(
            store.text("SELECT tx_id || ':' || position FROM projection_checkpoints WHERE projection = 'user_view'")
                != checkpointDuring,
            "catch-up moved the checkpoint past the one verified");
        for (const auto& report : reports) {
            QCOMPARE(projections::toString(report.outcome), std::string("differs"));
            QCOMPARE(report.missing, std::int64_t { 1 });
            QCOMPARE(report.extra, std::int64_t { 1 });
            QCOMPARE(report.different, std::int64_t { 1 });
            QCOMPARE(report.differences.size(), std::size_t { 3 });
            QCOMPARE(report.replayErrors, std::int64_t { 0 });
            for (const auto& difference : report.differences) {
                if (difference.key == "u17") {
                    QVERIFY(difference.kind == Kind::Different);
                    QCOMPARE(difference.columns.size(), std::size_t { 1 });
                    QCOMPARE(difference.columns[0].column, std::string("email"));
                    QCOMPARE(difference.columns[0].stored, std::string("\"hacked@example.com\""));
                    QCOMPARE(difference.columns[0].replayed, std::string("\"u17@example.com\""));
                    QCOMPARE(difference.aggregateId, std::string("u17"));
                    QCOMPARE(difference.version, 2); // its UserUpdated
                } else if (difference.key == "u230") {
                    QVERIFY(difference.kind == Kind::Missing);
                    QCOMPARE(difference.aggregateId, std::string("u230"));
                    QVERIFY(difference.storedJson.empty() && !difference.replayedJson.empty());
                } else {
                    QCOMPARE(difference.key, std::string("u5x"));
                    QVERIFY(difference.kind == Kind::Extra);
                    QVERIFY(difference.aggregateId.empty() && difference.replayedJson.empty());
                }
            }
        }
        // The command line says the same, and exits 1.
        const auto run = admin(store.as("operator"), { "projections", "verify", "user_view" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.out.contains("1 missing, 1 extra, 1 different"), qPrintable(run.out));
        QVERIFY2(run.out.contains("u17") && run.out.contains("email"), qPrintable(run.out));
    }

    // Rows before the first key and after the last, and parked events, which catch-up left
    // out of the table and the replay leaves out too.
    void batchEdgesAndParkedEvents()
    {
        RoleStore store;
        store.load(30, 0);
        {
            auto connection = store.db().connect();
            pqxx::nontransaction tx(*connection);
            tx.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
                    " VALUES (gen_random_uuid(), 'nobody', 'User', 'UserUpdated', 1, '{\"name\": \"x\"}')");
        }
        catchUpAs(store, "operator");
        QCOMPARE(store.text("SELECT count(*) FROM projection_dead_letters"), std::string("1"));
        projections::UserProjection projection;
        for (const int batch : { 1, 4, 1000 }) {
            projections::VerifyOptions options;
            options.batchRows = batch;
            QCOMPARE(
                projections::toString(projections::verifyProjection(store.as("reader"), projection, options).outcome),
                std::string("agrees"));
        }
        store.asOwner({ "INSERT INTO user_view (id, email, name, status, created_at, version) VALUES"
                        " ('a-first', 'a@x', 'A', 'active', now(), 1), ('zz-last', 'z@x', 'Z', 'active', now(), 1)" });
        for (const int batch : { 1, 4, 1000 }) {
            projections::VerifyOptions options;
            options.batchRows = batch;
            const auto report = projections::verifyProjection(store.as("reader"), projection, options);
            QCOMPARE(report.extra, std::int64_t { 2 });
            QCOMPARE(report.missing + report.different, std::int64_t { 0 });
            QCOMPARE(report.differences.front().key, std::string("a-first"));
            QCOMPARE(report.differences.back().key, std::string("zz-last"));
        }
        // The list stops at its limit; the counts do not.
        projections::VerifyOptions options;
        options.listLimit = 1;
        const auto capped = projections::verifyProjection(store.as("reader"), projection, options);
        QCOMPARE(capped.extra, std::int64_t { 2 });
        QCOMPARE(capped.differences.size(), std::size_t { 1 });
        QVERIFY(capped.listTruncated);
    }

    void aCancelledVerificationLeavesNothingBehind()
    {
        RoleStore store;
        store.load(5000, 0);
        catchUpAs(store, "operator");
        const auto before = tableDigest(store);
        const auto audits = store.text("SELECT count(*) FROM console_audit");
        projections::UserProjection projection;
        util::CancelToken cancel;
        cancel.cancel();
        const auto started = std::chrono::steady_clock::now();
        const auto report = projections::verifyProjection(store.as("reader"), projection, {}, {}, &cancel);
        QCOMPARE(projections::toString(report.outcome), std::string("cancelled"));
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        QCOMPARE(tableDigest(store), before);
        QCOMPARE(store.text("SELECT count(*) FROM console_audit"), audits);
        // Its connections are gone, and no session of the reader is left behind.
        QCOMPARE(store.text("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + store.role("reader") + "'"),
            std::string("0"));
    }

    // The comparisons run on a thread and connection of their own while the events are read.
    // That connection ended by the server mid-verification: the verification ends, says the
    // connection was lost, and leaves no session behind; the read does not wait for a
    // comparer that is gone.
    void aLostComparisonEndsTheVerificationWithItsReason()
    {
        RoleStore store;
        // The comparer's session, once it compares (its statements are COPYs of the comparison).
        const auto [report, thrown, ended] = verifyEndingASession(store, 4000, "COPY (WITH r AS");
        QVERIFY2(thrown.empty(), thrown.c_str());
        QVERIFY2(ended, "the verification ended before its comparer's session was found");
        QCOMPARE(projections::toString(report.outcome), std::string("failed"));
        // Ended by pg_terminate_backend mid-COPY: said so, not "the server went away".
        QVERIFY2(report.error.find("The server ended this session") != std::string::npos
                || report.error.find("Lost the connection") != std::string::npos,
            report.error.c_str());
        // The sessions' ends reach pg_stat_activity a moment after the client closes them.
        const std::string sessions
            = "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + store.role("reader") + "'";
        for (int i = 0; i < 200 && store.text(sessions) != "0"; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        QCOMPARE(store.text(sessions), std::string("0"));
    }

    // A role that row-level security limits on user_view would see rows as missing: refused,
    // with the sentence that says what to grant.
    void rowSecurityThatHidesRowsIsRefused()
    {
        RoleStore store;
        store.load(10, 0);
        catchUpAs(store, "operator");
        store.asOwner({ "ALTER TABLE user_view ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY some_rows ON user_view FOR SELECT USING (id < 'u5')" });
        projections::UserProjection projection;
        try {
            projections::verifyProjection(store.as("reader"), projection);
            QFAIL("a verification that cannot see every row ran");
        } catch (const store::PermissionError& error) {
            QVERIFY2(
                std::string(error.what()).find("a verification could not be exact") != std::string::npos, error.what());
        }
        const auto run = admin(store.as("reader"), { "projections", "verify", "user_view" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains("Row-level security"), qPrintable(run.err));
    }

    // Odd streams that catch-up, a rebuild and a verification once folded differently: a second
    // UserCreated (catch-up's upsert takes the newer one) and one user written by several
    // aggregates (a row only moves forward: an event at or below its version is already in it).
    void catchUpRebuildAndVerifyAgreeOnOddStreams()
    {
        RoleStore store;
        store.load(20, 0);
        store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES
 (gen_random_uuid(), 'odd-dup', 'User', 'UserCreated', 1, '{"email": "d1@x", "name": "D1"}'),
 (gen_random_uuid(), 'agg-A', 'User', 'UserCreated', 1, '{"user_id": "shared", "email": "s@x", "name": "A"}'),
 (gen_random_uuid(), 'agg-B', 'User', 'UserUpdated', 1, '{"user_id": "shared", "name": "from B"}'))SQL");
        catchUpAs(store, "operator"); // a batch boundary between the two halves
        store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES
 (gen_random_uuid(), 'odd-dup', 'User', 'UserCreated', 2, '{"email": "d2@x", "name": "D2"}'),
 (gen_random_uuid(), 'agg-A', 'User', 'UserUpdated', 2, '{"user_id": "shared", "name": "A renamed"}'),
 (gen_random_uuid(), 'agg-C', 'User', 'UserDeactivated', 1, '{"user_id": "shared"}'))SQL");
        catchUpAs(store, "operator");
        const auto caughtUp = tableDigest(store);
        QCOMPARE(store.text("SELECT email || '|' || name || '|' || version FROM user_view WHERE id = 'odd-dup'"),
            std::string("d2@x|D2|2"));
        QCOMPARE(store.text("SELECT name || '|' || status || '|' || version FROM user_view WHERE id = 'shared'"),
            std::string("A renamed|active|2"));
        projections::UserProjection projection;
        const auto report = projections::verifyProjection(store.as("reader"), projection);
        QVERIFY2(report.outcome == projections::VerifyReport::Outcome::Agrees,
            projections::toJson("user_view", report).dump().c_str());
        // A rebuild changes nothing and parks nothing.
        auto operatorConnection = store.connect("operator");
        const auto rebuilt
            = projections::rebuildProjection(*operatorConnection, std::make_shared<projections::UserProjection>());
        QCOMPARE(rebuilt.inserted + rebuilt.updated + rebuilt.deleted + rebuilt.parked, std::int64_t { 0 });
        QCOMPARE(tableDigest(store), caughtUp);
    }

    // A checkpoint moved back to the start leaves a table ahead of it: not wrong, and the report
    // says to catch up rather than to rebuild.
    void aResetCheckpointIsExplainedNotBlamed()
    {
        RoleStore store;
        store.load(10, 0);
        catchUpAs(store, "operator");
        QCOMPARE(admin(store.as("operator"), { "projections", "reset", "user_view" }).status, 0);
        const auto run = admin(store.as("reader"), { "projections", "verify", "user_view" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.out.contains("10 differences: 0 missing, 10 extra") && run.out.contains("after a reset?")
                && !run.out.contains("rebuild user_view"),
            qPrintable(run.out));
    }

    // A key collation that is not deterministic (case-insensitive ICU) makes keys of different
    // bytes one row: catch-up's upsert merges 'Ann' and 'ANN', the replay keeps them apart,
    // and the comparison's FULL JOIN pairs them by the collation. Found on a table a rebuild had
    // just made: "1 different … a rebuild makes the table agree", again after every rebuild,
    // and more rows in the table than it holds. Refused instead, with the reason.
    void aNondeterministicKeyCollationIsRefused()
    {
        RoleStore store;
        store.asOwner({ "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2',"
                        " deterministic = false)",
            "ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE case_insensitive" });
        store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES
 (gen_random_uuid(), 'Ann', 'User', 'UserCreated', 1, '{"email": "a1@x", "name": "First"}'),
 (gen_random_uuid(), 'bob', 'User', 'UserCreated', 1, '{"email": "b@x", "name": "Bob"}'),
 (gen_random_uuid(), 'ANN', 'User', 'UserCreated', 1, '{"email": "a2@x", "name": "Second"}'))SQL");
        catchUpAs(store, "operator");
        auto operatorConnection = store.connect("operator");
        projections::rebuildProjection(*operatorConnection, std::make_shared<projections::UserProjection>());
        QCOMPARE(store.text("SELECT count(*) FROM user_view"), std::string("2"));
        projections::UserProjection projection;
        try {
            const auto report = projections::verifyProjection(store.as("reader"), projection);
            QFAIL(projections::toJson("user_view", report).dump().c_str());
        } catch (const store::SchemaError& error) {
            QVERIFY2(std::string(error.what()).find("not deterministic") != std::string::npos, error.what());
        }
        const auto run = admin(store.as("reader"), { "projections", "verify", "user_view" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains("not deterministic"), qPrintable(run.err));
    }

    // Cancels at random moments (while the server sorts, mid-read, while a batch waits for the
    // comparer) of an untouched table's verification: cancelled or agrees, never a difference
    // or a failure from the batches already handed over.
    void randomCancelsNeverReportADifference()
    {
        RoleStore store;
        store.load(3000, 1000);
        catchUpAs(store, "operator");
        projections::UserProjection projection;
        std::mt19937 random(42);
        for (int round = 0; round < 20; ++round) {
            util::CancelToken cancel;
            const int delayUs = std::uniform_int_distribution<int>(0, 150000)(random);
            std::thread canceller([&] {
                std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
                cancel.cancel();
            });
            projections::VerifyOptions options;
            options.batchRows = std::uniform_int_distribution<int>(1, 50)(random);
            const auto report = projections::verifyProjection(store.as("reader"), projection, options, {}, &cancel);
            canceller.join();
            QVERIFY2(report.outcome == projections::VerifyReport::Outcome::Cancelled
                    || report.outcome == projections::VerifyReport::Outcome::Agrees,
                projections::toJson("user_view", report).dump().c_str());
        }
    }

    // The other side: the events' session ended by the server mid-read ends the verification
    // with a sentence, without waiting for the comparer.
    void aLostEventsReadEndsTheVerification()
    {
        RoleStore store;
        const auto [report, thrown, ended] = verifyEndingASession(store, 6000, "COPY (SELECT tx_id");
        QVERIFY2(thrown.empty(), thrown.c_str());
        QVERIFY2(ended, "the verification ended before its events' session was found");
        QCOMPARE(projections::toString(report.outcome), std::string("failed"));
    }

    // A reader role with a DBA's timeouts: the idle ones (each side waits on the other) do not
    // end the verification; a statement_timeout shorter than the events' read does, with a
    // sentence.
    void theReaderRolesTimeouts()
    {
        RoleStore store;
        store.load(3000, 3000);
        catchUpAs(store, "operator");
        projections::UserProjection projection;
        projections::VerifyOptions options;
        options.batchRows = 1;
        for (const char* setting : { "idle_in_transaction_session_timeout = '20ms'", "idle_session_timeout = '20ms'",
                 "lock_timeout = '1ms'", "statement_timeout = '30ms'" }) {
            store.db().exec("ALTER ROLE " + store.role("reader") + " RESET ALL");
            store.db().exec("ALTER ROLE " + store.role("reader") + " SET " + setting);
            const auto report = projections::verifyProjection(store.as("reader"), projection, options);
            if (std::string(setting).rfind("statement_timeout", 0) == 0) {
                QCOMPARE(projections::toString(report.outcome), std::string("failed"));
                QVERIFY2(report.error.find("statement timeout") != std::string::npos, report.error.c_str());
            } else {
                QVERIFY2(report.outcome == projections::VerifyReport::Outcome::Agrees, setting);
            }
        }
    }

    // Keys a linguistic order and bytes sort apart (case, spaces, punctuation, accents, ß/ẞ,
    // emoji, İ/ı, control characters, the empty key) under each kind of key collation, in batches
    // of 1 to 1000 rows: an untouched table agrees, and three rows deleted, two changed and
    // three added are found exactly, whatever the list limit.
    void oddKeysUnderEveryKeyCollation()
    {
        RoleStore store;
        store.db().exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)
SELECT gen_random_uuid(), 'agg' || n, 'User', 'UserCreated', 1,
       jsonb_build_object('user_id', k, 'email', n || '@x', 'name', 'N' || n)
  FROM unnest(array['', ' ', '  ', 'a', 'A', 'a ', 'a b', 'ab', 'é', 'e', 'E', 'ß', 'ss', 'SS', '😀', '😀a', 'Ω',
                    'z', 'Z', '-', '_', '~', 'tab' || chr(9) || 'x', 'quote' || chr(34) || 'x', 'back' || chr(92) || 'slash', 'line' || chr(10) || 'break', 'ǅ', 'İ', 'i', 'ı']) WITH ORDINALITY AS u(k, n))SQL");
        catchUpAs(store, "operator");
        QCOMPARE(store.text("SELECT count(*) FROM projection_dead_letters"), std::string("0"));
        projections::UserProjection projection;
        for (const char* collation : { "default", "C", "POSIX", "C.utf8", "und-x-icu", "en-x-icu", "sv-x-icu" }) {
            store.db().exec(
                std::string("ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE \"") + collation + "\"");
            for (const int batch : { 1, 2, 3, 7, 1000 }) {
                projections::VerifyOptions options;
                options.batchRows = batch;
                const auto clean = projections::verifyProjection(store.as("reader"), projection, options);
                QVERIFY2(clean.outcome == projections::VerifyReport::Outcome::Agrees,
                    (std::string(collation) + " " + projections::toJson("user_view", clean).dump()).c_str());
            }
        }
        store.db().exec("ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE \"default\"");
        store.db().exec("DELETE FROM user_view WHERE id IN ('', 'ß', 'a ')");
        store.db().exec("UPDATE user_view SET name = 'x' WHERE id IN ('😀', 'İ')");
        store.db().exec("INSERT INTO user_view (id, email, name, status, created_at, version) VALUES"
                        " ('   ', 'a@x', 'A', 'active', now(), 1), ('😀b', 'z@x', 'Z', 'active', now(), 1),"
                        " ('ẞ', 'z@x', 'Z', 'active', now(), 1)");
        for (const char* collation : { "default", "C", "POSIX", "C.utf8", "und-x-icu", "en-x-icu", "sv-x-icu" }) {
            store.db().exec(
                std::string("ALTER TABLE user_view ALTER COLUMN id TYPE text COLLATE \"") + collation + "\"");
            for (const int batch : { 1, 2, 3, 7, 1000 }) {
                for (const std::size_t limit : { std::size_t { 0 }, std::size_t { 1 }, std::size_t { 100 } }) {
                    projections::VerifyOptions options;
                    options.batchRows = batch;
                    options.listLimit = limit;
                    const auto report = projections::verifyProjection(store.as("reader"), projection, options);
                    const auto text = std::string(collation) + " " + std::to_string(batch) + " "
                        + projections::toJson("user_view", report).dump();
                    QVERIFY2(report.missing == 3 && report.different == 2 && report.extra == 3, text.c_str());
                    QVERIFY2(report.differences.size() == std::min<std::size_t>(limit, 8), text.c_str());
                    QVERIFY2(report.listTruncated == (limit < 8), text.c_str());
                    QVERIFY2(report.rowsInTable == 30, text.c_str());
                }
            }
        }
    }

    // The database's own default collation decides the key's order: ICU as the locale provider
    // (und, sv, upper first, punctuation ignored, numeric), libc C, POSIX, C.UTF-8, LATIN1.
    void databasesOfOtherDefaultCollations()
    {
        const std::vector<std::string> creates = {
            "LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'",
            "LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C'",
            "LOCALE_PROVIDER icu ICU_LOCALE 'sv' LOCALE 'C.UTF-8'",
            "LOCALE_PROVIDER icu ICU_LOCALE 'und-u-kf-upper' LOCALE 'C.UTF-8'",
            "LOCALE_PROVIDER icu ICU_LOCALE 'und-u-ka-shifted' LOCALE 'C.UTF-8'",
            "LOCALE_PROVIDER icu ICU_LOCALE 'und-u-kn' LOCALE 'C.UTF-8'",
            "LOCALE_PROVIDER libc LOCALE 'C'",
            "LOCALE_PROVIDER libc LOCALE 'POSIX'",
            "LOCALE_PROVIDER libc LOCALE 'C.utf8'",
            "LOCALE_PROVIDER libc LOCALE 'C' ENCODING 'LATIN1'",
        };
        int n = 0;
        for (const auto& create : creates) {
            const std::string name = "acci_hostile_collation_" + std::to_string(n++);
            const std::string server = testing::testServerConninfo();
            {
                pqxx::connection admin(server);
                pqxx::nontransaction query(admin);
                query.exec("DROP DATABASE IF EXISTS " + name);
                query.exec("CREATE DATABASE " + name + " TEMPLATE template0 " + create);
            }
            const std::string conninfo = testing::withDatabase(server, name);
            {
                auto connection = store::connect(conninfo, "acci-test");
                store::migrate(*connection);
                const bool latin1 = create.find("LATIN1") != std::string::npos;
                auto sql = [&](const std::string& statement) {
                    pqxx::nontransaction tx(*connection);
                    return tx.exec(statement);
                };
                sql(std::string(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)
SELECT gen_random_uuid(), 'agg' || n, 'User', 'UserCreated', 1,
       jsonb_build_object('user_id', k, 'email', n || '@x', 'name', 'N' || n)
  FROM unnest(array['', ' ', 'a', 'A', 'a ', 'a b', 'ab', 'a-b', 'a_b', 'aB', 'Ab', 'AB', '1', '10', '2', 'z', 'Z', '-', '_', '~', 'x.y', 'x-y', 'xy', 'x y')SQL")
                    + (latin1 ? "" : ", 'é', 'e', 'E', 'ß', 'ss', 'SS', '😀', 'Ω', 'İ', 'ı', 'ö', 'o', 'z2'")
                    + "]) WITH ORDINALITY AS u(k, n)");
                projections::ProjectionEngine engine(*connection, std::make_shared<projections::UserProjection>());
                engine.catchUp(nullptr);
                const auto rows = sql("SELECT count(*) FROM user_view")[0][0].as<int>();
                projections::UserProjection projection;
                for (const int batch : { 1, 2, 3, 5, 1000 }) {
                    projections::VerifyOptions options;
                    options.batchRows = batch;
                    const auto clean = projections::verifyProjection(conninfo, projection, options);
                    QVERIFY2(clean.outcome == projections::VerifyReport::Outcome::Agrees && clean.rowsInTable == rows,
                        (create + " " + projections::toJson("user_view", clean).dump()).c_str());
                }
                sql("DELETE FROM user_view WHERE id IN ('a b', 'Z', '10')");
                sql("UPDATE user_view SET name = 'x' WHERE id IN ('aB', 'x y')");
                sql("INSERT INTO user_view (id, email, name, status, created_at, version) VALUES"
                    " ('ab ', 'a@x', 'A', 'active', now(), 1), ('Ab-', 'z@x', 'Z', 'active', now(), 1),"
                    " ('3', 'z@x', 'Z', 'active', now(), 1)");
                for (const int batch : { 1, 2, 3, 5, 1000 }) {
                    projections::VerifyOptions options;
                    options.batchRows = batch;
                    const auto report = projections::verifyProjection(conninfo, projection, options);
                    QVERIFY2(report.missing == 3 && report.different == 2 && report.extra == 3,
                        (create + " " + std::to_string(batch) + " " + projections::toJson("user_view", report).dump())
                            .c_str());
                }
            }
            pqxx::connection admin(server);
            pqxx::nontransaction query(admin);
            query.exec("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }

    void usage()
    {
        RoleStore store;
        QCOMPARE(admin(store.as("reader"), { "projections", "verify" }).status, 2);
        const auto unknown = admin(store.as("reader"), { "projections", "verify", "orders" });
        QCOMPARE(unknown.status, 1);
        QVERIFY2(unknown.err.contains("not a projection"), qPrintable(unknown.err));
        // A role that may not read the events is told what to grant, not to migrate.
        store.asOwner({ "REVOKE SELECT ON events FROM " + store.role("reader") });
        const auto denied = admin(store.as("reader"), { "projections", "verify", "user_view" });
        QCOMPARE(denied.status, 1);
        QVERIFY2(!denied.err.contains("migrate") && denied.err.contains("grant"), qPrintable(denied.err));
    }
};

QTEST_GUILESS_MAIN(TestProjectionVerify)
#include "tst_projection_verify.moc"

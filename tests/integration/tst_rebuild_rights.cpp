// A rebuild run by an operator who does not own the table (RoleStore.hpp): it keeps
// everything that referred to the table (grants, policies, views, publications, triggers),
// never sets back what catch-up applied, runs one at a time, and its records cannot be
// rewritten.
#include <atomic>
#include <thread>

#include "RoleStore.hpp"

using namespace acci;
using namespace acci::projections;

namespace {

// Everything a rebuild must keep, as one comparable text (names and definitions, no OIDs).
const char* identitySql = R"SQL(
SELECT concat_ws(E'\n',
  (SELECT 'owner ' || pg_get_userbyid(relowner) || ' rls ' || relrowsecurity || ' force ' || relforcerowsecurity
          || ' acl ' || coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(relacl) a), '-')
     FROM pg_class WHERE oid = 'user_view'::regclass),
  (SELECT 'columns ' || string_agg(attname || '=' || coalesce(attacl::text, '-') || '/'
                                   || coalesce(col_description(attrelid, attnum), '-'), ',' ORDER BY attnum)
     FROM pg_attribute WHERE attrelid = 'user_view'::regclass AND attnum > 0 AND NOT attisdropped),
  'comment ' || obj_description('user_view'::regclass, 'pg_class'),
  (SELECT 'policies ' || string_agg(concat_ws('|', policyname, permissive, roles::text, cmd, qual, with_check), ','
                                    ORDER BY policyname) FROM pg_policies WHERE tablename = 'user_view'),
  (SELECT 'publications ' || string_agg(concat_ws('|', pubname, attnames::text, rowfilter), ',')
     FROM pg_publication_tables WHERE tablename = 'user_view'),
  (SELECT 'triggers ' || string_agg(tgname || '|' || tgenabled::text || '|' || pg_get_triggerdef(oid), ',' ORDER BY tgname)
     FROM pg_trigger WHERE tgrelid = 'user_view'::regclass AND NOT tgisinternal),
  (SELECT 'rules ' || string_agg(pg_get_ruledef(oid), ',' ORDER BY rulename) FROM pg_rewrite
    WHERE ev_class = 'user_view'::regclass),
  (SELECT 'indexes ' || string_agg(indexname || '|' || indexdef, ',' ORDER BY indexname)
     FROM pg_indexes WHERE tablename = 'user_view'),
  'view ' || pg_get_viewdef('active_users'::regclass),
  (SELECT 'view acl ' || relacl::text FROM pg_class WHERE oid = 'active_users'::regclass))
)SQL";

// Waits in a rebuild's progress callback until released: a rebuild held in flight.
struct Gate {
    std::atomic<bool> reached { false };
    std::atomic<bool> open { false };
    void wait()
    {
        reached = true;
        while (!open)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
};

} // namespace

class TestRebuildRights : public QObject {
    Q_OBJECT

private slots:
    void rebuildKeepsTheTablesIdentity()
    {
        RoleStore store;
        store.load(400, 400);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        // What a production team builds around its read model, as its schema owner.
        const std::string reader = store.role("reader");
        const std::string rm = store.role("rm_owner");
        const std::string columns = store.role("columns");
        store.db().exec("CREATE ROLE " + rm + "; CREATE ROLE " + columns + " LOGIN; GRANT " + rm + " TO "
            + store.role("owner") + "; GRANT CREATE ON SCHEMA public TO " + rm);
        store.asOwner({
            "ALTER TABLE user_view OWNER TO " + rm, "GRANT USAGE ON SCHEMA public TO " + columns,
            "GRANT SELECT (id, name) ON user_view TO " + columns,
            "GRANT UPDATE (status) ON user_view TO " + reader + " WITH GRANT OPTION",
            "ALTER TABLE user_view ENABLE ROW LEVEL SECURITY", "ALTER TABLE user_view FORCE ROW LEVEL SECURITY",
            // One tenant per session: the last digit of the id stands for the tenant here.
            "CREATE POLICY tenant_rows ON user_view FOR SELECT TO " + reader
                + " USING (right(id, 1) = current_setting('acci.tenant', true))",
            "CREATE POLICY everything ON user_view TO " + store.role("operator") + ", " + rm + ", "
                + store.role("owner") + ", " + columns + " USING (true)",
            "COMMENT ON TABLE user_view IS 'Users, as the guide''s projection keeps them'",
            "COMMENT ON COLUMN user_view.email IS 'lower case'",
            "CREATE VIEW active_users AS SELECT id, name FROM user_view WHERE status = 'active'",
            "GRANT SELECT ON active_users TO " + reader,
            "CREATE PUBLICATION " + store.db().name()
                + "_pub FOR TABLE user_view (id, name, status)"
                  " WHERE (id <> '')",
            "CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TRIGGER keep_rows BEFORE UPDATE ON user_view FOR EACH ROW EXECUTE FUNCTION keep()",
            "ALTER TABLE user_view DISABLE TRIGGER keep_rows",
            "CREATE RULE no_deletes AS ON DELETE TO user_view WHERE OLD.status = 'active' DO INSTEAD NOTHING",
            "UPDATE user_view SET name = 'corrupted' WHERE id = 'u7'",
            // what a rebuild is for
        });
        const std::string before = store.text(identitySql);
        const std::string oid = store.text("SELECT 'user_view'::regclass::oid::text");
        // A reader in a repeatable-read transaction that began before the rebuild.
        auto snapshotReader = store.connect("reader");
        pqxx::transaction<pqxx::repeatable_read> snapshot(*snapshotReader);
        snapshot.exec("SET LOCAL acci.tenant = '7'");
        const auto seenBefore = snapshot.exec1("SELECT count(*), max(name) FROM user_view");
        QVERIFY(before.find("tenant_rows") != std::string::npos && before.find("_pub|") != std::string::npos
            && before.find("no_deletes") != std::string::npos);

        // A reader with only its grants queries throughout: never an error, never an empty table.
        std::atomic<bool> rebuilding { true };
        std::atomic<int> queries { 0 };
        QStringList problems;
        std::thread readerLoop([&] {
            try {
                auto connection = store.connect("reader");
                pqxx::nontransaction q(*connection);
                q.exec("SET acci.tenant = '7'");
                q.exec(
                    "PREPARE counts AS SELECT (SELECT count(*) FROM user_view), (SELECT count(*) FROM active_users)");
                while (rebuilding || queries < 20) {
                    const auto rows = q.exec1(queries % 2 ? "EXECUTE counts"
                                                          : "SELECT (SELECT count(*) FROM user_view),"
                                                            " (SELECT count(*) FROM active_users)");
                    if (rows[0].as<long long>() != 40 || rows[1].as<long long>() != 400)
                        problems << QStringLiteral("saw %1 / %2 rows")
                                        .arg(rows[0].as<long long>())
                                        .arg(rows[1].as<long long>());
                    ++queries;
                }
            } catch (const std::exception& error) {
                problems << QString::fromUtf8(error.what());
            }
        });
        auto op = store.connect("operator");
        const auto report = rebuildProjection(*op, std::make_shared<UserProjection>());
        rebuilding = false;
        readerLoop.join();
        QVERIFY2(report.outcome == RebuildReport::Outcome::Completed, report.error.c_str());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(queries >= 20);

        QCOMPARE(QString::fromStdString(store.text(identitySql)), QString::fromStdString(before));
        QCOMPARE(store.text("SELECT 'user_view'::regclass::oid::text"), oid); // the same table, not a copy
        QCOMPARE(report.updated, 1LL); // the corrupted row, and nothing else was written
        QCOMPARE(report.inserted + report.deleted, 0LL);
        const auto seenAfter = snapshot.exec1("SELECT count(*), max(name) FROM user_view");
        QCOMPARE(seenAfter[0].as<long long>(), seenBefore[0].as<long long>());
        QCOMPARE(std::string(seenAfter[1].c_str()), std::string(seenBefore[1].c_str()));
        snapshot.commit();
        {
            auto superuser = store.db().connect(); // bypasses RLS: every row
            QCOMPARE(testing::userViewRows(*superuser), testing::expectedUserRows(*superuser));
        }
        QCOMPARE(store.db().count("SELECT count(*) FROM pg_class WHERE relname LIKE 'acci\\_%'"), 0LL);
        // Column grants still answer, and still refuse what they did not allow.
        auto col = store.connect("columns");
        pqxx::nontransaction q(*col);
        QCOMPARE(q.exec1("SELECT count(name) FROM user_view")[0].as<long long>(), 400LL);
        QVERIFY_THROWS_EXCEPTION(pqxx::insufficient_privilege, q.exec("SELECT email FROM user_view"));
    }

    void materializedViewsAndForeignKeysSurviveARebuild()
    {
        RoleStore store;
        store.load(20, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        store.asOwner({
            "CREATE MATERIALIZED VIEW user_names AS SELECT id, name FROM user_view",
            "CREATE TABLE user_notes (user_id text REFERENCES user_view (id), note text)",
            "INSERT INTO user_notes VALUES ('u3', 'keep me')",
        });
        store.db().exec("INSERT INTO user_view (id, email, name, status, created_at) VALUES"
                        " ('stray', 's@x', 'Not from any event', 'active', now())");
        const auto rebuild = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QVERIFY2(rebuild.status == 0, qPrintable(rebuild.err));
        const auto summary = QJsonDocument::fromJson(rebuild.out.toUtf8()).object();
        QCOMPARE(summary[QStringLiteral("deleted")].toInt(), 1); // the stray row, which no event produces
        QCOMPARE(summary[QStringLiteral("inserted")].toInt(), 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM user_names"), 20LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM user_notes JOIN user_view ON id = user_id"), 1LL);
        // A rebuild that would break the foreign key fails and changes nothing.
        store.db().exec("INSERT INTO user_view (id, email, name, status, created_at) VALUES"
                        " ('stray', 's@x', 'Again', 'active', now()); INSERT INTO user_notes VALUES ('stray', 'x')");
        const auto refused = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("user_notes")), qPrintable(refused.err));
        QCOMPARE(store.db().count("SELECT count(*) FROM user_view"), 21LL);
    }

    void aRebuildNeverSetsBackWhatCatchUpApplied()
    {
        RoleStore store;
        store.load(300, 300);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        Gate gate;
        RebuildReport report;
        std::thread running([&] {
            auto connection = store.connect("operator");
            report
                = rebuildProjection(*connection, std::make_shared<UserProjection>(), {}, [&](const RebuildProgress& p) {
                      if (p.phase == RebuildProgress::Phase::Writing && !gate.reached)
                          gate.wait();
                  });
        });
        QTRY_VERIFY(gate.reached.load());
        // After the replay's snapshot: new users, applied to the live table by catch-up.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(admin(store.as("writer"),
                         { "user", "create", "--id", QStringLiteral("late-%1").arg(i), "--email",
                             QStringLiteral("late%1@example.com").arg(i), "--name", "Late" })
                         .status,
                0);
        // ...and one the projection cannot apply, which catch-up parks, plus a rename.
        store.db().exec(
            "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES"
            " (gen_random_uuid(), 'ghost', 'User', 'UserUpdated', 1, '{\"user_id\": \"ghost\", \"name\": \"Boo\"}')");
        QCOMPARE(admin(store.as("writer"), { "user", "update", "--id", "u9", "--name", "Renamed late" }).status, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM user_view WHERE id LIKE 'late-%'"), 5LL);
        const std::string checkpointBefore = store.text("SELECT tx_id || ':' || position FROM projection_checkpoints");
        gate.open = true;
        running.join();
        QVERIFY2(report.outcome == RebuildReport::Outcome::Completed, report.error.c_str());
        QCOMPARE(report.deleted, 0LL); // the late users were brought into the new rows, not removed
        QVERIFY(report.caughtUp >= 5);
        QCOMPARE(store.text("SELECT name FROM user_view WHERE id = 'u9'"), std::string("Renamed late"));
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'ghost'"), 1LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_checkpoints WHERE (tx_id, position) >= ("
                                  "split_part('"
                     + checkpointBefore + "', ':', 1)::xid8, split_part('" + checkpointBefore + "', ':', 2)::bigint)"),
            1LL); // never behind what catch-up had reached
        auto superuser = store.db().connect();
        QCOMPARE(testing::userViewRows(*superuser), testing::expectedUserRows(*superuser));
        // Given up on for good: a rebuild leaves it out, and parks it no more.
        const QString ghost = QString::number(store.db().count("SELECT id FROM projection_dead_letters"));
        QCOMPARE(admin(store.as("operator"), { "dead-letters", "skip", ghost }).status, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "rebuild", "user_view" }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_dead_letters"), 0LL);
    }

    void aBadEventIsParkedAndDoesNotBlockRebuilds()
    {
        RoleStore store;
        store.load(30, 0);
        // What any writer can insert: an update of a user that was never created.
        auto writer = store.connect("writer");
        pqxx::nontransaction(*writer).exec(
            "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
            " VALUES (gen_random_uuid(), 'ghost', 'User', 'UserUpdated', 1, '{\"user_id\": \"ghost\", \"name\": "
            "\"Boo\"}')");
        const auto first = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QVERIFY2(first.status == 0, qPrintable(first.err));
        QCOMPARE(QJsonDocument::fromJson(first.out.toUtf8()).object()[QStringLiteral("parked")].toInt(), 1);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'ghost'"), 1LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM user_view"), 30LL);
        // Again: still one dead letter for it, and the rebuild still completes.
        QCOMPARE(admin(store.as("operator"), { "projections", "rebuild", "user_view" }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_dead_letters WHERE aggregate_id = 'ghost'"), 1LL);
        // An operator who asks to stop at a failing event is told by the exit status, in the
        // rebuild and in a catch-up run by cron alike.
        store.db().exec("DELETE FROM projection_dead_letters");
        pqxx::nontransaction(*writer).exec(
            "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
            " VALUES (gen_random_uuid(), 'ghost2', 'User', 'UserUpdated', 1, '{\"user_id\": \"ghost2\"}')");
        const auto stopped
            = admin(store.as("operator"), { "projections", "rebuild", "user_view", "--on-failure", "stop" });
        QCOMPARE(stopped.status, 1);
        QVERIFY2((stopped.out + stopped.err).contains(QStringLiteral("never created")),
            qPrintable(stopped.out + stopped.err));
        const auto once = admin(store.as("operator"), { "projections", "run", "--once", "--on-failure", "stop" });
        QCOMPARE(once.status, 1);
        QVERIFY2(once.err.contains(QStringLiteral("stopped at a failing event")), qPrintable(once.err));
    }

    void rowSecurityThatHidesRowsIsRefused()
    {
        RoleStore store;
        store.load(20, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        const std::string op = store.role("operator");
        store.asOwner({
            "ALTER TABLE user_view ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE user_view FORCE ROW LEVEL SECURITY",
            "CREATE POLICY op_reads ON user_view FOR SELECT TO " + op + " USING (true)",
            "CREATE POLICY op_writes_some ON user_view FOR UPDATE TO " + op + " USING (id <> 'u2')",
            "UPDATE user_view SET email = 'corrupt@x' WHERE id = 'u2'",
        });
        const auto run = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QCOMPARE(run.status, 1);
        // Row-level security on events would hide events from the replay: refused as well.
        store.asOwner({
            "ALTER TABLE events ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY op_all ON user_view TO " + op + " USING (true) WITH CHECK (true)",
            "DROP POLICY op_writes_some ON user_view",
            "CREATE POLICY some_events ON events FOR SELECT TO " + op + " USING (aggregate_id <> 'u3')",
        });
        const auto hidden = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QCOMPARE(hidden.status, 1);
        QVERIFY2(hidden.err.contains(QStringLiteral("Row-level security on events")), qPrintable(hidden.err));
        QVERIFY2(run.err.contains(QStringLiteral("Row-level security on user_view"))
                && run.err.contains(QStringLiteral("INSERT, UPDATE, DELETE")),
            qPrintable(run.err));
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds"), 0LL);
    }

    void caseInsensitiveAndUniqueColumnsAreRebuiltExactly()
    {
        RoleStore store;
        store.load(10, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        store.asOwner({
            "CREATE COLLATION case_blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
            "ALTER TABLE user_view ALTER COLUMN email TYPE text COLLATE case_blind",
            // Deferrable: checked at commit, once every row is final (a plain index is tested below).
            "ALTER TABLE user_view ADD CONSTRAINT user_view_email_once UNIQUE (email)"
            " DEFERRABLE INITIALLY IMMEDIATE",
            "UPDATE user_view SET email = upper(email) WHERE id IN ('u1', 'u2')",
        });
        // Two users swap their email addresses through a third one.
        for (const auto& [id, email] : std::vector<std::pair<QString, QString>> {
                 { "u3", "spare@example.com" }, { "u4", "u3@example.com" }, { "u3", "u4@example.com" } })
            QCOMPARE(admin(store.as("writer"), { "user", "update", "--id", id, "--email", email }).status, 0);
        const auto run = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QVERIFY2(run.status == 0, qPrintable(run.err));
        auto superuser = store.db().connect();
        QCOMPARE(testing::userViewRows(*superuser), testing::expectedUserRows(*superuser));
        QCOMPARE(store.text("SELECT email FROM user_view WHERE id = 'u1'"), std::string("u1@example.com"));
        // With a plain unique index the same swap cannot be applied row by row: refused, named,
        // nothing changed (the row keeps its corrupted email), nothing deleted to get there.
        store.asOwner({
            "ALTER TABLE user_view DROP CONSTRAINT user_view_email_once",
            "CREATE UNIQUE INDEX user_view_email_plain ON user_view (email)",
            "UPDATE user_view SET email = 'x' WHERE id = 'u5'",
        });
        for (const auto& [id, email] : std::vector<std::pair<QString, QString>> {
                 { "u6", "spare6@example.com" }, { "u7", "u6@example.com" }, { "u6", "u7@example.com" } })
            QCOMPARE(admin(store.as("writer"), { "user", "update", "--id", id, "--email", email }).status, 0);
        store.db().exec("UPDATE user_view SET email = 'u6@example.com' WHERE id = 'u6';"
                        " UPDATE user_view SET email = 'u7@example.com' WHERE id = 'u7'");
        const auto refused = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("user_view_email_plain"))
                && refused.err.contains(QStringLiteral("Nothing was changed")),
            qPrintable(refused.err));
        QCOMPARE(store.text("SELECT email FROM user_view WHERE id = 'u5'"), std::string("x"));
    }

    void finishedRebuildRecordsCannotBeRewritten()
    {
        RoleStore store;
        QCOMPARE(admin(store.as("operator"), { "projections", "rebuild", "user_view" }).status, 0);
        store.db().exec("CREATE ROLE " + store.role("other_op") + " LOGIN");
        QCOMPARE(
            admin(store.as("owner"), { "grant", "operator", QString::fromStdString(store.role("other_op")) }).status,
            0);
        {
            // A rebuild record of a backend that then went away.
            auto gone = store.connect("other_op");
            pqxx::nontransaction(*gone).exec(
                "INSERT INTO projection_rebuilds (projection, os_user) VALUES ('user_view', 'x')");
        }
        auto other = store.connect("other_op");
        pqxx::nontransaction q(*other);
        QCOMPARE(
            q.exec("UPDATE projection_rebuilds SET error = 'forged' WHERE outcome = 'completed'").affected_rows(), 0);
        // Another role may only mark it interrupted: whatever else it writes is not kept.
        QCOMPARE(q.exec("UPDATE projection_rebuilds SET outcome = 'completed', error = 'forged', events = 123"
                        " WHERE os_user = 'x'")
                     .affected_rows(),
            1);
        QCOMPARE(store.text("SELECT outcome || '/' || events || '/' || coalesce(error, '-') FROM projection_rebuilds"
                            " WHERE os_user = 'x'"),
            std::string("interrupted/0/-"));
        QVERIFY_THROWS_EXCEPTION(pqxx::sql_error,
            q.exec("INSERT INTO projection_rebuilds (projection, os_user, pid)"
                   " VALUES ('user_view', 'x', 1)"));
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'completed'"), 1LL);
        // A checkpoint past the end of the log is refused, not accepted to wait forever.
        const auto reset
            = admin(store.as("operator"), { "projections", "reset", "user_view", "--to", "99999999:99999999" });
        QCOMPARE(reset.status, 1);
        QVERIFY2(reset.err.contains(QStringLiteral("past the end of the log")), qPrintable(reset.err));
    }

    void oneRebuildAtATime()
    {
        RoleStore store;
        store.load(200, 200);
        Gate gate;
        RebuildReport first;
        std::thread running([&] {
            auto connection = store.connect("operator");
            first
                = rebuildProjection(*connection, std::make_shared<UserProjection>(), {}, [&](const RebuildProgress& p) {
                      if (p.phase == RebuildProgress::Phase::Reading && !gate.reached)
                          gate.wait();
                  });
        });
        QTRY_VERIFY(gate.reached.load());
        auto other = store.connect("owner");
        try {
            rebuildProjection(*other, std::make_shared<UserProjection>());
            QFAIL("a second rebuild ran");
        } catch (const store::BusyError& error) {
            const std::string message = error.what();
            QVERIFY2(message.find("already being rebuilt by role '" + store.role("operator") + "'") != std::string::npos
                    && message.find(" since ") != std::string::npos,
                error.what());
        }
        const auto cli = admin(store.as("owner"), { "projections", "rebuild", "user_view" });
        QCOMPARE(cli.status, 1);
        QVERIFY2(cli.err.contains(QStringLiteral("already being rebuilt")), qPrintable(cli.err));
        const auto plan = planRebuild(*other, UserProjection());
        QVERIFY(plan.runningElsewhere && plan.runningElsewhere->find(store.role("operator")) != std::string::npos);
        const auto status = listProjections(*other, builtInProjections());
        QVERIFY2(status.at(0).state == ProjectionState::Rebuilding, toString(status.at(0).state).c_str());
        QCOMPARE(status.at(0).lastRebuild->outcome, std::string("running"));
        gate.open = true;
        running.join();
        QVERIFY2(first.outcome == RebuildReport::Outcome::Completed, first.error.c_str());
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds"), 1LL);
        QCOMPARE(testing::userViewRows(*other), testing::expectedUserRows(*other));
    }

    void aKilledRebuildIsShownInterrupted()
    {
        RoleStore store;
        store.load(20000, 180000);
        QProcess rebuild;
        rebuild.start(QStringLiteral(ACCI_ADMIN_PATH),
            { QStringLiteral("--db"), QString::fromStdString(store.as("operator")), QStringLiteral("projections"),
                QStringLiteral("rebuild"), QStringLiteral("user_view") });
        QTRY_COMPARE_WITH_TIMEOUT(
            store.db().count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'running'"), 1LL, 30000);
        rebuild.kill(); // SIGKILL: nothing of the process gets to say how it ended
        rebuild.waitForFinished();
        const auto lastRebuild = [&] {
            const auto list = admin(store.as("reader"), { "projections", "list" });
            return QJsonDocument::fromJson(list.out.toUtf8()).object()[QStringLiteral("last_rebuild")].toObject();
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            lastRebuild()[QStringLiteral("outcome")].toString(), QStringLiteral("interrupted"), 10000);
        QCOMPARE(lastRebuild()[QStringLiteral("by")].toString(), QString::fromStdString(store.role("operator")));
        // The next rebuild runs, and the history row of the dead one says so for good.
        QCOMPARE(admin(store.as("operator"), { "projections", "rebuild", "user_view" }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'interrupted'"), 1LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds WHERE outcome = 'completed'"), 1LL);
    }
};

QTEST_GUILESS_MAIN(TestRebuildRights)
#include "tst_rebuild_rights.moc"

// The README's role model on a real server, with roles created exactly the way the README
// says (RoleStore.hpp). Each role does its job and nothing more; actions and their audit rows
// commit together. What a rebuild keeps under these roles: tst_rebuild_rights.
#include "RoleStore.hpp"
#include "acci/store/EventStore.hpp"

using namespace acci;
using namespace acci::projections;

class TestRoles : public QObject {
    Q_OBJECT

private slots:
    void writerInsertsTheGuidesWayAfterMigrate()
    {
        RoleStore store;
        auto writer = store.connect("writer");
        {
            // The guide's store_event: a plain INSERT with the guide's columns.
            pqxx::work tx(*writer);
            tx.exec(
                "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp)"
                " VALUES (gen_random_uuid(), 'order-1', 'Order', 'OrderPlaced', 1, '{\"sku\":\"A\"}',"
                " '{\"tenant_id\":\"acme\"}', now())");
            tx.commit();
        }
        QCOMPARE(store.text("SELECT aggregate_type || ' v' || version || ' ' || tenant_id FROM aggregates"
                            " WHERE aggregate_id = 'order-1'"),
            std::string("Order v1 acme"));
        const auto appended = admin(store.as("writer"),
            { "append", "--aggregate", "order-1", "--type", "Order", "--expected-version", "1" },
            "{\"event_type\":\"OrderPaid\",\"data\":{\"amount\":5}}\n");
        QCOMPARE(appended.status, 0);
        QCOMPARE(admin(store.as("writer"), { "snapshot", "save", "order-1" }).status, 0);

        // Nothing more: no audit, no projection state, no history rewriting.
        for (const char* forbidden :
            { "SELECT count(*) FROM console_audit", "UPDATE projection_checkpoints SET position = 0",
                "DELETE FROM events", "UPDATE aggregates SET version = 9", "TRUNCATE user_view",
                // the log order is the store's to assign, not a writer's
                "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data,"
                " tx_id) VALUES (gen_random_uuid(), 'order-1', 'Order', 'X', 3, '{}', '5')" }) {
            pqxx::nontransaction query(*writer);
            QVERIFY_THROWS_EXCEPTION(pqxx::insufficient_privilege, query.exec(forbidden));
        }
        const auto reset = admin(store.as("writer"), { "projections", "reset", "user_view" });
        QCOMPARE(reset.status, 1);
        QVERIFY2(reset.err.contains(QStringLiteral("may not reset")), qPrintable(reset.err));
        const auto access = store::accessOf(*writer);
        QVERIFY(access.canAppend && !access.canOperate && !access.canMigrate);
    }

    void readerBrowsesButCannotAct()
    {
        RoleStore store;
        store.load(20, 10);
        const std::string checkpointBefore = store.text("SELECT count(*) FROM projection_checkpoints");
        for (const QStringList& browse :
            { QStringList { "stats" }, QStringList { "log", "--limit", "5" }, QStringList { "projections", "list" },
                QStringList { "dead-letters", "list" }, QStringList { "stream", "u1" }, QStringList { "metrics" } }) {
            const auto run = admin(store.as("reader"), browse);
            QVERIFY2(run.status == 0, qPrintable(browse.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
        }
        const auto append = admin(store.as("reader"), { "append", "--aggregate", "x", "--type", "X" },
            "{\"event_type\":\"E\",\"data\":{}}\n");
        QCOMPARE(append.status, 1);
        const auto reset = admin(store.as("reader"), { "projections", "reset", "user_view" });
        QCOMPARE(reset.status, 1);
        QVERIFY2(reset.err.contains(QStringLiteral("INSERT on console_audit"))
                && reset.err.contains(QStringLiteral("acci-admin grant operator")),
            qPrintable(reset.err));
        QCOMPARE(admin(store.as("reader"), { "projections", "rebuild", "user_view" }).status, 1);
        const auto run = admin(store.as("reader"), { "projections", "run", "--once" });
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QStringLiteral("may not run the catch-up")), qPrintable(run.err));
        const auto migrate = admin(store.as("reader"), { "migrate" });
        QVERIFY2(migrate.status == 0 && migrate.err.contains(QStringLiteral("up to date")), qPrintable(migrate.err));
        const auto grant
            = admin(store.as("reader"), { "grant", "operator", QString::fromStdString(store.role("reader")) });
        QCOMPARE(grant.status, 1);
        QVERIFY2(grant.err.contains(QStringLiteral("does not own the store")), qPrintable(grant.err));
        QCOMPARE(store.text("SELECT count(*) FROM projection_checkpoints"), checkpointBefore);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds"), 0LL);
        auto reader = store.connect("reader");
        const auto access = store::accessOf(*reader);
        QVERIFY(!access.canAppend && !access.canOperate && !access.canMigrate);
        QVERIFY(access.operateMissing.find("INSERT on console_audit") != std::string::npos);
    }

    // The readers stream a COPY of a query: that needs only SELECT, and row-level security
    // on events filters it as it filters any query, for the library and the CLI alike.
    void readerReadsTheLogThroughRowLevelSecurity()
    {
        RoleStore store;
        store.load(20, 10); // u0 .. u19, two events each for u0 .. u9
        store.db().exec("ALTER TABLE events ENABLE ROW LEVEL SECURITY");
        store.db().exec("CREATE POLICY some_users ON events FOR SELECT TO " + store.role("reader")
            + " USING (aggregate_id IN ('u1', 'u2'))");
        auto reader = store.connect("reader");
        store::EventStore events(*reader);
        QCOMPARE(events.readAll({}, 100).size(), std::size_t(4));
        QCOMPARE(events.readStream("u1").size(), std::size_t(2));
        QVERIFY(events.readStream("u3").empty());
        const auto log = admin(store.as("reader"), { "log", "--limit", "100" });
        QVERIFY2(log.status == 0, qPrintable(log.err));
        QCOMPARE(log.out.count(QLatin1Char('\n')), 4);
        const auto stream = admin(store.as("reader"), { "stream", "u2" });
        QVERIFY2(stream.status == 0, qPrintable(stream.err));
        QCOMPARE(stream.out.count(QLatin1Char('\n')), 2);
        QCOMPARE(admin(store.as("reader"), { "stream", "u3" }).out, QString());
        // A state folded from no visible event is no state: said, not printed as version 0.
        const auto hidden = admin(store.as("reader"), { "state", "u3" });
        QCOMPARE(hidden.status, 1);
        QVERIFY2(hidden.out.isEmpty() && hidden.err.contains(QStringLiteral("may read none of its events"))
                && hidden.err.contains(QStringLiteral("row-level security")),
            qPrintable(hidden.out + hidden.err));
        const auto visible = admin(store.as("reader"), { "state", "u2" });
        QVERIFY2(visible.status == 0 && visible.out.contains(QStringLiteral("\"version\": 2")),
            qPrintable(visible.out + visible.err));
        // The owner is not subject to the policy: everything is still there.
        QCOMPARE(store::EventStore(*store.connect("owner")).readAll({}, 100).size(), std::size_t(30));
        // Who reads through the policy is told so (a count or a fold of what it sees is not
        // the store's); the owner is not.
        QVERIFY(store::accessOf(*reader).eventsRowRestricted);
        QVERIFY(!store::accessOf(*store.connect("owner")).eventsRowRestricted);
        QVERIFY2(
            stream.err.contains(QStringLiteral("Row-level security limits which events role")), qPrintable(stream.err));
        QVERIFY(!admin(store.as("owner"), { "stream", "u2" }).err.contains(QStringLiteral("Row-level security")));
        // A policy that lets the role see every row narrows nothing.
        store.db().exec("DROP POLICY some_users ON events");
        store.db().exec("CREATE POLICY all_rows ON events FOR SELECT TO " + store.role("reader") + " USING (true)");
        QVERIFY(!store::accessOf(*reader).eventsRowRestricted);
    }

    // Row-level security a DBA put on events hides an aggregate's events from a writer of
    // another tenant. Its append to that aggregate ran into a version it cannot see, and was
    // told "at version 0, not the expected version 0: reload it and retry", which no reload
    // settles. It is told what stands in the way instead; nothing is written.
    void aWriterBlockedByRowsItCannotSeeIsNotToldOfAConflict()
    {
        RoleStore store;
        store.db().exec("ALTER TABLE events ENABLE ROW LEVEL SECURITY");
        store.db().exec("CREATE POLICY tenant_reads ON events FOR SELECT TO " + store.role("writer")
            + " USING (metadata ->> 'tenant_id' = current_setting('app.tenant', true))");
        store.db().exec("CREATE POLICY tenant_writes ON events FOR INSERT TO " + store.role("writer")
            + " WITH CHECK (metadata ->> 'tenant_id' = current_setting('app.tenant', true))");
        const auto asTenant
            = [&](const char* tenant) { return store.as("writer") + " options='-c app.tenant=" + tenant + "'"; };
        const auto first = admin(asTenant("a"), { "append", "--aggregate", "o1", "--type", "Order" },
            "{\"event_type\":\"Placed\",\"metadata\":{\"tenant_id\":\"a\"}}\n");
        QVERIFY2(first.status == 0, qPrintable(first.err));
        const auto blocked
            = admin(asTenant("b"), { "append", "--aggregate", "o1", "--type", "Order", "--expected-version", "0" },
                "{\"event_type\":\"Placed\",\"metadata\":{\"tenant_id\":\"b\"}}\n");
        QVERIFY2(
            blocked.status == 1 && blocked.err.contains(QStringLiteral("row-level security")), qPrintable(blocked.err));
        // At any version it retried 20 times, said "not the expected version -1" (a conflict,
        // exit 3) and used up a position per try. The version it sees does not move between
        // two conflicts: it stops at the second.
        const auto anyVersion = admin(asTenant("b"), { "append", "--aggregate", "o1", "--type", "Order" },
            "{\"event_type\":\"Placed\",\"metadata\":{\"tenant_id\":\"b\"}}\n");
        QVERIFY2(anyVersion.status == 1 && anyVersion.err.contains(QStringLiteral("row-level security")),
            qPrintable(anyVersion.err));
        QCOMPARE(store.text("SELECT count(*) FROM events"), std::string("1"));
        const std::string lastPosition
            = store.text("SELECT pg_sequence_last_value(pg_get_serial_sequence('events', 'global_position'))");
        QVERIFY2(std::stoll(lastPosition) <= 4, lastPosition.c_str());
    }

    void operatorActsAndIsAudited()
    {
        RoleStore store;
        store.load(50, 100);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM user_view"), 50LL);
        const auto rebuild = admin(store.as("operator"), { "projections", "rebuild", "user_view" });
        QVERIFY2(rebuild.status == 0, qPrintable(rebuild.err));
        QCOMPARE(admin(store.as("operator"), { "projections", "reset", "user_view" }).status, 0);
        store.db().exec("INSERT INTO projection_dead_letters (projection, event_id, tx_id, global_position, error)"
                        " SELECT 'user_view', id, tx_id, global_position, 'test' FROM events LIMIT 2");
        const auto letters = admin(store.as("operator"), { "dead-letters", "list" });
        QCOMPARE(letters.status, 0);
        const QString first = QString::number(store.db().count("SELECT min(id) FROM projection_dead_letters"));
        const QString second = QString::number(store.db().count("SELECT max(id) FROM projection_dead_letters"));
        QCOMPARE(admin(store.as("operator"), { "dead-letters", "retry", first }).status, 0);
        QCOMPARE(admin(store.as("operator"), { "dead-letters", "skip", second }).status, 0);
        QCOMPARE(store.db().count("SELECT count(*) FROM console_audit WHERE db_user = '" + store.role("operator")
                     + "' AND action IN ('rebuild', 'reset', 'retry-dead-letter', 'skip-dead-letter')"),
            5LL); // rebuild started + completed, reset, retry, skip

        // Nothing more: it cannot write events, change the schema, or forge who did what.
        auto op = store.connect("operator");
        for (const char* forbidden :
            { "INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data)"
              " VALUES (gen_random_uuid(), 'x', 'X', 'E', 1, '{}')",
                "DROP TABLE user_view", "CREATE TABLE sneaky (x int)",
                "INSERT INTO console_audit (db_user, os_user, action, target, outcome)"
                " VALUES ('the_dba', 'dba', 'grant', 'x', 'ok')",
                "INSERT INTO console_audit (at, os_user, action, target, outcome)"
                " VALUES (now() - interval '3 days', 'dba', 'grant', 'x', 'ok')",
                "UPDATE projection_rebuilds SET db_user = 'the_dba'", "DELETE FROM console_audit" }) {
            pqxx::nontransaction query(*op);
            QVERIFY_THROWS_EXCEPTION(pqxx::insufficient_privilege, query.exec(forbidden));
        }
        const auto grant
            = admin(store.as("operator"), { "grant", "reader", QString::fromStdString(store.role("writer")) });
        QCOMPARE(grant.status, 1);
        QVERIFY(store::accessOf(*op).canOperate);
    }

    void anActionAndItsAuditCommitTogether()
    {
        RoleStore store;
        store.load(10, 0);
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);
        store.db().exec("INSERT INTO projection_dead_letters (projection, event_id, tx_id, global_position, error)"
                        " SELECT 'user_view', id, tx_id, global_position, 'test' FROM events LIMIT 1");
        const QString letter = QString::number(store.db().count("SELECT id FROM projection_dead_letters"));
        const std::string checkpoint = store.text("SELECT tx_id || ':' || position FROM projection_checkpoints");

        // An operator whose audit insert was taken away is refused before anything changes.
        store.db().exec("CREATE ROLE " + store.role("noaudit") + " LOGIN");
        QCOMPARE(
            admin(store.as("owner"), { "grant", "operator", QString::fromStdString(store.role("noaudit")) }).status, 0);
        store.db().exec("REVOKE INSERT ON console_audit FROM " + store.role("noaudit"));
        for (const QStringList& action : { QStringList { "projections", "reset", "user_view" },
                 QStringList { "projections", "rebuild", "user_view" }, QStringList { "dead-letters", "retry", letter },
                 QStringList { "dead-letters", "skip", letter } }) {
            const auto run = admin(store.as("noaudit"), action);
            QCOMPARE(run.status, 1);
            QVERIFY2(run.err.contains(QStringLiteral("lacks INSERT on console_audit"))
                    && run.err.contains(QStringLiteral("Nothing was changed")),
                qPrintable(run.err));
        }
        QCOMPARE(store.text("SELECT tx_id || ':' || position FROM projection_checkpoints"), checkpoint);
        QCOMPARE(store.db().count("SELECT attempts FROM projection_dead_letters"), 1LL);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_rebuilds"), 0LL);
        // Only what came before: five migrations and four grants...
        QCOMPARE(store.db().count("SELECT count(*) FROM console_audit"), 9LL);
        // ...and when the audit insert itself fails, the action rolls back with it.
        store.db().exec("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        " $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$;"
                        " CREATE TRIGGER refuse BEFORE INSERT ON console_audit FOR EACH ROW EXECUTE FUNCTION refuse()");
        QCOMPARE(admin(store.as("operator"), { "projections", "reset", "user_view" }).status, 1);
        QCOMPARE(admin(store.as("operator"), { "dead-letters", "skip", letter }).status, 1);
        QCOMPARE(
            admin(store.as("owner"), { "grant", "reader", QString::fromStdString(store.role("noaudit")) }).status, 1);
        QCOMPARE(store.text("SELECT tx_id || ':' || position FROM projection_checkpoints"), checkpoint);
        QCOMPARE(store.db().count("SELECT count(*) FROM projection_dead_letters"), 1LL);
    }

    void printedGrantsAreTheAppliedOnes()
    {
        RoleStore store;
        store.db().exec("CREATE ROLE " + store.role("dba_reader") + " LOGIN");
        const auto printed = admin(
            store.as("owner"), { "grant", "reader", QString::fromStdString(store.role("dba_reader")), "--print" });
        QCOMPARE(printed.status, 0);
        QVERIFY(printed.out.startsWith(QStringLiteral("GRANT USAGE ON SCHEMA")));
        QCOMPARE(store.db().count("SELECT count(*) FROM console_audit WHERE action = 'grant'"),
            3LL); // print changes nothing
        {
            auto owner = store.connect("owner");
            pqxx::nontransaction query(*owner);
            query.exec(printed.out.toStdString());
        }
        QCOMPARE(admin(store.as("dba_reader"), { "projections", "list" }).status, 0);
        QCOMPARE(admin(store.as("owner"), { "grant", "superuser", "x" }).status, 2);
        QCOMPARE(admin(store.as("owner"), { "grant", "reader", "no_such_role_here" }).status, 1);
    }

    void namesAreQuotedAndBounded()
    {
        // A projection whose table needs quoting everywhere.
        class OddProjection : public UserProjection {
        public:
            explicit OddProjection(std::string table)
                : m_table(std::move(table))
            {
            }
            std::string name() const override { return "odd"; }
            std::string table() const override { return m_table; }

        private:
            std::string m_table;
        };
        testing::TestDatabase db;
        {
            auto connection = db.connect();
            testing::insertUserEvents(*connection, 30, 30);
        }
        const std::string odd = "Odd \"Users\"; DROP TABLE events; --";
        auto connection = db.connect();
        auto projection = std::make_shared<OddProjection>(odd);
        ProjectionEngine engine(*connection, projection);
        engine.prepare();
        engine.catchUp();
        const auto report = rebuildProjection(*connection, projection);
        QVERIFY2(report.outcome == RebuildReport::Outcome::Completed, report.error.c_str());
        QCOMPARE(testing::userViewRows(*connection, odd), testing::expectedUserRows(*connection));
        QCOMPARE(db.count("SELECT count(*) FROM events"), 60LL);

        const std::string tooLong(70, 'x');
        try {
            rebuildProjection(*connection, std::make_shared<OddProjection>(tooLong));
            QFAIL("a 70-byte table name was accepted");
        } catch (const store::InvalidInputError& error) {
            QVERIFY2(std::string(error.what()).find("63 bytes") != std::string::npos, error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"

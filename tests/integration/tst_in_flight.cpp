// The held-back log (issue 14): a transaction left open anywhere in the cluster stops the
// readable head. in-flight names it, lag and health count the events waiting behind it, and an
// operator allowed to can end it, audited. Run under the README's least-privilege roles.
#include "RoleStore.hpp"

#include <chrono>

#include "acci/monitoring/Health.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/InFlight.hpp"

using namespace acci;

namespace {

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

const store::InFlightTransaction* holderWithXid(const store::InFlightReport& report, const std::string& xid)
{
    for (const auto& transaction : report.transactions)
        if (transaction.xid == xid)
            return &transaction;
    return nullptr;
}

// The head moves once the holder is gone; the server needs a moment to end a backend.
bool waitUntilNotHeldBack(pqxx::connection& connection)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        pqxx::nontransaction query(connection);
        if (!store::heldBack(query).held())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// A prepared transaction outlives its session and holds back the whole cluster: whatever the
// test's outcome, it is rolled back.
class PreparedTransaction {
public:
    PreparedTransaction(std::string conninfo, std::string gid)
        : m_conninfo(std::move(conninfo))
        , m_gid(std::move(gid))
    {
    }
    ~PreparedTransaction()
    {
        try {
            pqxx::connection connection(m_conninfo);
            pqxx::nontransaction query(connection);
            if (!query.exec_params("SELECT 1 FROM pg_prepared_xacts WHERE gid = $1", m_gid).empty())
                query.exec("ROLLBACK PREPARED " + query.quote(m_gid));
        } catch (const std::exception& error) {
            qWarning("could not roll back prepared transaction %s: %s", m_gid.c_str(), error.what());
        }
    }
    PreparedTransaction(const PreparedTransaction&) = delete;
    PreparedTransaction& operator=(const PreparedTransaction&) = delete;

private:
    std::string m_conninfo;
    std::string m_gid;
};

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestInFlight : public QObject {
    Q_OBJECT
private slots:
    void anIdleTransactionInAnotherDatabaseHoldsBackTheHead()
    {
        RoleStore store;
        // Caught up first: the readable lag is 0 and only the held-back events remain.
        QCOMPARE(admin(store.as("operator"), { "projections", "run", "--once" }).status, 0);

        // A session of another application, in another database of the cluster, that took a
        // transaction id and went idle.
        testing::TestDatabase other(testing::TestDatabase::Schema::Empty);
        const std::string appRole = store.role("app");
        store.db().exec("CREATE ROLE " + appRole + " LOGIN");
        pqxx::connection holder(other.conninfo() + " user=" + appRole + " application_name=nightly-report");
        pqxx::work open(holder);
        const std::string xid = open.exec1("SELECT pg_current_xact_id()::text")[0].c_str();

        auto writer = store.connect("writer");
        appendPings(*writer, "pinger-1", 3);

        auto reader = store.connect("reader");
        const auto report = store::inFlight(*reader);
        const auto* held = holderWithXid(report, xid);
        QVERIFY2(held, "the idle transaction is listed");
        QCOMPARE(held->database, other.name());
        QCOMPARE(held->role, appRole);
        QCOMPARE(held->pid.value_or(0), holder.backendpid());
        QCOMPARE(held->eventsWaiting, 3LL);
        QVERIFY(held->holdsBackHead());
        QVERIFY(!held->wroteEvents);
        // The reader lacks pg_read_all_stats: another role's state and query are hidden, and it is told so.
        QVERIFY(held->detailsHidden);
        QVERIFY(!report.seesAllSessions);
        QVERIFY(contains(report.hiddenNote, "pg_read_all_stats"));
        QCOMPARE(report.heldBack.eventsWaiting, 3LL);
        QCOMPARE(report.heldBack.holderXid, xid);
        QVERIFY2(contains(report.heldBack.cause, "pid " + std::to_string(holder.backendpid())),
            report.heldBack.cause.c_str());
        QCOMPARE(store::terminateStatement(*held),
            "SELECT pg_terminate_backend(" + std::to_string(holder.backendpid()) + ");");

        // A role with pg_read_all_stats sees the session in full.
        store.db().exec("GRANT pg_read_all_stats TO " + store.role("operator"));
        auto operatorConnection = store.connect("operator");
        const auto full = store::inFlight(*operatorConnection);
        const auto* seen = holderWithXid(full, xid);
        QVERIFY(seen && !seen->detailsHidden);
        QCOMPARE(seen->state, std::string("idle in transaction"));
        QCOMPARE(seen->application, std::string("nightly-report"));
        QVERIFY(contains(seen->query, "pg_current_xact_id"));
        QVERIFY(seen->transactionAgeSeconds.has_value());
        QVERIFY2(!seen->mayTerminate, "another role's session, without pg_signal_backend");

        // Lag is not 0: the projection has three events to process, all held back.
        for (const auto& status : projections::listProjections(*reader, projections::builtInProjections())) {
            QCOMPARE(status.lagEvents, 0LL);
            QCOMPARE(status.heldBack.eventsWaiting, 3LL);
            QCOMPARE(status.totalLagEvents(), 3LL);
        }
        const auto listed = admin(store.as("reader"), { "projections", "list" });
        QCOMPARE(listed.status, 0);
        const auto line = nlohmann::json::parse(listed.out.split('\n').first().toStdString());
        QCOMPARE(line["lag_events"].get<long long>(), 3LL);
        QCOMPARE(line["held_back_events"].get<long long>(), 3LL);
        QVERIFY(contains(line["held_back_by"].get<std::string>(), "pid"));
        const auto json = admin(store.as("reader"), { "in-flight", "--json" });
        QCOMPARE(json.status, 0);
        QCOMPARE(nlohmann::json::parse(json.out.toStdString())["held_back"]["events_waiting"].get<long long>(), 3LL);

        // Healthy within the threshold, unhealthy past it, naming the holder.
        monitoring::HealthThresholds thresholds;
        thresholds.maxLagEvents = 1000;
        const auto within = monitoring::checkHealth(*reader, thresholds, projections::builtInProjections());
        QVERIFY2(within.healthy, within.toJson().dump().c_str());
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        thresholds.maxHeldBackSeconds = 1;
        const auto past = monitoring::checkHealth(*reader, thresholds, projections::builtInProjections());
        QVERIFY(!past.healthy);
        bool named = false;
        for (const auto& check : past.checks)
            named = named
                || (check.name == "held-back" && !check.ok
                    && contains(check.detail, "pid " + std::to_string(holder.backendpid())));
        QVERIFY2(named, past.toJson().dump().c_str());
        const auto cli = admin(store.as("reader"), { "health", "--max-held-back", "1", "--max-lag-events", "1000" });
        QCOMPARE(cli.status, 1);
        QVERIFY(cli.out.contains("FAIL  held-back"));

        // Terminating another role's session needs pg_signal_backend: a clear refusal first.
        store.db().exec("REVOKE pg_read_all_stats FROM " + store.role("operator"));
        try {
            store::terminateInFlight(*operatorConnection, *seen);
            QFAIL("terminated without pg_signal_backend");
        } catch (const store::InvalidInputError& error) {
            QVERIFY2(contains(error.what(), "pg_signal_backend"), error.what());
        }
        QCOMPARE(store.text("SELECT count(*) FROM console_audit WHERE action = 'terminate'"), std::string("0"));

        store.db().exec("GRANT pg_signal_backend TO " + store.role("operator"));
        QVERIFY(holderWithXid(store::inFlight(*operatorConnection), xid)->mayTerminate);
        store::terminateInFlight(*operatorConnection, *seen);
        QVERIFY(waitUntilNotHeldBack(*reader));
        QCOMPARE(store.text("SELECT count(*) FROM console_audit WHERE action = 'terminate' AND outcome = 'ok'"
                            " AND db_user = '"
                     + store.role("operator") + "'"),
            std::string("1"));
        QVERIFY_THROWS_EXCEPTION(std::exception, open.exec("SELECT 1"));
        for (const auto& status : projections::listProjections(*reader, projections::builtInProjections())) {
            QCOMPARE(status.heldBack.eventsWaiting, 0LL);
            QCOMPARE(status.lagEvents, 3LL);
        }
        // Gone: a second terminate says so and does nothing.
        try {
            store::terminateInFlight(*operatorConnection, *seen);
            QFAIL("terminated a transaction that had ended");
        } catch (const store::InvalidInputError& error) {
            QVERIFY2(contains(error.what(), "already ended"), error.what());
        }
    }

    void aForgottenPreparedTransactionHoldsBackTheHead()
    {
        RoleStore store;
        const std::string gid = "forgotten-" + store.role("x");
        const PreparedTransaction cleanup(store.db().conninfo(), gid);
        {
            // A service's two-phase commit that prepared and never finished. (It cannot have
            // written events: the insert trigger's NOTIFY forbids PREPARE TRANSACTION.)
            auto service = store.connect("writer");
            pqxx::nontransaction statements(*service);
            statements.exec("BEGIN");
            statements.exec("SELECT pg_current_xact_id()");
            statements.exec("PREPARE TRANSACTION " + service->quote(gid));
        }
        auto writer = store.connect("writer");
        appendPings(*writer, "pinger-2", 2);

        auto operatorConnection = store.connect("operator");
        const auto report = store::inFlight(*operatorConnection);
        const store::InFlightTransaction* prepared = nullptr;
        for (const auto& transaction : report.transactions)
            if (transaction.preparedGid == gid)
                prepared = &transaction;
        QVERIFY2(prepared, report.toJson().dump().c_str());
        QVERIFY(!prepared->pid);
        QCOMPARE(prepared->state, std::string("prepared"));
        QCOMPARE(prepared->role, store.role("writer"));
        QVERIFY(!prepared->wroteEvents);
        QCOMPARE(prepared->eventsWaiting, 2LL);
        QCOMPARE(report.heldBack.eventsWaiting, 2LL);
        QVERIFY2(contains(report.heldBack.cause, "prepared transaction '" + gid + "'"), report.heldBack.cause.c_str());
        QVERIFY(contains(store::terminateStatement(*prepared), "ROLLBACK PREPARED '" + gid + "'"));

        const auto listed = admin(store.as("reader"), { "projections", "list" });
        QCOMPARE(
            nlohmann::json::parse(listed.out.split('\n').first().toStdString())["held_back_events"].get<long long>(),
            2LL);

        // Only its owner or a superuser may roll it back.
        try {
            store::terminateInFlight(*operatorConnection, *prepared);
            QFAIL("rolled back another role's prepared transaction");
        } catch (const store::InvalidInputError& error) {
            QVERIFY2(contains(error.what(), "owner"), error.what());
        }
        auto superuser = store.db().connect();
        store::terminateInFlight(*superuser, *prepared);
        QVERIFY(waitUntilNotHeldBack(*operatorConnection));
        QCOMPARE(store.text("SELECT count(*) FROM events WHERE aggregate_id = 'pinger-2'"), std::string("2"));
        QCOMPARE(store.text("SELECT count(*) FROM console_audit WHERE action = 'terminate' AND outcome = 'ok'"),
            std::string("1"));
    }

    void aTransactionNewerThanEveryFinishedOneIsListed()
    {
        RoleStore store;
        // Nothing commits after it takes its id: its id is at or above the snapshot's xmax,
        // where pg_snapshot_xip does not look.
        pqxx::connection holder(store.as("writer"));
        pqxx::work open(holder);
        const std::string xid = open.exec1("SELECT pg_current_xact_id()::text")[0].c_str();
        auto reader = store.connect("reader");
        const auto report = store::inFlight(*reader);
        const auto* listed = holderWithXid(report, xid);
        QVERIFY2(listed, report.toJson().dump().c_str());
        QCOMPARE(listed->pid.value_or(0), holder.backendpid());
        QCOMPARE(listed->eventsWaiting, 0LL);
        // A savepoint's own id does not make a second row for the same session.
        open.exec("SAVEPOINT s1");
        open.exec("SELECT pg_current_xact_id()");
        open.exec("CREATE TEMP TABLE scratch (n int)");
        int rows = 0;
        for (const auto& transaction : store::inFlight(*reader).transactions)
            rows += transaction.pid == holder.backendpid() ? 1 : 0;
        QCOMPARE(rows, 1);
    }

    void textFromOtherSessionsCannotDriveATerminal()
    {
        store::InFlightTransaction prepared;
        prepared.xid = "900";
        prepared.preparedGid = "a'b\\c\n\x1b[31m";
        prepared.database = "shop";
        prepared.role = "app\x1b]0;title\x07";
        QCOMPARE(store::terminateStatement(prepared),
            std::string("ROLLBACK PREPARED E'a''b\\\\c\\n\\x1b[31m';  -- in database shop"));
        QVERIFY(prepared.describe().find('\x1b') == std::string::npos);
        QVERIFY(prepared.describe().find('\n') == std::string::npos);
        store::InFlightTransaction session;
        session.xid = "901";
        session.pid = 42;
        session.query = "select 1;\n\x1b[2J";
        QCOMPARE(store::printableQuery(session), std::string("select 1;\\n\\x1b[2J"));
        QCOMPARE(store::terminateStatement(session), std::string("SELECT pg_terminate_backend(42);"));
    }

    void nothingInFlightMeansNothingHeldBack()
    {
        RoleStore store;
        auto writer = store.connect("writer");
        appendPings(*writer, "pinger-3", 2);
        auto reader = store.connect("reader");
        const auto report = store::inFlight(*reader);
        QVERIFY(!report.heldBack.held());
        QVERIFY(report.heldBack.cause.empty());
        const auto text = admin(store.as("reader"), { "in-flight" });
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("not held back"), qPrintable(text.out));
    }
};

QTEST_GUILESS_MAIN(TestInFlight)
#include "tst_in_flight.moc"

// The guide's metrics and health checks, from a real database.
#include <QtTest>

#include <pqxx/nontransaction>

#include "RoleStore.hpp"
#include "TestDatabase.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/monitoring/Metrics.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"

using namespace acci;

namespace {

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// As acci-admin health runs it: its own connection, then the checks.
monitoring::HealthReport healthOf(const std::string& conninfo, const monitoring::HealthThresholds& thresholds)
{
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = store::connect(conninfo, "tst_monitoring");
    } catch (const std::exception& error) {
        return monitoring::unreachableReport(store::describeError(error));
    }
    return monitoring::checkHealth(*connection, thresholds, projections::builtInProjections());
}

const monitoring::HealthCheck* find(const monitoring::HealthReport& report, const std::string& name)
{
    for (const auto& check : report.checks)
        if (check.name == name)
            return &check;
    return nullptr;
}

void append(
    store::EventStore& store, const std::string& id, const std::string& type, std::optional<std::int64_t> at = {})
{
    store::NewEvent event;
    event.eventType = type;
    event.data = { { "user_id", id }, { "email", id + "@example.com" }, { "name", id } };
    event.timestampUs = at;
    store.append(id, type == "UserCreated" ? "User" : "Other", store::ExpectedVersion::Any, { event });
}

} // namespace

class TestMonitoring : public QObject {
    Q_OBJECT
private slots:
    void metricsInPrometheusFormat()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        store::EventStore eventStore(*connection);
        append(eventStore, "a", "UserCreated");
        append(eventStore, "b", "UserCreated");
        append(eventStore, "c", "Odd \"quoted\" type");
        eventStore.saveSnapshot({ "a", "User", 1, { { "name", std::string(3000, 'x') } }, 0 });
        eventStore.saveSnapshot({ "b", "User", 1, { { "name", "b" } }, 0 });

        const auto metrics = monitoring::collectMetrics(*connection, projections::builtInProjections());
        QCOMPARE(metrics.eventsByType.at("UserCreated"), 2LL);
        QCOMPARE(metrics.snapshotCount, 2LL);
        QCOMPARE(metrics.snapshotSizeBuckets.front().second, 1LL); // only b is under 1 KiB
        QCOMPARE(metrics.snapshotSizeBuckets.back().second, 2LL);
        const std::string text = monitoring::toPrometheus(metrics);
        QVERIFY(has(text, "# TYPE acci_events_total counter\n"));
        QVERIFY(has(text, "acci_events_total{event_type=\"UserCreated\"} 2\n"));
        QVERIFY(has(text, "acci_events_total{event_type=\"Odd \\\"quoted\\\" type\"} 1\n"));
        QVERIFY(has(text, "acci_projection_lag_events{projection=\"user_view\"} 3\n"));
        QVERIFY(has(text, "acci_snapshot_size_bytes_bucket{le=\"+Inf\"} 2\n"));
        QVERIFY(has(text, "acci_snapshot_size_bytes_count 2\n"));
        QVERIFY(has(text, "# TYPE acci_newest_event_age_seconds gauge\n"));
    }

    void healthFollowsTheGuideAndTheThresholds()
    {
        testing::TestDatabase db;
        auto connection = db.connect();
        store::EventStore eventStore(*connection);
        monitoring::HealthThresholds thresholds;

        auto report = healthOf(db.conninfo(), thresholds);
        QVERIFY(report.healthy); // an empty store is healthy
        QVERIFY(find(report, "recent-events")->ok);

        // Only old events: the guide's "no recent events processed".
        append(eventStore, "old", "UserCreated", 1700000000000000LL);
        report = healthOf(db.conninfo(), thresholds);
        QVERIFY(!report.healthy);
        QVERIFY(!find(report, "recent-events")->ok);
        QVERIFY(has(find(report, "recent-events")->detail, "no recent events"));
        QVERIFY(!find(report, "projection:user_view")->ok); // a pending event years old

        append(eventStore, "fresh", "UserCreated");
        projections::ProjectionEngine engine(*connection, std::make_shared<projections::UserProjection>());
        engine.prepare();
        engine.catchUp();
        report = healthOf(db.conninfo(), thresholds);
        QVERIFY2(report.healthy, report.toJson().dump().c_str());

        // A parked event makes it unhealthy unless the threshold allows it.
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) VALUES "
                "(gen_random_uuid(), 'bad', 'User', 'UserCreated', 1, '[]', '{}')");
        engine.catchUp();
        report = healthOf(db.conninfo(), thresholds);
        QVERIFY(!find(report, "dead-letters:user_view")->ok);
        thresholds.maxDeadLetters = 1;
        QVERIFY(healthOf(db.conninfo(), thresholds).healthy);
        QVERIFY(report.toJson().contains("checks"));
    }

    void unreachableOrUnmigratedDatabasesAreUnhealthyNotFatal()
    {
        const auto gone = healthOf("host=/nonexistent port=1", {});
        QVERIFY(!gone.healthy);
        QCOMPARE(gone.checks.size(), std::size_t(1));
        QVERIFY(has(gone.checks[0].detail, "Could not connect"));

        testing::TestDatabase empty(testing::TestDatabase::Schema::Empty);
        const auto bare = healthOf(empty.conninfo(), {});
        QVERIFY(!bare.healthy);
        QVERIFY(has(find(bare, "schema")->detail, "acci-admin migrate"));
    }

    // A role that may not read the projections' tables: one "rights" check says which and what
    // to grant, the checks it can run still run, and no check name comes twice.
    void aRoleWithoutTheProjectionsRightsGetsTheOtherChecks()
    {
        RoleStore store;
        store.load(3, 0);
        const auto verdict = [&](const char* kind) {
            const auto run = admin(store.as(kind), { "health", "--format", "json" });
            const auto report = nlohmann::json::parse(run.out.toStdString());
            std::map<std::string, nlohmann::json> checks;
            for (const auto& check : report["checks"]) {
                const std::string name = check["name"].get<std::string>();
                if (checks.count(name))
                    qFatal("%s twice: %s", name.c_str(), run.out.toUtf8().constData());
                checks[name] = check;
            }
            return std::make_tuple(run.status, report["healthy"].get<bool>(), checks, run.out);
        };

        // A writer appends events and reads them, not the projections' tables.
        {
            const auto [status, healthy, checks, out] = verdict("writer");
            QCOMPARE(status, 1);
            QVERIFY(!healthy);
            QVERIFY2(checks.at("database")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(checks.at("schema")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(checks.at("recent-events")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(checks.at("held-back")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(!checks.count("projection:user_view"), qPrintable(out)); // not read, so not judged
            const std::string rights = checks.at("rights")["detail"].get<std::string>();
            QVERIFY2(!checks.at("rights")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(has(rights, "The role " + store.role("writer") + " may not read projection_"), rights.c_str());
            QVERIFY2(has(rights, "could not run: projections."), rights.c_str());
            QVERIFY2(has(rights, "'acci-admin grant reader " + store.role("writer") + "'"), rights.c_str());
            // Its metrics export what it may read, and say on stderr what is left out.
            const auto metrics = admin(store.as("writer"), { "metrics" });
            QCOMPARE(metrics.status, 0);
            QVERIFY2(metrics.out.contains(QStringLiteral("\nacci_events_total{event_type=\"UserCreated\"} ")),
                qPrintable(metrics.out));
            QVERIFY2(metrics.out.contains(QStringLiteral("\nacci_events_held_back 0\n")), qPrintable(metrics.out));
            QVERIFY(!metrics.out.contains(QStringLiteral("acci_projection_lag_events{")));
            QVERIFY2(metrics.err.contains(QStringLiteral("these metrics are left out: the projections' lag and dead "
                                                         "letters"))
                    && metrics.err.contains(QString::fromStdString("grant reader " + store.role("writer"))),
                qPrintable(metrics.err));
        }

        // A reader whose SELECT on the checkpoints and dead letters was taken back.
        store.asOwner(
            { "REVOKE SELECT ON projection_checkpoints, projection_dead_letters FROM " + store.role("reader") });
        {
            const auto [status, healthy, checks, out] = verdict("reader");
            QCOMPARE(status, 1);
            QVERIFY(!healthy);
            QVERIFY2(checks.at("recent-events")["ok"].get<bool>(), qPrintable(out));
            QVERIFY2(checks.at("held-back")["ok"].get<bool>(), qPrintable(out));
            const std::string rights = checks.at("rights")["detail"].get<std::string>();
            QVERIFY2(has(rights, "projection_checkpoints") || has(rights, "projection_dead_letters"), rights.c_str());
        }
        // The same report on the core's side carries the figures a console words it from.
        auto reader = store.connect("reader");
        const auto report
            = monitoring::checkHealth(*reader, monitoring::HealthThresholds {}, projections::builtInProjections());
        const auto* rights = find(report, "rights");
        QVERIFY(rights);
        QCOMPARE(rights->sentence, monitoring::HealthSentence::MissingRights);
        QCOMPARE(rights->figures.at(0), store.role("reader"));
        QCOMPARE(rights->figures.at(2), std::string("projections"));

        // The table format: one line per check, the rights line among them, then the verdict.
        const auto table = admin(store.as("writer"), { "health" });
        QCOMPARE(table.status, 1);
        QVERIFY2(table.out.contains(QLatin1String("FAIL  rights: The role ")), qPrintable(table.out));
        QVERIFY2(table.out.contains(QLatin1String("ok    recent-events: ")), qPrintable(table.out));
        QCOMPARE(table.out.count(QLatin1String(" database: ")), 1);
        QVERIFY(table.out.endsWith(QLatin1String("unhealthy\n")));
    }
};

QTEST_GUILESS_MAIN(TestMonitoring)
#include "tst_monitoring.moc"

// The health verdict as a pure rule: figures in, checks out, thresholds inclusive.
#include <QtTest>

#include "acci/monitoring/Health.hpp"

using namespace acci;
using monitoring::HealthThresholds;
using projections::ProjectionState;

namespace {

const monitoring::HealthCheck& check(const monitoring::HealthReport& report, const std::string& name)
{
    for (const auto& c : report.checks)
        if (c.name == name)
            return c;
    throw std::runtime_error("no check " + name);
}

projections::ProjectionStatus projection(const std::string& name, std::int64_t lagEvents, double lagSeconds,
    std::int64_t deadLetters = 0, ProjectionState state = ProjectionState::Stopped)
{
    projections::ProjectionStatus p;
    p.name = name;
    p.builtIn = true;
    p.state = state;
    p.lagEvents = lagEvents;
    p.lagSeconds = lagSeconds;
    p.deadLetters = deadLetters;
    return p;
}

HealthThresholds limits()
{
    HealthThresholds t;
    t.maxEventAgeSeconds = 60;
    t.maxLagEvents = 100;
    t.maxLagSeconds = 30;
    t.maxDeadLetters = 2;
    return t;
}

} // namespace

class TestHealthRules : public QObject {
    Q_OBJECT
private slots:
    void anEmptyStoreIsHealthy()
    {
        const auto report = monitoring::assessHealth({}, limits());
        QVERIFY(report.healthy);
        QCOMPARE(report.checks.size(), std::size_t(2));
        QCOMPARE(report.checks[0].name, std::string("recent-events"));
        QCOMPARE(report.checks[1].name, std::string("held-back"));
        QVERIFY(report.checks[1].ok);
        QCOMPARE(report.checks[0].detail, std::string("No events yet."));
    }

    void theNewestEventMayBeExactlyAsOldAsTheLimit()
    {
        monitoring::Metrics metrics;
        metrics.newestEventAgeSeconds = 60.0;
        auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(report.healthy);
        QCOMPARE(check(report, "recent-events").detail, std::string("The newest event is 60 s old (limit 60 s)."));

        metrics.newestEventAgeSeconds = 60.4; // rounds to 60 in the sentence, but is over the limit
        report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        QCOMPARE(check(report, "recent-events").detail,
            std::string("The newest event is 60 s old (limit 60 s): no recent events processed."));
    }

    void lagIsJudgedPerProjectionInEventsAndSeconds()
    {
        monitoring::Metrics metrics;
        metrics.newestEventAgeSeconds = 1;
        metrics.projections
            = { projection("at_limit", 100, 30.0), projection("idle_one", 0, 0, 0, ProjectionState::Idle) };
        auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(report.healthy);
        QCOMPARE(report.checks.size(), std::size_t(6)); // recent-events, two checks per projection in order, held-back
        QCOMPARE(report.checks[1].name, std::string("projection:at_limit"));
        QCOMPARE(report.checks[2].name, std::string("dead-letters:at_limit"));
        QCOMPARE(report.checks[3].name, std::string("projection:idle_one"));
        QCOMPARE(
            check(report, "projection:at_limit").detail, std::string("at_limit is stopped, 100 events (30 s) behind."));
        QCOMPARE(check(report, "projection:idle_one").detail, std::string("idle_one is idle, 0 events (0 s) behind."));

        metrics.projections = { projection("one_event_over", 101, 0.5), projection("fine", 0, 0) };
        report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        QVERIFY(!check(report, "projection:one_event_over").ok);
        QVERIFY(check(report, "projection:fine").ok);

        // Only the seconds are over: a few old events are as bad as many new ones.
        metrics.projections = { projection("old_events", 3, 30.2) };
        report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        QCOMPARE(check(report, "projection:old_events").detail,
            std::string("old_events is stopped, 3 events (30 s) behind."));
    }

    void aFaultedProjectionIsUnhealthyWhateverItsLagAndSaysWhy()
    {
        monitoring::Metrics metrics;
        auto faulted = projection("user_view", 0, 0, 1, ProjectionState::Faulted);
        faulted.lastError = "event e-1 has no email";
        metrics.projections = { faulted };
        const auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        QCOMPARE(check(report, "projection:user_view").detail,
            std::string("user_view is faulted, 0 events (0 s) behind: event e-1 has no email"));
        QVERIFY(check(report, "dead-letters:user_view").ok); // 1 <= 2
    }

    void anUnknownStateIsPrintedAsStoredAndNotAFault()
    {
        monitoring::Metrics metrics;
        auto external = projection("billing", 0, 0, 0, ProjectionState::Unknown);
        external.unknownState = "paused by ops";
        metrics.projections = { external };
        const auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(report.healthy);
        QCOMPARE(check(report, "projection:billing").detail,
            std::string("billing is paused by ops, 0 events (0 s) behind."));
    }

    void eventsHeldBackPastTheLimitAreUnhealthyAndNameTheHolder()
    {
        monitoring::Metrics metrics;
        metrics.heldBack.eventsWaiting = 5;
        metrics.heldBack.secondsWaiting = 60;
        metrics.heldBack.holderXid = "812";
        metrics.heldBack.cause = "Held back by pid 42 (role app, database shop, idle in transaction for 5 min).";
        auto thresholds = limits();
        thresholds.maxHeldBackSeconds = 60;
        QVERIFY(monitoring::assessHealth(metrics, thresholds).healthy); // at the limit
        metrics.heldBack.secondsWaiting = 75;
        const auto report = monitoring::assessHealth(metrics, thresholds);
        QVERIFY(!report.healthy);
        QCOMPARE(check(report, "held-back").detail,
            std::string("5 committed events have waited 75 s (limit 60 s). Held back by pid 42 (role app, database "
                        "shop, idle in transaction for 5 min)."));
    }

    void deadLettersMayReachTheLimitButNotPassIt()
    {
        monitoring::Metrics metrics;
        metrics.projections = { projection("at_limit", 0, 0, 2), projection("over", 0, 0, 3) };
        const auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        QVERIFY(check(report, "dead-letters:at_limit").ok);
        QVERIFY(!check(report, "dead-letters:over").ok);
        QCOMPARE(check(report, "dead-letters:over").detail, std::string("3 dead letters for over."));
        // The default allows none.
        QVERIFY(!monitoring::assessHealth(metrics, {}).healthy);
        const auto json = report.toJson();
        QCOMPARE(json["healthy"].get<bool>(), false);
        QCOMPARE(json["checks"].size(), std::size_t(6));
    }

    // Figures the role could not read: their checks are left out, not passed as "no events",
    // and one rights check says what to grant; what cannot be assessed is not healthy.
    void unreadableFiguresLeaveTheirChecksOutAndFailRights()
    {
        monitoring::Metrics metrics;
        metrics.newestEventAgeSeconds = 5;
        metrics.unreadable.role = "app_writer";
        metrics.unreadable.relations = { "projection_rebuild_history" };
        metrics.unreadable.projections = true;
        const auto report = monitoring::assessHealth(metrics, limits());
        QVERIFY(!report.healthy);
        const auto& rights = check(report, "rights");
        QVERIFY(!rights.ok);
        QCOMPARE(rights.sentence, monitoring::HealthSentence::MissingRights);
        QCOMPARE(
            rights.figures, (std::vector<std::string> { "app_writer", "projection_rebuild_history", "projections" }));
        QCOMPARE(rights.detail,
            std::string("The role app_writer may not read projection_rebuild_history, so these checks could not run: "
                        "projections. Have the store's owner run 'acci-admin grant reader app_writer' (README, "
                        "\"Roles\"), or check health as a role that can read it."));
        QVERIFY(check(report, "recent-events").ok);
        QVERIFY(check(report, "held-back").ok);

        metrics.unreadable.newestEvent = true;
        metrics.unreadable.heldBack = true;
        const auto none = monitoring::assessHealth(metrics, limits());
        QCOMPARE(none.checks.size(), std::size_t(1)); // only the rights check: nothing else was read
        QCOMPARE(check(none, "rights").figures[2], std::string("recent-events, projections, held-back"));
    }
};

QTEST_GUILESS_MAIN(TestHealthRules)
#include "tst_health_rules.moc"

// What keeps a big store cheap to open (issue 15): counts in parts add up to the count, the
// planner's estimates are close once analyzed, a projection's lag beyond the cap is estimated
// from the positions, tenants and types come from index probes.
#include <QtTest>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "TestDatabase.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/LogQueries.hpp"
#include "store/LogFilterSql.hpp"

using namespace acci;

namespace {

// Events of three tenants, five types, over aggregates of 10; `users` of them user_view's.
void insertEvents(const testing::TestDatabase& db, long long events, long long first = 0)
{
    db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata) "
            "SELECT gen_random_uuid(), 'agg-' || (g / 10), CASE WHEN g / 10 % 2 = 0 THEN 'Even' ELSE 'Odd' END, "
            "(ARRAY['A','B','C','D','E'])[g % 5 + 1], g % 10 + 1, jsonb_build_object('sku', 'SKU-' || (g % 50)), "
            "jsonb_build_object('tenant_id', 'tenant-' || (g / 10 % 3), 'user_id', 'u' || (g % 100)) "
            "FROM generate_series("
        + std::to_string(first) + ", " + std::to_string(first + events - 1) + ") g");
    db.exec("ANALYZE events");
    db.exec("ANALYZE aggregates");
}

} // namespace

class TestBigStore : public QObject {
    Q_OBJECT

private slots:
    void countPartsAddUpToTheCountForEveryFilter()
    {
        testing::TestDatabase db;
        insertEvents(db, 30000);
        auto connection = db.connect();
        pqxx::nontransaction tx(*connection);
        const auto head = store::readableHead(tx).value();
        const long long pages = db.count("SELECT pg_relation_size('events') / 8192");
        QVERIFY(pages > 10);
        std::vector<store::LogFilter> filters(5);
        filters[1].tenantId = "tenant-1";
        filters[2].dataContains = R"({"sku": "SKU-7"})";
        filters[3].eventTypes = { "B", "D" };
        filters[4].aggregateType = "Odd";
        for (const auto& filter : filters) {
            const auto whole = store::countLog(tx, filter, head);
            QVERIFY(whole > 0);
            QCOMPARE(store::countLogPages(tx, filter, 0, std::nullopt, head), whole);
            std::int64_t parts = 0;
            const std::vector<std::int64_t> cuts = { pages / 3, pages / 2, pages - 1 };
            std::int64_t from = 0;
            for (const auto cut : cuts) {
                parts += store::countLogPages(tx, filter, from, cut, head);
                from = cut;
            }
            parts += store::countLogPages(tx, filter, from, std::nullopt, head);
            QCOMPARE(parts, whole);
        }
        // Parts stop at the bound: an event appended later is in no part.
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) "
                "VALUES (gen_random_uuid(), 'late', 'Odd', 'A', 1, '{}')");
        QCOMPARE(store::countLogPages(tx, {}, 0, pages / 2, head) + store::countLogPages(tx, {}, pages / 2, {}, head),
            30000LL);
        // A small table is counted in one go.
        QVERIFY(store::logCountCuts(tx, {}, 50).empty());
    }

    void aBigTableIsCutAndAnIndexedRareFilterIsNot()
    {
        testing::TestDatabase db;
        insertEvents(db, 120000);
        auto connection = db.connect();
        pqxx::nontransaction tx(*connection);
        const auto cuts = store::logCountCuts(tx, {}, 10);
        QCOMPARE(cuts.size(), std::size_t { 9 });
        QVERIFY(std::is_sorted(cuts.begin(), cuts.end()) && cuts.front() > 0);
        store::LogFilter tenant;
        tenant.tenantId = "tenant-2";
        QCOMPARE(store::logCountCuts(tx, tenant, 10).size(), std::size_t { 9 }); // no index: in parts
        store::LogFilter aggregate;
        aggregate.aggregateId = "agg-17";
        QVERIFY(store::logFilterIndexed(aggregate));
        QVERIFY(store::logCountCuts(tx, aggregate, 10).empty()); // ten events through an index
        const auto head = store::readableHead(tx).value();
        std::int64_t parts = 0;
        for (std::size_t part = 0; part <= cuts.size(); ++part)
            parts += store::countLogPages(tx, tenant, part == 0 ? 0 : cuts[part - 1],
                part < cuts.size() ? std::optional<std::int64_t>(cuts[part]) : std::nullopt, head);
        QCOMPARE(parts, store::countLog(tx, tenant, head));

        // Estimates, from the statistics: the tenant's thanks to migration 005's.
        const auto near
            = [](std::int64_t estimate, long long truth) { return estimate > truth * 0.7 && estimate < truth * 1.3; };
        QVERIFY(near(store::estimateLog(tx, {}), 120000));
        const auto tenantEstimate = store::estimateLog(tx, tenant);
        QVERIFY2(
            near(tenantEstimate, db.count("SELECT count(*) FROM events WHERE metadata ->> 'tenant_id' = 'tenant-2'")),
            qPrintable(QString::number(tenantEstimate)));
        store::LogFilter user;
        user.userId = "u7";
        QVERIFY(near(store::estimateLog(tx, user), 1200));
    }

    void lagBeyondTheCapIsEstimatedFromThePositions()
    {
        testing::TestDatabase db;
        const long long events = projections::ExactLagUpTo + 500;
        insertEvents(db, events);
        auto connection = db.connect();
        const auto builtIns = projections::builtInProjections();
        auto statuses = projections::listProjections(*connection, builtIns);
        QCOMPARE(statuses.size(), std::size_t { 1 });
        QVERIFY(statuses[0].lagEstimated);
        QCOMPARE(statuses[0].lagEvents, static_cast<std::int64_t>(events)); // positions 1 … events, none lost
        QVERIFY(statuses[0].lagSeconds >= 0);
        // Near the head, counted.
        db.exec("INSERT INTO projection_checkpoints (projection, tx_id, position) "
                "SELECT 'user_view', tx_id, global_position FROM events ORDER BY tx_id, global_position "
                "OFFSET 1000 LIMIT 1");
        statuses = projections::listProjections(*connection, builtIns);
        QVERIFY(!statuses[0].lagEstimated);
        QCOMPARE(statuses[0].lagEvents, static_cast<std::int64_t>(events - 1001));
    }

    void tenantsAndTypesComeFromIndexProbes()
    {
        testing::TestDatabase db;
        insertEvents(db, 3000);
        auto connection = db.connect();
        const auto tenants = store::listTenants(*connection);
        QCOMPARE(tenants, (std::vector<std::string> { "tenant-0", "tenant-1", "tenant-2" }));
        QCOMPARE(store::listTenants(*connection, 2).size(), std::size_t { 2 });
        store::EventStore eventStore(*connection);
        for (const std::optional<std::string>& tenant :
            { std::optional<std::string>(), std::optional<std::string>("tenant-1") }) {
            const auto exact = eventStore.aggregateTypes(tenant);
            const auto estimated = eventStore.estimateAggregateTypes(tenant);
            QCOMPARE(estimated.size(), exact.size());
            for (std::size_t i = 0; i < exact.size(); ++i) {
                QCOMPARE(estimated[i].aggregateType, exact[i].aggregateType);
                QVERIFY(estimated[i].estimated && !exact[i].estimated);
                QVERIFY(estimated[i].count > 0);
            }
        }
        QVERIFY(eventStore.estimateAggregateTypes(std::string("nobody")).empty());
    }

    // A filter no index serves reads the first and the last rows by walking the log's index,
    // whatever the planner would prefer: here it is told that random reads cost 1000 times a
    // sequential one, so it would read and sort everything, and the rows must not change.
    void unindexedFiltersWalkTheLogInOrder()
    {
        testing::TestDatabase db;
        insertEvents(db, 20000);
        insertEvents(db, 20000, 20000); // a second transaction: positions across two tx ids
        auto connection = db.connect();
        pqxx::nontransaction tx(*connection);
        tx.exec("SET random_page_cost = 1000");
        tx.exec("SET seq_page_cost = 0.001");
        const auto head = store::readableHead(tx).value();
        struct Case {
            store::LogFilter filter;
            std::string predicate; // the same filter, written plainly
        };
        std::vector<Case> cases(4);
        cases[0].filter.tenantId = "tenant-1";
        cases[0].predicate = "metadata ->> 'tenant_id' = 'tenant-1'";
        cases[1].filter.dataContains = R"({"sku": "SKU-7"})";
        cases[1].predicate = R"(data @> '{"sku": "SKU-7"}')";
        cases[2].filter.aggregateType = "Odd";
        cases[2].predicate = "aggregate_type = 'Odd'";
        cases[3].filter.userId = "u7";
        cases[3].filter.dataContains = R"({"sku": "SKU-7"})";
        cases[3].predicate = R"(metadata ->> 'user_id' = 'u7' AND data @> '{"sku": "SKU-7"}')";
        for (const auto& [filter, predicate] : cases) {
            QVERIFY(store::detail::walkLogForFilter(filter));
            auto reference = [&](const char* order) {
                std::vector<store::LogPosition> rows;
                for (const auto& row : tx.exec("SELECT tx_id::text, global_position FROM events WHERE " + predicate
                         + " ORDER BY tx_id " + order + ", global_position " + order + " LIMIT 40"))
                    rows.push_back({ row[0].as<std::uint64_t>(), row[1].as<std::int64_t>() });
                return rows;
            };
            const auto first = reference("ASC");
            auto last = reference("DESC");
            std::reverse(last.begin(), last.end());
            QCOMPARE(first.size(), std::size_t { 40 });
            QVERIFY(store::logKeysAfter(tx, {}, 40, filter, head) == first);
            QVERIFY(store::lastLogKeys(tx, 40, filter, head) == last);
            const auto page = store::readAll(tx, {}, 40, filter);
            QCOMPARE(page.size(), std::size_t { 40 });
            for (std::size_t i = 0; i < page.size(); ++i)
                QVERIFY(page[i].position == first[i]);
            // The plan: an index walk and no sort.
            const std::string walked = store::detail::logInOrderSql(
                "global_position", "true", " AND " + predicate, "tx_id, global_position", "40", true);
            const std::string free = store::detail::logInOrderSql(
                "global_position", "true", " AND " + predicate, "tx_id, global_position", "40", false);
            auto plan = [&](const std::string& sql) {
                std::string text;
                for (const auto& row : tx.exec("EXPLAIN " + sql))
                    text += std::string(row[0].c_str()) + "\n";
                return text;
            };
            if (filter.dataContains && !filter.userId) // one in 50 rows: left alone, it would sort
                QVERIFY2(plan(free).find("Sort") != std::string::npos, plan(free).c_str());
            QVERIFY2(plan(walked).find("Sort") == std::string::npos, plan(walked).c_str());
            QVERIFY2(plan(walked).find("idx_events_log") != std::string::npos, plan(walked).c_str());
        }
        // An indexed filter is left to the planner.
        store::LogFilter type;
        type.eventTypes = { "B" };
        QVERIFY(!store::detail::walkLogForFilter(type));
        type.tenantId = "tenant-1";
        QVERIFY(!store::detail::walkLogForFilter(type));
        QVERIFY(!store::detail::walkLogForFilter({}));
    }
};

QTEST_GUILESS_MAIN(TestBigStore)
#include "tst_big_store.moc"

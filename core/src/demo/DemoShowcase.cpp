// What the demo adds after its history, so that every view of the console has something to
// show: the shop's read models, a projection kept by another program, a parked event, a
// snapshot that disagrees with its fold and a fold with warnings.
#include "acci/demo/DemoData.hpp"

#include <pqxx/transaction>

#include "acci/projections/ProjectionDaemon.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/util/Time.hpp"
#include "acci/util/Uuid.hpp"

namespace acci::demo {

namespace {

    std::optional<std::string> firstAggregate(pqxx::connection& connection, const std::string& sql)
    {
        pqxx::read_transaction tx(connection);
        const auto rows = tx.exec(sql);
        if (rows.empty())
            return std::nullopt;
        return std::string(rows[0][0].c_str());
    }

    // A back-office import typed an amount as text: the account's time travel folds it with a
    // warning (the increment cannot add text), and account_balances refuses it, retries and
    // parks it as a dead letter, while the other projections go on.
    std::optional<std::string> appendHostileCredit(pqxx::connection& connection, store::EventStore& store)
    {
        auto account = firstAggregate(connection,
            "SELECT aggregate_id FROM aggregates WHERE aggregate_type = 'Account'"
            " AND aggregate_id NOT IN (SELECT aggregate_id FROM snapshots) ORDER BY aggregate_id LIMIT 1");
        if (!account)
            return std::nullopt;
        store::NewEvent credit;
        credit.id = util::newUuid();
        credit.eventType = "AccountCredited";
        credit.data = { { "account_id", *account }, { "amount_cents", "25,00" }, { "reason", "goodwill" },
            { "entered_by", "back office import" } };
        credit.metadata
            = { { "correlation_id", util::newUuid() }, { "source", "backoffice-import" }, { "user_id", "backoffice" } };
        store.append(*account, "Account", store::ExpectedVersion::Any, { credit });
        return account;
    }

    // A snapshot an older build of the shop wrote: it counted a refund twice, so its balance
    // is 50.00 EUR more than the events say. Snapshot verification (Time travel, acci-admin
    // snapshot verify) finds it.
    std::optional<std::string> spoilSnapshot(pqxx::connection& connection, store::EventStore& store)
    {
        auto account = firstAggregate(connection,
            "SELECT aggregate_id FROM snapshots WHERE aggregate_type = 'Account'"
            " AND state ? 'balance_cents' ORDER BY aggregate_id LIMIT 1");
        if (!account)
            return std::nullopt;
        auto snapshot = store.loadSnapshot(*account);
        if (!snapshot || !snapshot->state.contains("balance_cents")
            || !snapshot->state["balance_cents"].is_number_integer())
            return std::nullopt;
        snapshot->state["balance_cents"] = snapshot->state["balance_cents"].get<long long>() + 5000;
        store.saveSnapshot(*snapshot);
        return account;
    }

    // search_index: kept by another program (the shop's search service), known to the console
    // only by its checkpoint row. It stopped a while ago, some events behind the head.
    void addExternalCheckpoint(pqxx::connection& connection)
    {
        pqxx::work tx(connection);
        tx.exec(R"SQL(
INSERT INTO projection_checkpoints (projection, tx_id, position, status, events_processed, heartbeat_at, updated_at)
SELECT 'search_index', e.tx_id, e.global_position, 'running',
       (SELECT count(*) FROM events WHERE (tx_id, global_position) <= (e.tx_id, e.global_position)),
       e.timestamp, e.timestamp
  FROM (SELECT tx_id, global_position, timestamp FROM events
         ORDER BY tx_id DESC, global_position DESC OFFSET 120 LIMIT 1) e
ON CONFLICT (projection) DO NOTHING)SQL");
        tx.commit();
    }

} // namespace

ShowcaseSummary addShowcase(pqxx::connection& connection)
{
    store::EventStore store(connection);
    ShowcaseSummary summary;
    summary.spoiledSnapshot = spoilSnapshot(connection, store);

    // The shop's projections: their tables created here, which is what makes the console and
    // acci-admin run them on this store (Projection::onlyWhereItsTableExists). Then everything
    // caught up by the same engine the console runs, so the read models open full.
    const auto projections = projections::builtInProjections();
    for (const auto& projection : projections) {
        if (projection->onlyWhereItsTableExists())
            projections::ProjectionEngine(connection, projection).prepare();
    }
    projections::ProjectionDaemon daemon(connection, projections);
    daemon.catchUpAll(nullptr, {});
    // The hostile credit after the history is in: its batch is that one event, so finding the
    // culprit (event by event, with retries) costs one event, not the history's.
    summary.hostileAccount = appendHostileCredit(connection, store);
    daemon.catchUpAll(nullptr, {});

    addExternalCheckpoint(connection);
    return summary;
}

} // namespace acci::demo

#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/store/Event.hpp"
#include "acci/store/EventStore.hpp"

namespace acci::demo {

// One append of the demo world: events for one aggregate. Demo events are appended in time
// order at whatever version the aggregate has then (ExpectedVersion::Any), because flows
// interleave: an account may be debited by a later order before an earlier one.
struct DemoStep {
    std::int64_t timestampUs = 0;
    std::string aggregateId;
    std::string aggregateType;
    std::vector<store::NewEvent> events;
};

// A small shop that generates realistic, connected events: users sign up (User, then an
// Account opened because of it), place orders (Order events, then the Account debited, then
// payment and shipping), change their profile, get refunds (and a free replacement order)
// and deactivated. Several tenants; every flow shares one correlation id and each event
// names the event that caused it.
class DemoWorld {
public:
    explicit DemoWorld(unsigned seed = 42);

    // The steps of one business flow starting at startUs, spaced by `scale` times realistic
    // gaps (1.0: minutes to hours; small values for a live trickle).
    std::vector<DemoStep> nextFlow(std::int64_t startUs, double scale = 1.0);
    // Numbers new users and orders after these, so a live generator on a filled store does
    // not create "user-10001" twice.
    void continueAfter(int users, int orders);
    // The same after the highest user and order numbers already in `connection`'s store (not
    // after their counts: showcase and replacement orders leave gaps), so that a live
    // generator never appends "OrderPlaced" to an order that exists.
    void continueAfterStore(pqxx::connection& connection);

private:
    struct Customer {
        std::string userId;
        std::string accountId;
        std::string tenant;
        std::string name;
        bool active = true;
    };

    std::vector<DemoStep> signUp(std::int64_t startUs, double scale);
    std::vector<DemoStep> order(std::int64_t startUs, double scale);
    std::vector<DemoStep> profileChange(std::int64_t startUs, double scale);
    // A returned order's free replacement, appended to the return's flow.
    void replace(std::vector<DemoStep>& steps, const DemoStep& returned, const std::string& orderId,
        const std::string& sku, const Customer& customer, const std::string& correlation, double scale);

    DemoStep step(std::int64_t timestampUs, const std::string& aggregateId, const std::string& aggregateType);
    store::NewEvent event(const std::string& type, nlohmann::json data, const std::string& correlationId,
        const std::string& causationId, const Customer& customer);
    std::int64_t gap(double minSeconds, double maxSeconds, double scale);
    const std::string& pick(const std::vector<std::string>& values);

    std::mt19937_64 m_random;
    std::vector<Customer> m_customers;
    int m_nextUser = 1;
    int m_nextOrder = 1;
};

struct DemoSummary {
    std::int64_t events = 0;
    std::int64_t aggregates = 0;
};

// Fills a migrated, empty store with about `events` demo events spread over the last `days`
// days, appended in time order. progress (may be empty) gets the events written so far.
DemoSummary fillDemoData(store::EventStore& store, std::int64_t events, int days = 7, unsigned seed = 42,
    const std::function<void(std::int64_t)>& progress = {});

// What addShowcase put where, for a test or a message to point at.
struct ShowcaseSummary {
    std::optional<std::string> hostileAccount; // its credit typed as text: a dead letter, fold warnings
    std::optional<std::string> spoiledSnapshot; // its stored snapshot disagrees with its fold
};

// After fillDemoData, on the same store: the demo's showcase of every feature. The shop's
// projections (order_summary, account_balances) created and, with user_view, caught up by the
// projection engine; a credit typed as text, which account_balances parks as a dead letter and
// time travel folds with a warning; one account's snapshot made to disagree with its fold; and
// search_index, a projection kept by another program, known only by its checkpoint row, some
// events behind. Needs the rights of an operator.
ShowcaseSummary addShowcase(pqxx::connection& connection);

// Time-travel reducer rules for the demo's Order and Account aggregates (User is built in):
// the demo shows keyed items, balances kept by increments and a ledger kept by appends.
// `acci-admin demo rules` prints them as a starting point for a store's own rules file.
const nlohmann::json& demoReducerRules();

} // namespace acci::demo

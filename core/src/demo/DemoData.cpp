#include "acci/demo/DemoData.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "acci/timetravel/History.hpp"
#include "acci/util/Time.hpp"
#include "acci/util/Uuid.hpp"

#include <pqxx/nontransaction>

namespace acci::demo {

namespace {

    const std::vector<std::string> tenants = { "acme", "globex", "initech" };
    const std::vector<std::string> firstNames
        = { "Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Leo", "Valeria", "Pablo", "Julia", "Daniel", "Carmen",
              "Álvaro", "Elena", "Diego", "Paula", "Javier", "Ana", "Marco", "Noa", "Iker" };
    const std::vector<std::string> lastNames = { "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez",
        "Fernández", "Ruiz", "Díaz", "Moreno", "Muñoz", "Romero", "Navarro", "Torres", "Domínguez", "Vázquez" };
    const std::vector<std::string> products = { "SKU-KEYBOARD", "SKU-MOUSE", "SKU-MONITOR-27", "SKU-DOCK",
        "SKU-HEADSET", "SKU-WEBCAM", "SKU-CHAIR", "SKU-LAMP", "SKU-CABLE-USB-C", "SKU-LAPTOP-STAND" };
    const std::vector<std::string> cities = { "Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza",
        "Málaga", "Ciudad de México", "Buenos Aires", "Bogotá" };
    const std::vector<std::string> carriers = { "Correos", "SEUR", "DHL", "MRW" };

    // How busy the shop is at a moment, relatively: quiet nights, busy afternoons (UTC), calmer
    // weekends, the last hours busier still and a sale half an hour before the end, so that
    // every chart (the week, the day, the hour, the overview's sparklines) has a shape.
    double busyness(std::int64_t atUs, std::int64_t endUs)
    {
        const double hours = static_cast<double>(atUs) / 3.6e9;
        const double hourOfDay = std::fmod(hours, 24.0);
        const auto weekday = static_cast<long long>(std::floor(hours / 24.0) + 4) % 7; // 0: Sunday
        double rate = 0.2 + 1.6 * std::exp(-(hourOfDay - 14.0) * (hourOfDay - 14.0) / 32.0);
        if (weekday == 0 || weekday == 6)
            rate *= 0.6;
        const double minutesAgo = static_cast<double>(endUs - atUs) / 6e7;
        rate *= 1.0 + 4.0 * std::exp(-minutesAgo / 120.0);
        rate += 10.0 * std::exp(-(minutesAgo - 30.0) * (minutesAgo - 30.0) / 72.0);
        return rate;
    }

    std::string asciiLower(const std::string& text)
    {
        std::string out;
        for (unsigned char c : text) {
            if (c < 0x80)
                out += static_cast<char>(std::tolower(c));
        }
        return out;
    }

} // namespace

DemoWorld::DemoWorld(unsigned seed)
    : m_random(seed)
{
}

void DemoWorld::continueAfter(int users, int orders)
{
    m_nextUser = std::max(m_nextUser, users + 1);
    m_nextOrder = std::max(m_nextOrder, orders + 1);
}

void DemoWorld::continueAfterStore(pqxx::connection& connection)
{
    pqxx::nontransaction tx(connection);
    const auto row
        = tx.exec1("SELECT coalesce(max(substring(aggregate_id FROM '^user-([0-9]{1,9})$')::int) - 10000, 0), "
                   "       coalesce(max(substring(aggregate_id FROM '^order-([0-9]{1,9})$')::int) - 100000, 0) "
                   "FROM aggregates WHERE aggregate_type IN ('User', 'Order')");
    continueAfter(row[0].as<int>(), row[1].as<int>());
}

std::int64_t DemoWorld::gap(double minSeconds, double maxSeconds, double scale)
{
    std::uniform_real_distribution<double> seconds(minSeconds, maxSeconds);
    return static_cast<std::int64_t>(seconds(m_random) * scale * 1e6) + 1000;
}

const std::string& DemoWorld::pick(const std::vector<std::string>& values)
{
    return values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(m_random)];
}

DemoStep DemoWorld::step(std::int64_t timestampUs, const std::string& aggregateId, const std::string& aggregateType)
{
    DemoStep s;
    s.timestampUs = timestampUs;
    s.aggregateId = aggregateId;
    s.aggregateType = aggregateType;
    return s;
}

store::NewEvent DemoWorld::event(const std::string& type, nlohmann::json data, const std::string& correlationId,
    const std::string& causationId, const Customer& customer)
{
    store::NewEvent e;
    e.id = util::newUuid();
    e.eventType = type;
    e.data = std::move(data);
    e.metadata = { { "user_id", customer.userId }, { "correlation_id", correlationId }, { "causation_id", causationId },
        { "tenant_id", customer.tenant }, { "source", "demo" } };
    return e;
}

std::vector<DemoStep> DemoWorld::nextFlow(std::int64_t startUs, double scale)
{
    std::vector<DemoStep> steps;
    const int roll = std::uniform_int_distribution<int>(0, 99)(m_random);
    const auto active
        = std::count_if(m_customers.begin(), m_customers.end(), [](const Customer& c) { return c.active; });
    if (active < 5 || roll < 25)
        steps = signUp(startUs, scale);
    else if (roll < 85)
        steps = order(startUs, scale);
    else
        steps = profileChange(startUs, scale);
    return steps;
}

std::vector<DemoStep> DemoWorld::signUp(std::int64_t startUs, double scale)
{
    Customer customer;
    const int number = m_nextUser++;
    customer.userId = "user-" + std::to_string(10000 + number);
    customer.accountId = "account-" + std::to_string(10000 + number);
    customer.tenant = pick(tenants);
    customer.name = pick(firstNames) + " " + pick(lastNames);
    const std::string correlation = util::newUuid();
    const std::string command = util::newUuid();
    std::string email = asciiLower(customer.name.substr(0, customer.name.find(' '))) + "." + std::to_string(number)
        + "@" + customer.tenant + ".example";

    std::vector<DemoStep> steps;
    DemoStep created = step(startUs, customer.userId, "User");
    created.events.push_back(
        event("UserCreated", { { "user_id", customer.userId }, { "email", email }, { "name", customer.name } },
            correlation, command, customer));
    const std::string createdId = created.events.back().id;
    steps.push_back(created);

    DemoStep opened = step(startUs + gap(0.2, 3, scale), customer.accountId, "Account");
    opened.events.push_back(event("AccountOpened",
        { { "account_id", customer.accountId }, { "owner", customer.userId }, { "currency", "EUR" } }, correlation,
        createdId, customer));
    const std::string openedId = opened.events.back().id;
    steps.push_back(opened);

    DemoStep deposit = step(opened.timestampUs + gap(60, 7200, scale), customer.accountId, "Account");
    deposit.events.push_back(event("AccountCredited",
        { { "account_id", customer.accountId },
            { "amount_cents", std::uniform_int_distribution<int>(50, 2000)(m_random) * 100 }, { "reason", "deposit" } },
        correlation, openedId, customer));
    steps.push_back(deposit);
    m_customers.push_back(customer);
    return steps;
}

std::vector<DemoStep> DemoWorld::order(std::int64_t startUs, double scale)
{
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < m_customers.size(); ++i)
        if (m_customers[i].active)
            candidates.push_back(i);
    const Customer customer
        = m_customers[candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(m_random)]];
    const std::string orderId = "order-" + std::to_string(100000 + m_nextOrder++);
    const std::string correlation = util::newUuid();
    const std::string command = util::newUuid();

    std::vector<DemoStep> steps;
    DemoStep placed = step(startUs, orderId, "Order");
    placed.events.push_back(event("OrderPlaced",
        { { "order_id", orderId }, { "customer", customer.userId },
            { "shipping", { { "city", pick(cities) }, { "country", "ES" } } } },
        correlation, command, customer));
    std::string cause = placed.events.back().id;
    int total = 0;
    const int items = std::uniform_int_distribution<int>(1, 4)(m_random);
    std::set<std::string> skus;
    std::string firstSku;
    for (int i = 0; i < items; ++i) {
        const std::string sku = pick(products);
        if (!skus.insert(sku).second)
            continue;
        if (firstSku.empty())
            firstSku = sku;
        const int quantity = std::uniform_int_distribution<int>(1, 3)(m_random);
        const int price = std::uniform_int_distribution<int>(5, 400)(m_random) * 100 - 1;
        total += quantity * price;
        placed.events.push_back(event("OrderItemAdded",
            { { "order_id", orderId }, { "sku", sku }, { "quantity", quantity }, { "unit_price_cents", price } },
            correlation, cause, customer));
    }
    steps.push_back(placed);

    const bool abandoned = std::uniform_int_distribution<int>(0, 9)(m_random) == 0;
    if (abandoned) {
        DemoStep cancelled = step(startUs + gap(600, 36000, scale), orderId, "Order");
        cancelled.events.push_back(event("OrderCancelled", { { "order_id", orderId }, { "reason", "abandoned cart" } },
            correlation, cause, customer));
        steps.push_back(cancelled);
        return steps;
    }

    DemoStep confirmed = step(startUs + gap(30, 900, scale), orderId, "Order");
    confirmed.events.push_back(event("OrderConfirmed",
        { { "order_id", orderId }, { "total_cents", total }, { "currency", "EUR" } }, correlation, cause, customer));
    cause = confirmed.events.back().id;
    steps.push_back(confirmed);

    DemoStep debited = step(confirmed.timestampUs + gap(1, 20, scale), customer.accountId, "Account");
    debited.events.push_back(event("AccountDebited",
        { { "account_id", customer.accountId }, { "amount_cents", total }, { "order_id", orderId } }, correlation,
        cause, customer));
    cause = debited.events.back().id;
    steps.push_back(debited);

    DemoStep paid = step(debited.timestampUs + gap(1, 10, scale), orderId, "Order");
    paid.events.push_back(
        event("OrderPaid", { { "order_id", orderId }, { "amount_cents", total } }, correlation, cause, customer));
    cause = paid.events.back().id;
    steps.push_back(paid);

    DemoStep shipped = step(paid.timestampUs + gap(3600, 86400, scale), orderId, "Order");
    shipped.events.push_back(event("OrderShipped",
        { { "order_id", orderId }, { "carrier", pick(carriers) },
            { "tracking", "TRK" + std::to_string(std::uniform_int_distribution<int>(100000, 999999)(m_random)) } },
        correlation, cause, customer));
    cause = shipped.events.back().id;
    steps.push_back(shipped);

    if (std::uniform_int_distribution<int>(0, 14)(m_random) == 0) {
        DemoStep returned = step(shipped.timestampUs + gap(86400, 259200, scale), orderId, "Order");
        returned.events.push_back(
            event("OrderReturned", { { "order_id", orderId }, { "reason", "damaged" } }, correlation, cause, customer));
        cause = returned.events.back().id;
        steps.push_back(returned);
        DemoStep refund = step(returned.timestampUs + gap(60, 3600, scale), customer.accountId, "Account");
        refund.events.push_back(event("AccountCredited",
            { { "account_id", customer.accountId }, { "amount_cents", total }, { "reason", "refund" },
                { "order_id", orderId } },
            correlation, cause, customer));
        steps.push_back(refund);
        replace(steps, returned, orderId, firstSku, customer, correlation, scale);
    }
    return steps;
}

void DemoWorld::replace(std::vector<DemoStep>& steps, const DemoStep& returned, const std::string& orderId,
    const std::string& sku, const Customer& customer, const std::string& correlation, double scale)
{
    // The damaged item goes out again, free, as an order of its own in the same flow: the
    // flow then spans two orders and the account (the diagram's richer case). Fixed gaps and
    // no draws, so that the rest of the demo stays what the seed made it.
    const std::string replacementId = "order-" + std::to_string(100000 + m_nextOrder++);
    const std::string returnedId = returned.events.back().id;
    const auto seconds = [scale](double s) { return static_cast<std::int64_t>(s * scale * 1e6) + 1000; };
    DemoStep placed = step(returned.timestampUs + seconds(1800), replacementId, "Order");
    placed.events.push_back(event("OrderPlaced",
        { { "order_id", replacementId }, { "customer", customer.userId }, { "replaces", orderId } }, correlation,
        returnedId, customer));
    const std::string placedId = placed.events.back().id;
    placed.events.push_back(event("OrderItemAdded",
        { { "order_id", replacementId }, { "sku", sku }, { "quantity", 1 }, { "unit_price_cents", 0 } }, correlation,
        placedId, customer));
    steps.push_back(placed);
    DemoStep confirmed = step(placed.timestampUs + seconds(60), replacementId, "Order");
    confirmed.events.push_back(
        event("OrderConfirmed", { { "order_id", replacementId }, { "total_cents", 0 }, { "currency", "EUR" } },
            correlation, placedId, customer));
    const std::string confirmedId = confirmed.events.back().id;
    steps.push_back(confirmed);
    DemoStep shipped = step(confirmed.timestampUs + seconds(7200), replacementId, "Order");
    shipped.events.push_back(event("OrderShipped",
        { { "order_id", replacementId }, { "carrier", "SEUR" }, { "tracking", "TRK-R" + orderId.substr(6) } },
        correlation, confirmedId, customer));
    steps.push_back(shipped);
}

std::vector<DemoStep> DemoWorld::profileChange(std::int64_t startUs, double scale)
{
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < m_customers.size(); ++i)
        if (m_customers[i].active)
            candidates.push_back(i);
    Customer& customer
        = m_customers[candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(m_random)]];
    const std::string correlation = util::newUuid();
    std::vector<DemoStep> steps;
    DemoStep change = step(startUs + gap(0, 1, scale), customer.userId, "User");
    if (std::uniform_int_distribution<int>(0, 7)(m_random) == 0) {
        change.events.push_back(
            event("UserDeactivated", { { "user_id", customer.userId }, { "reason", "account closed by request" } },
                correlation, util::newUuid(), customer));
        customer.active = false;
    } else if (std::uniform_int_distribution<int>(0, 1)(m_random) == 0) {
        const std::string email = asciiLower(customer.name.substr(0, customer.name.find(' '))) + "."
            + std::to_string(std::uniform_int_distribution<int>(1, 9999)(m_random)) + "@mail.example";
        change.events.push_back(event("UserUpdated", { { "user_id", customer.userId }, { "email", email } },
            correlation, util::newUuid(), customer));
    } else {
        customer.name = customer.name.substr(0, customer.name.find(' ')) + " " + pick(lastNames);
        change.events.push_back(event("UserUpdated", { { "user_id", customer.userId }, { "name", customer.name } },
            correlation, util::newUuid(), customer));
    }
    steps.push_back(change);
    return steps;
}

DemoSummary fillDemoData(store::EventStore& store, std::int64_t events, int days, unsigned seed,
    const std::function<void(std::int64_t)>& progress)
{
    DemoWorld world(seed);
    const std::int64_t end = util::nowUs() - 60LL * 1000000;
    const std::int64_t begin = end - static_cast<std::int64_t>(days) * 86400LL * 1000000;
    std::vector<DemoStep> steps;
    std::int64_t planned = 0;
    // Flows start as often as the shop is busy then (with jitter): the rate has the shape of a
    // business. A flow is about five events; a little fewer flows are planned, so that the
    // last hours (the busiest, and what the overview shows) are reached before the events run out.
    const std::int64_t flowsEstimate = std::max<std::int64_t>(1, events * 2 / 11);
    double meanBusyness = 0;
    int samples = 0;
    for (std::int64_t t = begin; t < end; t += 60LL * 1000000, ++samples)
        meanBusyness += busyness(t, end);
    meanBusyness = samples > 0 ? meanBusyness / samples : 1.0;
    const double spacing = static_cast<double>(end - begin) / static_cast<double>(flowsEstimate) * meanBusyness;
    std::mt19937_64 jitter(seed + 1);
    for (std::int64_t t = begin, next = 0; planned < events && t < end; t = next) {
        const auto step = std::max<std::int64_t>(1, static_cast<std::int64_t>(spacing / busyness(t, end)));
        next = t + step;
        const std::int64_t start = t + std::uniform_int_distribution<std::int64_t>(0, step - 1)(jitter);
        for (auto& s : world.nextFlow(start)) {
            if (s.timestampUs > end || planned >= events)
                continue; // has not happened yet
            planned += static_cast<std::int64_t>(s.events.size());
            steps.push_back(std::move(s));
        }
    }
    // Append in time order, so the global log reads like history; stable, so steps that tie
    // keep the order their flow gave them.
    std::stable_sort(
        steps.begin(), steps.end(), [](const DemoStep& a, const DemoStep& b) { return a.timestampUs < b.timestampUs; });
    DemoSummary summary;
    std::set<std::string> aggregates;
    for (auto& s : steps) {
        for (auto& e : s.events)
            e.timestampUs = s.timestampUs;
        const std::int64_t before = summary.events;
        summary.events += static_cast<std::int64_t>(s.events.size());
        store.append(s.aggregateId, s.aggregateType, store::ExpectedVersion::Any, std::move(s.events));
        aggregates.insert(s.aggregateId);
        if (progress && summary.events / 1000 != before / 1000)
            progress(summary.events);
    }
    summary.aggregates = static_cast<std::int64_t>(aggregates.size());
    // Snapshots of every tenth aggregate, folded with the demo's rules: the snapshot views
    // (time travel, the size histogram) have something to show.
    auto rules = timetravel::ReducerRules::builtIn();
    rules.overrideWith(timetravel::ReducerRules::fromJson(demoReducerRules()));
    std::size_t index = 0;
    for (const auto& id : aggregates) {
        if (index++ % 10 != 0)
            continue;
        const auto folded = timetravel::foldCurrentState(store, id, rules);
        store.saveSnapshot({ id, folded.aggregateType, folded.version, folded.state, util::nowUs() });
    }
    return summary;
}

const nlohmann::json& demoReducerRules()
{
    static const nlohmann::json rules = nlohmann::json::parse(R"({
      "Order": {
        "OrderPlaced": [
          {"op": "set", "path": "/order_id", "from": "/data/order_id"},
          {"op": "set", "path": "/customer", "from": "/data/customer"},
          {"op": "set", "path": "/shipping", "from": "/data/shipping", "optional": true},
          {"op": "set", "path": "/status", "value": "placed"},
          {"op": "set", "path": "/items", "value": {}}
        ],
        "OrderItemAdded": [
          {"op": "set", "path": "/items/{/data/sku}/quantity", "from": "/data/quantity"},
          {"op": "set", "path": "/items/{/data/sku}/unit_price_cents", "from": "/data/unit_price_cents"},
          {"op": "increment", "path": "/item_count"}
        ],
        "OrderConfirmed": [
          {"op": "set", "path": "/status", "value": "confirmed"},
          {"op": "set", "path": "/total_cents", "from": "/data/total_cents"},
          {"op": "set", "path": "/currency", "from": "/data/currency"}
        ],
        "OrderPaid": [
          {"op": "set", "path": "/status", "value": "paid"},
          {"op": "set", "path": "/paid_cents", "from": "/data/amount_cents"}
        ],
        "OrderShipped": [
          {"op": "set", "path": "/status", "value": "shipped"},
          {"op": "set", "path": "/shipment/carrier", "from": "/data/carrier"},
          {"op": "set", "path": "/shipment/tracking", "from": "/data/tracking"}
        ],
        "OrderCancelled": [
          {"op": "set", "path": "/status", "value": "cancelled"},
          {"op": "set", "path": "/cancel_reason", "from": "/data/reason", "optional": true}
        ],
        "OrderReturned": [
          {"op": "set", "path": "/status", "value": "returned"},
          {"op": "set", "path": "/return_reason", "from": "/data/reason", "optional": true}
        ]
      },
      "Account": {
        "AccountOpened": [
          {"op": "set", "path": "/account_id", "from": "/data/account_id"},
          {"op": "set", "path": "/owner", "from": "/data/owner"},
          {"op": "set", "path": "/currency", "from": "/data/currency"},
          {"op": "set", "path": "/balance_cents", "value": 0}
        ],
        "AccountCredited": [
          {"op": "increment", "path": "/balance_cents", "from": "/data/amount_cents"},
          {"op": "append", "path": "/ledger", "from": "/data"}
        ],
        "AccountDebited": [
          {"op": "increment", "path": "/balance_cents", "from": "/data/amount_cents", "negate": true},
          {"op": "append", "path": "/ledger", "from": "/data"}
        ]
      }
    })");
    return rules;
}

} // namespace acci::demo

#include "projections/ShopProjections.hpp"

#include "acci/util/Time.hpp"

namespace acci::projections::detail {

using nlohmann::json;

std::vector<std::string> OrderSummaryProjection::eventTypes() const
{
    return { "OrderPlaced", "OrderItemAdded", "OrderConfirmed", "OrderPaid", "OrderShipped", "OrderCancelled",
        "OrderReturned" };
}

std::vector<RowProjection::Column> OrderSummaryProjection::ownColumns() const
{
    return { { "order_id", "text" }, { "customer", "text NOT NULL" }, { "status", "text NOT NULL" },
        { "items", "integer NOT NULL" }, { "total_cents", "bigint NOT NULL" }, { "city", "text" },
        { "carrier", "text" }, { "placed_at", "timestamptz NOT NULL" } };
}

void OrderSummaryProjection::fold(json& row, const store::RecordedEvent& event, const json& data) const
{
    const std::string& type = event.eventType;
    if (type == "OrderPlaced") {
        const auto shipping = data.find("shipping");
        const bool hasCity = shipping != data.end() && shipping->is_object() && shipping->contains("city")
            && (*shipping)["city"].is_string();
        row = { { "order_id", keyOf(event, data) }, { "customer", requireText(event, data, "customer") },
            { "status", "placed" }, { "items", 0 }, { "total_cents", 0 },
            { "city", hasCity ? (*shipping)["city"] : json() }, { "carrier", json() },
            { "placed_at", util::formatTimestampUs(event.timestampUs) } };
        return;
    }
    requireRow(event, row, "an order");
    if (type == "OrderItemAdded") {
        const long long quantity = requireWhole(event, data, "quantity");
        const long long price = requireWhole(event, data, "unit_price_cents");
        row["items"] = row["items"].get<long long>() + quantity;
        row["total_cents"] = row["total_cents"].get<long long>() + quantity * price;
    } else if (type == "OrderConfirmed") {
        row["status"] = "confirmed";
    } else if (type == "OrderPaid") {
        row["status"] = "paid";
    } else if (type == "OrderShipped") {
        row["status"] = "shipped";
        row["carrier"] = requireText(event, data, "carrier");
    } else if (type == "OrderCancelled") {
        row["status"] = "cancelled";
    } else if (type == "OrderReturned") {
        row["status"] = "returned";
    }
}

std::vector<std::string> AccountBalanceProjection::eventTypes() const
{
    return { "AccountOpened", "AccountCredited", "AccountDebited" };
}

std::vector<RowProjection::Column> AccountBalanceProjection::ownColumns() const
{
    return { { "account_id", "text" }, { "owner", "text NOT NULL" }, { "currency", "text NOT NULL" },
        { "balance_cents", "bigint NOT NULL" }, { "credits", "integer NOT NULL" }, { "debits", "integer NOT NULL" },
        { "opened_at", "timestamptz NOT NULL" } };
}

void AccountBalanceProjection::fold(json& row, const store::RecordedEvent& event, const json& data) const
{
    if (event.eventType == "AccountOpened") {
        row = { { "account_id", keyOf(event, data) }, { "owner", requireText(event, data, "owner") },
            { "currency", requireText(event, data, "currency") }, { "balance_cents", 0 }, { "credits", 0 },
            { "debits", 0 }, { "opened_at", util::formatTimestampUs(event.timestampUs) } };
        return;
    }
    requireRow(event, row, "an account");
    const long long amount = requireWhole(event, data, "amount_cents");
    const bool credit = event.eventType == "AccountCredited";
    row["balance_cents"] = row["balance_cents"].get<long long>() + (credit ? amount : -amount);
    const char* count = credit ? "credits" : "debits";
    row[count] = row[count].get<int>() + 1;
}

} // namespace acci::projections::detail

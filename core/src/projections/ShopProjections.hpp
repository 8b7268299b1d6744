#pragma once

#include "projections/RowProjection.hpp"

namespace acci::projections::detail {

// The demo shop's orders, one row each: who, where it stands, how many items and what they
// cost. An item whose quantity or price is not a whole number cannot be counted: the event
// is refused (and parked), as a real read model would refuse it.
class OrderSummaryProjection : public RowProjection {
public:
    std::string name() const override { return "order_summary"; }
    std::vector<std::string> eventTypes() const override;
    std::string table() const override { return "order_summary"; }

protected:
    std::vector<Column> ownColumns() const override;
    std::string keyField() const override { return "order_id"; }
    void fold(nlohmann::json& row, const store::RecordedEvent& event, const nlohmann::json& data) const override;
};

// The demo shop's accounts, one row each: the balance kept from credits and debits, and how
// many of each. An amount that is not a whole number of cents is refused (and parked).
class AccountBalanceProjection : public RowProjection {
public:
    std::string name() const override { return "account_balances"; }
    std::vector<std::string> eventTypes() const override;
    std::string table() const override { return "account_balances"; }

protected:
    std::vector<Column> ownColumns() const override;
    std::string keyField() const override { return "account_id"; }
    void fold(nlohmann::json& row, const store::RecordedEvent& event, const nlohmann::json& data) const override;
};

} // namespace acci::projections::detail

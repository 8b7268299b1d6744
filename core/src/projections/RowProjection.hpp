#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acci/projections/Projection.hpp"

namespace acci::projections::detail {

// A read model of one row per key, each row folded from its events as a JSON object: the
// demo's shop projections. Written plainly: user_view's packed rows, SAX parsing and COPY
// are for a million users; these tables hold thousands. Every table gets `version` (of the
// newest event in the row) and `updated_at` after its own columns, and rows only move
// forward, as in user_view: an event at or below a row's version is already in it, which
// makes replays harmless and keeps catch-up, a rebuild and a verification in agreement.
class RowProjection : public Projection {
public:
    struct Column {
        std::string name;
        std::string sqlType; // the first column is the text primary key
    };

    std::string createTableSql(const std::string& table) const override;
    std::vector<std::string> columns() const override;
    void apply(
        pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events) override;
    std::unique_ptr<RebuildBuffer> startRebuild() const override;
    bool needsMetadata() const override { return false; }
    std::string rowKeySql() const override;
    bool onlyWhereItsTableExists() const override { return true; }

    // What one event does to its row, then the row's version and time set: used by apply()
    // and the rebuild alike. `row` is null when the key has no row yet. Throws ProjectionError
    // for an event it cannot apply, leaving the row as it was.
    void foldEvent(nlohmann::json& row, const store::RecordedEvent& event) const;
    // The key of the row an event changes: its data's keyField(), the stream id standing in.
    std::string keyOf(const store::RecordedEvent& event, const nlohmann::json& data) const;
    static nlohmann::json dataOf(const store::RecordedEvent& event);

protected:
    virtual std::vector<Column> ownColumns() const = 0;
    virtual std::string keyField() const = 0;
    // The projection's own part of foldEvent, on a copy of the row.
    virtual void fold(nlohmann::json& row, const store::RecordedEvent& event, const nlohmann::json& data) const = 0;

    // Helpers for fold(): a field that must be there, as text or as a whole number.
    static std::string describe(const store::RecordedEvent& event);
    static std::string requireText(const store::RecordedEvent& event, const nlohmann::json& data, const char* field);
    static long long requireWhole(const store::RecordedEvent& event, const nlohmann::json& data, const char* field);
    static void requireRow(const store::RecordedEvent& event, const nlohmann::json& row, const char* what);
};

} // namespace acci::projections::detail

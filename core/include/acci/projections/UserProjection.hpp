#pragma once

#include "acci/projections/Projection.hpp"

namespace acci::projections {

// The guide's UserProjection: user_view from UserCreated, UserUpdated and UserDeactivated,
// with each row's version and last update time. Rows only move forward (an event at or
// below a row's version is already in it), which makes replays harmless.
class UserProjection : public Projection {
public:
    std::string name() const override { return "user_view"; }
    std::vector<std::string> eventTypes() const override { return { "UserCreated", "UserUpdated", "UserDeactivated" }; }
    std::string table() const override { return "user_view"; }
    std::string createTableSql(const std::string& table) const override;
    std::vector<std::string> columns() const override;
    void apply(
        pqxx::transaction_base& tx, const std::string& table, const std::vector<store::RecordedEvent>& events) override;
    std::unique_ptr<RebuildBuffer> startRebuild() const override;
    // Folds each event into its row's change as it arrives (far behind, a batch of 1M
    // events over 100k users is 100k changes, not 1M events held).
    std::unique_ptr<BatchFold> startBatch() override;
    bool batchFoldsIntoRows() const override { return true; }
    bool needsMetadata() const override { return false; }
    std::vector<std::string> fieldsNeeded() const override { return { "user_id", "email", "name" }; }
    // The guide keys user_view by data.user_id, the stream id standing in when it is absent.
    std::string rowKeySql() const override { return "coalesce(data ->> 'user_id', aggregate_id)"; }
};

} // namespace acci::projections

#pragma once

#include <QCoreApplication>

#include "acci/timetravel/SnapshotAudit.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

// The stored snapshots that are not the fold at their version: the kind, the aggregate, its
// type, the snapshot's version and the first line of the difference (or why it could not be
// folded).
class SnapshotMismatchModel : public RecordTableModel<timetravel::SnapshotVerdict> {
    Q_DECLARE_TR_FUNCTIONS(SnapshotMismatchModel)
public:
    enum : int { KindColumn, AggregateColumn, TypeColumn, VersionColumn, DetailColumn };

    explicit SnapshotMismatchModel(QObject* parent = nullptr);

    static QString kindName(timetravel::SnapshotVerdict::Kind kind);
    static QString kindExplanation(timetravel::SnapshotVerdict::Kind kind);

private:
    static std::vector<Column> columns();
};

} // namespace acci::ui

#pragma once

#include <QColor>
#include <QCoreApplication>

#include "acci/projections/ProjectionAdmin.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

class MetricsPoller;

// The projections table: kind, state (with the last rebuild's), checkpoint and head, lag in
// events and time and its trend (from the poller, which samples the lag), dead letters and
// the last error.
class ProjectionTableModel : public RecordTableModel<projections::ProjectionStatus> {
    Q_DECLARE_TR_FUNCTIONS(ProjectionTableModel)
public:
    explicit ProjectionTableModel(MetricsPoller* poller, QObject* parent = nullptr);
    // A projection's state in words (translated), and its colour: one wording on every page.
    static QString stateWord(const projections::ProjectionStatus& status);
    static QColor stateColor(projections::ProjectionState state);

private:
    static std::vector<Column> columns(MetricsPoller* poller);
};

} // namespace acci::ui

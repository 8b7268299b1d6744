#pragma once

#include <QCoreApplication>

#include "acci/projections/ProjectionAdmin.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

// The dead letters of a projection: when and where each event was parked, how often it was
// tried, whether it blocks the projection, and the error.
class DeadLetterTableModel : public RecordTableModel<projections::DeadLetter> {
    Q_DECLARE_TR_FUNCTIONS(DeadLetterTableModel)
public:
    explicit DeadLetterTableModel(QObject* parent = nullptr);

private:
    static std::vector<Column> columns();
};

} // namespace acci::ui

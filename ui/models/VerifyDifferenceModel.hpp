#pragma once

#include <QCoreApplication>

#include "acci/projections/ProjectionVerify.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

// The rows of a read model that its events contradict: the kind, the row's key, the columns
// that differ with the value in the table and the value the events give, and the event that
// last changed the row.
class VerifyDifferenceModel : public RecordTableModel<projections::RowDifference> {
    Q_DECLARE_TR_FUNCTIONS(VerifyDifferenceModel)
public:
    explicit VerifyDifferenceModel(QObject* parent = nullptr);

    static QString kindName(projections::RowDifference::Kind kind);

private:
    static std::vector<Column> columns();
};

} // namespace acci::ui

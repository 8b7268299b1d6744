#pragma once

#include <QCoreApplication>

#include "acci/store/Audit.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

// Recent admin actions from the audit log: when, what, on what, the outcome, and who (the
// database role and the OS user).
class AuditTableModel : public RecordTableModel<store::AuditRecord> {
    Q_DECLARE_TR_FUNCTIONS(AuditTableModel)
public:
    explicit AuditTableModel(QObject* parent = nullptr);

private:
    static std::vector<Column> columns();
};

} // namespace acci::ui

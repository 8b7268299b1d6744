#include "models/AuditTableModel.hpp"

#include "text/Formatting.hpp"

namespace acci::ui {

AuditTableModel::AuditTableModel(QObject* parent)
    : RecordTableModel(
        columns(), [](const store::AuditRecord& a) { return QString::number(a.id); }, parent)
{
}

std::vector<AuditTableModel::Column> AuditTableModel::columns()
{
    auto text = [](std::string store::AuditRecord::*field) {
        return [field](const store::AuditRecord& a, int role) -> QVariant {
            return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QString::fromStdString(a.*field) : QVariant();
        };
    };
    std::vector<Column> list = {
        { AuditTableModel::tr("When"),
            [](const store::AuditRecord& a, int role) -> QVariant {
                return role == Qt::DisplayRole ? formatTime(a.atUs) : QVariant();
            } },
        { AuditTableModel::tr("Action"), text(&store::AuditRecord::action) },
        { AuditTableModel::tr("Target"), text(&store::AuditRecord::target) },
        { AuditTableModel::tr("Outcome"), text(&store::AuditRecord::outcome) },
        { AuditTableModel::tr("Database role"), text(&store::AuditRecord::dbUser) },
        { AuditTableModel::tr("OS user"), text(&store::AuditRecord::osUser) },
    };
    return list;
}

} // namespace acci::ui

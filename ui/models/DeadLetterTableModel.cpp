#include "models/DeadLetterTableModel.hpp"

#include "text/Formatting.hpp"

namespace acci::ui {

using projections::DeadLetter;

DeadLetterTableModel::DeadLetterTableModel(QObject* parent)
    : RecordTableModel(
        columns(), [](const DeadLetter& d) { return QString::number(d.id); }, parent)
{
}

std::vector<DeadLetterTableModel::Column> DeadLetterTableModel::columns()
{
    std::vector<Column> list = {
        { DeadLetterTableModel::tr("Id"),
            [](const DeadLetter& d, int role) { return alignedRight(role, static_cast<qlonglong>(d.id)); } },
        { DeadLetterTableModel::tr("Parked at"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? formatTime(d.parkedAtUs) : QVariant();
            } },
        { DeadLetterTableModel::tr("Event type"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.eventType) : QVariant();
            } },
        { DeadLetterTableModel::tr("Aggregate"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.aggregateId) : QVariant();
            } },
        { DeadLetterTableModel::tr("Position"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.position.toString()) : QVariant();
            } },
        { DeadLetterTableModel::tr("Attempts"),
            [](const DeadLetter& d, int role) { return alignedRight(role, d.attempts); } },
        { DeadLetterTableModel::tr("Blocks"),
            [](const DeadLetter& d, int role) -> QVariant {
                if (role == Qt::ToolTipRole && d.blocking)
                    return DeadLetterTableModel::tr(
                        "The projection stopped at this event; it waits for a retry or a skip");
                return role == Qt::DisplayRole ? (d.blocking ? DeadLetterTableModel::tr("yes") : QString())
                                               : QVariant();
            } },
        { DeadLetterTableModel::tr("Error"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QString::fromStdString(d.error)
                                                                          : QVariant();
            } },
    };
    return list;
}

} // namespace acci::ui

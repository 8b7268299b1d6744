#include "models/VerifyDifferenceModel.hpp"

#include <QBrush>
#include <QColor>
#include <QStringList>

#include "style/Theme.hpp"

namespace acci::ui {

using projections::RowDifference;
using Kind = RowDifference::Kind;

namespace {

    // A JSON value as a cell shows it: strings without their quotes, the rest as JSON.
    QString cellText(const std::string& json)
    {
        const auto value = nlohmann::json::parse(json, nullptr, false);
        if (value.is_string())
            return QString::fromStdString(value.get<std::string>());
        return QString::fromStdString(value.is_discarded() ? json : value.dump());
    }

    QString sideText(const RowDifference& d, bool stored)
    {
        if (d.kind == Kind::Different) {
            QStringList values;
            for (const auto& column : d.columns)
                values << QStringLiteral("%1 = %2").arg(
                    QString::fromStdString(column.column), cellText(stored ? column.stored : column.replayed));
            return values.join(QStringLiteral("; "));
        }
        if (stored)
            return d.kind == Kind::Missing ? VerifyDifferenceModel::tr("(no row)")
                                           : QString::fromStdString(d.storedJson);
        return d.kind == Kind::Extra ? VerifyDifferenceModel::tr("(no event gives it)")
                                     : QString::fromStdString(d.replayedJson);
    }

} // namespace

VerifyDifferenceModel::VerifyDifferenceModel(QObject* parent)
    : RecordTableModel(
        columns(), [](const RowDifference& d) { return QString::fromStdString(d.key); }, parent)
{
}

QString VerifyDifferenceModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Missing:
        return tr("missing");
    case Kind::Extra:
        return tr("extra");
    case Kind::Different:
        break;
    }
    return tr("different");
}

std::vector<VerifyDifferenceModel::Column> VerifyDifferenceModel::columns()
{
    return {
        { VerifyDifferenceModel::tr("Kind"),
            [](const RowDifference& d, int role) -> QVariant {
                if (role == Qt::DisplayRole)
                    return kindName(d.kind);
                if (role == Qt::ForegroundRole)
                    return QBrush(toneColour(d.kind == Kind::Different ? Tone::Warning : Tone::Problem));
                if (role == Qt::ToolTipRole)
                    return d.kind == Kind::Missing ? tr("The events give this row; the table lacks it.")
                        : d.kind == Kind::Extra    ? tr("The table has this row; no event gives it.")
                                                   : tr("Both have the row; these columns differ.");
                return {};
            } },
        { VerifyDifferenceModel::tr("Row key"),
            [](const RowDifference& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.key) : QVariant();
            } },
        { VerifyDifferenceModel::tr("Differs in"),
            [](const RowDifference& d, int role) -> QVariant {
                if (role != Qt::DisplayRole)
                    return {};
                if (d.kind != Kind::Different)
                    return tr("the whole row");
                QStringList names;
                for (const auto& column : d.columns)
                    names << QString::fromStdString(column.column);
                return names.join(QStringLiteral(", "));
            } },
        { VerifyDifferenceModel::tr("In the table"),
            [](const RowDifference& d, int role) -> QVariant {
                return role == Qt::DisplayRole || role == Qt::ToolTipRole ? sideText(d, true) : QVariant();
            } },
        { VerifyDifferenceModel::tr("From the events"),
            [](const RowDifference& d, int role) -> QVariant {
                return role == Qt::DisplayRole || role == Qt::ToolTipRole ? sideText(d, false) : QVariant();
            } },
        { VerifyDifferenceModel::tr("Last changed by"),
            [](const RowDifference& d, int role) -> QVariant {
                if (role == Qt::DisplayRole)
                    return d.aggregateId.empty()
                        ? QString()
                        : tr("%1 v%2").arg(QString::fromStdString(d.aggregateId)).arg(d.version);
                if (role == Qt::ToolTipRole && !d.aggregateId.empty())
                    return tr("Event %1; double click to see the row's story in Time travel")
                        .arg(QString::fromStdString(d.eventId));
                return {};
            } },
    };
}

} // namespace acci::ui

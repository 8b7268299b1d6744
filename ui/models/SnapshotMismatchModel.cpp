#include "models/SnapshotMismatchModel.hpp"

#include <QBrush>
#include <QColor>

#include "style/Theme.hpp"

namespace acci::ui {

using timetravel::SnapshotVerdict;
using Kind = SnapshotVerdict::Kind;

SnapshotMismatchModel::SnapshotMismatchModel(QObject* parent)
    : RecordTableModel(
        columns(), [](const SnapshotVerdict& v) { return QString::fromStdString(v.aggregateId); }, parent)
{
}

QString SnapshotMismatchModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Equal:
        return tr("equal");
    case Kind::Different:
        return tr("different");
    case Kind::OutOfRange:
        return tr("out of range");
    case Kind::FoldError:
        return tr("fold error");
    case Kind::Unreadable:
        break;
    }
    return tr("unreadable");
}

QString SnapshotMismatchModel::kindExplanation(Kind kind)
{
    switch (kind) {
    case Kind::Equal:
        return tr("The snapshot is the fold of the events up to its version.");
    case Kind::Different:
        return tr("The snapshot is not the fold of the events up to its version.");
    case Kind::OutOfRange:
        return tr("The snapshot's version is no event of the stream: past its end, in a gap, or no events at all.");
    case Kind::FoldError:
        return tr("Folding the events up to the snapshot's version failed.");
    case Kind::Unreadable:
        break;
    }
    return tr("The snapshot, or an event up to its version, cannot be read exactly: a comparison would mean nothing.");
}

std::vector<SnapshotMismatchModel::Column> SnapshotMismatchModel::columns()
{
    return {
        { SnapshotMismatchModel::tr("Kind"),
            [](const SnapshotVerdict& v, int role) -> QVariant {
                if (role == Qt::DisplayRole)
                    return kindName(v.kind);
                if (role == Qt::ForegroundRole)
                    return QBrush(toneColour(v.kind == Kind::Different ? Tone::Problem : Tone::Warning));
                if (role == Qt::ToolTipRole)
                    return kindExplanation(v.kind);
                return {};
            } },
        { SnapshotMismatchModel::tr("Aggregate"),
            [](const SnapshotVerdict& v, int role) -> QVariant {
                if (role == Qt::DisplayRole)
                    return QString::fromStdString(v.aggregateId);
                if (role == Qt::ToolTipRole)
                    return tr("Double click to open it in Time travel at the snapshot's version");
                return {};
            } },
        { SnapshotMismatchModel::tr("Type"),
            [](const SnapshotVerdict& v, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(v.aggregateType) : QVariant();
            } },
        { SnapshotMismatchModel::tr("Snapshot version"),
            [](const SnapshotVerdict& v, int role) -> QVariant { return alignedRight(role, v.version); } },
        { SnapshotMismatchModel::tr("First difference (fold → snapshot) or reason"),
            [](const SnapshotVerdict& v, int role) -> QVariant {
                if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                    return {};
                if (!v.foldable())
                    return QString::fromStdString(v.reason);
                if (v.diff.empty())
                    return QString();
                if (role == Qt::DisplayRole && v.diff.size() > 1)
                    return tr("%1 (+%n more)", nullptr, static_cast<int>(v.diff.size() - 1))
                        .arg(QString::fromStdString(v.diff.front()));
                return QString::fromStdString(v.diff.front());
            } },
    };
}

} // namespace acci::ui

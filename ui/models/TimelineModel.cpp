#include "models/TimelineModel.hpp"

#include <QApplication>
#include <QFont>
#include <QStyle>

#include "text/Formatting.hpp"

namespace acci::ui {

TimelineModel::TimelineModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TimelineModel::setTimeline(std::shared_ptr<const timetravel::StateFolder> folder, std::vector<QString> users)
{
    beginResetModel();
    m_folder = std::move(folder);
    m_users = std::move(users);
    m_excluded.clear();
    m_versionsWithWarnings.clear();
    if (m_folder)
        for (const auto& warning : m_folder->warnings())
            m_versionsWithWarnings.insert(warning.version);
    endResetModel();
}

void TimelineModel::clear()
{
    setTimeline(nullptr, {});
}

void TimelineModel::clearExcluded()
{
    if (m_excluded.empty())
        return;
    m_excluded.clear();
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit excludedChanged();
}

int TimelineModel::rowOfVersion(int version) const
{
    const auto* event = m_folder ? m_folder->eventAt(version) : nullptr;
    return event ? static_cast<int>(event - m_folder->events().data()) : -1;
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_folder ? 0 : static_cast<int>(m_folder->events().size());
}

int TimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_folder)
        return {};
    const auto& event = m_folder->events()[static_cast<std::size_t>(index.row())];
    const bool left = m_excluded.contains(event.version);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case VersionColumn:
            return event.version;
        case TypeColumn:
            return QString::fromStdString(event.eventType);
        case TimeColumn:
            return formatTime(event.timestampUs);
        case UserColumn:
            return m_users[static_cast<std::size_t>(index.row())];
        }
    }
    if (role == Qt::CheckStateRole && index.column() == VersionColumn)
        return left ? Qt::Unchecked : Qt::Checked;
    if (role == Qt::DecorationRole && index.column() == TypeColumn && m_versionsWithWarnings.contains(event.version))
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    if (role == Qt::ToolTipRole) {
        if (index.column() == VersionColumn)
            return tr("Untick to see the state as if this event had not happened (nothing is written).");
        if (m_versionsWithWarnings.contains(event.version)) {
            QStringList lines;
            for (const auto& warning : m_folder->warningsAt(event.version))
                lines << QString::fromStdString(warning.message);
            return lines.join(QLatin1Char('\n'));
        }
    }
    if (role == Qt::FontRole && left) {
        QFont struck;
        struck.setStrikeOut(true);
        return struck;
    }
    if (role == Qt::ForegroundRole && left)
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

bool TimelineModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !m_folder || role != Qt::CheckStateRole || index.column() != VersionColumn)
        return false;
    const int version = m_folder->events()[static_cast<std::size_t>(index.row())].version;
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_excluded.erase(version);
    else
        m_excluded.insert(version);
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    emit excludedChanged();
    return true;
}

Qt::ItemFlags TimelineModel::flags(const QModelIndex& index) const
{
    auto flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == VersionColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case TypeColumn:
        return tr("Event type");
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    }
    return {};
}

} // namespace acci::ui

#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QVariant>

#include <functional>
#include <vector>

namespace acci::ui {

// A number cell: shown right-aligned, nothing for the other roles.
inline QVariant alignedRight(int role, const QVariant& value)
{
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return role == Qt::DisplayRole ? value : QVariant();
}

// A small read-only table over a vector of plain records (projections, dead letters, audit
// entries): each column is a title and a function of the record and the role. Replacing the
// records keeps the selection when the rows are the same ones (same keys in the same order),
// so that a table refreshed every two seconds does not lose the user's place.
template <typename Record> class RecordTableModel : public QAbstractTableModel {
public:
    struct Column {
        QString title;
        std::function<QVariant(const Record&, int role)> value;
    };

    RecordTableModel(std::vector<Column> columns, std::function<QString(const Record&)> key, QObject* parent = nullptr)
        : QAbstractTableModel(parent)
        , m_columns(std::move(columns))
        , m_key(std::move(key))
    {
    }

    void setRecords(std::vector<Record> records)
    {
        bool sameRows = records.size() == m_records.size();
        for (std::size_t i = 0; sameRows && i < records.size(); ++i)
            sameRows = m_key(records[i]) == m_key(m_records[i]);
        if (!sameRows) {
            beginResetModel();
            m_records = std::move(records);
            endResetModel();
            return;
        }
        m_records = std::move(records);
        if (!m_records.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }

    const std::vector<Record>& records() const { return m_records; }
    const Record* record(int row) const
    {
        return row >= 0 && row < rowCount() ? &m_records[static_cast<std::size_t>(row)] : nullptr;
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_records.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override
    {
        if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
            return {};
        return m_columns[static_cast<std::size_t>(index.column())].value(
            m_records[static_cast<std::size_t>(index.row())], role);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
            return {};
        return m_columns[static_cast<std::size_t>(section)].title;
    }

private:
    std::vector<Column> m_columns;
    std::function<QString(const Record&)> m_key;
    std::vector<Record> m_records;
};

} // namespace acci::ui

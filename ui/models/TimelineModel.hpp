#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <set>
#include <vector>

#include "acci/timetravel/StateFolder.hpp"

namespace acci::ui {

// An aggregate's events on the time-travel page: one row per event, with a check box that
// takes it out of the fold ("what if it had not happened") and a mark on events with
// warnings. Rows are read straight from the folder: no copy of 100k events.
class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { VersionColumn, TypeColumn, TimeColumn, UserColumn, ColumnCount };

    explicit TimelineModel(QObject* parent = nullptr);

    // users[i] is the user id of event i (read from the metadata once, off the GUI thread).
    void setTimeline(std::shared_ptr<const timetravel::StateFolder> folder, std::vector<QString> users);
    void clear();

    const std::set<int>& excluded() const { return m_excluded; }
    void clearExcluded();
    // The row of the event with this version, or -1.
    int rowOfVersion(int version) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void excludedChanged();

private:
    std::shared_ptr<const timetravel::StateFolder> m_folder;
    std::vector<QString> m_users;
    std::set<int> m_excluded;
    std::set<int> m_versionsWithWarnings;
};

} // namespace acci::ui

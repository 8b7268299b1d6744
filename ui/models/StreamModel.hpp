#pragma once

#include "models/KeysetTableModel.hpp"

#include <vector>

#include "models/EventRow.hpp"

namespace acci::ui {

class DatabaseWorker;

// The events of one aggregate in version order, loaded page by page as the view scrolls.
class StreamModel : public KeysetTableModel<EventRow> {
    Q_OBJECT
public:
    enum Column { VersionColumn, TypeColumn, TimeColumn, UserColumn, CorrelationColumn, ColumnCount };
    static constexpr int PageSize = 2000;

    explicit StreamModel(DatabaseWorker* worker, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    void setAggregate(const QString& aggregateId);
    const QString& aggregateId() const { return m_aggregateId; }
    const EventRow* rowAt(int row) const;
    // Loads pages until the version is in, then emits versionReady with its row.
    void revealVersion(int version);

signals:
    void pageLoaded();
    void versionReady(int row);
    void failed(const QString& message);

private:
    int rowOfVersion(int version) const;

    DatabaseWorker* m_worker;
    QString m_aggregateId;
    int m_wantedVersion = 0; // revealVersion in progress
};

} // namespace acci::ui

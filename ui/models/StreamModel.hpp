#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "models/EventRow.hpp"

namespace acci::ui {

class DatabaseWorker;

// The events of one aggregate in version order, loaded page by page as the view scrolls.
class StreamModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { VersionColumn, TypeColumn, TimeColumn, UserColumn, CorrelationColumn, ColumnCount };
    static constexpr int PageSize = 2000;

    explicit StreamModel(DatabaseWorker* worker, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    void setAggregate(const QString& aggregateId);
    const QString& aggregateId() const { return m_aggregateId; }
    const EventRow* rowAt(int row) const;
    // Loads pages until the version is in, then emits versionReady with its row.
    void revealVersion(int version);
    bool isLoading() const { return m_loading; }

signals:
    void pageLoaded();
    void versionReady(int row);
    void failed(const QString& message);

private:
    int rowOfVersion(int version) const;

    DatabaseWorker* m_worker;
    QString m_aggregateId;
    std::vector<EventRow> m_rows;
    bool m_loading = false;
    bool m_exhausted = true;
    int m_wantedVersion = 0; // revealVersion in progress
    quint64 m_generation = 0;
};

} // namespace acci::ui

#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "acci/store/EventStore.hpp"

namespace acci::ui {

class DatabaseWorker;

// The aggregates of a type, page by page (keyset, never OFFSET), as the view scrolls.
class AggregateListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, TypeColumn, VersionColumn, UpdatedColumn, ColumnCount };
    static constexpr int PageSize = 500;

    explicit AggregateListModel(DatabaseWorker* worker, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    // Starts over with a new type (empty: all), id search and order.
    void setQuery(const QString& aggregateType, const QString& search, store::AggregateSort sort,
                  const QString& tenant = {});
    QString aggregateIdAt(int row) const;
    QString aggregateTypeAt(int row) const;
    bool isLoading() const { return m_loading; }

signals:
    void pageLoaded();
    void failed(const QString& message);

private:
    DatabaseWorker* m_worker;
    store::AggregateQuery m_query;
    std::vector<store::AggregateInfo> m_rows;
    bool m_loading = false; // one fetch in flight at most
    bool m_exhausted = true;
    quint64 m_generation = 0;
};

} // namespace acci::ui

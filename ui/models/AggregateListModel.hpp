#pragma once

#include "models/KeysetTableModel.hpp"

#include <vector>

#include "acci/store/EventStore.hpp"

namespace acci::ui {

class DatabaseWorker;

// The aggregates of a type, page by page (keyset, never OFFSET), as the view scrolls.
class AggregateListModel : public KeysetTableModel<store::AggregateInfo> {
    Q_OBJECT
public:
    enum Column { IdColumn, TypeColumn, VersionColumn, UpdatedColumn, ColumnCount };
    static constexpr int PageSize = 500;

    explicit AggregateListModel(DatabaseWorker* worker, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

    // Starts over with a new type (empty: all), id search and order.
    void setQuery(
        const QString& aggregateType, const QString& search, store::AggregateSort sort, const QString& tenant = {});
    QString aggregateIdAt(int row) const;
    QString aggregateTypeAt(int row) const;

signals:
    void pageLoaded();
    void failed(const QString& message);

private:
    DatabaseWorker* m_worker;
    store::AggregateQuery m_query;
};

} // namespace acci::ui

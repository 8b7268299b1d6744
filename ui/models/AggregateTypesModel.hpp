#pragma once

#include <QAbstractListModel>

#include <vector>

#include "acci/store/Event.hpp"

#include "workers/RequestTracker.hpp"

namespace acci::ui {

class DatabaseWorker;

// Aggregate types with their counts, for the browser's first column: at once with the
// planner's estimates ("about N"), then counted.
class AggregateTypesModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TypeRole = Qt::UserRole + 1, CountRole };

    explicit AggregateTypesModel(DatabaseWorker* worker, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // tenant: only aggregates of that tenant (empty: all).
    void reload(const QString& tenant = {});
    QString typeAt(int row) const;
    // Some count shown is still the planner's estimate.
    bool isEstimated() const;

signals:
    void loaded();
    void failed(const QString& message);

private:
    void show(std::vector<store::AggregateTypeCount> types);

    DatabaseWorker* m_worker;
    std::vector<store::AggregateTypeCount> m_types;
    RequestTracker m_reload; // the last reload wins
};

} // namespace acci::ui

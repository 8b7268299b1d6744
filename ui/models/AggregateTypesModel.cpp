#include "models/AggregateTypesModel.hpp"

#include <QLocale>

#include <algorithm>

#include "acci/store/EventStore.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

AggregateTypesModel::AggregateTypesModel(DatabaseWorker* worker, QObject* parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
}

int AggregateTypesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_types.size());
}

QVariant AggregateTypesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& type = m_types[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (type.estimated)
            return tr("%1  (about %2)").arg(QString::fromStdString(type.aggregateType), QLocale().toString(type.count));
        return tr("%1  (%2)").arg(QString::fromStdString(type.aggregateType), QLocale().toString(type.count));
    case TypeRole:
        return QString::fromStdString(type.aggregateType);
    case CountRole:
        return static_cast<qlonglong>(type.count);
    case Qt::ToolTipRole:
        return tr("%n aggregate(s) of type %1", nullptr, static_cast<int>(type.count))
            .arg(QString::fromStdString(type.aggregateType));
    default:
        return {};
    }
}

QString AggregateTypesModel::typeAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(m_types[static_cast<std::size_t>(row)].aggregateType);
}

void AggregateTypesModel::reload(const QString& tenant)
{
    const auto ticket = m_reload.supersede();
    std::optional<std::string> tenantId;
    if (!tenant.isEmpty())
        tenantId = tenant.toStdString();
    // The types and estimated counts first (index probes), then the counts (a scan of
    // `aggregates`), both on the browse connection, in that order.
    m_worker->run<std::vector<store::AggregateTypeCount>>(
        this,
        [tenantId](
            pqxx::connection& connection) { return store::EventStore(connection).estimateAggregateTypes(tenantId); },
        [this, ticket](std::vector<store::AggregateTypeCount> types) {
            if (m_reload.isCurrent(ticket))
                show(std::move(types));
        },
        [this, ticket](const QString& message) {
            if (m_reload.isCurrent(ticket))
                emit failed(message);
        });
    m_worker->run<std::vector<store::AggregateTypeCount>>(
        this,
        [tenantId](pqxx::connection& connection) { return store::EventStore(connection).aggregateTypes(tenantId); },
        [this, ticket](std::vector<store::AggregateTypeCount> types) {
            if (m_reload.isCurrent(ticket))
                show(std::move(types));
        },
        [this, ticket](const QString& message) {
            if (m_reload.isCurrent(ticket))
                emit failed(message);
        });
}

bool AggregateTypesModel::isEstimated() const
{
    return std::any_of(m_types.begin(), m_types.end(), [](const auto& type) { return type.estimated; });
}

void AggregateTypesModel::show(std::vector<store::AggregateTypeCount> types)
{
    const bool sameTypes = std::equal(m_types.begin(), m_types.end(), types.begin(), types.end(),
        [](const auto& a, const auto& b) { return a.aggregateType == b.aggregateType; });
    if (sameTypes && !m_types.empty()) {
        // Only the numbers change: the selection and the scroll position stay.
        m_types = std::move(types);
        emit dataChanged(index(0), index(rowCount() - 1));
    } else {
        beginResetModel();
        m_types = std::move(types);
        endResetModel();
    }
    emit loaded();
}

} // namespace acci::ui

#include "models/AggregateListModel.hpp"

#include <QDateTime>
#include <QLocale>

#include "text/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

AggregateListModel::AggregateListModel(DatabaseWorker* worker, QObject* parent)
    : KeysetTableModel(parent)
    , m_worker(worker)
{
}

int AggregateListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AggregateListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& row = rows()[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn:
            return displaySafe(row.aggregateId); // aggregateIdAt() gives the id as stored
        case TypeColumn:
            return QString::fromStdString(row.aggregateType);
        case VersionColumn:
            return row.version;
        case UpdatedColumn:
            return formatTime(row.updatedAtUs);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == VersionColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == UpdatedColumn)
        return tr("Created %1").arg(formatTime(row.createdAtUs));
    return {};
}

QVariant AggregateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Aggregate");
    case TypeColumn:
        return tr("Type");
    case VersionColumn:
        return tr("Version");
    case UpdatedColumn:
        return tr("Last change");
    }
    return {};
}

void AggregateListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    store::AggregateQuery query = m_query;
    query.limit = PageSize;
    if (!rows().empty())
        query.after = store::AggregateKey { rows().back().aggregateId, rows().back().updatedAtUs };
    const auto ticket = beginFetch();
    m_worker->run<std::vector<store::AggregateInfo>>(
        this, [query](pqxx::connection& connection) { return store::EventStore(connection).listAggregates(query); },
        [this, ticket](std::vector<store::AggregateInfo> page) {
            if (acceptPage(ticket, std::move(page), PageSize))
                emit pageLoaded();
        },
        [this, ticket](const QString& message) {
            if (acceptFailure(ticket))
                emit failed(message);
        });
}

void AggregateListModel::setQuery(
    const QString& aggregateType, const QString& search, store::AggregateSort sort, const QString& tenant)
{
    m_worker->cancelRunning(this); // the previous query's page is no longer wanted
    m_query = {};
    if (!aggregateType.isEmpty())
        m_query.aggregateType = aggregateType.toStdString();
    m_query.search = search.trimmed().toStdString();
    m_query.sort = sort;
    if (!tenant.isEmpty())
        m_query.tenantId = tenant.toStdString();
    startOver(true);
    fetchMore();
}

QString AggregateListModel::aggregateIdAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(rows()[static_cast<std::size_t>(row)].aggregateId);
}

QString AggregateListModel::aggregateTypeAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(rows()[static_cast<std::size_t>(row)].aggregateType);
}

} // namespace acci::ui

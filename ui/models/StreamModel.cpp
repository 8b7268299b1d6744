#include "models/StreamModel.hpp"

#include <algorithm>

#include "acci/store/EventStore.hpp"
#include "text/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

StreamModel::StreamModel(DatabaseWorker* worker, QObject* parent)
    : KeysetTableModel(parent)
    , m_worker(worker)
{
}

int StreamModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const EventRow& row = rows()[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case VersionColumn:
            return row.event.version;
        case TypeColumn:
            return displaySafe(row.event.eventType);
        case TimeColumn:
            return formatTime(row.event.timestampUs);
        case UserColumn:
            return displaySafe(row.userId);
        case CorrelationColumn:
            return displaySafe(row.correlationId);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == VersionColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant StreamModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case CorrelationColumn:
        return tr("Correlation");
    }
    return {};
}

void StreamModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const std::string id = m_aggregateId.toStdString();
    const int from = rows().empty() ? 1 : rows().back().event.version + 1;
    const auto ticket = beginFetch();
    m_worker->run<std::vector<EventRow>>(
        this,
        [id, from](pqxx::connection& connection) {
            return toEventRows(store::EventStore(connection).readStream(id, from, PageSize));
        },
        [this, ticket](std::vector<EventRow> page) {
            if (!acceptPage(ticket, std::move(page), PageSize))
                return;
            emit pageLoaded();
            if (m_wantedVersion) {
                const int row = rowOfVersion(m_wantedVersion);
                if (row >= 0 || exhausted()) {
                    m_wantedVersion = 0;
                    emit versionReady(row >= 0 ? row : rowCount() - 1);
                } else {
                    fetchMore();
                }
            }
        },
        [this, ticket](const QString& message) {
            if (!acceptFailure(ticket))
                return;
            m_wantedVersion = 0;
            emit failed(message);
        });
}

void StreamModel::setAggregate(const QString& aggregateId)
{
    m_worker->cancelRunning(this); // the previous stream's page is no longer wanted
    m_aggregateId = aggregateId;
    m_wantedVersion = 0;
    startOver(!aggregateId.isEmpty());
    fetchMore();
}

const EventRow* StreamModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &rows()[static_cast<std::size_t>(row)];
}

int StreamModel::rowOfVersion(int version) const
{
    const auto it = std::lower_bound(
        rows().begin(), rows().end(), version, [](const EventRow& row, int v) { return row.event.version < v; });
    if (it == rows().end() || it->event.version != version)
        return -1;
    return static_cast<int>(it - rows().begin());
}

void StreamModel::revealVersion(int version)
{
    const int row = rowOfVersion(version);
    if (row >= 0 || exhausted()) {
        emit versionReady(row >= 0 ? row : rowCount() - 1);
        return;
    }
    m_wantedVersion = version;
    if (!isLoading())
        fetchMore();
}

} // namespace acci::ui

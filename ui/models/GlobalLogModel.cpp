#include "models/GlobalLogModel.hpp"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/store/EventStore.hpp"
#include "acci/store/LogQueries.hpp"
#include "models/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {

    // What the first, quick look returns: enough to show the first rows at once.
    struct Opening {
        store::LogPosition bound;
        std::vector<store::LogPosition> front;
        std::vector<EventRow> firstPage;
    };

    // The second look, which may take longer on a big store: the count and the last keys.
    struct Counting {
        qint64 total = 0;
        std::vector<store::LogPosition> back;
    };

    struct TailBatch {
        std::vector<store::LogPosition> keys;
        qint64 pending = 0;
    };

} // namespace

GlobalLogModel::GlobalLogModel(DatabaseWorker* worker, QObject* parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
}

int GlobalLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_total);
}

int GlobalLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<store::LogPosition> GlobalLogModel::keyAt(int row) const
{
    if (row < 0 || row >= m_total)
        return std::nullopt;
    if (row < static_cast<int>(m_front.size()))
        return m_front[static_cast<std::size_t>(row)];
    const qint64 backStart = m_total - static_cast<qint64>(m_back.size());
    if (row >= backStart)
        return m_back[static_cast<std::size_t>(row - backStart)];
    return std::nullopt;
}

const EventRow* GlobalLogModel::rowAt(int row) const
{
    if (row < 0 || row >= m_total)
        return nullptr;
    const int page = row / PageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    it->lastUse = ++m_useClock;
    const std::size_t offset = static_cast<std::size_t>(row % PageSize);
    if (offset >= it->rows.size()) {
        // The page was the short last one and rows were appended since: fetch it again.
        requestPage(page);
        return nullptr;
    }
    return &it->rows[offset];
}

QVariant GlobalLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_total)
        return {};
    const EventRow* row = rowAt(index.row());
    if (role == Qt::DisplayRole) {
        if (!row)
            return index.column() == PositionColumn ? QStringLiteral("…") : QVariant();
        const auto& e = row->event;
        switch (index.column()) {
        case PositionColumn:
            return QString::fromStdString(e.position.toString());
        case TimeColumn:
            return formatTime(e.timestampUs);
        case AggregateTypeColumn:
            return QString::fromStdString(e.aggregateType);
        case AggregateColumn:
            return QString::fromStdString(e.aggregateId);
        case VersionColumn:
            return e.version;
        case EventTypeColumn:
            return QString::fromStdString(e.eventType);
        case UserColumn:
            return row->userId;
        case TenantColumn:
            return row->tenantId;
        case CorrelationColumn:
            return row->correlationId;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == VersionColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && !row)
        return QPalette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant GlobalLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case PositionColumn:
        return tr("Position");
    case TimeColumn:
        return tr("Time");
    case AggregateTypeColumn:
        return tr("Aggregate type");
    case AggregateColumn:
        return tr("Aggregate");
    case VersionColumn:
        return tr("Version");
    case EventTypeColumn:
        return tr("Event type");
    case UserColumn:
        return tr("User");
    case TenantColumn:
        return tr("Tenant");
    case CorrelationColumn:
        return tr("Correlation");
    }
    return {};
}

void GlobalLogModel::setFilter(const store::LogFilter& filter)
{
    m_worker->cancelRunning(this); // a count or page of the previous filter is no longer wanted
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_filter = filter;
    m_open = false;
    m_total = 0;
    m_front.clear();
    m_back.clear();
    m_pages.clear();
    m_requested.clear();
    m_keysComplete = false;
    m_counted = false;
    m_loadingKeys = false;
    m_tailInFlight = false;
    m_tailAgain = false;
    m_pending = 0;
    endResetModel();
    emit pendingChanged(0);

    m_worker->run<Opening>(
        this,
        [filter](pqxx::connection& connection) {
            pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
            Opening opening;
            opening.bound = store::readableHead(tx).value_or(store::LogPosition {});
            opening.front = store::logKeysAfter(tx, {}, FirstKeys, filter, opening.bound);
            auto rows = store::readAll(tx, {}, PageSize, filter);
            while (!rows.empty() && opening.bound < rows.back().position)
                rows.pop_back(); // committed after the bound: they come with the tail
            opening.firstPage = toEventRows(std::move(rows));
            tx.commit();
            return opening;
        },
        [this, generation, filter](Opening opening) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_bound = opening.bound;
            m_front = std::move(opening.front);
            m_total = static_cast<qint64>(m_front.size());
            m_keysComplete = m_front.size() < static_cast<std::size_t>(FirstKeys);
            m_counted = m_keysComplete;
            if (!opening.firstPage.empty())
                m_pages.insert(0, Page { std::move(opening.firstPage), ++m_useClock });
            m_open = true;
            endResetModel();
            if (m_counted) {
                emit opened(m_total);
                notifyNewEvents();
                return;
            }
            count(generation, filter);
        },
        [this, generation](const QString& message) {
            if (generation == m_generation)
                emit failed(message);
        });
}

void GlobalLogModel::count(quint64 generation, const store::LogFilter& filter)
{
    const auto bound = m_bound;
    m_worker->run<Counting>(
        this,
        [filter, bound](pqxx::connection& connection) {
            pqxx::nontransaction tx(connection);
            Counting counting;
            counting.total = store::countLog(tx, filter, bound);
            counting.back = store::lastLogKeys(tx, PageSize * 5, filter, bound);
            return counting;
        },
        [this, generation](Counting counting) {
            if (generation != m_generation)
                return;
            // The rows between the first keys and the count appear now; their keys load next.
            if (counting.total > m_total) {
                beginInsertRows({}, static_cast<int>(m_total), static_cast<int>(counting.total) - 1);
                m_back = std::move(counting.back);
                m_total = counting.total;
                endInsertRows();
            }
            m_counted = true;
            m_keysComplete = static_cast<qint64>(m_front.size()) >= m_total;
            if (m_keysComplete)
                m_back.clear();
            emit opened(m_total);
            loadMoreKeys();
            notifyNewEvents(); // what was committed while counting
        },
        [this, generation](const QString& message) {
            if (generation == m_generation)
                emit failed(message);
        });
}

void GlobalLogModel::loadMoreKeys()
{
    if (m_keysComplete || m_loadingKeys)
        return;
    m_loadingKeys = true;
    const quint64 generation = m_generation;
    const store::LogPosition after = m_front.empty() ? store::LogPosition {} : m_front.back();
    const auto filter = m_filter;
    const auto bound = m_bound;
    m_worker->run<std::vector<store::LogPosition>>(
        this,
        [filter, after, bound](pqxx::connection& connection) {
            pqxx::nontransaction tx(connection);
            return store::logKeysAfter(tx, after, KeyChunk, filter, bound);
        },
        [this, generation](const std::vector<store::LogPosition>& keys) {
            if (generation != m_generation)
                return;
            m_loadingKeys = false;
            const qint64 frontLimit = m_total - static_cast<qint64>(m_back.size());
            const bool reachedBack
                = keys.empty() || static_cast<qint64>(m_front.size()) + static_cast<qint64>(keys.size()) >= frontLimit;
            for (auto& key : keys) {
                if (static_cast<qint64>(m_front.size()) >= frontLimit)
                    break;
                m_front.push_back(key);
            }
            if (reachedBack) {
                // The front met the back: one list of keys from now on.
                m_front.insert(m_front.end(), m_back.begin(), m_back.end());
                m_back.clear();
                m_keysComplete = true;
            }
            // Rows in the middle may have shown placeholders: they can load now.
            emit dataChanged(index(0, 0), index(std::max(0, rowCount() - 1), ColumnCount - 1));
            emit rowsLoaded();
            loadMoreKeys();
        },
        [this, generation](const QString& message) {
            if (generation != m_generation)
                return;
            m_loadingKeys = false;
            emit failed(message);
        });
}

void GlobalLogModel::requestPage(int page) const
{
    if (m_requested.contains(page))
        return;
    const auto first = keyAt(page * PageSize);
    if (!first)
        return; // its keys are still loading; loadMoreKeys will refresh the rows
    m_requested.insert(page);
    const quint64 generation = m_generation;
    const auto filter = m_filter;
    const store::LogPosition from = store::justBefore(*first);
    auto* self = const_cast<GlobalLogModel*>(this);
    m_worker->run<std::vector<EventRow>>(
        self,
        [filter, from](pqxx::connection& connection) {
            return toEventRows(store::EventStore(connection).readAll(from, PageSize, filter));
        },
        [self, generation, page](std::vector<EventRow> rows) {
            if (generation != self->m_generation)
                return;
            self->m_requested.remove(page);
            if (self->m_pages.size() >= MaxCachedPages && !self->m_pages.contains(page)) {
                auto oldest = self->m_pages.begin();
                for (auto it = self->m_pages.begin(); it != self->m_pages.end(); ++it)
                    if (it->lastUse < oldest->lastUse)
                        oldest = it;
                self->m_pages.erase(oldest);
            }
            self->m_pages.insert(page, Page { std::move(rows), ++self->m_useClock });
            const int firstRow = page * PageSize;
            const int lastRow = std::min<int>(firstRow + PageSize, self->rowCount()) - 1;
            emit self->dataChanged(self->index(firstRow, 0), self->index(lastRow, ColumnCount - 1));
            emit self->rowsLoaded();
        },
        [self, generation, page](const QString& message) {
            if (generation != self->m_generation)
                return;
            self->m_requested.remove(page);
            emit self->failed(message);
        });
}

store::LogPosition GlobalLogModel::lastKey() const
{
    if (!m_back.empty())
        return m_back.back();
    if (m_keysComplete && !m_front.empty())
        return m_front.back();
    return m_bound;
}

void GlobalLogModel::setFollowing(bool following)
{
    m_following = following;
    if (following)
        notifyNewEvents();
}

void GlobalLogModel::notifyNewEvents()
{
    if (!m_open || !m_counted)
        return; // the end of the table is not laid out yet; counting calls again
    if (m_tailInFlight) {
        m_tailAgain = true; // coalesce bursts of notifications into one more fetch
        return;
    }
    m_tailInFlight = true;
    const quint64 generation = m_generation;
    const auto filter = m_filter;
    const auto after = lastKey();
    const bool following = m_following;
    m_worker->run<TailBatch>(
        this,
        [filter, after, following](pqxx::connection& connection) {
            pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
            TailBatch batch;
            const auto head = store::readableHead(tx).value_or(store::LogPosition {});
            if (following)
                batch.keys = store::logKeysAfter(tx, after, 100000, filter, head);
            else
                batch.pending
                    = after < head ? store::countLog(tx, filter, head) - store::countLog(tx, filter, after) : 0;
            tx.commit();
            return batch;
        },
        [this, generation, following](TailBatch batch) {
            if (generation != m_generation)
                return;
            m_tailInFlight = false;
            if (following && m_following) {
                appendKeys(std::move(batch.keys));
                m_pending = 0;
            } else {
                m_pending = batch.pending;
            }
            emit pendingChanged(m_pending);
            if (m_tailAgain) {
                m_tailAgain = false;
                notifyNewEvents();
            }
        },
        [this, generation](const QString& message) {
            if (generation != m_generation)
                return;
            m_tailInFlight = false;
            emit failed(message);
        });
}

void GlobalLogModel::appendKeys(std::vector<store::LogPosition> keys)
{
    if (keys.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(keys.size()) - 1);
    auto& target = m_keysComplete ? m_front : m_back;
    target.insert(target.end(), keys.begin(), keys.end());
    m_total += static_cast<qint64>(keys.size());
    endInsertRows();
}

} // namespace acci::ui

#include "models/GlobalLogModel.hpp"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include "text/Formatting.hpp"
#include "workers/LogAccess.hpp"

namespace acci::ui {

GlobalLogModel::GlobalLogModel(DatabaseWorker* worker, QObject* parent)
    : GlobalLogModel(std::make_unique<WorkerLogAccess>(worker), parent)
{
}

GlobalLogModel::GlobalLogModel(std::unique_ptr<LogAccess> access, QObject* parent)
    : QAbstractTableModel(parent)
    , m_access(std::move(access))
{
}

GlobalLogModel::~GlobalLogModel() = default;

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
    m_access->cancel(this); // a count or page of the previous filter is no longer wanted
    const auto ticket = m_query.supersede();
    m_keyLoading.supersede();
    m_tail.supersede();
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
    m_pending = 0;
    endResetModel();
    emit pendingChanged(0);

    m_access->run(
        this,
        [this, ticket, filter](store::LogSource& source) -> std::function<void()> {
            auto opening = std::make_shared<store::LogOpening>(source.open(filter, FirstKeys, PageSize));
            // Rows are made here, off the GUI thread, like every page's.
            auto firstRows = std::make_shared<std::vector<EventRow>>(toEventRows(std::move(opening->firstPage)));
            return [this, ticket, opening, firstRows] {
                if (!m_query.isCurrent(ticket))
                    return;
                beginResetModel();
                m_bound = opening->bound;
                m_front = std::move(opening->firstKeys);
                m_total = static_cast<qint64>(m_front.size());
                m_keysComplete = m_front.size() < static_cast<std::size_t>(FirstKeys);
                m_counted = m_keysComplete;
                if (!firstRows->empty())
                    m_pages.insert(0, Page { std::move(*firstRows), ++m_useClock });
                m_open = true;
                endResetModel();
                if (m_counted) {
                    emit opened(m_total);
                    notifyNewEvents();
                    return;
                }
                count();
            };
        },
        [this, ticket](const QString& message) {
            if (m_query.isCurrent(ticket))
                emit failed(message);
        });
}

void GlobalLogModel::count()
{
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    const auto bound = m_bound;
    m_access->run(
        this,
        [this, ticket, filter, bound](store::LogSource& source) -> std::function<void()> {
            auto counted = std::make_shared<store::LogCount>(source.count(filter, bound, PageSize * 5));
            return [this, ticket, counted] {
                if (!m_query.isCurrent(ticket))
                    return;
                // The rows between the first keys and the count appear now; their keys load next.
                if (counted->total > m_total) {
                    beginInsertRows({}, static_cast<int>(m_total), static_cast<int>(counted->total) - 1);
                    m_back = std::move(counted->lastKeys);
                    m_total = counted->total;
                    endInsertRows();
                }
                m_counted = true;
                m_keysComplete = static_cast<qint64>(m_front.size()) >= m_total;
                if (m_keysComplete)
                    m_back.clear();
                emit opened(m_total);
                loadMoreKeys();
                notifyNewEvents(); // what was committed while counting
            };
        },
        [this, ticket](const QString& message) {
            if (m_query.isCurrent(ticket))
                emit failed(message);
        });
}

void GlobalLogModel::loadMoreKeys()
{
    if (m_keysComplete || m_keyLoading.inFlight())
        return;
    m_keyLoading.start();
    const auto ticket = m_query.current();
    const store::LogPosition after = m_front.empty() ? store::LogPosition {} : m_front.back();
    const auto filter = m_filter;
    const auto bound = m_bound;
    m_access->run(
        this,
        [this, ticket, filter, after, bound](store::LogSource& source) -> std::function<void()> {
            auto keys
                = std::make_shared<std::vector<store::LogPosition>>(source.keysAfter(filter, after, KeyChunk, bound));
            return [this, ticket, keys] {
                if (!m_query.isCurrent(ticket))
                    return;
                m_keyLoading.finish();
                const qint64 frontLimit = m_total - static_cast<qint64>(m_back.size());
                const bool reachedBack = keys->empty()
                    || static_cast<qint64>(m_front.size()) + static_cast<qint64>(keys->size()) >= frontLimit;
                for (auto& key : *keys) {
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
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_keyLoading.finish();
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
    auto* self = const_cast<GlobalLogModel*>(this);
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    const store::LogPosition from = *first;
    m_access->run(
        self,
        [self, ticket, filter, from, page](store::LogSource& source) -> std::function<void()> {
            auto rows = std::make_shared<std::vector<EventRow>>(toEventRows(source.page(filter, from, PageSize)));
            return [self, ticket, page, rows] { self->acceptPage(ticket, page, std::move(*rows)); };
        },
        [self, ticket, page](const QString& message) {
            if (!self->m_query.isCurrent(ticket))
                return;
            self->m_requested.remove(page);
            emit self->failed(message);
        });
}

void GlobalLogModel::acceptPage(RequestTracker::Ticket ticket, int page, std::vector<EventRow> rows)
{
    if (!m_query.isCurrent(ticket))
        return;
    m_requested.remove(page);
    if (m_pages.size() >= MaxCachedPages && !m_pages.contains(page)) {
        // The least recently shown page makes room: memory stays bounded however far one scrolls.
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        m_pages.erase(oldest);
    }
    m_pages.insert(page, Page { std::move(rows), ++m_useClock });
    const int firstRow = page * PageSize;
    const int lastRow = std::min<int>(firstRow + PageSize, rowCount()) - 1;
    emit dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
    emit rowsLoaded();
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
    if (!m_tail.start())
        return; // a burst of notifications coalesces into one more read
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    const auto after = lastKey();
    const bool following = m_following;
    m_access->run(
        this,
        [this, ticket, filter, after, following](store::LogSource& source) -> std::function<void()> {
            auto tail = std::make_shared<store::LogTail>(source.tail(filter, after, following, 100000));
            return [this, ticket, following, tail] {
                if (!m_query.isCurrent(ticket))
                    return;
                const bool again = m_tail.finish();
                if (following && m_following) {
                    appendKeys(std::move(tail->keys));
                    m_pending = 0;
                } else {
                    m_pending = tail->pending;
                }
                emit pendingChanged(m_pending);
                if (again)
                    notifyNewEvents();
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_tail.finish();
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

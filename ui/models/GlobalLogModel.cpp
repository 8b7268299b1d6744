#include "models/GlobalLogModel.hpp"

#include "acci/store/LogQueries.hpp"

#include <algorithm>

#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QTimer>

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

std::optional<store::LogPosition> GlobalLogModel::pageKey(int page) const
{
    const qint64 row = static_cast<qint64>(page) * PageSize;
    if (row < 0 || row >= m_total)
        return std::nullopt;
    if (row < m_frontRows)
        return m_front[static_cast<std::size_t>(page)];
    const qint64 backStart = m_total - static_cast<qint64>(m_back.size());
    if (row >= backStart)
        return m_back[static_cast<std::size_t>(row - backStart)];
    return std::nullopt;
}

void GlobalLogModel::pushFrontKey(store::LogPosition key)
{
    if (m_frontRows % PageSize == 0)
        m_front.push_back(key);
    ++m_frontRows;
    m_frontLast = key;
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
            return displaySafe(e.aggregateType);
        case AggregateColumn:
            return displaySafe(e.aggregateId);
        case VersionColumn:
            return e.version;
        case EventTypeColumn:
            return displaySafe(e.eventType);
        case UserColumn:
            return displaySafe(row->userId);
        case TenantColumn:
            return displaySafe(row->tenantId);
        case CorrelationColumn:
            return displaySafe(row->correlationId);
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
    m_opening = true;
    m_total = 0;
    m_front.clear();
    m_frontRows = 0;
    m_frontLast = {};
    m_back.clear();
    m_pages.clear();
    m_requested.clear();
    m_keysComplete = false;
    m_counted = false;
    m_estimated = false;
    m_countStopped = false;
    m_countCuts.clear();
    m_countSoFar = 0;
    m_target = 0;
    m_countIn = false;
    ++m_layout;
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
                for (const auto& key : opening->firstKeys)
                    pushFrontKey(key);
                m_total = m_frontRows;
                m_target = m_total;
                m_keysComplete = m_frontRows < FirstKeys;
                m_counted = m_keysComplete;
                if (!firstRows->empty())
                    m_pages.insert(0, Page { std::move(*firstRows), ++m_useClock });
                m_open = true;
                m_opening = false;
                endResetModel();
                if (m_counted) {
                    emit opened(m_total);
                    notifyNewEvents();
                    return;
                }
                estimate();
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_opening = false;
            emit failed(message);
        });
}

void GlobalLogModel::locate(const store::LogPosition& position)
{
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    m_access->run(
        this,
        [this, ticket, filter, position](store::LogSource& source) -> std::function<void()> {
            const qint64 before = source.countPart(filter, 0, std::nullopt, store::justBefore(position));
            return [this, ticket, before] {
                if (m_query.isCurrent(ticket))
                    emit located(before);
            };
        },
        [this, ticket](const QString& message) {
            if (m_query.isCurrent(ticket))
                emit failed(message);
        });
}

void GlobalLogModel::stop()
{
    if (m_opening) {
        // The opening is one statement (a rare match can take a scan): cancel it on the server.
        m_query.supersede();
        m_opening = false;
        m_access->cancel(this);
        emit stopped(true);
        return;
    }
    // A count in parts is not stopped: each part is short and never waited for, and a layout
    // left on the estimate had rows it could not load and a tail that no longer followed.
}

void GlobalLogModel::estimate()
{
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    const auto bound = m_bound;
    m_access->run(
        this,
        [this, ticket, filter, bound](store::LogSource& source) -> std::function<void()> {
            auto guess = std::make_shared<store::LogEstimate>(source.estimate(filter, bound, LastKeys));
            return [this, ticket, guess] {
                if (!m_query.isCurrent(ticket))
                    return;
                auto& last = guess->lastKeys;
                const auto seen = std::upper_bound(last.begin(), last.end(), m_frontLast);
                if (seen != last.begin()) {
                    // The last keys reach into the first ones: the whole log is known, counted.
                    const qint64 first = m_total;
                    std::for_each(seen, last.end(), [this](const store::LogPosition& key) { pushFrontKey(key); });
                    if (m_frontRows > first) {
                        beginInsertRows({}, static_cast<int>(first), static_cast<int>(m_frontRows) - 1);
                        m_total = m_frontRows;
                        endInsertRows();
                    }
                    m_target = m_total;
                    m_keysComplete = true;
                    m_counted = true;
                    emit opened(m_total);
                    notifyNewEvents();
                    return;
                }
                // The last rows first (End works at once), then the rows between, in steps.
                beginInsertRows({}, static_cast<int>(m_total), static_cast<int>(m_total + std::ssize(last)) - 1);
                m_back = std::move(last);
                m_total += std::ssize(m_back);
                m_estimated = true;
                endInsertRows();
                m_target = std::max<qint64>(guess->estimate, m_total);
                emit estimated(m_target);
                layOut();
                count();
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_countStopped = true;
            emit failed(message);
        });
}

void GlobalLogModel::count()
{
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    m_access->run(
        this,
        [this, ticket, filter](store::LogSource& source) -> std::function<void()> {
            auto cuts = std::make_shared<std::vector<std::int64_t>>(source.countCuts(filter, CountParts));
            return [this, ticket, cuts] {
                if (!m_query.isCurrent(ticket))
                    return;
                m_countCuts = std::move(*cuts);
                m_countSoFar = 0;
                countPart(0);
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_countStopped = true; // the layout stays on the estimate
            emit failed(message);
        });
}

void GlobalLogModel::countPart(std::size_t part)
{
    if (m_countStopped)
        return;
    // One range per job: pages asked for meanwhile run between two ranges, not after the count.
    const auto ticket = m_query.current();
    const auto filter = m_filter;
    const std::int64_t from = part == 0 ? 0 : m_countCuts[part - 1];
    const auto to = part < m_countCuts.size() ? std::optional<std::int64_t>(m_countCuts[part]) : std::nullopt;
    const auto bound = m_bound;
    m_access->run(
        this,
        [this, ticket, filter, from, to, bound, part](store::LogSource& source) -> std::function<void()> {
            const qint64 counted = source.countPart(filter, from, to, bound);
            return [this, ticket, counted, part] {
                if (!m_query.isCurrent(ticket))
                    return;
                m_countSoFar += counted;
                const int parts = static_cast<int>(m_countCuts.size()) + 1;
                if (part + 1 < static_cast<std::size_t>(parts)) {
                    emit countProgress(static_cast<int>(part) + 1, parts);
                    countPart(part + 1);
                    return;
                }
                // The rows between the first and the last keys get their exact number (in
                // steps); the last rows move with it. Their keys load next.
                m_target = std::max<qint64>(m_countSoFar, m_frontRows + std::ssize(m_back));
                m_countIn = true;
                layOut();
            };
        },
        [this, ticket](const QString& message) {
            if (!m_query.isCurrent(ticket))
                return;
            m_countStopped = true; // the layout stays on the estimate
            emit failed(message);
        });
}

void GlobalLogModel::shiftPagesFrom(qint64 seam, qint64 delta)
{
    // Rows from the seam on move by delta: their cached pages move along when whole pages move,
    // else go; replies to requests made before are dropped (the layout counter).
    ++m_layout;
    m_requested.clear();
    QHash<int, Page> kept;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        const qint64 start = static_cast<qint64>(it.key()) * PageSize;
        if (start + PageSize <= seam)
            kept.emplace(it.key(), std::move(*it));
        else if (start >= seam && delta % PageSize == 0)
            kept.emplace(it.key() + static_cast<int>(delta / PageSize), std::move(*it));
    }
    m_pages = std::move(kept);
}

void GlobalLogModel::layOut()
{
    // Millions of rows inserted at once stall the view (its header keeps an entry per row):
    // they come in steps, one per turn of the event loop, at the seam before the last rows.
    if (m_total == m_target) {
        if (m_countIn)
            countDone();
        return;
    }
    const qint64 seam = m_total - std::ssize(m_back);
    const qint64 step = std::clamp<qint64>(m_target - m_total, -LayoutStep, LayoutStep);
    shiftPagesFrom(step > 0 ? seam : seam + step, step);
    if (step > 0) {
        beginInsertRows({}, static_cast<int>(seam), static_cast<int>(seam + step) - 1);
        m_total += step;
        endInsertRows();
    } else {
        beginRemoveRows({}, static_cast<int>(seam + step), static_cast<int>(seam) - 1);
        m_total += step;
        endRemoveRows();
    }
    const auto ticket = m_query.current();
    QTimer::singleShot(0, this, [this, ticket] {
        if (m_query.isCurrent(ticket))
            layOut();
    });
}

void GlobalLogModel::countDone()
{
    m_countIn = false;
    m_counted = true;
    m_estimated = false;
    m_keysComplete = m_frontRows >= m_total;
    if (m_keysComplete)
        m_back.clear();
    emit opened(m_total);
    loadMoreKeys();
    notifyNewEvents(); // what was committed while counting
}

void GlobalLogModel::loadMoreKeys()
{
    if (m_keysComplete || m_keyLoading.inFlight())
        return;
    m_keyLoading.start();
    const auto ticket = m_query.current();
    const store::LogPosition after = m_frontRows == 0 ? store::LogPosition {} : m_frontLast;
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
                const qint64 firstNew = m_frontRows;
                const bool reachedBack = keys->empty() || m_frontRows + static_cast<qint64>(keys->size()) >= frontLimit;
                for (const auto& key : *keys) {
                    if (m_frontRows >= frontLimit)
                        break;
                    pushFrontKey(key);
                }
                if (reachedBack) {
                    // The front met the back: one list of keys from now on.
                    for (const auto& key : m_back)
                        pushFrontKey(key);
                    m_back.clear();
                    m_keysComplete = true;
                }
                // Rows in the middle may have shown placeholders: they can load now.
                if (m_frontRows > firstNew)
                    emit dataChanged(index(static_cast<int>(firstNew), 0),
                        index(static_cast<int>(std::min<qint64>(m_frontRows, m_total)) - 1, ColumnCount - 1));
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
    const auto first = pageKey(page);
    if (!first)
        return; // its keys are still loading; loadMoreKeys will refresh the rows
    m_requested.insert(page);
    auto* self = const_cast<GlobalLogModel*>(this);
    const auto ticket = m_query.current();
    const auto layout = m_layout;
    const auto filter = m_filter;
    const store::LogPosition from = *first;
    m_access->run(
        self,
        [self, ticket, layout, filter, from, page](store::LogSource& source) -> std::function<void()> {
            auto rows = std::make_shared<std::vector<EventRow>>(toEventRows(source.page(filter, from, PageSize)));
            return [self, ticket, layout, page, rows] { self->acceptPage(ticket, layout, page, std::move(*rows)); };
        },
        [self, ticket, layout, page](const QString& message) {
            if (!self->m_query.isCurrent(ticket) || layout != self->m_layout)
                return;
            self->m_requested.remove(page);
            emit self->failed(message);
        });
}

void GlobalLogModel::acceptPage(RequestTracker::Ticket ticket, quint64 layout, int page, std::vector<EventRow> rows)
{
    if (!m_query.isCurrent(ticket) || layout != m_layout)
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
    if (m_keysComplete && m_frontRows > 0)
        return m_frontLast;
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
    if (m_keysComplete)
        for (const auto& key : keys)
            pushFrontKey(key);
    else
        m_back.insert(m_back.end(), keys.begin(), keys.end());
    m_total += static_cast<qint64>(keys.size());
    m_target = m_total;
    endInsertRows();
}

} // namespace acci::ui

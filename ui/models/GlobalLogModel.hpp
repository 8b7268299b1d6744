#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

#include "acci/store/LogFilter.hpp"
#include "models/EventRow.hpp"
#include "workers/RequestTracker.hpp"

namespace acci::ui {

class DatabaseWorker;
class LogAccess;

// The global log as one virtual table of possibly millions of rows, in (tx_id, position)
// order. On open it learns, from one snapshot, the number of matching events, the keys of
// the first rows and of the last ones; the keys in between arrive in chunks. Rows are
// fetched by key, a page at a time, around what the view shows, and kept in a small cache;
// a row not there yet shows a placeholder. New events (live tail) append at the end.
class GlobalLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PositionColumn,
        TimeColumn,
        AggregateTypeColumn,
        AggregateColumn,
        VersionColumn,
        EventTypeColumn,
        UserColumn,
        TenantColumn,
        CorrelationColumn,
        ColumnCount
    };
    static constexpr int PageSize = 200;
    static constexpr int KeyChunk = 10000; // small, so page requests do not wait long behind a chunk
    static constexpr int FirstKeys = 1000; // keys of the first look, before the count
    static constexpr int MaxCachedPages = 64;

    // Reads through a store::LogReader on the worker's connection.
    explicit GlobalLogModel(DatabaseWorker* worker, QObject* parent = nullptr);
    explicit GlobalLogModel(std::unique_ptr<LogAccess> access, QObject* parent = nullptr);
    ~GlobalLogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setFilter(const store::LogFilter& filter);
    const store::LogFilter& filter() const { return m_filter; }
    // The row's event, or nullptr while its page is loading (the page is requested).
    const EventRow* rowAt(int row) const;
    bool isOpen() const { return m_open; }
    // Pages of rows held now (at most MaxCachedPages).
    int cachedPageCount() const { return static_cast<int>(m_pages.size()); }

    // Live tail: while following, new events are appended as they are notified; while
    // paused they are only counted (pendingChanged) until resume.
    void setFollowing(bool following);
    bool isFollowing() const { return m_following; }
    void notifyNewEvents();
    qint64 pendingCount() const { return m_pending; }

signals:
    // The count is known (the first rows may have shown before).
    void opened(qint64 total);
    void rowsLoaded();
    void pendingChanged(qint64 pending);
    void failed(const QString& message);

private:
    struct Page {
        std::vector<EventRow> rows;
        quint64 lastUse = 0;
    };

    std::optional<store::LogPosition> keyAt(int row) const;
    void requestPage(int page) const;
    void count();
    void loadMoreKeys();
    void acceptPage(RequestTracker::Ticket ticket, int page, std::vector<EventRow> rows);
    void appendKeys(std::vector<store::LogPosition> keys);
    store::LogPosition lastKey() const;

    std::unique_ptr<LogAccess> m_access;
    store::LogFilter m_filter;
    RequestTracker m_query; // one per filter: replies for an earlier filter are dropped
    RequestTracker m_keyLoading; // one chunk of keys in flight
    RequestTracker m_tail; // one tail read in flight, once more after a burst of notifications
    bool m_open = false;
    qint64 m_total = 0;
    store::LogPosition m_bound; // keys loaded from the front stop here (the head at open)
    std::vector<store::LogPosition> m_front; // keys of rows 0 .. m_front.size()-1
    std::vector<store::LogPosition> m_back; // keys of the last m_back.size() rows
    bool m_keysComplete = false;
    bool m_counted = false; // the count is in: rows up to it are laid out
    bool m_following = true;
    qint64 m_pending = 0;
    // The cache is filled from data(), which is const: a view asking for a row is the
    // signal to load it.
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
    mutable quint64 m_useClock = 0;
};

} // namespace acci::ui

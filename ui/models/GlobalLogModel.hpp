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
// order. On open it learns, from one snapshot, the keys of the first rows; then, at once, the
// planner's estimate of the matching events and the keys of the last rows, and lays out that
// many rows (the count is "about N" until the exact one arrives). The exact count is taken
// range by range, so it shows progress and can be stopped; it then corrects the layout. Only
// the key of every page's first row is kept (a 10M-event log needs 50k keys, not 10M), and the
// keys in between arrive in chunks. Rows are fetched by key, a page at a time, around what the
// view shows, and kept in a small cache; a row not there yet shows a placeholder. New events
// (live tail) append at the end.
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
    static constexpr int LastKeys = PageSize * 5; // keys of the last rows, with the estimate
    static constexpr int CountParts = 50; // ranges of the exact count: its progress steps
    static constexpr int LayoutStep = 400000; // rows inserted per turn of the event loop (whole pages)

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
    // The rows the table is laying out (rowCount() reaches it in steps of LayoutStep).
    qint64 total() const { return m_target; }
    // The row count is the exact number of matching events (else the planner's estimate, or
    // the first rows only while that is asked for).
    bool isCounted() const { return m_counted; }
    bool isEstimated() const { return m_open && !m_counted && m_estimated; }
    // Opening or counting: stop() would end it.
    bool isCountStopped() const { return m_countStopped; }
    bool isBusy() const { return m_opening || (m_open && !m_counted && !m_countStopped); }
    // Stops what the filter still runs: the opening (cancelled on the server: the table stays
    // empty) or the exact count (after the range being counted: the layout stays estimated).
    void stop();
    // Keys held for the layout (page starts, the last rows): bounded by rows / PageSize.
    std::size_t keysHeld() const { return m_front.size() + m_back.size(); }
    // Pages of rows held now (at most MaxCachedPages).
    int cachedPageCount() const { return static_cast<int>(m_pages.size()); }

    // Live tail: while following, new events are appended as they are notified; while
    // paused they are only counted (pendingChanged) until resume.
    void setFollowing(bool following);
    bool isFollowing() const { return m_following; }
    void notifyNewEvents();
    qint64 pendingCount() const { return m_pending; }
    // Where the event at `position` is among the rows of the current filter: the events before
    // it, counted on the worker (one count up to it, as the opening's count). located(row)
    // says; the row holds that event if the filter matches it.
    void locate(const store::LogPosition& position);

signals:
    // The count is known (the first rows may have shown before).
    void opened(qint64 total);
    // Rows are laid out on the planner's estimate; the exact count follows (opened).
    void estimated(qint64 total);
    // The exact count has counted `done` of `parts` ranges of the log.
    void countProgress(int done, int parts);
    // stop() ended the opening (opening true) or the count.
    void stopped(bool opening);
    void rowsLoaded();
    void pendingChanged(qint64 pending);
    void failed(const QString& message);
    // Where locate() found its event: the row it is (or would be) in.
    void located(qint64 row);

private:
    struct Page {
        std::vector<EventRow> rows;
        quint64 lastUse = 0;
    };

    std::optional<store::LogPosition> pageKey(int page) const;
    void requestPage(int page) const;
    void estimate();
    void count();
    void countPart(std::size_t part);
    void layOut();
    void countDone();
    void shiftPagesFrom(qint64 seam, qint64 delta);
    void loadMoreKeys();
    void acceptPage(RequestTracker::Ticket ticket, quint64 layout, int page, std::vector<EventRow> rows);
    void appendKeys(std::vector<store::LogPosition> keys);
    void pushFrontKey(store::LogPosition key);
    store::LogPosition lastKey() const;

    std::unique_ptr<LogAccess> m_access;
    store::LogFilter m_filter;
    RequestTracker m_query; // one per filter: replies for an earlier filter are dropped
    RequestTracker m_keyLoading; // one chunk of keys in flight
    RequestTracker m_tail; // one tail read in flight, once more after a burst of notifications
    bool m_open = false;
    bool m_opening = false;
    qint64 m_total = 0;
    store::LogPosition m_bound; // keys loaded from the front stop here (the head at open)
    std::vector<store::LogPosition> m_front; // keys of rows 0, PageSize, 2 PageSize … below m_frontRows
    qint64 m_frontRows = 0; // rows whose keys were read from the front
    store::LogPosition m_frontLast; // the key of row m_frontRows - 1
    std::vector<store::LogPosition> m_back; // keys of the last m_back.size() rows
    bool m_keysComplete = false;
    bool m_counted = false; // the count is in: rows up to it are laid out
    bool m_estimated = false; // laid out on the planner's estimate until then
    bool m_countStopped = false;
    std::vector<std::int64_t> m_countCuts; // where the count's parts start (pages of the table)
    qint64 m_countSoFar = 0;
    qint64 m_target = 0; // rows to lay out: m_total moves towards it in steps
    bool m_countIn = false; // the exact count is in; the layout is reaching it
    quint64 m_layout = 0; // moves when rows shift: page replies of an older layout are dropped
    bool m_following = true;
    qint64 m_pending = 0;
    // The cache is filled from data(), which is const: a view asking for a row is the
    // signal to load it.
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
    mutable quint64 m_useClock = 0;
};

} // namespace acci::ui

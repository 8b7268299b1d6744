#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "workers/RequestTracker.hpp"

namespace acci::ui {

// What the page-by-page tables share: rows appended a keyset page at a time as the view
// scrolls, one fetch in flight at most, and replies for an older query dropped
// (RequestTracker). Subclasses fetch the page (on the worker) and hand it to acceptPage.
template <typename Row> class KeysetTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    bool canFetchMore(const QModelIndex& parent = {}) const override
    {
        return !parent.isValid() && !m_exhausted && !m_fetch.inFlight();
    }
    bool isLoading() const { return m_fetch.inFlight(); }

protected:
    // Empties the table for a new query; hasSource false leaves nothing to fetch.
    void startOver(bool hasSource)
    {
        m_fetch.supersede();
        beginResetModel();
        m_rows.clear();
        m_exhausted = !hasSource;
        endResetModel();
    }

    // Marks a fetch in flight; returns the ticket its reply must carry.
    RequestTracker::Ticket beginFetch()
    {
        m_fetch.start();
        return m_fetch.current();
    }

    // Appends a page; false when the reply is for an older query (nothing changes).
    bool acceptPage(RequestTracker::Ticket ticket, std::vector<Row> page, int pageSize)
    {
        if (!m_fetch.isCurrent(ticket))
            return false;
        // Still "loading" while the rows go in: a view or tester reacting to the insert must
        // not ask for the same page again.
        m_exhausted = static_cast<int>(page.size()) < pageSize;
        if (!page.empty()) {
            const int first = rowCount();
            beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
            m_rows.insert(m_rows.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
            endInsertRows();
        }
        m_fetch.finish();
        return true;
    }

    // Ends a failed fetch; false when it was for an older query.
    bool acceptFailure(RequestTracker::Ticket ticket)
    {
        if (!m_fetch.isCurrent(ticket))
            return false;
        m_fetch.finish();
        return true;
    }

    const std::vector<Row>& rows() const { return m_rows; }
    bool exhausted() const { return m_exhausted; }

private:
    std::vector<Row> m_rows;
    bool m_exhausted = true;
    RequestTracker m_fetch; // one page in flight; a new query drops the old one's replies
};

} // namespace acci::ui

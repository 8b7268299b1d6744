#pragma once

#include <QtGlobal>

#include <utility>

namespace acci::ui {

// Which of a view's requests are still wanted. Every model and page that asks a worker for
// something the user can ask for again (a new filter, a reload, the next poll) keeps one,
// on the GUI thread:
// - supersede() starts a new request; a reply carrying an older ticket is dropped
//   (isCurrent), so a slow answer to an old question never overwrites a new one;
// - start()/finish() keep one request in flight: asked again meanwhile, finish() says to
//   run once more, so a burst of asks costs two runs, not one per ask.
class RequestTracker {
public:
    using Ticket = quint64;

    Ticket supersede()
    {
        m_inFlight = false;
        m_again = false;
        return ++m_current;
    }
    Ticket current() const { return m_current; }
    bool isCurrent(Ticket ticket) const { return ticket == m_current; }

    // False when one is in flight already (it is then run once more after it).
    bool start()
    {
        if (m_inFlight) {
            m_again = true;
            return false;
        }
        m_inFlight = true;
        return true;
    }
    // The request in flight ended; true when it was asked for again meanwhile.
    bool finish()
    {
        m_inFlight = false;
        return std::exchange(m_again, false);
    }
    bool inFlight() const { return m_inFlight; }

private:
    Ticket m_current = 0;
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace acci::ui

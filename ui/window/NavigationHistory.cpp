#include "window/NavigationHistory.hpp"

namespace acci::ui {

void NavigationHistory::visit(const Place& place)
{
    if (!m_places.empty()) {
        const Place& here = m_places[m_current];
        if (here == place)
            return;
        m_places.resize(m_current + 1); // what lay ahead is gone
        const bool barePage = here.aggregateId.isEmpty() && !here.position;
        if (barePage && here.page == place.page) {
            m_places[m_current] = place;
            return;
        }
    }
    m_places.push_back(place);
    if (m_places.size() > Limit)
        m_places.erase(m_places.begin());
    m_current = m_places.size() - 1;
}

std::optional<Place> NavigationHistory::back()
{
    if (!canGoBack())
        return std::nullopt;
    return m_places[--m_current];
}

std::optional<Place> NavigationHistory::forward()
{
    if (!canGoForward())
        return std::nullopt;
    return m_places[++m_current];
}

std::optional<Place> NavigationHistory::current() const
{
    if (m_places.empty())
        return std::nullopt;
    return m_places[m_current];
}

} // namespace acci::ui

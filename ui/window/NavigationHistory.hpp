#pragma once

#include <QString>

#include <optional>
#include <vector>

#include "acci/store/Event.hpp"

namespace acci::ui {

// Where the user was: a page, and what it showed (an aggregate and version, an event of the log).
struct Place {
    int page = 0;
    QString aggregateId;
    int version = 0;
    std::optional<store::LogPosition> position;

    bool operator==(const Place& other) const = default;
};

// Back and forward across places, as a browser does: going somewhere new drops what lay
// ahead. Arriving at a page and then choosing what it shows is one visit (the bare page is
// replaced), so Back returns to the previous thing seen, not to an empty step.
class NavigationHistory {
public:
    void visit(const Place& place);
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_places.size(); }
    std::optional<Place> back();
    std::optional<Place> forward();
    std::optional<Place> current() const;
    std::size_t size() const { return m_places.size(); }

    static constexpr std::size_t Limit = 100;

private:
    std::vector<Place> m_places;
    std::size_t m_current = 0;
};

} // namespace acci::ui

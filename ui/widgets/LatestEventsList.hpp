#pragma once

#include <vector>

#include <QTreeWidget>

#include "acci/store/Event.hpp"

namespace acci::ui {

// The overview's newest events, one row each: a click asks for the event in the global log, a
// double-click for its aggregate at that version. As tall as its rows, so the page reads as
// figures, not an empty box.
class LatestEventsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit LatestEventsList(int rows, QWidget* parent = nullptr);

    void showEvents(const std::vector<store::RecordedEvent>& events);

signals:
    void eventRequested(const acci::store::LogPosition& position);
    void aggregateRequested(const QString& aggregateId, int version);

private:
    int m_rows;
};

} // namespace acci::ui

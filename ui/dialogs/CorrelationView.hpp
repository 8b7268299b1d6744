#pragma once

#include <QDialog>

#include <vector>

#include "models/EventRow.hpp"

class QLabel;
class QTreeWidget;

namespace acci::ui {

class DatabaseWorker;

// One business flow: every event sharing a correlation id, across aggregates, as a tree of
// causes (an event under the event its causation id names) in time order. Double-click
// goes to the event in its stream.
class CorrelationView : public QDialog {
    Q_OBJECT
public:
    CorrelationView(DatabaseWorker* worker, const QString& correlationId, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }

signals:
    void openEventRequested(const QString& aggregateId, int version);

private:
    void populate(std::vector<EventRow> rows);

    QLabel* m_title;
    QTreeWidget* m_tree;
};

} // namespace acci::ui

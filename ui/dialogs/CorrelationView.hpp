#pragma once

#include <QDialog>
#include <QHash>

#include <vector>

#include "flow/FlowLayout.hpp"
#include "models/EventRow.hpp"

class QLabel;
class QTabWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace acci::ui {

class DatabaseWorker;
class EventDetailView;
class LatestOnlyRunner;

namespace flow {
    class FlowScene;
    class FlowView;
} // namespace flow

// One business flow: every event sharing a correlation id, across aggregates. The Diagram tab
// draws it (one lane per aggregate, causation arrows, runs of unconnected events collapsed);
// the List tab is the tree of causes, for copy and search. A click on a node shows the event
// beside the diagram; a double-click opens its aggregate in time travel at its version.
// The events are read on the browse worker, the diagram laid out on a thread of its own.
class CorrelationView : public QDialog {
    Q_OBJECT
public:
    // selectedEventId: the event the flow was opened from, highlighted (may be empty).
    CorrelationView(DatabaseWorker* worker, const QString& correlationId, const QString& selectedEventId = {},
        QWidget* parent = nullptr);
    ~CorrelationView() override;

    QTreeWidget* tree() const { return m_tree; }
    QTabWidget* tabs() const { return m_tabs; }
    flow::FlowView* flowView() const { return m_view; }
    flow::FlowScene* flowScene() const { return m_scene; }
    EventDetailView* detail() const { return m_detail; }
    // The diagram of the events read, laid out and drawn (false while either is under way).
    bool diagramReady() const { return m_diagramReady; }
    // Selects an event (by id): highlighted in the diagram and shown beside it.
    void selectEvent(const QString& eventId);
    const QString& selectedEvent() const { return m_selected; }
    // Opens a collapsed run (by its key, FlowNode::runKey) or closes every run.
    void expandRun(const QString& runKey);
    void setCollapseRuns(bool collapse);
    bool exportPng(const QString& path);
    bool exportSvg(const QString& path);

signals:
    void openEventRequested(const QString& aggregateId, int version);
    void timeTravelRequested(const QString& aggregateId, int version);
    // A new diagram is on screen.
    void diagramShown();

private:
    void populate(std::vector<EventRow> rows);
    void populateTree();
    void markCycle(QTreeWidgetItem* item);
    void relayout();
    void onNodeClicked(int node);
    void onNodeDoubleClicked(int node);
    void chooseExport(bool svg);

    QString m_correlationId;
    QLabel* m_title;
    QTabWidget* m_tabs;
    QTreeWidget* m_tree;
    flow::FlowScene* m_scene;
    flow::FlowView* m_view;
    EventDetailView* m_detail;
    QToolButton* m_collapse;
    LatestOnlyRunner* m_layoutRunner;
    std::vector<EventRow> m_rows;
    QHash<QString, int> m_rowOfEvent;
    std::vector<flow::FlowEvent> m_events;
    flow::FlowLayoutOptions m_options;
    QString m_selected;
    QString m_focusRun; // the run just opened: shown once its events are laid out
    bool m_diagramReady = false;
    bool m_firstDiagram = true;
};

} // namespace acci::ui

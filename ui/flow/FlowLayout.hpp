#pragma once

#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QString>

#include <cstdint>
#include <vector>

namespace acci::ui::flow {

// One event of a flow as the diagram needs it: plain values, so that the layout can run on
// any thread.
struct FlowEvent {
    QString id;
    QString aggregateId;
    QString aggregateType;
    QString eventType;
    int version = 0;
    std::int64_t timestampUs = 0;
    QString causationId;
};

// What an event's causation id names.
enum class Cause {
    InFlow, // another event of this flow: an arrow
    Outside, // an id that is no event of this flow (a command, an event of another flow)
    Missing, // no causation id at all
    Itself, // the event's own id
};

// One aggregate's row.
struct FlowLane {
    QString aggregateId;
    QString aggregateType;
    int events = 0;
    double rowTop = 0; // where the nodes are
    double rowHeight = 0;
    double bandTop = 0; // the lane's share of the diagram, half of each gutter around it included
    double bandHeight = 0;
};

// A box of the diagram: one event, or a collapsed run of consecutive events of one lane
// that no arrow touches.
struct FlowNode {
    enum class Kind { Event, Run };
    Kind kind = Kind::Event;
    int lane = 0;
    int column = 0;
    std::vector<int> events; // indices into FlowDiagram::events, in time order
    QRectF rect;
    QString runKey; // a run's first event id: what FlowLayoutOptions::expandedRuns names
    int outsideCauses = 0; // events whose cause is Outside, Missing or Itself
};

// A causation arrow, from the node of the cause to the node of the event it caused.
struct FlowEdge {
    int from = 0; // node indices
    int to = 0;
    int causeEvent = 0; // event indices
    int effectEvent = 0;
    bool backward = false; // the cause is later in time than its effect
    std::vector<QPointF> path; // orthogonal polyline, from the cause's right side to the effect's left
};

struct FlowLayoutOptions {
    bool collapseRuns = true;
    int minRun = 3; // shorter runs stay as events
    QSet<QString> expandedRuns; // run keys the user opened
    QSet<QString> pinned; // event ids never hidden in a run (the selected event)

    // Geometry, in scene pixels.
    double top = 64; // room above the lanes (the title and legend: FlowScene::legendHeight())
    double headerWidth = 210; // the lane headers
    double nodeWidth = 172;
    double nodeHeight = 46;
    double lanePadding = 12; // above and below the nodes of a lane
    double minGap = 44; // between columns
    double minGutter = 16; // between lanes
    double trackSpacing = 8; // between parallel arrow segments
    double channelMargin = 10; // between the outer tracks and the nodes around a channel
};

struct FlowDiagram {
    std::vector<FlowEvent> events; // time order (the log's order for equal times)
    std::vector<Cause> causes; // per event
    std::vector<int> causeEvent; // per event: the cause's index when InFlow, else -1
    std::vector<int> nodeOfEvent; // per event
    std::vector<FlowLane> lanes; // in the order of their first event
    std::vector<FlowNode> nodes;
    std::vector<FlowEdge> edges;
    int columns = 0;
    int collapsedRuns = 0;
    int collapsedEvents = 0;
    QRectF bounds; // everything, lane headers included
    double headerWidth = 0; // the lane headers': FlowLayoutOptions::headerWidth
};

// Lays a flow out: one lane per aggregate, nodes in time order along the lanes (an event is
// never left of an event older than it), causation arrows routed orthogonally through the
// channels between columns and the gutters between lanes so that they do not cross nodes.
// Pure and linear in the events and arrows (plus sorting): cycles and causes later than
// their effects are drawn, never followed.
FlowDiagram layoutFlow(std::vector<FlowEvent> events, const FlowLayoutOptions& options = {});

} // namespace acci::ui::flow

#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsScene>
#include <QPalette>

#include <vector>

#include "flow/FlowLayout.hpp"

namespace acci::ui::flow {

class EdgeItem;
class LaneHeaderItem;
class NodeItem;

// The colours and fonts of a diagram, from a palette (light or dark).
struct FlowStyle {
    explicit FlowStyle(const QPalette& palette);
    QColor background;
    QColor bandA; // lane bands alternate
    QColor bandB;
    QColor text;
    QColor muted; // second lines, counts
    QColor nodeFill;
    QColor arrow;
    QColor backwardArrow; // a cause later than its effect
    QColor outside; // marks of causes outside the flow
    QColor selection;
    QFont title;
    QFont label; // event types
    QFont small; // versions, times, legend
    QFont laneType;
    QColor typeColour(int index) const; // one colour per aggregate type, in order of appearance
};

// Draws a laid-out flow (FlowDiagram) with items of its own: lane bands and headers, event
// and run nodes, causation arrows, a title and a legend. The lane headers can slide right so
// that they stay in view while the diagram scrolls (setHeaderOffset). Built on the GUI thread
// from a diagram computed elsewhere (layoutFlow).
class FlowScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit FlowScene(QObject* parent = nullptr);
    ~FlowScene() override;

    // Room the title and legend need above the lanes (FlowLayoutOptions::top).
    static double legendHeight() { return 64; }
    // The node width that shows these event types unclipped, within limits.
    static double nodeWidthFor(const QStringList& eventTypes);
    // title: the first line above the legend (the correlation id).
    void setDiagram(FlowDiagram diagram, const QString& title, const QPalette& palette);
    const FlowDiagram& diagram() const { return m_diagram; }
    bool hasDiagram() const { return !m_nodes.empty() || !m_diagram.events.empty(); }

    // The node under a scene point, or -1.
    int nodeAt(const QPointF& scenePoint) const;
    // The node that shows an event (by id), or -1.
    int nodeOfEvent(const QString& eventId) const;
    // Highlights an event's node and its arrows (an empty id: none).
    void setSelectedEvent(const QString& eventId);
    const QString& selectedEvent() const { return m_selected; }
    void setHoveredNode(int node);
    // Scene x where the lane headers are drawn (the view's left edge, or 0).
    void setHeaderOffset(double x);

    // Renders the whole diagram, headers at the left edge. PNG at up to twice the scene's
    // size (within 60 megapixels); SVG as vectors. False when the file cannot be written.
    bool exportPng(const QString& path);
    bool exportSvg(const QString& path);

    // Text of a node (for tooltips, and tests).
    QString toolTipOf(int node) const;

    const FlowStyle& style() const { return m_style; }
    const std::vector<int>& laneTypeColours() const { return m_laneColour; }

protected:
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    void addLegend(const QString& title);
    void render(QPainter* painter, const QRectF& target);

    FlowDiagram m_diagram;
    FlowStyle m_style;
    std::vector<NodeItem*> m_nodes;
    std::vector<EdgeItem*> m_edges;
    std::vector<LaneHeaderItem*> m_headers;
    QGraphicsItem* m_legend = nullptr;
    std::vector<int> m_laneColour; // per lane: index of its type's colour
    std::vector<std::vector<int>> m_edgesOfNode;
    QString m_selected;
    int m_selectedNode = -1;
    int m_hovered = -1;
    double m_headerOffset = 0;
};

} // namespace acci::ui::flow

#include "flow/FlowScene.hpp"

#include <QDateTime>
#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QGraphicsRectItem>
#include <QGraphicsSceneHelpEvent>
#include <QGraphicsView>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QMap>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "flow/FlowItems.hpp"
#include "text/Formatting.hpp"

namespace acci::ui::flow {

FlowScene::FlowScene(QObject* parent)
    : QGraphicsScene(parent)
    , m_style(QGuiApplication::palette())
{
}

FlowScene::~FlowScene()
{
    // Views let go first, while this is still a FlowScene: a view that follows the scroll
    // would otherwise move headers of a scene half gone.
    m_nodes.clear();
    m_edges.clear();
    m_headers.clear();
    m_edgesOfNode.clear();
    m_legend = nullptr;
    for (auto* view : views())
        view->setScene(nullptr);
}

void FlowScene::setDiagram(FlowDiagram diagram, const QString& title, const QPalette& palette)
{
    // Forget the items before they go: clear() may still tell one that the mouse left it.
    m_nodes.clear();
    m_edges.clear();
    m_headers.clear();
    m_edgesOfNode.clear();
    m_legend = nullptr;
    m_hovered = -1;
    m_selectedNode = -1;
    clear();
    m_diagram = std::move(diagram);
    m_style = FlowStyle(palette);
    setBackgroundBrush(m_style.background);
    const auto& d = m_diagram;

    // One colour per aggregate type, in order of appearance.
    QHash<QString, int> typeIndex;
    m_laneColour.clear();
    for (const auto& lane : d.lanes) {
        auto found = typeIndex.constFind(lane.aggregateType);
        if (found == typeIndex.cend())
            found = typeIndex.insert(lane.aggregateType, static_cast<int>(typeIndex.size()));
        m_laneColour.push_back(*found);
    }
    // Times to the second, with the date when the flow spans days.
    QString timeFormat = QStringLiteral("HH:mm:ss");
    if (!d.events.empty()) {
        const auto day = [](std::int64_t us) { return QDateTime::fromMSecsSinceEpoch(us / 1000).date(); };
        if (day(d.events.front().timestampUs) != day(d.events.back().timestampUs))
            timeFormat = QStringLiteral("MM-dd HH:mm:ss");
    }

    const double width = d.bounds.width();
    for (std::size_t l = 0; l < d.lanes.size(); ++l) {
        const auto& lane = d.lanes[l];
        auto* band = addRect(
            QRectF(0, lane.bandTop, width, lane.bandHeight), Qt::NoPen, l % 2 == 0 ? m_style.bandA : m_style.bandB);
        band->setZValue(-10);
        auto* header
            = new LaneHeaderItem(this, static_cast<int>(l), m_style.typeColour(m_laneColour[l]), d.headerWidth);
        addItem(header);
        m_headers.push_back(header);
    }
    m_edgesOfNode.assign(d.nodes.size(), {});
    for (std::size_t e = 0; e < d.edges.size(); ++e) {
        auto* item = new EdgeItem(this, static_cast<int>(e));
        addItem(item);
        m_edges.push_back(item);
        m_edgesOfNode[static_cast<std::size_t>(d.edges[e].from)].push_back(static_cast<int>(e));
        m_edgesOfNode[static_cast<std::size_t>(d.edges[e].to)].push_back(static_cast<int>(e));
    }
    for (std::size_t n = 0; n < d.nodes.size(); ++n) {
        auto* item = new NodeItem(this, static_cast<int>(n),
            m_style.typeColour(m_laneColour[static_cast<std::size_t>(d.nodes[n].lane)]), timeFormat);
        addItem(item);
        m_nodes.push_back(item);
    }
    addLegend(title);
    setSceneRect(itemsBoundingRect().united(d.bounds).adjusted(0, 0, 16, 0));
    setHeaderOffset(m_headerOffset);
    setSelectedEvent(m_selected);
}

void FlowScene::addLegend(const QString& title)
{
    const auto& d = m_diagram;
    QString subtitle = countedInFlow(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"),
                           static_cast<int>(d.events.size()))
        + QStringLiteral(" · ")
        + countedInFlow(
            QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n aggregate(s)"), static_cast<int>(d.lanes.size()))
        + QStringLiteral(" · ")
        + countedInFlow(
            QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n arrow(s)"), static_cast<int>(d.edges.size()));
    if (d.collapsedRuns > 0)
        subtitle += QStringLiteral(" · ")
            + countedInFlow(
                QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s) in collapsed runs"), d.collapsedEvents);
    m_legend = makeLegend(m_style, title, subtitle);
    m_legend->setZValue(6);
    addItem(m_legend);
}

double FlowScene::nodeWidthFor(const QStringList& eventTypes)
{
    const QFontMetricsF metrics(sizedFont(13, QFont::DemiBold)); // FlowStyle::label
    double widest = 0;
    for (const auto& type : eventTypes)
        widest = std::max(widest, metrics.horizontalAdvance(type));
    // The text's margins (13 + 8) and some air; long names are elided past the maximum.
    return std::clamp(widest + 21 + 10, 150.0, 250.0);
}

int FlowScene::nodeAt(const QPointF& scenePoint) const
{
    for (auto* item : items(scenePoint)) {
        if (auto* node = dynamic_cast<NodeItem*>(item); node && node->node().rect.contains(scenePoint))
            return node->index();
    }
    return -1;
}

int FlowScene::nodeOfEvent(const QString& eventId) const
{
    for (std::size_t i = 0; i < m_diagram.events.size(); ++i)
        if (m_diagram.events[i].id == eventId)
            return m_diagram.nodeOfEvent[i];
    return -1;
}

void FlowScene::setSelectedEvent(const QString& eventId)
{
    m_selected = eventId;
    const int node = eventId.isEmpty() ? -1 : nodeOfEvent(eventId);
    if (m_selectedNode >= 0 && m_selectedNode < static_cast<int>(m_nodes.size()) && m_selectedNode != node) {
        m_nodes[static_cast<std::size_t>(m_selectedNode)]->setHighlight(false, m_selectedNode == m_hovered);
        for (int e : m_edgesOfNode[static_cast<std::size_t>(m_selectedNode)])
            m_edges[static_cast<std::size_t>(e)]->setHighlight(false);
    }
    m_selectedNode = node;
    if (node >= 0) {
        m_nodes[static_cast<std::size_t>(node)]->setHighlight(true, node == m_hovered);
        for (int e : m_edgesOfNode[static_cast<std::size_t>(node)])
            m_edges[static_cast<std::size_t>(e)]->setHighlight(true);
    }
}

void FlowScene::setHoveredNode(int node)
{
    if (node == m_hovered)
        return;
    if (m_hovered >= 0 && m_hovered < static_cast<int>(m_nodes.size()))
        m_nodes[static_cast<std::size_t>(m_hovered)]->setHighlight(m_hovered == m_selectedNode, false);
    m_hovered = node;
    if (node >= 0 && node < static_cast<int>(m_nodes.size()))
        m_nodes[static_cast<std::size_t>(node)]->setHighlight(node == m_selectedNode, true);
}

void FlowScene::setHeaderOffset(double x)
{
    m_headerOffset = std::max(0.0, x);
    for (auto* header : m_headers)
        header->setPos(m_headerOffset, 0);
    if (m_legend) // the title and legend stay in view too (they are above the lanes, nothing under them)
        m_legend->setPos(
            std::min(m_headerOffset, std::max(0.0, sceneRect().right() - m_legend->boundingRect().width())), 0);
}

QString FlowScene::toolTipOf(int nodeIndex) const
{
    const auto& d = m_diagram;
    const auto& node = d.nodes[static_cast<std::size_t>(nodeIndex)];
    const auto& first = d.events[static_cast<std::size_t>(node.events.front())];
    if (node.kind == FlowNode::Kind::Run) {
        QMap<QString, int> types;
        for (int e : node.events)
            ++types[d.events[static_cast<std::size_t>(e)].eventType];
        QStringList counts;
        for (auto it = types.cbegin(); it != types.cend(); ++it)
            counts << QStringLiteral("%1 × %2").arg(it.value()).arg(displaySafe(it.key()).toHtmlEscaped());
        const auto& last = d.events[static_cast<std::size_t>(node.events.back())];
        return countedInFlow(
                   QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "<b>%n event(s)</b> of %1 that no arrow touches"),
                   static_cast<int>(node.events.size()))
                   .arg(displaySafe(first.aggregateId).toHtmlEscaped())
            + QStringLiteral("<br>") + formatTime(first.timestampUs) + QStringLiteral(" – ")
            + formatTime(last.timestampUs) + QStringLiteral("<br>") + counts.join(QStringLiteral(", "))
            + (node.outsideCauses > 0 ? QStringLiteral("<br>")
                        + countedInFlow(QT_TRANSLATE_N_NOOP(
                                            "acci::ui::flow::FlowScene", "%n of them caused from outside this flow"),
                            node.outsideCauses)
                                      : QString())
            + QStringLiteral("<br><i>") + tr("Click to show them one by one.") + QStringLiteral("</i>");
    }
    const int index = node.events.front();
    QString cause;
    switch (d.causes[static_cast<std::size_t>(index)]) {
    case Cause::InFlow: {
        const auto& c = d.events[static_cast<std::size_t>(d.causeEvent[static_cast<std::size_t>(index)])];
        cause = tr("Caused by %1 of %2 v%3")
                    .arg(displaySafe(c.eventType).toHtmlEscaped(), displaySafe(c.aggregateId).toHtmlEscaped())
                    .arg(c.version)
            + (d.causeEvent[static_cast<std::size_t>(index)] > index
                    ? QStringLiteral(" — ") + tr("which is later than this event")
                    : QString());
        break;
    }
    case Cause::Outside:
        cause = tr("Caused by %1, which is no event of this flow").arg(displaySafe(first.causationId).toHtmlEscaped());
        break;
    case Cause::Missing:
        cause = tr("No causation id");
        break;
    case Cause::Itself:
        cause = tr("Its causation id is its own id");
        break;
    }
    return QStringLiteral("<b>%1</b> &nbsp; %2 v%3<br>%4<br>%5<br><span style='color:gray'>%6</span><br><i>%7</i>")
        .arg(displaySafe(first.eventType).toHtmlEscaped(), displaySafe(first.aggregateId).toHtmlEscaped())
        .arg(first.version)
        .arg(formatTime(first.timestampUs), cause, tr("id %1").arg(first.id),
            tr("Click to see the event; double-click to open it in Time travel."));
}

void FlowScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    // Node tooltips are made here, when asked for: thousands of nodes need none up front.
    const int node = nodeAt(event->scenePos());
    if (node < 0) {
        QGraphicsScene::helpEvent(event); // the lane headers' own
        return;
    }
    QToolTip::showText(event->screenPos(), toolTipOf(node), event->widget());
    event->accept();
}

void FlowScene::render(QPainter* painter, const QRectF& target)
{
    const double offset = m_headerOffset;
    const int hovered = m_hovered;
    setHoveredNode(-1);
    setHeaderOffset(0);
    QGraphicsScene::render(painter, target, sceneRect());
    setHeaderOffset(offset);
    setHoveredNode(hovered);
}

bool FlowScene::exportPng(const QString& path)
{
    const QRectF rect = sceneRect();
    constexpr double MaxPixels = 60e6;
    const double scale = std::clamp(std::sqrt(MaxPixels / std::max(1.0, rect.width() * rect.height())), 0.1, 2.0);
    QImage image((rect.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return false;
    image.setDevicePixelRatio(1);
    image.fill(m_style.background);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        render(&painter, QRectF(QPointF(0, 0), rect.size() * scale));
    }
    return image.save(path, "PNG");
}

bool FlowScene::exportSvg(const QString& path)
{
    const QRectF rect = sceneRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(rect.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), rect.size()));
    generator.setTitle(tr("Flow diagram"));
    {
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        render(&painter, QRectF(QPointF(0, 0), rect.size()));
        if (!painter.end())
            return false;
    }
    return QFile(path).size() > 0;
}

} // namespace acci::ui::flow

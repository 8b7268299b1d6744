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

#include "text/Formatting.hpp"

namespace acci::ui::flow {

namespace {

    QColor mix(const QColor& a, const QColor& b, double t)
    {
        return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
    }

    QFont sized(int pixels, QFont::Weight weight)
    {
        QFont font = QGuiApplication::font();
        font.setPixelSize(pixels);
        font.setWeight(weight);
        return font;
    }

    constexpr double ArrowLength = 9;
    constexpr double ArrowHalfWidth = 4.5;
    constexpr double CornerRadius = 6;
    constexpr double NodeRadius = 6;
    constexpr double LegendTop = 10;

    // A polyline with rounded corners, stopping short of its end for the arrowhead.
    QPainterPath roundedPath(const std::vector<QPointF>& points)
    {
        QPainterPath path(points.front());
        for (std::size_t i = 1; i + 1 < points.size(); ++i) {
            const QPointF previous = points[i - 1];
            const QPointF corner = points[i];
            const QPointF next = points[i + 1];
            const double in = QLineF(previous, corner).length();
            const double out = QLineF(corner, next).length();
            const double radius = std::min({ CornerRadius, in / 2, out / 2 });
            if (radius < 0.5) {
                path.lineTo(corner);
                continue;
            }
            path.lineTo(corner + (previous - corner) * (radius / in));
            path.quadTo(corner, corner + (next - corner) * (radius / out));
        }
        const QPointF end = points.back();
        path.lineTo(end - QPointF(ArrowLength - 1, 0));
        return path;
    }

    void drawArrowhead(QPainter* painter, QPointF tip, const QColor& colour)
    {
        const QPointF head[]
            = { tip, tip - QPointF(ArrowLength, ArrowHalfWidth), tip - QPointF(ArrowLength, -ArrowHalfWidth) };
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawPolygon(head, 3);
    }

    constexpr double BadgeRadius = 6.5;

    // The mark of an event whose cause is not in the flow, a badge inside the node's corner
    // (an arrow-like mark outside would read as an arrow): a ring around a dot (Outside), a
    // question mark (Missing), a loop (Itself).
    void drawCauseBadge(QPainter* painter, QPointF centre, Cause cause, const FlowStyle& style)
    {
        painter->setPen(QPen(style.outside, 1.4));
        painter->setBrush(style.nodeFill);
        painter->drawEllipse(centre, BadgeRadius, BadgeRadius);
        if (cause == Cause::Outside) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(style.outside);
            painter->drawEllipse(centre, 2.5, 2.5);
            return;
        }
        painter->setFont(sized(10, QFont::Bold));
        painter->drawText(QRectF(centre - QPointF(BadgeRadius, BadgeRadius), QSizeF(2 * BadgeRadius, 2 * BadgeRadius)),
            Qt::AlignCenter, cause == Cause::Missing ? QStringLiteral("?") : QStringLiteral("↻"));
    }

    // "%n event(s)" in the language shown (texts marked with QT_TRANSLATE_N_NOOP in the
    // scene's context); English has no translation file, so its plural is made here.
    QString counted(const char* text, int n)
    {
        QString out = FlowScene::tr(text, nullptr, n);
        if (out.contains(QLatin1String("(s)")))
            out.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
        return out;
    }

    class FlowItem : public QGraphicsItem {
    public:
        explicit FlowItem(FlowScene* owner)
            : m_owner(owner)
        {
            setAcceptedMouseButtons(Qt::NoButton); // clicks and drags are the view's
        }

    protected:
        FlowScene* m_owner;
    };

} // namespace

class NodeItem : public FlowItem {
public:
    NodeItem(FlowScene* owner, int index, QColor accent, QString timeFormat)
        : FlowItem(owner)
        , m_index(index)
        , m_accent(accent)
        , m_timeFormat(std::move(timeFormat))
    {
        setZValue(2);
        setAcceptHoverEvents(true); // the tooltip is made when asked for (FlowScene::helpEvent)
    }

    const FlowNode& node() const { return m_owner->diagram().nodes[static_cast<std::size_t>(m_index)]; }
    int index() const { return m_index; }
    void setHighlight(bool selected, bool hovered)
    {
        if (selected != m_selected || hovered != m_hovered) {
            m_selected = selected;
            m_hovered = hovered;
            update();
        }
    }

    QRectF boundingRect() const override { return node().rect.adjusted(-8, -10, 10, 8); }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        const auto& style = m_owner->style();
        const auto& d = m_owner->diagram();
        const auto& n = node();
        const QRectF rect = n.rect;
        painter->setRenderHint(QPainter::Antialiasing);
        const bool run = n.kind == FlowNode::Kind::Run;

        const QColor fill = mix(style.nodeFill, m_accent, run ? 0.05 : 0.10);
        if (run) { // a stack of cards
            painter->setPen(QPen(mix(m_accent, style.nodeFill, 0.35), 1));
            painter->setBrush(mix(style.nodeFill, m_accent, 0.03));
            painter->drawRoundedRect(rect.translated(6, -6), NodeRadius, NodeRadius);
            painter->drawRoundedRect(rect.translated(3, -3), NodeRadius, NodeRadius);
        }
        if (m_selected) {
            QColor halo = style.selection;
            halo.setAlpha(70);
            painter->setPen(Qt::NoPen);
            painter->setBrush(halo);
            painter->drawRoundedRect(rect.adjusted(-5, -5, 5, 5), NodeRadius + 4, NodeRadius + 4);
        }
        QPainterPath shape;
        shape.addRoundedRect(rect, NodeRadius, NodeRadius);
        painter->fillPath(shape, m_selected ? mix(style.nodeFill, style.selection, 0.16) : fill);
        painter->save();
        painter->setClipPath(shape);
        painter->fillRect(QRectF(rect.left(), rect.top(), 5, rect.height()), m_accent);
        painter->restore();
        QPen border(m_selected ? style.selection
                : m_hovered    ? m_accent.darker(130)
                               : m_accent,
            m_selected      ? 2.5
                : m_hovered ? 2.0
                            : 1.2);
        if (run)
            border.setStyle(Qt::DashLine);
        painter->setPen(border);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(shape);

        const QRectF text = rect.adjusted(13, 5, -8, -5);
        const QFontMetricsF labelMetrics(style.label);
        const QFontMetricsF smallMetrics(style.small);
        const double line1 = text.top() + labelMetrics.ascent() + 1;
        const double line2 = text.bottom() - smallMetrics.descent() - 1;
        QString first;
        QString second;
        if (run) {
            const auto& first_ = d.events[static_cast<std::size_t>(n.events.front())];
            const auto& last = d.events[static_cast<std::size_t>(n.events.back())];
            first = counted(
                QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"), static_cast<int>(n.events.size()));
            const QString from = time(first_.timestampUs);
            const QString to = time(last.timestampUs);
            second = from == to ? from : QStringLiteral("%1 – %2").arg(from, to);
        } else {
            const auto& e = d.events[static_cast<std::size_t>(n.events.front())];
            first = e.eventType;
            second = FlowScene::tr("v%1 · %2").arg(e.version).arg(time(e.timestampUs));
        }
        painter->setFont(style.label);
        painter->setPen(style.text);
        double width = text.width();
        if (run) {
            const QString plus = QStringLiteral("⊕");
            painter->setPen(m_accent);
            painter->drawText(QPointF(text.right() - labelMetrics.horizontalAdvance(plus), line1), plus);
            painter->setPen(style.text);
            width -= labelMetrics.horizontalAdvance(plus) + 4;
        }
        painter->drawText(QPointF(text.left(), line1), labelMetrics.elidedText(first, Qt::ElideRight, width));
        double secondWidth = text.width();
        if (n.outsideCauses > 0) {
            const QPointF centre(text.right() - BadgeRadius + 1, line2 - smallMetrics.ascent() / 2 + 1);
            drawCauseBadge(
                painter, centre, run ? Cause::Outside : d.causes[static_cast<std::size_t>(n.events.front())], style);
            secondWidth -= 2 * BadgeRadius + 4;
        }
        painter->setFont(style.small);
        painter->setPen(style.muted);
        painter->drawText(QPointF(text.left(), line2), smallMetrics.elidedText(second, Qt::ElideRight, secondWidth));
    }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent*) override { m_owner->setHoveredNode(m_index); }
    void hoverLeaveEvent(QGraphicsSceneHoverEvent*) override { m_owner->setHoveredNode(-1); }

private:
    QString time(std::int64_t us) const { return QDateTime::fromMSecsSinceEpoch(us / 1000).toString(m_timeFormat); }

    int m_index;
    QColor m_accent;
    QString m_timeFormat;
    bool m_selected = false;
    bool m_hovered = false;
};

class EdgeItem : public FlowItem {
public:
    EdgeItem(FlowScene* owner, int index)
        : FlowItem(owner)
        , m_index(index)
        , m_path(roundedPath(edge().path))
    {
        setZValue(1);
    }

    const FlowEdge& edge() const { return m_owner->diagram().edges[static_cast<std::size_t>(m_index)]; }
    void setHighlight(bool on)
    {
        if (on != m_highlight) {
            m_highlight = on;
            setZValue(on ? 1.5 : 1);
            update();
        }
    }

    QRectF boundingRect() const override { return m_path.boundingRect().adjusted(-6, -6, 6 + ArrowLength, 6); }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        const auto& style = m_owner->style();
        painter->setRenderHint(QPainter::Antialiasing);
        const QColor colour = m_highlight ? style.selection : edge().backward ? style.backwardArrow : style.arrow;
        QPen pen(colour, m_highlight ? 2.4 : 1.5);
        pen.setCapStyle(Qt::FlatCap);
        pen.setJoinStyle(Qt::RoundJoin);
        if (edge().backward)
            pen.setDashPattern({ 4, 3 });
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
        drawArrowhead(painter, edge().path.back(), colour);
    }

private:
    int m_index;
    QPainterPath m_path;
    bool m_highlight = false;
};

class LaneHeaderItem : public FlowItem {
public:
    LaneHeaderItem(FlowScene* owner, int lane, QColor accent, double width)
        : FlowItem(owner)
        , m_lane(lane)
        , m_accent(accent)
        , m_width(width)
    {
        setZValue(5); // above what scrolls under it
        const auto& l = owner->diagram().lanes[static_cast<std::size_t>(lane)];
        setToolTip(
            counted(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%1 %2: %n event(s) in this flow"), l.events)
                .arg(l.aggregateType.toHtmlEscaped(), l.aggregateId.toHtmlEscaped()));
    }

    QRectF boundingRect() const override
    {
        const auto& l = lane();
        return { 0, l.bandTop, m_width + 1, l.bandHeight };
    }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        const auto& style = m_owner->style();
        const auto& l = lane();
        const QRectF band(0, l.bandTop, m_width, l.bandHeight);
        painter->fillRect(band, m_lane % 2 == 0 ? style.bandA : style.bandB);
        painter->fillRect(QRectF(0, l.rowTop + 6, 4, l.rowHeight - 12), m_accent);
        painter->setPen(QPen(mix(style.text, style.background, 0.8), 1));
        painter->drawLine(QPointF(m_width, band.top()), QPointF(m_width, band.bottom()));

        const QRectF text(14, l.rowTop, m_width - 24, l.rowHeight);
        const QFontMetricsF typeMetrics(style.laneType);
        const QFontMetricsF idMetrics(style.label);
        const QFontMetricsF smallMetrics(style.small);
        const double total = typeMetrics.height() + idMetrics.height() + smallMetrics.height() + 2;
        double y = text.center().y() - total / 2;
        painter->setFont(style.laneType);
        painter->setPen(m_accent.darker(style.background.lightness() < 128 ? 70 : 115));
        painter->drawText(QPointF(text.left(), y + typeMetrics.ascent()),
            typeMetrics.elidedText(l.aggregateType.toUpper(), Qt::ElideRight, text.width()));
        y += typeMetrics.height() + 1;
        painter->setFont(style.label);
        painter->setPen(style.text);
        painter->drawText(QPointF(text.left(), y + idMetrics.ascent()),
            idMetrics.elidedText(l.aggregateId, Qt::ElideMiddle, text.width()));
        y += idMetrics.height() + 1;
        painter->setFont(style.small);
        painter->setPen(style.muted);
        painter->drawText(QPointF(text.left(), y + smallMetrics.ascent()),
            counted(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"), l.events));
    }

private:
    const FlowLane& lane() const { return m_owner->diagram().lanes[static_cast<std::size_t>(m_lane)]; }

    int m_lane;
    QColor m_accent;
    double m_width;
};

namespace {

    // The title and what each mark means, above the lanes.
    class LegendItem : public QGraphicsItem {
    public:
        LegendItem(const FlowStyle& style, QString title, QString subtitle)
            : m_style(style)
            , m_title(std::move(title))
            , m_subtitle(std::move(subtitle))
        {
            setAcceptedMouseButtons(Qt::NoButton);
            const QFontMetricsF small(m_style.small);
            m_entries = { { Entry::Caused, FlowScene::tr("caused") },
                { Entry::Backward, FlowScene::tr("cause later than its effect") },
                { Entry::Outside, FlowScene::tr("cause outside this flow") },
                { Entry::Missing, FlowScene::tr("no causation id") },
                { Entry::Run, FlowScene::tr("events without arrows, collapsed (click to open)") } };
            m_width = 16;
            for (const auto& entry : m_entries)
                m_width += SampleWidth + 6 + small.horizontalAdvance(entry.second) + 22;
            const QFontMetricsF titleMetrics(m_style.title);
            m_width = std::max(
                m_width, 16 + titleMetrics.horizontalAdvance(m_title) + 12 + small.horizontalAdvance(m_subtitle) + 16);
        }

        static double height() { return FlowScene::legendHeight(); }
        QRectF boundingRect() const override { return { 0, 0, m_width, height() }; }

        void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
        {
            painter->setRenderHint(QPainter::Antialiasing);
            const QFontMetricsF title(m_style.title);
            const QFontMetricsF small(m_style.small);
            double x = 16;
            const double titleBase = LegendTop + title.ascent();
            painter->setFont(m_style.title);
            painter->setPen(m_style.text);
            painter->drawText(QPointF(x, titleBase), m_title);
            painter->setFont(m_style.small);
            painter->setPen(m_style.muted);
            painter->drawText(QPointF(x + title.horizontalAdvance(m_title) + 12, titleBase), m_subtitle);

            const double y = LegendTop + title.height() + 14;
            for (const auto& [kind, text] : m_entries) {
                drawSample(painter, kind, QRectF(x, y - 7, SampleWidth, 14));
                x += SampleWidth + 6;
                painter->setFont(m_style.small);
                painter->setPen(m_style.muted);
                painter->drawText(QPointF(x, y + small.ascent() / 2 - 1), text);
                x += small.horizontalAdvance(text) + 22;
            }
        }

    private:
        enum class Entry { Caused, Backward, Outside, Missing, Run };
        static constexpr double SampleWidth = 34;

        void drawSample(QPainter* painter, Entry kind, const QRectF& r) const
        {
            const double y = r.center().y();
            switch (kind) {
            case Entry::Caused:
            case Entry::Backward: {
                const QColor colour = kind == Entry::Caused ? m_style.arrow : m_style.backwardArrow;
                QPen pen(colour, 1.5);
                if (kind == Entry::Backward)
                    pen.setDashPattern({ 4, 3 });
                painter->setPen(pen);
                painter->drawLine(QPointF(r.left(), y), QPointF(r.right() - ArrowLength, y));
                drawArrowhead(painter, QPointF(r.right(), y), colour);
                break;
            }
            case Entry::Outside:
            case Entry::Missing:
                drawCauseBadge(painter, QPointF(r.right() - BadgeRadius - 1, y),
                    kind == Entry::Outside ? Cause::Outside : Cause::Missing, m_style);
                break;
            case Entry::Run: {
                painter->setPen(QPen(m_style.muted, 1, Qt::DashLine));
                painter->setBrush(m_style.nodeFill);
                const QRectF card(r.left() + 2, r.top() + 3, r.width() - 10, r.height() - 3);
                painter->drawRoundedRect(card.translated(6, -4), 3, 3);
                painter->drawRoundedRect(card.translated(3, -2), 3, 3);
                painter->drawRoundedRect(card, 3, 3);
                break;
            }
            }
        }

        const FlowStyle& m_style;
        QString m_title;
        QString m_subtitle;
        std::vector<std::pair<Entry, QString>> m_entries;
        double m_width = 0;
    };

} // namespace

FlowStyle::FlowStyle(const QPalette& palette)
    : background(palette.color(QPalette::Base))
    , text(palette.color(QPalette::Text))
    , selection(palette.color(QPalette::Highlight))
    , title(sized(16, QFont::DemiBold))
    , label(sized(13, QFont::DemiBold)) // nodeWidthFor measures with it
    , small(sized(11, QFont::Normal))
    , laneType(sized(10, QFont::Bold))
{
    const bool dark = background.lightness() < 128;
    bandA = background;
    bandB = mix(background, text, dark ? 0.06 : 0.035);
    muted = mix(text, background, 0.42);
    nodeFill = dark ? background.lighter(135) : QColor(Qt::white);
    arrow = mix(text, background, 0.35);
    backwardArrow = dark ? QColor(0xff, 0x8a, 0x65) : QColor(0xd9, 0x48, 0x0f);
    outside = dark ? QColor(0xb1, 0x97, 0xfc) : QColor(0x70, 0x48, 0xe8);
    laneType.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
}

QColor FlowStyle::typeColour(int index) const
{
    // Tableau 10's calmer half first (the charts use the same family).
    static const QColor colours[]
        = { QColor(0x4e, 0x79, 0xa7), QColor(0x59, 0xa1, 0x4f), QColor(0xf2, 0x8e, 0x2b), QColor(0xb0, 0x7a, 0xa1),
              QColor(0x76, 0xb7, 0xb2), QColor(0xe1, 0x57, 0x59), QColor(0x9c, 0x75, 0x5f), QColor(0xed, 0xc9, 0x48) };
    const QColor colour = colours[static_cast<std::size_t>(index) % std::size(colours)];
    return background.lightness() < 128 ? colour.lighter(115) : colour;
}

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
    QString subtitle
        = counted(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"), static_cast<int>(d.events.size()))
        + QStringLiteral(" · ")
        + counted(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n aggregate(s)"), static_cast<int>(d.lanes.size()))
        + QStringLiteral(" · ")
        + counted(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n arrow(s)"), static_cast<int>(d.edges.size()));
    if (d.collapsedRuns > 0)
        subtitle += QStringLiteral(" · ")
            + counted(
                QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s) in collapsed runs"), d.collapsedEvents);
    m_legend = new LegendItem(m_style, title, subtitle);
    m_legend->setZValue(6);
    addItem(m_legend);
}

double FlowScene::nodeWidthFor(const QStringList& eventTypes)
{
    const QFontMetricsF metrics(sized(13, QFont::DemiBold)); // FlowStyle::label
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
            counts << QStringLiteral("%1 × %2").arg(it.value()).arg(it.key().toHtmlEscaped());
        const auto& last = d.events[static_cast<std::size_t>(node.events.back())];
        return counted(
                   QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "<b>%n event(s)</b> of %1 that no arrow touches"),
                   static_cast<int>(node.events.size()))
                   .arg(first.aggregateId.toHtmlEscaped())
            + QStringLiteral("<br>") + formatTime(first.timestampUs) + QStringLiteral(" – ")
            + formatTime(last.timestampUs) + QStringLiteral("<br>") + counts.join(QStringLiteral(", "))
            + (node.outsideCauses > 0 ? QStringLiteral("<br>")
                        + counted(QT_TRANSLATE_N_NOOP(
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
                    .arg(c.eventType.toHtmlEscaped(), c.aggregateId.toHtmlEscaped())
                    .arg(c.version)
            + (d.causeEvent[static_cast<std::size_t>(index)] > index
                    ? QStringLiteral(" — ") + tr("which is later than this event")
                    : QString());
        break;
    }
    case Cause::Outside:
        cause = tr("Caused by %1, which is no event of this flow").arg(first.causationId.toHtmlEscaped());
        break;
    case Cause::Missing:
        cause = tr("No causation id");
        break;
    case Cause::Itself:
        cause = tr("Its causation id is its own id");
        break;
    }
    return QStringLiteral("<b>%1</b> &nbsp; %2 v%3<br>%4<br>%5<br><span style='color:gray'>%6</span><br><i>%7</i>")
        .arg(first.eventType.toHtmlEscaped(), first.aggregateId.toHtmlEscaped())
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

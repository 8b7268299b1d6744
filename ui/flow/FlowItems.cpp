#include "flow/FlowItems.hpp"

// How a flow diagram paints: its style from a palette, and the items a FlowScene is made of.

#include <QDateTime>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "flow/FlowScene.hpp"
#include "text/Formatting.hpp"

namespace acci::ui::flow {

namespace {

    QColor mix(const QColor& a, const QColor& b, double t)
    {
        return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
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

    // A run's mark says what its events' causes are: "?" when none has a causation id, the
    // outside mark when one was caused from outside (the mark to click through).
    Cause badgeCause(const FlowDiagram& d, const FlowNode& n)
    {
        if (n.kind != FlowNode::Kind::Run)
            return d.causes[static_cast<std::size_t>(n.events.front())];
        Cause badge = Cause::Missing;
        for (int e : n.events) {
            const Cause cause = d.causes[static_cast<std::size_t>(e)];
            if (cause == Cause::Outside)
                return Cause::Outside;
            if (cause == Cause::Itself)
                badge = Cause::Itself;
        }
        return badge;
    }

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
        painter->setFont(sizedFont(10, QFont::Bold));
        painter->drawText(QRectF(centre - QPointF(BadgeRadius, BadgeRadius), QSizeF(2 * BadgeRadius, 2 * BadgeRadius)),
            Qt::AlignCenter, cause == Cause::Missing ? QStringLiteral("?") : QStringLiteral("↻"));
    }

} // namespace

QFont sizedFont(int pixels, QFont::Weight weight)
{
    QFont font = QGuiApplication::font();
    font.setPixelSize(pixels);
    font.setWeight(weight);
    return font;
}

QString countedInFlow(const char* text, int n)
{
    QString out = FlowScene::tr(text, nullptr, n);
    if (out.contains(QLatin1String("(s)")))
        out.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return out;
}

NodeItem::NodeItem(FlowScene* owner, int index, QColor accent, QString timeFormat)
    : FlowItem(owner)
    , m_index(index)
    , m_accent(accent)
    , m_timeFormat(std::move(timeFormat))
{
    setZValue(2);
    setAcceptHoverEvents(true); // the tooltip is made when asked for (FlowScene::helpEvent)
}

const FlowNode& NodeItem::node() const
{
    return m_owner->diagram().nodes[static_cast<std::size_t>(m_index)];
}

void NodeItem::setHighlight(bool selected, bool hovered)
{
    if (selected != m_selected || hovered != m_hovered) {
        m_selected = selected;
        m_hovered = hovered;
        update();
    }
}

QRectF NodeItem::boundingRect() const
{
    return node().rect.adjusted(-8, -10, 10, 8);
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
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
        first = countedInFlow(
            QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"), static_cast<int>(n.events.size()));
        const QString from = time(first_.timestampUs);
        const QString to = time(last.timestampUs);
        second = from == to ? from : QStringLiteral("%1 – %2").arg(from, to);
    } else {
        const auto& e = d.events[static_cast<std::size_t>(n.events.front())];
        first = displaySafe(e.eventType);
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
        drawCauseBadge(painter, centre, badgeCause(d, n), style);
        secondWidth -= 2 * BadgeRadius + 4;
    }
    painter->setFont(style.small);
    painter->setPen(style.muted);
    painter->drawText(QPointF(text.left(), line2), smallMetrics.elidedText(second, Qt::ElideRight, secondWidth));
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent*)
{
    m_owner->setHoveredNode(m_index);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*)
{
    m_owner->setHoveredNode(-1);
}

QString NodeItem::time(std::int64_t us) const
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000).toString(m_timeFormat);
}

EdgeItem::EdgeItem(FlowScene* owner, int index)
    : FlowItem(owner)
    , m_index(index)
    , m_path(roundedPath(edge().path))
{
    setZValue(1);
}

const FlowEdge& EdgeItem::edge() const
{
    return m_owner->diagram().edges[static_cast<std::size_t>(m_index)];
}

void EdgeItem::setHighlight(bool on)
{
    if (on != m_highlight) {
        m_highlight = on;
        setZValue(on ? 1.5 : 1);
        update();
    }
}

QRectF EdgeItem::boundingRect() const
{
    return m_path.boundingRect().adjusted(-6, -6, 6 + ArrowLength, 6);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
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

LaneHeaderItem::LaneHeaderItem(FlowScene* owner, int lane, QColor accent, double width)
    : FlowItem(owner)
    , m_lane(lane)
    , m_accent(accent)
    , m_width(width)
{
    setZValue(5); // above what scrolls under it
    const auto& l = owner->diagram().lanes[static_cast<std::size_t>(lane)];
    setToolTip(
        countedInFlow(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%1 %2: %n event(s) in this flow"), l.events)
            .arg(displaySafe(l.aggregateType).toHtmlEscaped(), displaySafe(l.aggregateId).toHtmlEscaped()));
}

QRectF LaneHeaderItem::boundingRect() const
{
    const auto& l = lane();
    return { 0, l.bandTop, m_width + 1, l.bandHeight };
}

void LaneHeaderItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
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
        typeMetrics.elidedText(displaySafe(l.aggregateType).toUpper(), Qt::ElideRight, text.width()));
    y += typeMetrics.height() + 1;
    painter->setFont(style.label);
    painter->setPen(style.text);
    painter->drawText(QPointF(text.left(), y + idMetrics.ascent()),
        idMetrics.elidedText(displaySafe(l.aggregateId), Qt::ElideMiddle, text.width()));
    y += idMetrics.height() + 1;
    painter->setFont(style.small);
    painter->setPen(style.muted);
    painter->drawText(QPointF(text.left(), y + smallMetrics.ascent()),
        countedInFlow(QT_TRANSLATE_N_NOOP("acci::ui::flow::FlowScene", "%n event(s)"), l.events));
}

const FlowLane& LaneHeaderItem::lane() const
{
    return m_owner->diagram().lanes[static_cast<std::size_t>(m_lane)];
}

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

QGraphicsItem* makeLegend(const FlowStyle& style, const QString& title, const QString& subtitle)
{
    return new LegendItem(style, title, subtitle);
}

FlowStyle::FlowStyle(const QPalette& palette)
    : background(palette.color(QPalette::Base))
    , text(palette.color(QPalette::Text))
    , selection(palette.color(QPalette::Highlight))
    , title(sizedFont(16, QFont::DemiBold))
    , label(sizedFont(13, QFont::DemiBold)) // nodeWidthFor measures with it
    , small(sizedFont(11, QFont::Normal))
    , laneType(sizedFont(10, QFont::Bold))
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

} // namespace acci::ui::flow

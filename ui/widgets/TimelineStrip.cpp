#include "widgets/TimelineStrip.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace acci::ui {

TimelineStrip::TimelineStrip(QWidget* parent)
    : QWidget(parent)
{
    setToolTip(tr("Orange: events with warnings · grey: events left out · diamond: the stored snapshot. "
                  "Click to go there."));
    setCursor(Qt::PointingHandCursor);
}

void TimelineStrip::setPositions(int count)
{
    m_count = std::max(1, count);
    update();
}

void TimelineStrip::setCurrent(int position)
{
    m_current = position;
    update();
}

void TimelineStrip::setWarnings(std::vector<int> positions)
{
    m_warnings = std::move(positions);
    update();
}

void TimelineStrip::setExcluded(std::vector<int> positions)
{
    m_excluded = std::move(positions);
    update();
}

void TimelineStrip::setSnapshot(int position, bool matches)
{
    m_snapshot = position;
    m_snapshotMatches = matches;
    update();
}

void TimelineStrip::setGrooveMargins(int left, int right)
{
    m_leftMargin = left;
    m_rightMargin = right;
    update();
}

QSize TimelineStrip::sizeHint() const
{
    return { 400, 18 };
}

QSize TimelineStrip::minimumSizeHint() const
{
    return { 60, 18 };
}

double TimelineStrip::xOf(int position) const
{
    const double span = std::max(1, width() - m_leftMargin - m_rightMargin);
    const double last = std::max(1, m_count - 1);
    return m_leftMargin + span * position / last;
}

void TimelineStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const int mid = height() / 2;
    painter.setPen(QPen(pal.color(QPalette::Mid), 2));
    painter.drawLine(QPointF(xOf(0), mid), QPointF(xOf(m_count - 1), mid));

    // Many markers may fall on one pixel: draw each pixel column once.
    auto drawTicks = [&](const std::vector<int>& positions, const QColor& colour, int halfHeight) {
        painter.setPen(QPen(colour, 2));
        int lastPixel = -1;
        for (int position : positions) {
            const int pixel = static_cast<int>(std::lround(xOf(position)));
            if (pixel == lastPixel)
                continue;
            lastPixel = pixel;
            painter.drawLine(QPointF(pixel, mid - halfHeight), QPointF(pixel, mid + halfHeight));
        }
    };
    drawTicks(m_excluded, pal.color(QPalette::Disabled, QPalette::Text), 6);
    drawTicks(m_warnings, QColor(230, 140, 0), 7);

    if (m_snapshot >= 0) {
        const QPointF centre(xOf(m_snapshot), mid);
        QPainterPath diamond;
        diamond.moveTo(centre + QPointF(0, -6));
        diamond.lineTo(centre + QPointF(6, 0));
        diamond.lineTo(centre + QPointF(0, 6));
        diamond.lineTo(centre + QPointF(-6, 0));
        diamond.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_snapshotMatches ? QColor(30, 136, 229) : QColor(211, 47, 47));
        painter.drawPath(diamond);
    }

    painter.setPen(QPen(pal.color(QPalette::Highlight), 3));
    const double x = xOf(m_current);
    painter.drawLine(QPointF(x, 1), QPointF(x, height() - 1));
}

void TimelineStrip::mousePressEvent(QMouseEvent* event)
{
    const double span = std::max(1, width() - m_leftMargin - m_rightMargin);
    const double fraction = std::clamp((event->position().x() - m_leftMargin) / span, 0.0, 1.0);
    emit positionClicked(static_cast<int>(std::lround(fraction * std::max(0, m_count - 1))));
}

} // namespace acci::ui

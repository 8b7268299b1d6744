#include "flow/FlowView.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "flow/FlowScene.hpp"

namespace acci::ui::flow {

namespace {
    constexpr double MinZoom = 0.05;
    constexpr double MaxZoom = 4.0;
    constexpr double Step = 1.25;
    constexpr double ReadableZoom = 0.75; // below this, a fitted diagram's text is too small to read
    constexpr double OpeningZoom = 0.85; // a diagram too big to fit opens at this zoom
} // namespace

FlowView::FlowView(FlowScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setObjectName(QStringLiteral("flowView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::ArrowCursor);
}

void FlowView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    if (std::abs(zoom - this->zoom()) < 1e-6)
        return;
    setTransform(QTransform::fromScale(zoom, zoom));
    followHeaders();
    emit zoomChanged(zoom);
}

void FlowView::zoomIn()
{
    setZoom(zoom() * Step);
}

void FlowView::zoomOut()
{
    setZoom(zoom() / Step);
}

double FlowView::fitZoom() const
{
    const QRectF rect = sceneRect();
    if (rect.isEmpty())
        return 1;
    const QSize room = viewport()->size() - QSize(4, 4);
    return std::min({ room.width() / rect.width(), room.height() / rect.height(), 1.0 });
}

void FlowView::zoomToFit()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setZoom(fitZoom());
    setTransformationAnchor(anchor);
    horizontalScrollBar()->setValue(horizontalScrollBar()->minimum());
    verticalScrollBar()->setValue(verticalScrollBar()->minimum());
}

void FlowView::resetZoom()
{
    setZoom(1);
}

void FlowView::showDiagram()
{
    const int selected = m_scene->nodeOfEvent(m_scene->selectedEvent());
    if (fitZoom() >= ReadableZoom) {
        zoomToFit();
    } else {
        const auto anchor = transformationAnchor();
        setTransformationAnchor(QGraphicsView::NoAnchor);
        setZoom(std::max(fitZoom(), OpeningZoom));
        setTransformationAnchor(anchor);
        if (selected >= 0) {
            centreOnNode(selected);
        } else {
            horizontalScrollBar()->setValue(horizontalScrollBar()->minimum());
            verticalScrollBar()->setValue(verticalScrollBar()->minimum());
        }
    }
    followHeaders();
}

void FlowView::centreOnNode(int node)
{
    const auto& nodes = m_scene->diagram().nodes;
    if (node < 0 || node >= static_cast<int>(nodes.size()))
        return;
    const QRectF rect = nodes[static_cast<std::size_t>(node)].rect;
    // In the middle of what the lane headers leave visible, with what it caused to its right.
    const double headers = m_scene->diagram().headerWidth;
    const QPointF middle = mapToScene(viewport()->rect().center());
    centerOn(QPointF(rect.center().x() - headers / 2, middle.y()));
    ensureVisible(rect, 40, 30);
}

void FlowView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            setZoom(zoom() * std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

QList<KeyHelp> FlowView::keyHelp()
{
    // Keep in step with keyPressEvent below.
    return { { QKeySequence(Qt::Key_Plus), tr("Zoom in") }, { QKeySequence(Qt::Key_Minus), tr("Zoom out") },
        { QKeySequence(Qt::Key_0), tr("Zoom to 100 %") }, { QKeySequence(Qt::Key_F), tr("Fit the diagram") },
        { QKeySequence(Qt::Key_Left), tr("The event before in time") },
        { QKeySequence(Qt::Key_Right), tr("The event after in time") },
        { QKeySequence(Qt::Key_Return), tr("Open the selected event") } };
}

void FlowView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        resetZoom();
        return;
    case Qt::Key_F:
        zoomToFit();
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (event->modifiers() == Qt::NoModifier) {
            emit stepRequested(event->key() == Qt::Key_Left ? -1 : 1);
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        emit openRequested();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void FlowView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressAt = event->position().toPoint();
        m_pressed = true;
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    viewport()->setCursor(Qt::ArrowCursor); // the hand drag leaves its cursor behind
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    // A click, not the end of a drag.
    if ((event->position().toPoint() - m_pressAt).manhattanLength() > 4)
        return;
    const int node = m_scene->nodeAt(mapToScene(event->position().toPoint()));
    if (node >= 0)
        emit nodeClicked(node);
}

void FlowView::mouseDoubleClickEvent(QMouseEvent* event)
{
    m_pressed = false; // the release that follows is not a click of its own
    if (event->button() == Qt::LeftButton) {
        const int node = m_scene->nodeAt(mapToScene(event->position().toPoint()));
        if (node >= 0) {
            emit nodeDoubleClicked(node);
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void FlowView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    followHeaders();
}

void FlowView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    followHeaders();
}

void FlowView::followHeaders()
{
    if (scene() != m_scene)
        return; // the scene is going
    m_scene->setHeaderOffset(mapToScene(QPoint(0, 0)).x());
}

} // namespace acci::ui::flow

#pragma once

#include <QGraphicsView>

#include "widgets/KeyHelp.hpp"

namespace acci::ui::flow {

class FlowScene;

// Shows a FlowScene: drag to pan, Ctrl+wheel or +/- to zoom, fit; a click on a node, a
// double-click and the arrow keys are signals (the dialog decides what they open). The lane headers stay at the
// left edge while the diagram scrolls.
class FlowView : public QGraphicsView {
    Q_OBJECT
public:
    explicit FlowView(FlowScene* scene, QWidget* parent = nullptr);

    FlowScene* flowScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void resetZoom();
    // After a new diagram: fit when it is readable that way, else 100 % at the selected node
    // (or the start).
    void showDiagram();
    void centreOnNode(int node);
    // The keys keyPressEvent handles (Help → Keyboard shortcuts).
    static QList<KeyHelp> keyHelp();

signals:
    void nodeClicked(int node);
    void nodeDoubleClicked(int node);
    // Left/Right: the event before or after the selected one in time; Return: open it.
    void stepRequested(int step);
    void openRequested();
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void followHeaders();
    double fitZoom() const;

    FlowScene* m_scene;
    QPoint m_pressAt;
    bool m_pressed = false;
};

} // namespace acci::ui::flow

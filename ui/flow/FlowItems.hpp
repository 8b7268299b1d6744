#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include <cstdint>

#include "flow/FlowLayout.hpp"

namespace acci::ui::flow {

class FlowScene;
struct FlowStyle;

// The items a FlowScene is made of. Each reads its part of the scene's diagram and style when
// it paints; none takes mouse buttons (clicks and drags are the view's).
class FlowItem : public QGraphicsItem {
public:
    explicit FlowItem(FlowScene* owner)
        : m_owner(owner)
    {
        setAcceptedMouseButtons(Qt::NoButton);
    }

protected:
    FlowScene* m_owner;
};

// An event, or a collapsed run of events, on its lane.
class NodeItem : public FlowItem {
public:
    NodeItem(FlowScene* owner, int index, QColor accent, QString timeFormat);
    const FlowNode& node() const;
    int index() const { return m_index; }
    void setHighlight(bool selected, bool hovered);
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent*) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent*) override;

private:
    QString time(std::int64_t us) const;

    int m_index;
    QColor m_accent;
    QString m_timeFormat;
    bool m_selected = false;
    bool m_hovered = false;
};

// A causation arrow (dashed when the cause is later than its effect).
class EdgeItem : public FlowItem {
public:
    EdgeItem(FlowScene* owner, int index);
    const FlowEdge& edge() const;
    void setHighlight(bool on);
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override;

private:
    int m_index;
    QPainterPath m_path;
    bool m_highlight = false;
};

// A lane's band and its header (type, id, event count), which can stay in view while the
// diagram scrolls (FlowScene::setHeaderOffset).
class LaneHeaderItem : public FlowItem {
public:
    LaneHeaderItem(FlowScene* owner, int lane, QColor accent, double width);
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override;

private:
    const FlowLane& lane() const;

    int m_lane;
    QColor m_accent;
    double m_width;
};

// The title and what each mark means, above the lanes.
QGraphicsItem* makeLegend(const FlowStyle& style, const QString& title, const QString& subtitle);

// The application's font at a pixel size.
QFont sizedFont(int pixels, QFont::Weight weight);
// "%n event(s)" in the language shown (texts marked with QT_TRANSLATE_N_NOOP in the scene's
// context); English has no translation file, so its plural is made here.
QString countedInFlow(const char* text, int n);

} // namespace acci::ui::flow

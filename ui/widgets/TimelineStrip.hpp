#pragma once

#include <QWidget>

#include <vector>

namespace acci::ui {

// A thin bar above the version slider that shows where things are on an aggregate's
// timeline: events with warnings (orange ticks), events left out by a what-if (grey), the
// stored snapshot (a blue diamond, red when it differs from the fold) and the current place.
// Positions are slider positions: 0 is before the first event, i is after event i.
class TimelineStrip : public QWidget {
    Q_OBJECT
public:
    explicit TimelineStrip(QWidget* parent = nullptr);

    void setPositions(int count);
    void setCurrent(int position);
    void setWarnings(std::vector<int> positions);
    void setExcluded(std::vector<int> positions);
    // position < 0: no snapshot in range.
    void setSnapshot(int position, bool matches);
    // Horizontal margins that line the strip up with the slider's groove.
    void setGrooveMargins(int left, int right);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void positionClicked(int position);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    double xOf(int position) const;

    int m_count = 1;
    int m_current = 0;
    std::vector<int> m_warnings;
    std::vector<int> m_excluded;
    int m_snapshot = -1;
    bool m_snapshotMatches = true;
    int m_leftMargin = 8;
    int m_rightMargin = 8;
};

} // namespace acci::ui

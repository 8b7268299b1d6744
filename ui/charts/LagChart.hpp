#pragma once

#include <map>
#include <string>

#include "charts/ChartPanel.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

// Projection lag over time, sampled while the console runs: events behind (solid, left
// axis) and the age of the oldest pending event (dashed, right axis), per projection; and,
// when events waited behind an open transaction, how long (dotted red, right axis); on a
// hot standby, its replay delay (dash-dotted purple, right axis).
class LagChart : public ChartPanel {
    Q_OBJECT
public:
    explicit LagChart(QWidget* parent = nullptr);
    void setHistory(const std::map<std::string, LagSeries>& history, const LagSeries& heldBack = {},
        const LagSeries& replayDelay = {});
    // Without the projections' seconds (dashed), the right axis is the held-back time's alone:
    // a few seconds of waiting stay visible beside a projection hours behind.
    void setShowLagSeconds(bool show) { m_showLagSeconds = show; }
    // The names of the series drawn now (with at least one sample), as the legend shows them.
    QStringList drawnSeries() const;

private:
    QString hoverText(double key) const;
    QString csv() const;

    std::map<std::string, LagSeries> m_history;
    LagSeries m_heldBack;
    LagSeries m_replayDelay;
    bool m_showLagSeconds = true;
};

} // namespace acci::ui

#pragma once

#include "acci/monitoring/EventRates.hpp"
#include "charts/ChartPanel.hpp"

namespace acci::ui {

// Events per time bucket, per event type: stacked bars or one line per type, with a legend.
class EventRateChart : public ChartPanel {
    Q_OBJECT
public:
    explicit EventRateChart(QWidget* parent = nullptr);

    void setSeries(monitoring::EventRateSeries series, bool stacked);
    const monitoring::EventRateSeries& series() const { return m_series; }
    bool stacked() const { return m_stacked; }
    // The sum of every value plotted (what the tests compare with SQL).
    double plottedTotal() const;

private:
    QString hoverText(double key) const;
    QString csv() const;
    void resetRanges();

    monitoring::EventRateSeries m_series;
    bool m_stacked = true;
};

} // namespace acci::ui

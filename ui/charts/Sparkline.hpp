#pragma once

#include <QWidget>

#include <vector>

class QCustomPlot;

namespace acci::ui {

// A word-sized chart: one series as a filled line, no axes, no legend (the overview's events
// per minute). The colour is a series colour of ChartPanel's palette; the tooltip says the
// peak.
class Sparkline : public QWidget {
    Q_OBJECT
public:
    explicit Sparkline(QWidget* parent = nullptr);

    void setValues(const std::vector<double>& values, int colourIndex);
    const std::vector<double>& values() const { return m_values; }
    QSize sizeHint() const override { return { 180, 30 }; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void draw();

    QCustomPlot* m_plot;
    std::vector<double> m_values;
    int m_colour = 0;
};

} // namespace acci::ui

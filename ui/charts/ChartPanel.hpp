#pragma once

#include <QWidget>

#include <functional>

class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace acci::ui {

// A QCustomPlot with what every console chart needs: a title, zoom and pan with the mouse
// (wheel, drag), Reset, export as PNG and its data as CSV, hover tooltips, and colours from
// the palette (light or dark).
class ChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartPanel(const QString& title, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    // The chart's data as CSV text (header line first), for "Export CSV".
    void setCsvSource(std::function<QString()> source) { m_csv = std::move(source); }
    // The tooltip text for a point under the mouse (plot coordinates); empty: none.
    void setHoverText(std::function<QString(double key, double value)> hover) { m_hover = std::move(hover); }
    // What Reset does; the default rescales every axis to the data.
    void setResetAction(std::function<void()> reset) { m_reset = std::move(reset); }
    void resetView();
    // Applies the palette to axes, grid, legend and background, then replots.
    void applyPalette();
    void exportPng(const QString& path);
    bool exportCsv(const QString& path);

    // Colour n of a qualitative palette that reads on light and dark backgrounds.
    static QColor seriesColour(int n);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showHover(QMouseEvent* event);

    QLabel* m_title;
    QCustomPlot* m_plot;
    std::function<QString()> m_csv;
    std::function<QString(double, double)> m_hover;
    std::function<void()> m_reset;
};

} // namespace acci::ui

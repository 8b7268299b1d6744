#include "charts/Sparkline.hpp"

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

#include <qcustomplot.h>

#include "charts/ChartPanel.hpp"

namespace acci::ui {

Sparkline::Sparkline(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->plotLayout()->clear();
    auto* rect = new QCPAxisRect(m_plot, false);
    rect->setMinimumMargins({ 0, 0, 0, 0 });
    rect->setMargins({ 0, 2, 0, 1 });
    rect->setAutoMargins(QCP::msNone);
    rect->addAxes(QCPAxis::atBottom | QCPAxis::atLeft);
    for (auto* axis : rect->axes())
        axis->setVisible(false);
    m_plot->plotLayout()->addElement(0, 0, rect);
    m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    m_plot->setAttribute(Qt::WA_TransparentForMouseEvents); // the row under it is the link
    setMinimumSize(120, 24);
    draw();
}

void Sparkline::setValues(const std::vector<double>& values, int colourIndex)
{
    m_values = values;
    m_colour = colourIndex;
    draw();
}

void Sparkline::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        draw();
}

void Sparkline::draw()
{
    const QColor colour = ChartPanel::seriesColour(m_colour);
    QColor fill = colour;
    fill.setAlpha(60);
    // The page's own background: the line reads as part of the row, on light and dark palettes.
    m_plot->setBackground(palette().brush(QPalette::Window));
    auto* graph = m_plot->graph(0);
    graph->setPen(QPen(colour, 1.5));
    graph->setBrush(fill);
    QVector<double> keys;
    QVector<double> values;
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        keys << static_cast<double>(i);
        values << m_values[i];
    }
    graph->setData(keys, values, true);
    const double peak = m_values.empty() ? 0 : *std::max_element(m_values.begin(), m_values.end());
    graph->keyAxis()->setRange(0, std::max<double>(1, static_cast<double>(m_values.size()) - 1));
    graph->valueAxis()->setRange(0, std::max(1.0, peak * 1.1));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace acci::ui

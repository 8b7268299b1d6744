#include "charts/ChartPanel.hpp"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace acci::ui {

ChartPanel::ChartPanel(const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_plot(new QCustomPlot(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true); // a long title (Spanish) wraps rather than widening the window
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setMinimumHeight(160);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ChartPanel::showHover);

    auto* reset = new QToolButton(this);
    reset->setText(tr("Reset"));
    reset->setToolTip(tr("Show all the data again (wheel zooms, drag pans)"));
    connect(reset, &QToolButton::clicked, this, &ChartPanel::resetView);
    auto* png = new QToolButton(this);
    png->setText(tr("PNG…"));
    png->setToolTip(tr("Save the chart as a PNG image"));
    connect(png, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save chart"), m_title->text() + QStringLiteral(".png"), tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    auto* csv = new QToolButton(this);
    csv->setText(tr("CSV…"));
    csv->setToolTip(tr("Save the chart's data as CSV"));
    connect(csv, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save data"), m_title->text() + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(reset);
    header->addWidget(png);
    header->addWidget(csv);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);
    applyPalette();
}

QColor ChartPanel::seriesColour(int n)
{
    // Tableau 10: distinct, and legible on white and on dark grey.
    static const QColor colours[] = { QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
        QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48), QColor(0xb0, 0x7a, 0xa1),
        QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac) };
    return colours[static_cast<std::size_t>(n) % std::size(colours)];
}

void ChartPanel::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor base = pal.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(40);
    m_plot->setBackground(base);
    for (QCPAxisRect* rect : m_plot->axisRects())
        rect->setBackground(base);
    for (QCPAxis* axis : m_plot->axisRects().value(0)->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid));
    }
    QColor legendBackground = base;
    legendBackground.setAlpha(210); // the data behind it stays visible
    m_plot->legend->setBrush(legendBackground);
    m_plot->legend->setTextColor(text);
    m_plot->legend->setBorderPen(QPen(grid));
    m_plot->replot();
}

void ChartPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void ChartPanel::resetView()
{
    if (m_reset)
        m_reset();
    else
        m_plot->rescaleAxes();
    m_plot->replot();
}

void ChartPanel::exportPng(const QString& path)
{
    m_plot->savePng(path);
}

bool ChartPanel::exportCsv(const QString& path)
{
    QFile file(path);
    if (!m_csv || !file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    file.write(m_csv().toUtf8());
    return true;
}

void ChartPanel::showHover(QMouseEvent* event)
{
    if (!m_hover)
        return;
    const double key = m_plot->xAxis->pixelToCoord(event->position().x());
    const double value = m_plot->yAxis->pixelToCoord(event->position().y());
    const QString text = m_hover(key, value);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace acci::ui

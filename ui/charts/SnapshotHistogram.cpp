#include "charts/SnapshotHistogram.hpp"

#include <QLocale>

#include <cmath>

#include <qcustomplot.h>

namespace acci::ui {

namespace {
    // Compact: the labels share a narrow axis.
    QString bytes(double value)
    {
        if (value >= 1024 * 1024)
            return QStringLiteral("%1M").arg(value / (1024 * 1024), 0, 'g', 3);
        if (value >= 1024)
            return QStringLiteral("%1K").arg(value / 1024, 0, 'g', 3);
        return QStringLiteral("%1B").arg(value, 0, 'f', 0);
    }
} // namespace

SnapshotHistogram::SnapshotHistogram(QWidget* parent)
    : ChartPanel(tr("Snapshot sizes"), parent)
{
    setObjectName(QStringLiteral("snapshotHistogram"));
    plot()->yAxis->setLabel(tr("snapshots"));
    plot()->xAxis->setLabel(tr("size of the stored state"));
    plot()->xAxis->setTickLabelRotation(-40);
    setCsvSource([this] {
        QString text = QStringLiteral("bucket,snapshots\n");
        for (std::size_t i = 0; i < m_labels.size(); ++i)
            text += QStringLiteral("\"%1\",%2\n").arg(m_labels[i]).arg(m_counts[i]);
        return text;
    });
    setHoverText([this](double key, double) {
        const auto index = static_cast<long long>(std::lround(key)) - 1;
        if (index < 0 || index >= static_cast<long long>(m_labels.size()))
            return QString();
        return tr("%1: %2 snapshot(s)")
            .arg(m_labels[static_cast<std::size_t>(index)],
                QLocale().toString(static_cast<qlonglong>(m_counts[static_cast<std::size_t>(index)])));
    });
    setResetAction([this] {
        plot()->xAxis->setRange(0.3, static_cast<double>(m_labels.size()) + 0.7);
        std::int64_t top = 1;
        for (auto count : m_counts)
            top = std::max(top, count);
        plot()->yAxis->setRange(0, static_cast<double>(top) * 1.15);
    });
    applyPalette();
}

void SnapshotHistogram::setBuckets(const std::vector<std::pair<double, std::int64_t>>& cumulative)
{
    m_labels.clear();
    m_counts.clear();
    std::int64_t previous = 0;
    double previousBound = 0;
    for (const auto& [bound, count] : cumulative) {
        m_labels.push_back(std::isinf(bound) ? tr("> %1").arg(bytes(previousBound)) : tr("≤ %1").arg(bytes(bound)));
        m_counts.push_back(count - previous);
        previous = count;
        previousBound = bound;
    }
    QCustomPlot* p = plot();
    p->clearPlottables();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QVector<double> keys;
    QVector<double> values;
    for (std::size_t i = 0; i < m_labels.size(); ++i) {
        keys.push_back(static_cast<double>(i + 1));
        values.push_back(static_cast<double>(m_counts[i]));
        ticker->addTick(static_cast<double>(i + 1), m_labels[i]);
    }
    p->xAxis->setTicker(ticker);
    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    bars->setWidth(0.7);
    bars->setPen(Qt::NoPen);
    bars->setBrush(seriesColour(0));
    bars->setData(keys, values, true);
    resetView();
}

} // namespace acci::ui

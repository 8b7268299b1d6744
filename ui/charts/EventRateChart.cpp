#include "charts/EventRateChart.hpp"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

namespace acci::ui {

namespace {
    QString tickFormat(int bucketSeconds)
    {
        if (bucketSeconds < 60)
            return QStringLiteral("HH:mm:ss");
        if (bucketSeconds < 3600)
            return QStringLiteral("HH:mm");
        if (bucketSeconds < 86400)
            return QStringLiteral("d MMM\nHH:mm");
        return QStringLiteral("d MMM");
    }

    double keyOf(std::int64_t bucketStartUs, int bucketSeconds)
    {
        return static_cast<double>(bucketStartUs) / 1e6 + bucketSeconds / 2.0; // the bucket's middle
    }
} // namespace

EventRateChart::EventRateChart(QWidget* parent)
    : ChartPanel(tr("Event rate"), parent)
{
    setObjectName(QStringLiteral("eventRateChart"));
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::LocalTime);
    plot()->xAxis->setTicker(ticker);
    plot()->legend->setVisible(true);
    plot()->legend->setFont(font());
    plot()->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    setCsvSource([this] { return csv(); });
    setHoverText([this](double key, double) { return hoverText(key); });
    setResetAction([this] { resetRanges(); });
}

void EventRateChart::setSeries(monitoring::EventRateSeries series, bool stacked)
{
    m_series = std::move(series);
    m_stacked = stacked;
    QCustomPlot* p = plot();
    p->clearPlottables();
    const int bucket = m_series.bucketSeconds;
    static_cast<QCPAxisTickerDateTime*>(p->xAxis->ticker().data())->setDateTimeFormat(tickFormat(bucket));
    p->yAxis->setLabel(tr("events per %1")
                           .arg(bucket >= 3600    ? tr("%n hour(s)", nullptr, bucket / 3600)
                                   : bucket >= 60 ? tr("%n minute(s)", nullptr, bucket / 60)
                                                  : tr("%n second(s)", nullptr, bucket)));
    QVector<double> keys;
    keys.reserve(static_cast<int>(m_series.bucketStartsUs.size()));
    for (auto start : m_series.bucketStartsUs)
        keys.push_back(keyOf(start, bucket));

    QCPBars* below = nullptr;
    for (std::size_t type = 0; type < m_series.eventTypes.size(); ++type) {
        QVector<double> values;
        values.reserve(keys.size());
        for (auto count : m_series.counts[type])
            values.push_back(static_cast<double>(count));
        const QColor colour = seriesColour(static_cast<int>(type));
        const QString name = QString::fromStdString(m_series.eventTypes[type]);
        if (stacked) {
            auto* bars = new QCPBars(p->xAxis, p->yAxis);
            bars->setName(name);
            bars->setWidth(bucket * 0.9);
            bars->setStackingGap(0);
            bars->setPen(Qt::NoPen);
            bars->setBrush(colour);
            bars->setData(keys, values, true);
            if (below)
                bars->moveAbove(below);
            below = bars;
        } else {
            auto* graph = p->addGraph();
            graph->setName(name);
            graph->setPen(QPen(colour, 1.5));
            graph->setData(keys, values, true);
        }
    }
    resetRanges();
    p->replot();
}

void EventRateChart::resetRanges()
{
    QCustomPlot* p = plot();
    if (m_series.bucketStartsUs.empty())
        return;
    const double first = static_cast<double>(m_series.bucketStartsUs.front()) / 1e6;
    const double last = static_cast<double>(m_series.bucketStartsUs.back()) / 1e6 + m_series.bucketSeconds;
    p->xAxis->setRange(first, last);
    double top = 0;
    for (std::size_t bucket = 0; bucket < m_series.bucketStartsUs.size(); ++bucket) {
        double sum = 0;
        for (const auto& perType : m_series.counts)
            sum = m_stacked ? sum + static_cast<double>(perType[bucket])
                            : std::max(sum, static_cast<double>(perType[bucket]));
        top = std::max(top, sum);
    }
    p->yAxis->setRange(0, std::max(1.0, top * 1.1));
}

double EventRateChart::plottedTotal() const
{
    double total = 0;
    for (int i = 0; i < plot()->plottableCount(); ++i) {
        if (auto* bars = qobject_cast<QCPBars*>(plot()->plottable(i)))
            for (const auto& point : *bars->data())
                total += point.value;
        if (auto* graph = qobject_cast<QCPGraph*>(plot()->plottable(i)))
            for (const auto& point : *graph->data())
                total += point.value;
    }
    return total;
}

QString EventRateChart::hoverText(double key) const
{
    if (m_series.bucketStartsUs.empty())
        return {};
    const double first = static_cast<double>(m_series.bucketStartsUs.front()) / 1e6;
    const auto index = static_cast<long long>(std::floor((key - first) / m_series.bucketSeconds));
    if (index < 0 || index >= static_cast<long long>(m_series.bucketStartsUs.size()))
        return {};
    const auto bucket = static_cast<std::size_t>(index);
    const QLocale locale;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(m_series.bucketStartsUs[bucket] / 1000);
    QString text = tr("%1 – %2").arg(start.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
        start.addSecs(m_series.bucketSeconds).toString(QStringLiteral("HH:mm:ss")));
    std::int64_t total = 0;
    int shown = 0;
    for (std::size_t type = 0; type < m_series.eventTypes.size(); ++type) {
        const auto count = m_series.counts[type][bucket];
        total += count;
        if (count > 0 && shown++ < 12)
            text += QStringLiteral("\n%1: %2")
                        .arg(QString::fromStdString(m_series.eventTypes[type]),
                            locale.toString(static_cast<qlonglong>(count)));
    }
    text += QLatin1Char('\n') + tr("Total: %1").arg(locale.toString(static_cast<qlonglong>(total)));
    return text;
}

QString EventRateChart::csv() const
{
    QString text = QStringLiteral("bucket_start");
    for (const auto& type : m_series.eventTypes)
        text += QLatin1Char(',') + QString::fromStdString(type);
    text += QLatin1Char('\n');
    for (std::size_t bucket = 0; bucket < m_series.bucketStartsUs.size(); ++bucket) {
        text += QDateTime::fromMSecsSinceEpoch(m_series.bucketStartsUs[bucket] / 1000).toUTC().toString(Qt::ISODate);
        for (const auto& perType : m_series.counts)
            text += QLatin1Char(',') + QString::number(perType[bucket]);
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace acci::ui

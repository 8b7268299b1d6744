#include "charts/LagChart.hpp"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

#include <qcustomplot.h>

#include "style/Theme.hpp"

namespace acci::ui {

LagChart::LagChart(QWidget* parent)
    : ChartPanel(tr("Projection lag (sampled while the console runs)"), parent)
{
    setObjectName(QStringLiteral("lagChart"));
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    plot()->xAxis->setTicker(ticker);
    plot()->yAxis->setLabel(tr("events behind"));
    plot()->yAxis2->setVisible(true);
    plot()->yAxis2->setLabel(tr("seconds behind"));
    plot()->legend->setVisible(true);
    plot()->legend->setFont(font());
    plot()->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    setCsvSource([this] { return csv(); });
    setHoverText([this](double key, double) { return hoverText(key); });
    setResetAction([this] {
        plot()->rescaleAxes();
        plot()->yAxis->setRangeLower(0);
        plot()->yAxis2->setRangeLower(0);
        plot()->yAxis->setRangeUpper(std::max(10.0, plot()->yAxis->range().upper * 1.1));
        plot()->yAxis2->setRangeUpper(std::max(1.0, plot()->yAxis2->range().upper * 1.1));
    });
    applyPalette();
}

void LagChart::setHistory(
    const std::map<std::string, LagSeries>& history, const LagSeries& heldBack, const LagSeries& replayDelay)
{
    m_history = history;
    m_heldBack = heldBack;
    m_replayDelay = replayDelay;
    QCustomPlot* p = plot();
    p->clearGraphs();
    int n = 0;
    for (const auto& [name, series] : m_history) {
        const QColor colour = seriesColour(n++);
        const QVector<double> times(series.timesSeconds.begin(), series.timesSeconds.end());
        auto* events = p->addGraph(p->xAxis, p->yAxis);
        events->setName(tr("%1 (events)").arg(QString::fromStdString(name)));
        events->setPen(QPen(colour, 2));
        events->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4)); // a first sample shows too
        events->setData(times, QVector<double>(series.events.begin(), series.events.end()), true);
        if (!m_showLagSeconds)
            continue;
        auto* seconds = p->addGraph(p->xAxis, p->yAxis2);
        seconds->setName(tr("%1 (seconds)").arg(QString::fromStdString(name)));
        seconds->setPen(QPen(colour, 1.5, Qt::DashLine));
        seconds->setData(times, QVector<double>(series.seconds.begin(), series.seconds.end()), true);
    }
    // Drawn only once something was held back: a line at 0 would say nothing.
    if (std::any_of(m_heldBack.events.begin(), m_heldBack.events.end(), [](double events) { return events > 0; })) {
        auto* held = p->addGraph(p->xAxis, p->yAxis2);
        held->setName(tr("held back (seconds)"));
        held->setPen(QPen(toneColour(Tone::Problem), 2, Qt::DotLine));
        held->setData(QVector<double>(m_heldBack.timesSeconds.begin(), m_heldBack.timesSeconds.end()),
            QVector<double>(m_heldBack.seconds.begin(), m_heldBack.seconds.end()), true);
    }
    if (!m_replayDelay.timesSeconds.empty()) {
        auto* replay = p->addGraph(p->xAxis, p->yAxis2);
        replay->setName(tr("standby replay delay (seconds)"));
        replay->setPen(QPen(toneColour(Tone::Accent), 2, Qt::DashDotLine));
        replay->setData(QVector<double>(m_replayDelay.timesSeconds.begin(), m_replayDelay.timesSeconds.end()),
            QVector<double>(m_replayDelay.seconds.begin(), m_replayDelay.seconds.end()), true);
    }
    resetView();
}

QStringList LagChart::drawnSeries() const
{
    QStringList names;
    for (int i = 0; i < plot()->graphCount(); ++i)
        if (plot()->graph(i)->dataCount() > 0)
            names << plot()->graph(i)->name();
    return names;
}

QString LagChart::hoverText(double key) const
{
    const QLocale locale;
    QString text;
    for (const auto& [name, series] : m_history) {
        if (series.timesSeconds.empty())
            continue;
        const auto it = std::lower_bound(series.timesSeconds.begin(), series.timesSeconds.end(), key);
        std::size_t index = static_cast<std::size_t>(it - series.timesSeconds.begin());
        if (index >= series.timesSeconds.size())
            index = series.timesSeconds.size() - 1;
        if (text.isEmpty())
            text = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(series.timesSeconds[index] * 1000))
                       .toString(QStringLiteral("HH:mm:ss"));
        text += QLatin1Char('\n')
            + tr("%1: %2 events, %3 s")
                  .arg(QString::fromStdString(name), locale.toString(static_cast<qlonglong>(series.events[index])),
                      locale.toString(series.seconds[index], 'f', 1));
    }
    if (!m_heldBack.timesSeconds.empty() && !text.isEmpty()) {
        const auto it = std::lower_bound(m_heldBack.timesSeconds.begin(), m_heldBack.timesSeconds.end(), key);
        const auto index = std::min(
            static_cast<std::size_t>(it - m_heldBack.timesSeconds.begin()), m_heldBack.timesSeconds.size() - 1);
        if (m_heldBack.events[index] > 0)
            text += QLatin1Char('\n')
                + tr("held back: %1 events, %2 s")
                      .arg(locale.toString(static_cast<qlonglong>(m_heldBack.events[index])),
                          locale.toString(m_heldBack.seconds[index], 'f', 1));
    }
    if (!m_replayDelay.timesSeconds.empty() && !text.isEmpty()) {
        const auto it = std::lower_bound(m_replayDelay.timesSeconds.begin(), m_replayDelay.timesSeconds.end(), key);
        const auto index = std::min(
            static_cast<std::size_t>(it - m_replayDelay.timesSeconds.begin()), m_replayDelay.timesSeconds.size() - 1);
        text += QLatin1Char('\n')
            + tr("standby replay delay: %1 s").arg(locale.toString(m_replayDelay.seconds[index], 'f', 1));
    }
    return text;
}

QString LagChart::csv() const
{
    QString text = QStringLiteral("time,projection,lag_events,lag_seconds\n");
    for (const auto& [name, series] : m_history)
        for (std::size_t i = 0; i < series.timesSeconds.size(); ++i)
            text += QStringLiteral("%1,%2,%3,%4\n")
                        .arg(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(series.timesSeconds[i] * 1000))
                                 .toUTC()
                                 .toString(Qt::ISODateWithMs),
                            QString::fromStdString(name), QString::number(series.events[i], 'f', 0),
                            QString::number(series.seconds[i], 'f', 3));
    for (std::size_t i = 0; i < m_heldBack.timesSeconds.size(); ++i)
        text += QStringLiteral("%1,(held back),%2,%3\n")
                    .arg(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_heldBack.timesSeconds[i] * 1000))
                             .toUTC()
                             .toString(Qt::ISODateWithMs),
                        QString::number(m_heldBack.events[i], 'f', 0), QString::number(m_heldBack.seconds[i], 'f', 3));
    for (std::size_t i = 0; i < m_replayDelay.timesSeconds.size(); ++i)
        text += QStringLiteral("%1,(standby replay delay),,%2\n")
                    .arg(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_replayDelay.timesSeconds[i] * 1000))
                             .toUTC()
                             .toString(Qt::ISODateWithMs),
                        QString::number(m_replayDelay.seconds[i], 'f', 3));
    return text;
}

} // namespace acci::ui

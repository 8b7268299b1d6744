#include "workers/MetricsPoller.hpp"

#include <QDateTime>

#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {
    constexpr std::size_t MaxSamples = 3600; // two hours at one sample every two seconds
    constexpr int FullMetricsEvery = 5; // polls
} // namespace

MetricsPoller::MetricsPoller(DatabaseWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
{
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::poll);
    m_timer.setInterval(2000);
}

void MetricsPoller::start()
{
    if (!m_timer.isActive())
        m_timer.start();
    refreshNow();
}

MetricsPoller::~MetricsPoller() = default;

void MetricsPoller::setInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
}

void MetricsPoller::setWatched(bool watched)
{
    if (watched == m_watched)
        return;
    m_watched = watched;
    m_timer.setInterval(watched ? 2000 : 10000);
    if (watched && m_timer.isActive())
        refreshNow(); // fresh figures as the page appears
}

void MetricsPoller::refreshNow()
{
    m_polls = 0; // the next poll is a full one
    poll();
}

void MetricsPoller::poll()
{
    if (m_polling.inFlight())
        return; // a slow server: skip a beat rather than pile up queries
    m_polling.start();
    const bool full = m_polls++ % FullMetricsEvery == 0 && m_watched;
    if (full) {
        m_worker->run<std::pair<monitoring::Metrics, store::ServerRole>>(
            this,
            [](pqxx::connection& connection) {
                // No page shows the per-type counter, and counting it scans every event.
                auto metrics = monitoring::collectMetrics(
                    connection, projections::builtInProjections(), monitoring::EventTypeCounts::Skip);
                auto role = metrics.server ? *metrics.server : store::serverRoleOf(connection);
                return std::make_pair(std::move(metrics), role);
            },
            [this](std::pair<monitoring::Metrics, store::ServerRole> polled) {
                m_polling.finish();
                auto statuses = polled.first.projections;
                m_metrics = std::move(polled.first);
                record(std::move(statuses), polled.second);
                emit metricsUpdated();
            },
            [this](const QString& message) {
                m_polling.finish();
                m_lastError = message;
                emit failed(message);
            });
        return;
    }
    m_worker->run<std::pair<std::vector<projections::ProjectionStatus>, store::ServerRole>>(
        this,
        [](pqxx::connection& connection) {
            auto statuses = projections::listProjections(connection, projections::builtInProjections());
            return std::make_pair(std::move(statuses), store::serverRoleOf(connection));
        },
        [this](std::pair<std::vector<projections::ProjectionStatus>, store::ServerRole> polled) {
            m_polling.finish();
            record(std::move(polled.first), polled.second);
        },
        [this](const QString& message) {
            m_polling.finish();
            m_lastError = message;
            emit failed(message);
        });
}

namespace {
    void addSample(LagSeries& series, double now, double events, double seconds)
    {
        series.timesSeconds.push_back(now);
        series.events.push_back(events);
        series.seconds.push_back(seconds);
        if (series.timesSeconds.size() > MaxSamples) {
            const auto drop = static_cast<long>(series.timesSeconds.size() - MaxSamples);
            series.timesSeconds.erase(series.timesSeconds.begin(), series.timesSeconds.begin() + drop);
            series.events.erase(series.events.begin(), series.events.begin() + drop);
            series.seconds.erase(series.seconds.begin(), series.seconds.begin() + drop);
        }
    }
} // namespace

void MetricsPoller::record(std::vector<projections::ProjectionStatus> statuses, store::ServerRole role)
{
    const double now = static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    for (const auto& status : statuses)
        addSample(
            m_lagHistory[status.name], now, static_cast<double>(status.totalLagEvents()), status.totalLagSeconds());
    // Every status carries the same held-back figures (listProjections reads them once).
    // Without projections (or the right to read them) the full metrics read it on their own.
    m_heldBack = !statuses.empty() ? statuses.front().heldBack : m_metrics ? m_metrics->heldBack : store::HeldBack {};
    addSample(m_heldBackHistory, now, static_cast<double>(m_heldBack.eventsWaiting), m_heldBack.secondsWaiting);
    if (role.standby)
        addSample(m_replayDelayHistory, now, 0, role.replayDelaySeconds.value_or(0));
    m_serverRole = role;
    m_lastError.clear();
    m_projections = std::move(statuses);
    emit projectionsUpdated();
}

LagTrend MetricsPoller::trend(const std::string& projection) const
{
    const auto it = m_lagHistory.find(projection);
    if (it == m_lagHistory.end() || it->second.events.size() < 3)
        return LagTrend::Unknown;
    // The last ~10 seconds: a change of more than 5 % (and more than a handful of events).
    const auto& events = it->second.events;
    const std::size_t window = std::min<std::size_t>(events.size(), 6);
    const double first = events[events.size() - window];
    const double last = events.back();
    const double tolerance = std::max(5.0, first * 0.05);
    if (last > first + tolerance)
        return LagTrend::Rising;
    if (last < first - tolerance)
        return LagTrend::Falling;
    return LagTrend::Steady;
}

} // namespace acci::ui

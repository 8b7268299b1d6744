#pragma once

#include <QObject>
#include <QTimer>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acci/monitoring/Metrics.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Replication.hpp"
#include "workers/RequestTracker.hpp"

namespace acci::ui {

class DatabaseWorker;

// Projection lag over time, sampled while the console runs.
struct LagSeries {
    std::vector<double> timesSeconds; // since the epoch
    std::vector<double> events;
    std::vector<double> seconds;
};

enum class LagTrend { Unknown, Rising, Falling, Steady };

// Watches the store for the projections and monitoring pages: the projections' status every
// couple of seconds, the full metrics (events per type, snapshot sizes) less often, on a
// connection and thread of its own, so that monitoring never queues behind the browser's
// queries (nor the browser behind it).
class MetricsPoller : public QObject {
    Q_OBJECT
public:
    // Polls on `worker`, a connection of its own (ConnectionSession's monitoring one).
    explicit MetricsPoller(DatabaseWorker* worker, QObject* parent = nullptr);
    ~MetricsPoller() override;

    // Polling starts here (once the schema is known to be current), not at construction.
    void start();
    DatabaseWorker* worker() const { return m_worker; }
    void setInterval(int milliseconds);
    // Watched: someone looks at the projections or monitoring page (poll every 2 s, full
    // metrics every 10 s). Not watched: only the lag is sampled, every 10 s, so that a console
    // left open on another page costs the server next to nothing.
    void setWatched(bool watched);
    void refreshNow();

    const std::vector<projections::ProjectionStatus>& projections() const { return m_projections; }
    const std::optional<monitoring::Metrics>& metrics() const { return m_metrics; }
    const std::map<std::string, LagSeries>& lagHistory() const { return m_lagHistory; }
    // Committed events held back behind an open transaction, now and over time (events waiting,
    // seconds the oldest has waited).
    const store::HeldBack& heldBack() const { return m_heldBack; }
    const LagSeries& heldBackHistory() const { return m_heldBackHistory; }
    LagTrend trend(const std::string& projection) const;
    // Primary or standby, and a standby's replay delay, as of the last poll; the delay over
    // time (seconds; events unused) while on a standby.
    const std::optional<store::ServerRole>& serverRole() const { return m_serverRole; }
    const LagSeries& replayDelayHistory() const { return m_replayDelayHistory; }
    // Why the last poll failed (a role that may not read the projection tables, a server
    // gone); empty once a poll succeeds. Pages with nothing read yet show it instead of "…".
    const QString& lastError() const { return m_lastError; }

signals:
    void projectionsUpdated();
    void metricsUpdated();
    void failed(const QString& message);

private:
    void poll();
    void record(std::vector<projections::ProjectionStatus> statuses, store::ServerRole role);

    DatabaseWorker* m_worker;
    QTimer m_timer;
    RequestTracker m_polling; // one poll in flight; a tick meanwhile is skipped
    bool m_watched = true;
    int m_polls = 0;
    std::vector<projections::ProjectionStatus> m_projections;
    std::optional<monitoring::Metrics> m_metrics;
    std::map<std::string, LagSeries> m_lagHistory;
    store::HeldBack m_heldBack;
    LagSeries m_heldBackHistory;
    std::optional<store::ServerRole> m_serverRole;
    LagSeries m_replayDelayHistory;
    QString m_lastError;
};

} // namespace acci::ui

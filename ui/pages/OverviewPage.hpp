#pragma once

#include <QWidget>

#include <functional>
#include <optional>

#include "acci/monitoring/EventRates.hpp"
#include "acci/monitoring/Health.hpp"
#include "acci/monitoring/Overview.hpp"
#include "workers/RequestTracker.hpp"

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QGridLayout;
class QVBoxLayout;

namespace acci::ui {

class ConnectionSession;
class LatestEventsList;
class OverviewTile;

// The store at a glance, the console's first page: events, aggregates, event types, the newest
// event and its age, acci-admin health's verdict, the projections with their lag and status,
// dead letters, events per minute over the last hour per busiest type, and the latest events
// (live). Every figure is a link to the page that explains it. The figures come from three
// jobs on the monitoring connection (figures, health, rates: each paints when it arrives) and
// from the metrics poller (projections); all reads are bounded (ARCHITECTURE "The overview").
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(ConnectionSession* session, QWidget* parent = nullptr);

    // The store is known to have the current schema: the page may read (MainWindow's
    // startBrowsing); until then it waits, so that a database without the schema shows the
    // schema page, not the overview's errors.
    void start();
    // Asks for every figure again (on show, F5, a reconnect).
    void refresh();
    // Row-level security hides some events from this role: the counts say what they cover.
    void setRowSecurity(bool restricted);
    // The thresholds of the health verdict (the monitoring page's, which the user edits).
    void setThresholdsSource(std::function<monitoring::HealthThresholds()> source) { m_thresholds = std::move(source); }

    OverviewTile* tile(const QString& objectName) const;
    LatestEventsList* latestView() const { return m_latest; }
    QTreeWidget* projectionsView() const { return m_projections; }
    const std::optional<monitoring::StoreOverview>& figures() const { return m_figures; }
    const std::optional<monitoring::HealthReport>& health() const { return m_health; }
    // The event types whose sparklines are shown, busiest first.
    QStringList sparklineTypes() const;
    // Everything asked for at the last refresh has arrived (figures, health, rates, projections).
    bool isLoaded() const;

signals:
    void statusMessage(const QString& message);
    void logRequested();
    void aggregatesRequested();
    void monitoringRequested();
    // A projection (empty: the page), optionally its dead letters.
    void projectionRequested(const QString& name);
    void eventRequested(const acci::store::LogPosition& position);
    void aggregateRequested(const QString& aggregateId, int version);
    void eventTypeRequested(const QString& eventType);
    // The first figures are on screen (the benchmark's first paint), and everything is.
    void figuresShown();
    void loaded();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void requestFigures();
    void showCounts(); // the events and aggregates tiles
    void requestHealth();
    void requestRates();
    // One read of `Result` in flight per tracker: asked again meanwhile, `request` runs once
    // more when it is back. `show` takes the result, `fail` the error sentence.
    template <typename Result, typename Read, typename Show, typename Fail>
    void runCoalesced(RequestTracker& tracker, void (OverviewPage::*request)(), Read read, Show show, Fail fail);
    void showFiguresUnavailable(const QString& message);
    void showFigures();
    void showHealth();
    void showRates(const monitoring::EventRateSeries& series);
    void showProjections();
    void checkLoaded();

    ConnectionSession* m_session;
    std::function<monitoring::HealthThresholds()> m_thresholds;
    OverviewTile* m_events;
    OverviewTile* m_aggregates;
    OverviewTile* m_eventTypes;
    OverviewTile* m_newest;
    OverviewTile* m_healthTile;
    OverviewTile* m_projectionsTile;
    OverviewTile* m_deadLetters;
    QLabel* m_updated;
    QPushButton* m_refresh;
    QWidget* m_ratesBox;
    QGridLayout* m_ratesLayout;
    QLabel* m_ratesEmpty;
    QTreeWidget* m_projections;
    QLabel* m_projectionsEmpty;
    LatestEventsList* m_latest;
    QLabel* m_latestEmpty;
    QTimer* m_timer; // figures and health while the page is shown
    QTimer* m_liveDelay; // new events: one figures read per burst
    RequestTracker m_figuresRequest;
    RequestTracker m_healthRequest;
    RequestTracker m_ratesRequest;
    bool m_rowSecurity = false;
    std::optional<monitoring::StoreOverview> m_figures;
    std::optional<monitoring::HealthReport> m_health;
    QStringList m_rateTypes;
    bool m_ratesIn = false;
    bool m_projectionsIn = false;
    bool m_loadedSaid = false;
    bool m_started = false;
    int m_refreshes = 0;
};

} // namespace acci::ui

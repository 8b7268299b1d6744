#pragma once

#include <QWidget>

#include <optional>

#include "acci/monitoring/EventRates.hpp"
#include "acci/monitoring/Health.hpp"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

#include "workers/RequestTracker.hpp"

namespace acci::ui {

class EventRateChart;
class LagChart;
class MetricsPoller;
class SnapshotHistogram;

// Monitoring: health tiles (connection, age of the newest event, projection lag, events held
// back behind an open transaction, dead letters, against thresholds the user sets) and acci-admin health's verdict on
// them, the event rate per type over a chosen range (live: the last five minutes, moving every second), projection lag
// over time, and the snapshot size histogram. Queries run on the poller's own connection.
class MonitoringPage : public QWidget {
    Q_OBJECT
public:
    enum class Range { Live, LastHour, LastDay, LastWeek, Custom };

    explicit MonitoringPage(MetricsPoller* poller, QWidget* parent = nullptr);

    void setTenant(const QString& tenant);
    void setRange(Range range);
    // A custom range (switches to it).
    void setCustomRange(const QDateTime& from, const QDateTime& to);
    // The connection state, from the main worker, for the connection tile.
    void setConnectionState(bool connected, const QString& detail);

    EventRateChart* rateChart() const { return m_rateChart; }
    LagChart* lagChart() const { return m_lagChart; }
    SnapshotHistogram* snapshotHistogram() const { return m_histogram; }
    QLabel* tile(const QString& name) const;
    // acci-admin health's verdict and reasons on the same figures and thresholds.
    QLabel* verdictLabel() const { return m_verdict; }
    // The thresholds the user set.
    monitoring::HealthThresholds thresholds() const;
    QCheckBox* stackedBox() const { return m_stacked; }

signals:
    void statusMessage(const QString& message);
    void rateSeriesShown();
    // The user clicked the held-back tile: show the in-flight transactions.
    void inFlightRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void requestRates();
    void updateTiles();
    void showVerdict(const monitoring::HealthReport& report, bool haveFigures);
    void showHeldBack(const monitoring::HealthReport& report, const monitoring::HealthThresholds& limits);
    void saveThresholds();

    MetricsPoller* m_poller;
    QComboBox* m_range;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QCheckBox* m_stacked;
    QPushButton* m_refresh;
    QTimer* m_liveTimer;
    EventRateChart* m_rateChart;
    LagChart* m_lagChart;
    SnapshotHistogram* m_histogram;
    QLabel* m_connectionTile;
    QLabel* m_newestTile;
    QLabel* m_lagTile;
    QLabel* m_deadLettersTile;
    QLabel* m_heldBackTile;
    QLabel* m_verdict;
    QSpinBox* m_maxEventAge;
    QSpinBox* m_maxLagEvents;
    QSpinBox* m_maxLagSeconds;
    QSpinBox* m_maxDeadLetters;
    QSpinBox* m_maxHeldBack;
    std::optional<std::string> m_tenant;
    RequestTracker m_rates; // one rate query in flight, the newest settings after it
    bool m_connected = true;
    QString m_connectionDetail;
};

} // namespace acci::ui

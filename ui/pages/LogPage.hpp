#pragma once

#include <QWidget>

#include <memory>
#include <optional>

#include "acci/store/Event.hpp"
#include "acci/store/LogFilter.hpp"

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace acci::ui {

class DatabaseWorker;
class EventDetailView;
class HeldBackBanner;
class GlobalLogModel;
class LogAccess;

// The global log: every event in (tx_id, position) order in a virtual table, with filters
// and a live tail that follows new events or counts them while paused.
class LogPage : public QWidget {
    Q_OBJECT
public:
    explicit LogPage(DatabaseWorker* worker, QWidget* parent = nullptr);
    // Reads through `access` (tests give it a log in memory).
    explicit LogPage(std::unique_ptr<LogAccess> access, QWidget* parent = nullptr);

    void reload();
    // A new event was committed somewhere (from the live tail).
    void onEventsAppended();
    void setTenant(const QString& tenant);
    // Shows the event at `position`: the filters cleared, following paused, its row selected.
    void showPosition(const store::LogPosition& position);
    // The log filtered by one event type (the other filters cleared).
    void filterByEventType(const QString& eventType);
    // The selected row's event, when its page is loaded.
    std::optional<store::LogPosition> selectedPosition() const;

    GlobalLogModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* eventTypesEdit() const { return m_eventTypes; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* followButton() const { return m_follow; }
    QLabel* pendingLabel() const { return m_pending; }
    // "about N events" while the number is the planner's estimate, "N events" once counted.
    QLabel* countLabel() const { return m_count; }
    // Shown while a filter opens or is counted: the progress, and Stop.
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* stopButton() const { return m_stop; }
    EventDetailView* detail() const { return m_detail; }
    // Says when committed events are missing from the log because an open transaction holds the head.
    HeldBackBanner* heldBackBanner() const { return m_heldBack; }

signals:
    void statusMessage(const QString& message);
    void openAggregateRequested(const QString& aggregateId, int version);
    void correlationRequested(const QString& correlationId, const QString& eventId);
    void timeTravelRequested(const QString& aggregateId, int version);
    void inFlightRequested();

private:
    store::LogFilter currentFilter() const;
    void applyFilter();
    void clearFilter();
    void showSelectedEvent();
    void showCount();
    void showBusy(bool busy);
    void selectTarget();
    void clearFields();

    GlobalLogModel* m_model;
    QLineEdit* m_eventTypes;
    QLineEdit* m_aggregateType;
    QLineEdit* m_tenant;
    QLineEdit* m_correlation;
    QLineEdit* m_user;
    QLineEdit* m_dataContains;
    QCheckBox* m_useSince;
    QDateTimeEdit* m_since;
    QCheckBox* m_useUntil;
    QDateTimeEdit* m_until;
    QPushButton* m_apply;
    QPushButton* m_follow;
    QLabel* m_pending;
    QLabel* m_count;
    QProgressBar* m_progress;
    QPushButton* m_stop;
    HeldBackBanner* m_heldBack;
    QTableView* m_table;
    EventDetailView* m_detail;
    QString m_scopeTenant; // from the tenant selector: scopes every view
    std::optional<store::LogPosition> m_target; // showPosition's event, until its row is checked
    qint64 m_targetRow = -1; // its row, once located, until selected
};

} // namespace acci::ui

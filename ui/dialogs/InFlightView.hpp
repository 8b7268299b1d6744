#pragma once

#include <QTimer>
#include <QWidget>

#include "acci/store/InFlight.hpp"
#include "models/RecordTableModel.hpp"
#include "workers/RequestTracker.hpp"

class QLabel;
class QPushButton;
class QTableView;

namespace acci::ui {

class ConnectionSession;
class LagChart;

// In-flight transactions: the transactions that hold back the readable head (acci-admin
// in-flight), refreshed every two seconds while the window is open, with the held-back time
// charted beside the projections' lag. "Copy terminate statement" hands a DBA the SQL;
// "Terminate…" ends the selected one, after a confirmation, when the role may (audited).
// Reads run on the poller's monitoring connection, the terminate on the actions connection.
class InFlightView : public QWidget {
    Q_OBJECT
public:
    explicit InFlightView(ConnectionSession* session, QWidget* parent = nullptr);

    void refresh();

    QTableView* table() const { return m_table; }
    const RecordTableModel<store::InFlightTransaction>* model() const { return m_model; }
    QLabel* summaryLabel() const { return m_summary; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* terminateButton() const { return m_terminate; }
    LagChart* chart() const { return m_chart; }

signals:
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showReport(store::InFlightReport report);
    const store::InFlightTransaction* selected() const;
    void updateButtons();
    void copyStatement();
    void terminateSelected();
    void say(const QString& message);

    ConnectionSession* m_session;
    RecordTableModel<store::InFlightTransaction>* m_model;
    QTableView* m_table;
    QLabel* m_summary;
    QLabel* m_hidden;
    QLabel* m_status;
    QPushButton* m_refresh;
    QPushButton* m_copy;
    QPushButton* m_terminate;
    LagChart* m_chart;
    QTimer m_timer;
    RequestTracker m_loading; // one read in flight; a tick meanwhile is skipped
    bool m_terminating = false;
};

} // namespace acci::ui

#pragma once

#include <QDialog>
#include <QElapsedTimer>

#include <utility>
#include <vector>

#include "acci/timetravel/SnapshotAudit.hpp"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace acci::ui {

class SnapshotMismatchModel;

// Every stored snapshot checked against the fold at its version, from the console (issue 16):
// the pre-flight (how many snapshots of which types, the rules used, an optional type to check
// only), progress with ETA and Cancel, then the report: the counts, the mismatches filterable
// by kind, every difference line of the selected one, the way to its story (Time travel at the
// snapshot's version with the difference shown), export as CSV or JSON. It shows; the
// time-travel page runs the check.
class SnapshotAuditDialog : public QDialog {
    Q_OBJECT
public:
    // The stored snapshots per aggregate type, by type; the reducer rules in words.
    SnapshotAuditDialog(const std::vector<std::pair<QString, qlonglong>>& snapshotsByType, const QString& rules,
        QWidget* parent = nullptr);

    void showProgress(const timetravel::SnapshotAuditProgress& progress);
    void showReport(const timetravel::SnapshotAuditReport& report);
    void showFailure(const QString& message);

    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* timeTravelButton() const { return m_timeTravel; }
    QComboBox* typeFilter() const { return m_type; }
    QComboBox* kindFilter() const { return m_kind; }
    QTableView* mismatchesView() const { return m_view; }
    const SnapshotMismatchModel* mismatchesModel() const { return m_model; }
    QLabel* summaryLabel() const { return m_text; }
    QPlainTextEdit* detailText() const { return m_detail; }
    const timetravel::SnapshotAuditReport& report() const { return m_report; }
    bool running() const { return m_running; }
    bool finished() const { return m_finished; }
    // The export, without the file dialog (the buttons ask for the file).
    bool exportTo(const QString& path, bool json, QString* error = nullptr) const;

signals:
    // aggregateType empty: every type.
    void startRequested(const QString& aggregateType);
    void cancelRequested();
    void timeTravelRequested(const QString& aggregateId, int version);

protected:
    void reject() override;

private:
    void showPlan();
    void applyKindFilter();
    void showSelected();
    const timetravel::SnapshotVerdict* selected() const;
    void askExport(bool json);

    QString m_rules;
    timetravel::SnapshotAuditReport m_report;
    QElapsedTimer m_clock;
    QLabel* m_text;
    QLabel* m_typeLabel;
    QComboBox* m_type;
    QLabel* m_rate;
    QProgressBar* m_progress;
    QWidget* m_reportArea;
    QComboBox* m_kind;
    QTableView* m_view;
    SnapshotMismatchModel* m_model;
    QLabel* m_detailTitle;
    QPlainTextEdit* m_detail;
    QPushButton* m_timeTravel;
    QPushButton* m_csv;
    QPushButton* m_json;
    QPushButton* m_start;
    QPushButton* m_cancel;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace acci::ui

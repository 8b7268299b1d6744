#pragma once

#include <QDialog>

#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/ProjectionVerify.hpp"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace acci::ui {

class VerifyDifferenceModel;

// Verify a read model from the console (issue 16): the pre-flight (rows, events to replay,
// estimated time), progress with ETA and Cancel, then the report: the differences filterable
// by kind, each row's two sides, the way to its story (Time travel at the version that last
// touched it, its stream), export as CSV or JSON, and "Rebuild now…". It shows; the projections
// page runs the verification.
class VerifyDialog : public QDialog {
    Q_OBJECT
public:
    // canRebuild false: the reason the Rebuild button gives instead (a reader, a standby).
    VerifyDialog(const QString& projection, const projections::RebuildPlan& plan, const QString& cannotRebuild,
        QWidget* parent = nullptr);

    void showProgress(const projections::VerifyProgress& progress);
    void showReport(const projections::VerifyReport& report);
    void showFailure(const QString& message);

    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* rebuildButton() const { return m_rebuild; }
    QPushButton* timeTravelButton() const { return m_timeTravel; }
    QComboBox* kindFilter() const { return m_kind; }
    QTableView* differencesView() const { return m_view; }
    const VerifyDifferenceModel* differencesModel() const { return m_model; }
    QLabel* summaryLabel() const { return m_text; }
    const projections::VerifyReport& report() const { return m_report; }
    bool finished() const { return m_finished; }
    // The export, without the file dialog (the buttons ask for the file).
    bool exportTo(const QString& path, bool json, QString* error = nullptr) const;

signals:
    void startRequested();
    void cancelRequested();
    void timeTravelRequested(const QString& aggregateId, int version);
    void streamRequested(const QString& aggregateId, int version);
    void rebuildRequested();

protected:
    void reject() override;

private:
    void applyKindFilter();
    void showSelected();
    const projections::RowDifference* selected() const;
    void askExport(bool json);

    QString m_projection;
    QString m_cannotRebuild;
    projections::VerifyReport m_report;
    QLabel* m_text;
    QLabel* m_rate;
    QProgressBar* m_progress;
    QWidget* m_reportArea;
    QComboBox* m_kind;
    QTableView* m_view;
    VerifyDifferenceModel* m_model;
    QPlainTextEdit* m_stored;
    QPlainTextEdit* m_replayed;
    QPushButton* m_timeTravel;
    QPushButton* m_stream;
    QPushButton* m_csv;
    QPushButton* m_json;
    QPushButton* m_rebuild;
    QPushButton* m_start;
    QPushButton* m_cancel;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace acci::ui

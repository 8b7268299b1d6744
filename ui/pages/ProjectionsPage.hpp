#pragma once

#include <QPointer>
#include <QWidget>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Audit.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "dialogs/VerifyDialog.hpp"
#include "models/AuditTableModel.hpp"
#include "models/DeadLetterTableModel.hpp"
#include "models/ProjectionTableModel.hpp"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace acci::ui {

class HeldBackBanner;

class CatchUpRunner;
class ConnectionSession;
class MetricsPoller;
class RebuildRunner;
class VerifyRunner;

// Projection administration: status and lag (with its trend) of every projection, built in
// or external; rebuild with a pre-flight, progress and a report; reset a checkpoint; dead
// letters (retry, skip); the catch-up runner in this console, or the word on who runs it;
// the audit log of recent admin actions; verify a read model against its events (which a
// reader may do too: it writes nothing). Every action asks first, is audited by the core,
// and is disabled with the reason when the role may not do it.
class ProjectionsPage : public QWidget {
    Q_OBJECT
public:
    // Status from the session's poller; actions on its actions connection; rebuild and
    // catch-up on connections of their own.
    explicit ProjectionsPage(ConnectionSession* session, QWidget* parent = nullptr);
    ~ProjectionsPage() override;

    // A role without write rights: every action is disabled, saying why.
    void setReadOnly(bool readOnly, const QString& reason);
    // Runs the built-in projections' catch-up in this console (the checkbox does the same).
    void setRunCatchUp(bool run);

    QTableView* projectionsView() const { return m_projectionsView; }
    const RecordTableModel<projections::ProjectionStatus>* projectionsModel() const { return m_projections; }
    const RecordTableModel<projections::DeadLetter>* deadLettersModel() const { return m_deadLetters; }
    const RecordTableModel<store::AuditRecord>* auditModel() const { return m_audit; }
    QTableView* deadLettersView() const { return m_deadLettersView; }
    QPushButton* rebuildButton() const { return m_rebuild; }
    QPushButton* verifyButton() const { return m_verify; }
    VerifyDialog* verifyDialog() const { return m_verifyDialog; }
    QPushButton* resetButton() const { return m_reset; }
    QPushButton* retryButton() const { return m_retry; }
    QPushButton* skipButton() const { return m_skip; }
    QLabel* catchUpLabel() const { return m_catchUpLabel; }
    RebuildDialog* rebuildDialog() const { return m_dialog; }
    void selectProjection(const QString& name);

    HeldBackBanner* heldBackBanner() const { return m_heldBack; }

signals:
    void statusMessage(const QString& message);
    // The held-back banner's link: show the in-flight transactions.
    void inFlightRequested();
    // From a verification's report: a row's story.
    void timeTravelRequested(const QString& aggregateId, int version);
    void openAggregateRequested(const QString& aggregateId, int version);

private:
    void showProjections();
    void updateActions();
    void reloadDeadLetters();
    void reloadAudit();
    void startRebuild();
    void startVerify();
    void verifyEnded(const projections::VerifyReport& report);
    void rebuildEnded();
    void resetCheckpoint();
    void retryOrSkip(bool retry);
    void updateCatchUpLabel();
    const projections::ProjectionStatus* selectedProjection() const;
    const projections::DeadLetter* selectedDeadLetter() const;

    ConnectionSession* m_session;
    MetricsPoller* m_poller;
    ProjectionTableModel* m_projections;
    DeadLetterTableModel* m_deadLetters;
    AuditTableModel* m_audit;
    QTableView* m_projectionsView;
    QTableView* m_deadLettersView;
    QTableView* m_auditView;
    QPlainTextEdit* m_deadLetterDetail;
    HeldBackBanner* m_heldBack;
    QPushButton* m_rebuild;
    QPushButton* m_verify;
    QPushButton* m_reset;
    QPushButton* m_retry;
    QPushButton* m_skip;
    QCheckBox* m_runCatchUp;
    QLabel* m_catchUpLabel;
    QLabel* m_readOnlyNote;
    RebuildRunner* m_rebuildRunner;
    VerifyRunner* m_verifyRunner;
    CatchUpRunner* m_catchUp;
    QPointer<RebuildDialog> m_dialog;
    QPointer<VerifyDialog> m_verifyDialog;
    QString m_verifying; // the projection the running (or last) verification is about
    bool m_readOnly = false;
    QString m_readOnlyReason;
    QString m_deadLettersFor;
    QString m_auditError; // why the audit log could not be read, until it can
};

} // namespace acci::ui

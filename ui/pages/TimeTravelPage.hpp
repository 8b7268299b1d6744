#pragma once

#include <QPointer>
#include <QWidget>

#include <nlohmann/json.hpp>

#include "acci/timetravel/ReducerRules.hpp"
#include "dialogs/SnapshotAuditDialog.hpp"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QTabWidget;
class QTableView;
class QTreeView;

namespace acci::ui {

class ComparePane;
class DatabaseWorker;
class EventPane;
class SnapshotAuditRunner;
class JsonTreeModel;
class SnapshotBadge;
class StatePane;
class TimeTravelSession;
class TimelineModel;
class TransportPane;

// Time-travel debugging of one aggregate (ARCHITECTURE.md, "Time travel"): a version slider
// with play, the state at that version as a tree with the fields the event changed marked,
// the event itself, provenance of a selected field, a diff between any two versions, the
// state as of a date, the stored snapshot checked against the fold, warnings on the
// timeline, and what-if (untick events, see the state recomputed; nothing is written).
// The page composes panes around a TimeTravelSession, which reads and folds off the GUI
// thread so that dragging the slider never blocks the window.
class TimeTravelPage : public QWidget {
    Q_OBJECT
public:
    explicit TimeTravelPage(DatabaseWorker* worker, QWidget* parent = nullptr);
    ~TimeTravelPage() override;

    // Reducer rules on top of the built-in ones (the demo's, or a file the user chose).
    void setExtraRules(const timetravel::ReducerRules& rules, const QString& description);
    // Loads an aggregate and shows it at `version` (-1: its newest version).
    void open(const QString& aggregateId, int version = -1);
    void goToVersion(int version);
    // Opens an aggregate at its snapshot's version with the snapshot checked against the fold
    // there, and the difference on the Compare tab when they differ.
    void openSnapshotDifference(const QString& aggregateId, int version);
    // "Verify all snapshots…": the pre-flight (snapshots per type), then a dialog that checks
    // every snapshot with this page's rules, off the GUI thread (issue 16).
    void startSnapshotAudit();

    TimeTravelSession* session() const { return m_session; }
    QSlider* slider() const;
    JsonTreeModel* stateModel() const;
    QTreeView* stateTree() const;
    TimelineModel* timeline() const;
    QListWidget* changesList() const;
    QLabel* snapshotLabel() const;
    QLabel* provenanceLabel() const;
    QPushButton* verifySnapshotsButton() const { return m_verifySnapshots; }
    SnapshotAuditDialog* snapshotAuditDialog() const { return m_auditDialog; }
    QPlainTextEdit* compareText() const;
    bool comparesSnapshot() const;
    QPlainTextEdit* whatIfText() const { return m_whatIfText; }
    int shownVersion() const;
    // False while only the snapshot and the events after it are shown (see TimeTravelSession).
    bool showsWholeHistory() const;
    // The version the loaded history starts after: the snapshot's while not whole, else 0.
    int baseVersion() const;
    const nlohmann::json& shownState() const;

signals:
    void statusMessage(const QString& message);
    void loaded(int lastVersion);
    void frameShown(int version);
    void openInStreamRequested(const QString& aggregateId, int version);
    // The page wants to be the one shown (a mismatch opened from the snapshot audit).
    void showRequested();

private:
    QWidget* buildHeader();
    QWidget* buildTabs();
    void chooseRulesFile();
    void showLoaded();
    void showFrame();
    void showSnapshotDifference();

    DatabaseWorker* m_worker;
    TimeTravelSession* m_session;
    QLineEdit* m_aggregateEdit;
    QLabel* m_title;
    QPushButton* m_rulesButton;
    QPushButton* m_verifySnapshots;
    QString m_rulesDescription;
    SnapshotAuditRunner* m_auditRunner;
    QPointer<SnapshotAuditDialog> m_auditDialog;
    QString m_pendingSnapshotDifference; // the aggregate whose snapshot difference to show once loaded
    TransportPane* m_transport;
    SnapshotBadge* m_snapshotBadge;
    QTableView* m_timelineView;
    QTabWidget* m_tabs;
    StatePane* m_statePane;
    ComparePane* m_comparePane;
    QPlainTextEdit* m_whatIfText;
    EventPane* m_eventPane;
};

} // namespace acci::ui

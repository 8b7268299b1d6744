#pragma once

#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

#include "acci/timetravel/StateFolder.hpp"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;

namespace acci::ui {

class DatabaseWorker;
class EventDetailView;
class JsonTreeModel;
class LatestOnlyRunner;
class TimelineModel;
class TimelineStrip;

// Time-travel debugging of one aggregate (ARCHITECTURE.md, "Time travel"): a version slider
// with play, the state at that version as a tree with the fields the event changed marked,
// the event itself, provenance of a selected field, a diff between any two versions, the
// state as of a date, the stored snapshot checked against the fold, warnings on the
// timeline, and what-if (untick events, see the state recomputed; nothing is written).
// The stream is read on the database worker; folds run on a latest-only background thread
// so that dragging the slider never blocks the window.
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

    QSlider* slider() const { return m_slider; }
    JsonTreeModel* stateModel() const { return m_stateModel; }
    QTreeView* stateTree() const { return m_stateTree; }
    TimelineModel* timeline() const { return m_timeline; }
    QListWidget* changesList() const { return m_changes; }
    QLabel* snapshotLabel() const { return m_snapshotLabel; }
    QLabel* provenanceLabel() const { return m_provenance; }
    QPlainTextEdit* whatIfText() const { return m_whatIfText; }
    int shownVersion() const { return m_shownVersion; }
    const nlohmann::json& shownState() const { return m_shownState; }

signals:
    void statusMessage(const QString& message);
    void loaded(int lastVersion);
    void frameShown(int version);
    void openInStreamRequested(const QString& aggregateId, int version);

private:
    struct Loaded;
    struct FrameResult;

    QWidget* buildControls();
    QWidget* buildStatePane();
    QWidget* buildEventPane();
    void chooseRulesFile();
    void showLoaded(const std::shared_ptr<Loaded>& result, int version);
    void requestFrame();
    void showFrame(const FrameResult& frame);
    void showProvenance();
    void compareVersions();
    void goToAsOf();
    void stepBy(int delta);
    void togglePlay(bool playing);
    void nextWarning();
    int versionAtPosition(int position) const;
    int positionOfVersion(int version) const;

    DatabaseWorker* m_worker;
    LatestOnlyRunner* m_runner;
    timetravel::ReducerRules m_rules;
    QString m_rulesDescription;
    QString m_aggregateId;
    std::shared_ptr<const timetravel::StateFolder> m_folder;
    std::optional<store::Snapshot> m_snapshot;
    std::optional<timetravel::SnapshotCheck> m_snapshotCheck;

    QLineEdit* m_aggregateEdit;
    QLabel* m_title;
    QPushButton* m_rulesButton;
    QLabel* m_snapshotLabel;
    QPushButton* m_nextWarning;
    QPushButton* m_snapshotDiffButton;
    QToolButton* m_playButton;
    QComboBox* m_speed;
    QSpinBox* m_versionSpin;
    QDateTimeEdit* m_asOf;
    TimelineStrip* m_strip;
    QSlider* m_slider;
    QTimer* m_playTimer;
    TimelineModel* m_timeline;
    QTableView* m_timelineView;
    QTabWidget* m_tabs;
    QLabel* m_whatIfBanner;
    JsonTreeModel* m_stateModel;
    QTreeView* m_stateTree;
    QLabel* m_provenance;
    QPushButton* m_provenanceJump;
    QSpinBox* m_compareFrom;
    QSpinBox* m_compareTo;
    QPlainTextEdit* m_compareText;
    QPlainTextEdit* m_whatIfText;
    QLabel* m_eventTitle;
    QListWidget* m_changes;
    QListWidget* m_warnings;
    EventDetailView* m_eventDetail;

    int m_shownVersion = -1;
    nlohmann::json m_shownState;
    timetravel::Origins m_shownOrigins;
    QSet<QString> m_expanded;
    int m_provenanceVersion = 0;
};

} // namespace acci::ui

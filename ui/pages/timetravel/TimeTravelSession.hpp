#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "acci/timetravel/StateFolder.hpp"

class QDateTime;

#include "workers/RequestTracker.hpp"

namespace acci::ui {

class DatabaseWorker;
class LatestOnlyRunner;
class TimelineModel;

// What the time-travel page shows, without its widgets: one aggregate's folded history, the
// place on its timeline, the events left out (what-if) and the frame on screen. The panes
// read it and ask it to move; it tells them through signals. The stream is read and folded
// on the database worker; frames fold on a latest-only background thread, so a slider dragged
// faster than frames fold only ever waits for the newest one.
//
// Positions are the slider's: 0 is before the first loaded event, i is after the i-th one
// (versions may have gaps; positions have none).
class TimeTravelSession : public QObject {
    Q_OBJECT
public:
    explicit TimeTravelSession(DatabaseWorker* worker, QObject* parent = nullptr);
    ~TimeTravelSession() override;

    // The built-in reducer rules overridden by these; the next open() folds with them.
    void setExtraRules(const timetravel::ReducerRules& rules);
    // The rules the folds use: the built-in ones overridden by the extra ones.
    const timetravel::ReducerRules& rules() const { return m_rules; }
    // Reads and folds the aggregate off the GUI thread, then shows it at `version` (-1: its
    // newest). loaded() or openFailed() follows. With a stored snapshot (and a version after
    // it) loaded() comes twice: first the snapshot and the events after it, the newest state
    // at once; then the whole history, at the version shown by then.
    void open(const QString& aggregateId, int version = -1);

    struct Loaded; // what a read hands over; public for the worker-side helpers in the .cpp

    bool isLoaded() const { return m_folder != nullptr; }
    // False while only the snapshot and the events after it are in (the folder starts at the
    // snapshot's version); the whole history is on its way.
    bool isComplete() const { return m_complete; }
    const QString& aggregateId() const { return m_aggregateId; }
    const timetravel::StateFolder* folder() const { return m_folder.get(); }
    // The stored snapshot checked against the fold; nullopt when the aggregate has none.
    const std::optional<timetravel::SnapshotCheck>& snapshotCheck() const { return m_snapshotCheck; }
    // The loaded events, each with a check box: unticked ones are left out of the fold.
    TimelineModel* timeline() const { return m_timeline; }
    // The user id in the metadata of the event at `version` (empty when none).
    QString userAt(int version) const;

    int position() const { return m_position; }
    int lastPosition() const;
    int versionAtPosition(int position) const;
    // The newest event at or before the version.
    int positionOfVersion(int version) const;
    std::vector<int> warningPositions() const;
    std::vector<int> excludedPositions() const;

    void setPosition(int position);
    void goToVersion(int version);
    // The next version after the one shown whose fold reported a warning.
    void goToNextWarning();
    // The newest version whose event happened at or before `when`.
    void goToTime(const QDateTime& when);

    // The frame on screen (the last one folded for the newest request).
    int shownVersion() const { return m_shownVersion; }
    const timetravel::Frame& shownFrame() const { return m_shown; }

signals:
    // A new history is in, to be shown at position(); a frame follows.
    void loaded();
    void openFailed(const QString& aggregateId, const QString& message);
    void positionChanged(int position, int version);
    void frameReady();
    void statusMessage(const QString& message);

private:
    void loadWholeHistory(RequestTracker::Ticket ticket, const timetravel::ReducerRules& rules);
    void showLoaded(const std::shared_ptr<Loaded>& result, int version);
    void requestFrame();

    DatabaseWorker* m_worker;
    LatestOnlyRunner* m_runner;
    RequestTracker m_opening; // which open() still counts
    TimelineModel* m_timeline;
    timetravel::ReducerRules m_rules;
    QString m_aggregateId;
    std::shared_ptr<const timetravel::StateFolder> m_folder;
    std::optional<timetravel::SnapshotCheck> m_snapshotCheck;
    bool m_complete = true;
    int m_position = 0;
    int m_shownVersion = -1;
    timetravel::Frame m_shown;
};

} // namespace acci::ui

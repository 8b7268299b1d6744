#include "pages/timetravel/TimeTravelSession.hpp"

#include <QDateTime>

#include <algorithm>

#include "acci/store/EventMetadata.hpp"
#include "acci/timetravel/History.hpp"
#include "models/TimelineModel.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/LatestOnlyRunner.hpp"

namespace acci::ui {

// What the worker hands over after reading a stream: the folded timeline and what is shown
// around it. Not `complete` when it holds only the stored snapshot and the events after it.
struct TimeTravelSession::Loaded {
    QString aggregateId;
    std::shared_ptr<timetravel::StateFolder> folder;
    std::vector<QString> users;
    std::optional<timetravel::SnapshotCheck> snapshotCheck;
    bool complete = true;
};

namespace {

    // Folds what was read (on the worker thread).
    std::shared_ptr<TimeTravelSession::Loaded> foldHistory(const timetravel::ReducerRules& rules,
        const QString& aggregateId, timetravel::AggregateHistory history, bool complete)
    {
        auto loaded = std::make_shared<TimeTravelSession::Loaded>();
        loaded->aggregateId = aggregateId;
        loaded->complete = complete;
        loaded->users.reserve(history.events.size());
        for (const auto& event : history.events)
            loaded->users.push_back(QString::fromStdString(store::metadataFieldsOf(event).userId));
        loaded->folder = std::make_shared<timetravel::StateFolder>(rules);
        if (complete) {
            loaded->folder->load(history.aggregateType, std::move(history.events));
            if (history.snapshot)
                loaded->snapshotCheck = loaded->folder->checkSnapshot(*history.snapshot);
        } else {
            loaded->folder->load(history.aggregateType, std::move(history.events), std::move(history.snapshot));
        }
        return loaded;
    }

} // namespace

TimeTravelSession::TimeTravelSession(DatabaseWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_runner(new LatestOnlyRunner(this))
    , m_timeline(new TimelineModel(this))
    , m_rules(timetravel::ReducerRules::builtIn())
{
    connect(m_timeline, &TimelineModel::excludedChanged, this, &TimeTravelSession::requestFrame);
}

TimeTravelSession::~TimeTravelSession() = default;

void TimeTravelSession::setExtraRules(const timetravel::ReducerRules& rules)
{
    m_rules = timetravel::ReducerRules::builtIn();
    m_rules.overrideWith(rules);
}

void TimeTravelSession::open(const QString& aggregateId, int version)
{
    auto rules = m_rules;
    const std::string id = aggregateId.toStdString();
    const auto ticket = m_opening.supersede(); // the last aggregate asked for wins
    m_worker->cancelRunning(this); // the one still loading is no longer wanted
    // A long stream with a snapshot: the snapshot and the events after it give the newest
    // state at once; the whole history follows. Not when the version asked for is older
    // than the snapshot: only the whole history has it.
    m_worker->run<std::shared_ptr<Loaded>>(
        this,
        [rules, id, aggregateId, version](pqxx::connection& connection) {
            store::EventStore eventStore(connection);
            auto recent = timetravel::loadHistory(eventStore, id, true);
            if (recent.snapshot && (version < 0 || version > recent.snapshot->version))
                return foldHistory(rules, aggregateId, std::move(recent), false);
            return foldHistory(rules, aggregateId, timetravel::loadHistory(eventStore, id), true);
        },
        [this, ticket, version, aggregateId, rules](const std::shared_ptr<Loaded>& loaded) {
            if (!m_opening.isCurrent(ticket))
                return;
            showLoaded(loaded, version);
            if (!loaded->complete) {
                emit statusMessage(tr("Showing %1 from its snapshot at version %2; the full history is loading.")
                                       .arg(aggregateId)
                                       .arg(loaded->folder->baseVersion()));
                loadWholeHistory(ticket, rules);
            }
        },
        [this, ticket, aggregateId](const QString& message) {
            if (m_opening.isCurrent(ticket))
                emit openFailed(aggregateId, message);
        });
}

void TimeTravelSession::loadWholeHistory(RequestTracker::Ticket ticket, const timetravel::ReducerRules& rules)
{
    const QString aggregateId = m_aggregateId;
    m_worker->run<std::shared_ptr<Loaded>>(
        this,
        [rules, aggregateId](pqxx::connection& connection) {
            store::EventStore eventStore(connection);
            return foldHistory(
                rules, aggregateId, timetravel::loadHistory(eventStore, aggregateId.toStdString()), true);
        },
        [this, ticket](const std::shared_ptr<Loaded>& loaded) {
            if (m_opening.isCurrent(ticket)) // where the user went meanwhile stays on screen
                showLoaded(loaded, versionAtPosition(m_position));
        },
        [this, ticket, aggregateId](const QString& message) {
            if (m_opening.isCurrent(ticket))
                emit statusMessage(tr("The full history of %1 could not be read: %2").arg(aggregateId, message));
        });
}

void TimeTravelSession::showLoaded(const std::shared_ptr<Loaded>& result, int version)
{
    m_runner->discard(); // a frame of the previous aggregate must not land on this one
    m_aggregateId = result->aggregateId;
    m_folder = result->folder;
    m_snapshotCheck = result->snapshotCheck;
    m_complete = result->complete;
    m_shownVersion = -1;
    m_shown = {};
    m_timeline->setTimeline(m_folder, std::move(result->users));
    m_position = -1 == version ? lastPosition() : positionOfVersion(version);
    emit loaded();
    requestFrame();
}

QString TimeTravelSession::userAt(int version) const
{
    const int row = m_timeline->rowOfVersion(version);
    return row < 0 ? QString() : m_timeline->data(m_timeline->index(row, TimelineModel::UserColumn)).toString();
}

int TimeTravelSession::lastPosition() const
{
    return m_folder ? static_cast<int>(m_folder->events().size()) : 0;
}

int TimeTravelSession::versionAtPosition(int position) const
{
    if (!m_folder || position <= 0)
        return m_folder ? m_folder->baseVersion() : 0;
    const auto& events = m_folder->events();
    return events[static_cast<std::size_t>(std::min<int>(position, static_cast<int>(events.size())) - 1)].version;
}

int TimeTravelSession::positionOfVersion(int version) const
{
    return m_folder ? static_cast<int>(m_folder->eventsUpTo(version)) : 0;
}

std::vector<int> TimeTravelSession::warningPositions() const
{
    std::vector<int> positions;
    if (m_folder)
        for (const auto& warning : m_folder->warnings())
            positions.push_back(positionOfVersion(warning.version));
    return positions;
}

std::vector<int> TimeTravelSession::excludedPositions() const
{
    std::vector<int> positions;
    for (int version : m_timeline->excluded())
        positions.push_back(positionOfVersion(version));
    return positions;
}

void TimeTravelSession::setPosition(int position)
{
    if (!m_folder)
        return;
    position = std::clamp(position, 0, lastPosition());
    if (position == m_position)
        return;
    m_position = position;
    emit positionChanged(m_position, versionAtPosition(m_position));
    requestFrame();
}

void TimeTravelSession::goToVersion(int version)
{
    setPosition(positionOfVersion(version));
}

void TimeTravelSession::goToNextWarning()
{
    if (!m_folder)
        return;
    for (const auto& warning : m_folder->warnings())
        if (warning.version > m_shownVersion) {
            goToVersion(warning.version);
            return;
        }
    emit statusMessage(tr("No warnings after version %1.").arg(m_shownVersion));
}

void TimeTravelSession::goToTime(const QDateTime& when)
{
    if (!m_folder)
        return;
    // Stored times have microseconds, the picked one milliseconds: the whole millisecond counts.
    const std::int64_t whenUs = when.toMSecsSinceEpoch() * 1000 + 999;
    const int version = m_folder->versionAt(whenUs);
    goToVersion(version);
    emit statusMessage(version == m_folder->baseVersion()
            ? tr("%1 did not exist yet at %2.").arg(m_aggregateId, when.toString(Qt::ISODate))
            : tr("At %1 the aggregate was at version %2.").arg(when.toString(Qt::ISODate)).arg(version));
}

void TimeTravelSession::requestFrame()
{
    if (!m_folder)
        return;
    const int version = versionAtPosition(m_position);
    auto folder = m_folder;
    auto excluded = m_timeline->excluded();
    m_runner->submit([this, folder, version, excluded]() -> std::function<void()> {
        auto frame = std::make_shared<timetravel::Frame>(folder->frameAt(version, excluded));
        return [this, version, frame] {
            m_shownVersion = version;
            m_shown = std::move(*frame);
            emit frameReady();
        };
    });
}

} // namespace acci::ui

#include "views/TimeTravelPage.hpp"

#include "acci/store/StoredJson.hpp"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <pqxx/pqxx>

#include "acci/store/Errors.hpp"
#include "acci/timetravel/History.hpp"
#include "models/EventRow.hpp"
#include "text/Formatting.hpp"
#include "models/JsonTreeModel.hpp"
#include "models/TimelineModel.hpp"
#include "views/EventDetailView.hpp"
#include "views/TableSetup.hpp"
#include "views/TimelineStrip.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/LatestOnlyRunner.hpp"

namespace acci::ui {

// What the worker hands over after reading a stream: the folded timeline and what the
// page shows around it.
struct TimeTravelPage::Loaded {
    QString aggregateId;
    std::shared_ptr<timetravel::StateFolder> folder;
    std::vector<QString> users;
    std::optional<store::Snapshot> snapshot;
    std::optional<timetravel::SnapshotCheck> snapshotCheck;
};

// One folded version, computed on the runner thread.
struct TimeTravelPage::FrameResult {
    int version = 0;
    timetravel::FoldedVersion folded;
    timetravel::StateDiff changes; // what the version's event changed
    std::optional<timetravel::StateDiff> whatIf; // real state → state without the excluded events
    int excludedCount = 0;
};

namespace {

    QString changeLine(const timetravel::FieldChange& change)
    {
        auto shortJson
            = [](const nlohmann::json& value) { return QString::fromStdString(timetravel::shortJson(value, 80)); };
        const QString where = change.pointer.empty() ? QStringLiteral("/") : QString::fromStdString(change.pointer);
        switch (change.kind) {
        case timetravel::FieldChange::Kind::Added:
            return TimeTravelPage::tr("+ %1 = %2").arg(where, shortJson(change.after));
        case timetravel::FieldChange::Kind::Removed:
            return TimeTravelPage::tr("− %1 (was %2)").arg(where, shortJson(change.before));
        case timetravel::FieldChange::Kind::Changed:
            break;
        }
        return TimeTravelPage::tr("~ %1: %2 → %3").arg(where, shortJson(change.before), shortJson(change.after));
    }

    QString diffText(const timetravel::StateDiff& diff)
    {
        QStringList lines;
        for (const auto& change : diff.changes)
            lines << changeLine(change);
        return lines.join(QLatin1Char('\n'));
    }

    QToolButton* toolButton(QStyle::StandardPixmap icon, const QString& tip, QWidget* parent)
    {
        auto* button = new QToolButton(parent);
        button->setIcon(parent->style()->standardIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    }

} // namespace

TimeTravelPage::TimeTravelPage(DatabaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_runner(new LatestOnlyRunner(this))
    , m_rules(timetravel::ReducerRules::builtIn())
    , m_playTimer(new QTimer(this))
    , m_timeline(new TimelineModel(this))
    , m_stateModel(new JsonTreeModel(this))
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_timelineView = new QTableView(this);
    m_timelineView->setObjectName(QStringLiteral("timeTravelEvents"));
    m_timelineView->setModel(m_timeline);
    setUpTable(m_timelineView);
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::VersionColumn, 72);
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::TypeColumn, 140);
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::TimeColumn, 170);
    splitter->addWidget(titled(tr("Events (untick to leave one out)"), m_timelineView, this));
    splitter->addWidget(buildStatePane());
    splitter->addWidget(buildEventPane());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildControls());
    layout->addWidget(splitter, 1);

    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                m_slider->setValue(current.row() + 1);
        });
    connect(m_timeline, &TimelineModel::excludedChanged, this, [this] {
        std::vector<int> positions;
        for (int version : m_timeline->excluded())
            positions.push_back(positionOfVersion(version));
        m_strip->setExcluded(std::move(positions));
        requestFrame();
    });
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_slider->value() >= m_slider->maximum())
            m_playButton->setChecked(false);
        else
            m_slider->setValue(m_slider->value() + 1);
    });
}

TimeTravelPage::~TimeTravelPage() = default;

QWidget* TimeTravelPage::buildControls()
{
    auto* box = new QWidget(this);
    m_aggregateEdit = new QLineEdit(box);
    m_aggregateEdit->setObjectName(QStringLiteral("timeTravelAggregate"));
    m_aggregateEdit->setPlaceholderText(tr("Aggregate id"));
    m_aggregateEdit->setClearButtonEnabled(true);
    m_aggregateEdit->setMaximumWidth(320);
    auto* openButton = new QPushButton(tr("Open"), box);
    connect(openButton, &QPushButton::clicked, this, [this] { open(m_aggregateEdit->text().trimmed()); });
    connect(m_aggregateEdit, &QLineEdit::returnPressed, openButton, &QPushButton::click);
    m_title = new QLabel(tr("<i>Open an aggregate here, or choose “Time travel” on any event.</i>"), box);
    m_title->setTextFormat(Qt::RichText);
    m_rulesButton = new QPushButton(tr("Reducer rules…"), box);
    m_rulesButton->setToolTip(tr("Load a JSON file of reducer rules (set, merge, unset, increment, append, remove per "
                                 "event type) to fold aggregates that are not merged by default"));
    connect(m_rulesButton, &QPushButton::clicked, this, &TimeTravelPage::chooseRulesFile);
    auto* inStream = new QPushButton(tr("Show in stream"), box);
    inStream->setToolTip(tr("Open this version's event in the aggregate browser"));
    connect(inStream, &QPushButton::clicked, this, [this] {
        if (!m_aggregateId.isEmpty())
            emit openInStreamRequested(m_aggregateId, m_shownVersion);
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_aggregateEdit);
    top->addWidget(openButton);
    top->addSpacing(12);
    top->addWidget(m_title, 1);
    top->addWidget(inStream);
    top->addWidget(m_rulesButton);

    auto* first = toolButton(QStyle::SP_MediaSkipBackward, tr("First version (Home)"), box);
    auto* back = toolButton(QStyle::SP_MediaSeekBackward, tr("Step back (←)"), box);
    m_playButton = toolButton(QStyle::SP_MediaPlay, tr("Play / pause (Space)"), box);
    m_playButton->setCheckable(true);
    m_playButton->setShortcut(Qt::Key_Space);
    auto* forward = toolButton(QStyle::SP_MediaSeekForward, tr("Step forward (→)"), box);
    auto* last = toolButton(QStyle::SP_MediaSkipForward, tr("Newest version (End)"), box);
    connect(first, &QToolButton::clicked, this, [this] { m_slider->setValue(0); });
    connect(back, &QToolButton::clicked, this, [this] { stepBy(-1); });
    connect(forward, &QToolButton::clicked, this, [this] { stepBy(1); });
    connect(last, &QToolButton::clicked, this, [this] { m_slider->setValue(m_slider->maximum()); });
    connect(m_playButton, &QToolButton::toggled, this, &TimeTravelPage::togglePlay);
    m_speed = new QComboBox(box);
    for (int perSecond : { 1, 2, 5, 10, 25, 100 })
        m_speed->addItem(tr("%1 events/s").arg(perSecond), perSecond);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Play speed"));
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { togglePlay(m_playButton->isChecked()); });

    m_versionSpin = new QSpinBox(box);
    m_versionSpin->setObjectName(QStringLiteral("timeTravelVersion"));
    m_versionSpin->setPrefix(tr("version "));
    m_versionSpin->setKeyboardTracking(false);
    connect(m_versionSpin, &QSpinBox::valueChanged, this, [this](int version) { goToVersion(version); });

    m_asOf = new QDateTimeEdit(QDateTime::currentDateTime(), box);
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_asOf->setToolTip(tr("Show the state as it was at this date and time"));
    auto* asOfButton = new QPushButton(tr("Go to date"), box);
    connect(asOfButton, &QPushButton::clicked, this, &TimeTravelPage::goToAsOf);

    m_nextWarning = new QPushButton(style()->standardIcon(QStyle::SP_MessageBoxWarning), tr("Next warning"), box);
    m_nextWarning->setToolTip(tr("Go to the next version whose fold reported a warning"));
    connect(m_nextWarning, &QPushButton::clicked, this, &TimeTravelPage::nextWarning);

    m_snapshotLabel = new QLabel(box);
    m_snapshotLabel->setObjectName(QStringLiteral("snapshotLabel"));
    m_snapshotDiffButton = new QPushButton(tr("Show difference"), box);
    m_snapshotDiffButton->hide();
    connect(m_snapshotDiffButton, &QPushButton::clicked, this, [this] {
        if (!m_snapshotCheck)
            return;
        m_compareText->setPlainText(tr("Stored snapshot at version %1 compared with the fold (fold → snapshot):\n\n%2")
                                        .arg(m_snapshotCheck->version)
                                        .arg(diffText(m_snapshotCheck->diff)));
        m_tabs->setCurrentIndex(1);
    });

    auto* transport = new QHBoxLayout;
    transport->addWidget(first);
    transport->addWidget(back);
    transport->addWidget(m_playButton);
    transport->addWidget(forward);
    transport->addWidget(last);
    transport->addWidget(m_speed);
    transport->addSpacing(8);
    transport->addWidget(m_versionSpin);
    transport->addSpacing(8);
    transport->addWidget(new QLabel(tr("As of"), box));
    transport->addWidget(m_asOf);
    transport->addWidget(asOfButton);
    transport->addSpacing(8);
    transport->addWidget(m_nextWarning);
    transport->addStretch();
    transport->addWidget(m_snapshotLabel);
    transport->addWidget(m_snapshotDiffButton);

    m_strip = new TimelineStrip(box);
    m_slider = new QSlider(Qt::Horizontal, box);
    m_slider->setObjectName(QStringLiteral("timeTravelSlider"));
    m_slider->setToolTip(tr("Drag through the versions; ←/→ step, Home/End jump, PgUp/PgDn move by 10"));
    m_slider->setPageStep(10);
    m_slider->setFocusPolicy(Qt::StrongFocus);
    connect(m_strip, &TimelineStrip::positionClicked, m_slider, &QSlider::setValue);
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        m_strip->setCurrent(position);
        const QSignalBlocker block(m_versionSpin);
        m_versionSpin->setValue(versionAtPosition(position));
        requestFrame();
    });

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addLayout(transport);
    layout->addWidget(m_strip);
    layout->addWidget(m_slider);
    return box;
}

QWidget* TimeTravelPage::buildStatePane()
{
    m_tabs = new QTabWidget(this);

    auto* stateBox = new QWidget(this);
    m_whatIfBanner = new QLabel(stateBox);
    m_whatIfBanner->setObjectName(QStringLiteral("whatIfBanner"));
    m_whatIfBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 4px; border-radius: 3px; }"));
    m_whatIfBanner->setWordWrap(true);
    m_whatIfBanner->hide();
    auto* resetWhatIf = new QPushButton(tr("Include all events"), stateBox);
    connect(resetWhatIf, &QPushButton::clicked, m_timeline, &TimelineModel::clearExcluded);
    connect(m_timeline, &TimelineModel::excludedChanged, resetWhatIf,
        [this, resetWhatIf] { resetWhatIf->setVisible(!m_timeline->excluded().empty()); });
    resetWhatIf->hide();

    m_stateTree = new QTreeView(stateBox);
    m_stateTree->setObjectName(QStringLiteral("timeTravelState"));
    m_stateTree->setModel(m_stateModel);
    setUpJsonTree(m_stateTree);
    connect(m_stateTree, &QTreeView::expanded, this,
        [this](const QModelIndex& index) { m_expanded.insert(m_stateModel->pointerOf(index)); });
    connect(m_stateTree, &QTreeView::collapsed, this,
        [this](const QModelIndex& index) { m_expanded.remove(m_stateModel->pointerOf(index)); });
    connect(m_stateTree->selectionModel(), &QItemSelectionModel::currentChanged, this, &TimeTravelPage::showProvenance);

    m_provenance = new QLabel(tr("Select a field to see which event set it."), stateBox);
    m_provenance->setObjectName(QStringLiteral("provenanceLabel"));
    m_provenance->setTextFormat(Qt::RichText);
    m_provenance->setWordWrap(true);
    // Two lines always: a wrapped label in a row otherwise gets cut off.
    m_provenance->setMinimumHeight(m_provenance->fontMetrics().lineSpacing() * 2 + 6);
    m_provenanceJump = new QPushButton(tr("Go to that event"), stateBox);
    m_provenanceJump->setEnabled(false);
    connect(m_provenanceJump, &QPushButton::clicked, this, [this] { goToVersion(m_provenanceVersion); });
    auto* provenanceRow = new QHBoxLayout;
    provenanceRow->addWidget(m_provenance, 1);
    provenanceRow->addWidget(m_provenanceJump);

    auto* bannerRow = new QHBoxLayout;
    bannerRow->addWidget(m_whatIfBanner, 1);
    bannerRow->addWidget(resetWhatIf);
    auto* stateLayout = new QVBoxLayout(stateBox);
    stateLayout->setContentsMargins(0, 4, 0, 0);
    stateLayout->addLayout(bannerRow);
    stateLayout->addWidget(m_stateTree, 1);
    stateLayout->addLayout(provenanceRow);
    m_tabs->addTab(stateBox, tr("State"));

    auto* compareBox = new QWidget(this);
    m_compareFrom = new QSpinBox(compareBox);
    m_compareTo = new QSpinBox(compareBox);
    auto* compare = new QPushButton(tr("Compare"), compareBox);
    connect(compare, &QPushButton::clicked, this, &TimeTravelPage::compareVersions);
    m_compareText = new QPlainTextEdit(compareBox);
    m_compareText->setObjectName(QStringLiteral("compareText"));
    m_compareText->setReadOnly(true);
    m_compareText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_compareText->setPlaceholderText(tr("Choose two versions and Compare: what changed from the first to the second, "
                                         "then the same as a JSON Patch (RFC 6902)."));
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(new QLabel(tr("From version"), compareBox));
    compareRow->addWidget(m_compareFrom);
    compareRow->addWidget(new QLabel(tr("to version"), compareBox));
    compareRow->addWidget(m_compareTo);
    compareRow->addWidget(compare);
    compareRow->addStretch();
    auto* compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(0, 4, 0, 0);
    compareLayout->addLayout(compareRow);
    compareLayout->addWidget(m_compareText, 1);
    m_tabs->addTab(compareBox, tr("Compare versions"));

    m_whatIfText = new QPlainTextEdit(this);
    m_whatIfText->setObjectName(QStringLiteral("whatIfText"));
    m_whatIfText->setReadOnly(true);
    m_whatIfText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_whatIfText->setPlaceholderText(tr("Untick events in the list to see how the state would differ without them. "
                                        "Nothing is written to the store."));
    m_tabs->addTab(m_whatIfText, tr("What-if"));
    return m_tabs;
}

QWidget* TimeTravelPage::buildEventPane()
{
    auto* box = new QWidget(this);
    m_eventTitle = new QLabel(box);
    m_eventTitle->setTextFormat(Qt::RichText);
    m_eventTitle->setWordWrap(true);
    m_changes = new QListWidget(box);
    m_changes->setObjectName(QStringLiteral("timeTravelChanges"));
    m_changes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_changes->setMaximumHeight(140);
    m_changes->setWordWrap(true);
    m_warnings = new QListWidget(box);
    m_warnings->setMaximumHeight(70);
    m_warnings->hide();
    m_eventDetail = new EventDetailView(box);
    m_eventDetail->setTimeTravelButtonVisible(false);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_eventTitle);
    layout->addWidget(new QLabel(tr("What this event changed:"), box));
    layout->addWidget(m_changes);
    layout->addWidget(m_warnings);
    layout->addWidget(m_eventDetail, 1);
    return titled(tr("The event at this version"), box, this);
}

void TimeTravelPage::setExtraRules(const timetravel::ReducerRules& rules, const QString& description)
{
    m_rules = timetravel::ReducerRules::builtIn();
    m_rules.overrideWith(rules);
    m_rulesDescription = description;
    m_rulesButton->setToolTip(
        description.isEmpty() ? m_rulesButton->toolTip() : tr("Rules in use: %1").arg(description));
}

void TimeTravelPage::chooseRulesFile()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Reducer rules"),
        settings.value(QStringLiteral("timetravel/rulesFile")).toString(), tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    try {
        // A small file: reading it here does not hold the window up noticeably.
        setExtraRules(timetravel::ReducerRules::fromFile(path.toStdString()), path);
        settings.setValue(QStringLiteral("timetravel/rulesFile"), path);
        emit statusMessage(tr("Reducer rules loaded from %1.").arg(path));
        if (!m_aggregateId.isEmpty())
            open(m_aggregateId, m_shownVersion);
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromStdString(error.what()));
    }
}

void TimeTravelPage::open(const QString& aggregateId, int version)
{
    if (aggregateId.isEmpty())
        return;
    m_aggregateEdit->setText(aggregateId);
    m_title->setText(tr("Loading %1…").arg(aggregateId.toHtmlEscaped()));
    m_playButton->setChecked(false);
    auto rules = m_rules;
    const std::string id = aggregateId.toStdString();
    m_worker->run<std::shared_ptr<Loaded>>(
        this,
        [rules, id, aggregateId](pqxx::connection& connection) {
            store::EventStore eventStore(connection);
            auto history = timetravel::loadHistory(eventStore, id);
            auto loaded = std::make_shared<Loaded>();
            loaded->aggregateId = aggregateId;
            loaded->users.reserve(history.events.size());
            for (const auto& event : history.events) {
                const auto metadata = store::decodeStoredJson(event.metadataJson).value;
                const auto user = metadata.is_object() ? metadata.find("user_id") : metadata.end();
                loaded->users.push_back(user != metadata.end() && user->is_string()
                        ? QString::fromStdString(user->get<std::string>())
                        : QString());
            }
            loaded->folder = std::make_shared<timetravel::StateFolder>(rules);
            loaded->folder->load(history.aggregateType, std::move(history.events));
            loaded->snapshot = std::move(history.snapshot);
            if (loaded->snapshot)
                loaded->snapshotCheck = loaded->folder->checkSnapshot(*loaded->snapshot);
            return loaded;
        },
        [this, version](const std::shared_ptr<Loaded>& loaded) { showLoaded(loaded, version); },
        [this, aggregateId](const QString& message) {
            m_title->setText(tr("<b>%1</b> could not be opened.").arg(aggregateId.toHtmlEscaped()));
            emit statusMessage(message);
        });
}

void TimeTravelPage::showLoaded(const std::shared_ptr<Loaded>& result, int version)
{
    m_runner->discard();
    m_aggregateId = result->aggregateId;
    m_folder = result->folder;
    m_snapshot = result->snapshot;
    m_snapshotCheck = result->snapshotCheck;
    m_shownVersion = -1;
    m_expanded.clear();
    m_timeline->setTimeline(m_folder, std::move(result->users));

    const int count = static_cast<int>(m_folder->events().size());
    const int warnings = static_cast<int>(m_folder->warnings().size());
    m_title->setText(
        tr("<b>%1</b> &nbsp;%2 &nbsp;·&nbsp; %n event(s)", nullptr, count)
            .arg(QString::fromStdString(m_folder->aggregateType()).toHtmlEscaped(), m_aggregateId.toHtmlEscaped())
        + (warnings > 0 ? tr(" &nbsp;·&nbsp; <span style='color:#e08c00'>%n warning(s)</span>", nullptr, warnings)
                        : QString()));
    {
        const QSignalBlocker blockSpin(m_versionSpin);
        m_versionSpin->setRange(m_folder->baseVersion(), m_folder->lastVersion());
    }
    m_compareFrom->setRange(m_folder->baseVersion(), m_folder->lastVersion());
    m_compareTo->setRange(m_folder->baseVersion(), m_folder->lastVersion());
    m_compareFrom->setValue(m_folder->baseVersion());
    m_compareTo->setValue(m_folder->lastVersion());
    m_compareText->clear();
    m_whatIfText->clear();
    if (!m_folder->events().empty())
        m_asOf->setDateTime(QDateTime::fromMSecsSinceEpoch(m_folder->events().back().timestampUs / 1000));

    m_nextWarning->setEnabled(!m_folder->warnings().empty()); // a clean fold has nowhere to go
    std::vector<int> warningPositions;
    for (const auto& warning : m_folder->warnings())
        warningPositions.push_back(positionOfVersion(warning.version));
    m_strip->setPositions(count + 1);
    m_strip->setWarnings(std::move(warningPositions));
    m_strip->setExcluded({});

    m_snapshotDiffButton->hide();
    if (!m_snapshot) {
        m_snapshotLabel->setText(tr("No stored snapshot"));
        m_strip->setSnapshot(-1, true);
    } else {
        using Result = timetravel::SnapshotCheck::Result;
        const auto result = m_snapshotCheck->result;
        const int position = positionOfVersion(m_snapshot->version);
        m_strip->setSnapshot(result == Result::OutOfRange ? -1 : position, result == Result::Matches);
        if (result == Result::Matches) {
            m_snapshotLabel->setText(tr("Snapshot at version %1 matches the fold").arg(m_snapshot->version));
            m_snapshotLabel->setStyleSheet(QStringLiteral("QLabel { color: #1e88e5; }"));
        } else if (result == Result::Differs) {
            m_snapshotLabel->setText(tr("Snapshot at version %1 differs from the fold in %n field(s)", nullptr,
                static_cast<int>(m_snapshotCheck->diff.changes.size()))
                                         .arg(m_snapshot->version));
            m_snapshotLabel->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; font-weight: bold; }"));
            m_snapshotDiffButton->show();
        } else {
            m_snapshotLabel->setText(tr("Snapshot at version %1 is beyond the stream").arg(m_snapshot->version));
            m_snapshotLabel->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
        }
    }

    const QSignalBlocker blockSlider(m_slider);
    m_slider->setRange(0, count);
    m_slider->setValue(-1 == version ? count : positionOfVersion(version));
    m_strip->setCurrent(m_slider->value());
    {
        const QSignalBlocker blockSpin(m_versionSpin);
        m_versionSpin->setValue(versionAtPosition(m_slider->value()));
    }
    m_slider->setFocus();
    requestFrame();
    emit loaded(m_folder->lastVersion());
}

int TimeTravelPage::versionAtPosition(int position) const
{
    if (!m_folder || position <= 0)
        return m_folder ? m_folder->baseVersion() : 0;
    const auto& events = m_folder->events();
    return events[static_cast<std::size_t>(std::min<int>(position, static_cast<int>(events.size())) - 1)].version;
}

int TimeTravelPage::positionOfVersion(int version) const
{
    // The newest event at or before the version (versions may have gaps).
    return m_folder ? static_cast<int>(m_folder->eventsUpTo(version)) : 0;
}

void TimeTravelPage::goToVersion(int version)
{
    if (m_folder)
        m_slider->setValue(positionOfVersion(version));
}

void TimeTravelPage::stepBy(int delta)
{
    m_slider->setValue(m_slider->value() + delta);
}

void TimeTravelPage::togglePlay(bool playing)
{
    m_playButton->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (!playing) {
        m_playTimer->stop();
        return;
    }
    if (m_slider->value() >= m_slider->maximum())
        m_slider->setValue(0); // play from the start when at the end
    m_playTimer->start(1000 / std::max(1, m_speed->currentData().toInt()));
}

void TimeTravelPage::nextWarning()
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

void TimeTravelPage::goToAsOf()
{
    if (!m_folder)
        return;
    const std::int64_t when = m_asOf->dateTime().toMSecsSinceEpoch() * 1000 + 999;
    const int version = m_folder->versionAt(when);
    goToVersion(version);
    emit statusMessage(version == m_folder->baseVersion()
            ? tr("%1 did not exist yet at %2.").arg(m_aggregateId, m_asOf->dateTime().toString(Qt::ISODate))
            : tr("At %1 the aggregate was at version %2.").arg(m_asOf->dateTime().toString(Qt::ISODate)).arg(version));
}

void TimeTravelPage::requestFrame()
{
    if (!m_folder)
        return;
    const int version = versionAtPosition(m_slider->value());
    auto folder = m_folder;
    auto excluded = m_timeline->excluded();
    m_runner->submit([this, folder, version, excluded]() -> std::function<void()> {
        auto frame = std::make_shared<FrameResult>();
        frame->version = version;
        frame->excludedCount = static_cast<int>(excluded.size());
        if (excluded.empty()) {
            auto step = folder->frameAt(version);
            frame->folded = std::move(step.after);
            frame->changes = std::move(step.changes);
        } else {
            frame->folded = folder->stateAt(version, excluded);
            const auto* event = folder->eventAt(version);
            if (event && !excluded.contains(version)) {
                const auto& events = folder->events();
                const auto index = static_cast<std::size_t>(event - events.data());
                const int previous = index == 0 ? folder->baseVersion() : events[index - 1].version;
                frame->changes = timetravel::diffStates(folder->stateAt(previous, excluded).state, frame->folded.state);
            }
            frame->whatIf = timetravel::diffStates(folder->stateAt(version).state, frame->folded.state);
        }
        return [this, frame] { showFrame(*frame); };
    });
}

void TimeTravelPage::showFrame(const FrameResult& frame)
{
    m_shownVersion = frame.version;
    m_shownState = frame.folded.state;
    m_shownOrigins = frame.folded.origins;

    QHash<QString, JsonTreeModel::Mark> marks;
    m_changes->clear();
    for (const auto& change : frame.changes.changes) {
        const QString pointer = QString::fromStdString(change.pointer);
        auto* item = new QListWidgetItem(changeLine(change), m_changes);
        switch (change.kind) {
        case timetravel::FieldChange::Kind::Added:
            marks.insert(pointer, JsonTreeModel::Mark::Added);
            item->setForeground(QColor(46, 160, 67));
            break;
        case timetravel::FieldChange::Kind::Changed:
            marks.insert(pointer, JsonTreeModel::Mark::Changed);
            item->setForeground(QColor(200, 130, 0));
            break;
        case timetravel::FieldChange::Kind::Removed:
            item->setForeground(QColor(211, 47, 47));
            break;
        }
    }
    if (frame.changes.empty())
        new QListWidgetItem(frame.version == m_folder->baseVersion() ? tr("(before the first event)")
                                                                     : tr("(nothing in the state changed)"),
            m_changes);

    const QString selected = m_stateModel->pointerOf(m_stateTree->currentIndex());
    const bool firstFrame = m_stateModel->rowCount() == 0 && m_expanded.isEmpty();
    const auto expanded = m_expanded; // expanding below adds to the set; restore from a copy
    m_stateModel->setDocument(m_shownState, marks);
    if (firstFrame) {
        m_stateTree->expandToDepth(1);
    } else {
        for (const auto& pointer : expanded)
            if (const auto index = m_stateModel->indexForPointer(pointer); index.isValid())
                m_stateTree->expand(index);
    }
    // Reveal what changed: open every marked field and its parents.
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        for (auto index = m_stateModel->indexForPointer(it.key()); index.isValid(); index = index.parent())
            m_stateTree->expand(index);
    }
    if (!selected.isEmpty())
        m_stateTree->setCurrentIndex(m_stateModel->indexForPointer(selected));
    showProvenance();

    const auto* event = m_folder->eventAt(frame.version);
    if (event) {
        const int row = m_timeline->rowOfVersion(frame.version);
        const QSignalBlocker block(m_timelineView->selectionModel());
        m_timelineView->selectRow(row);
        m_timelineView->scrollTo(m_timeline->index(row, 0));
        auto rows = toEventRows({ *event });
        m_eventDetail->display(rows.front());
        m_eventTitle->setText(tr("Version <b>%1</b> of %2: <b>%3</b>")
                                  .arg(frame.version)
                                  .arg(m_folder->lastVersion())
                                  .arg(QString::fromStdString(event->eventType).toHtmlEscaped()));
    } else {
        m_timelineView->clearSelection();
        m_eventDetail->clear();
        m_eventTitle->setText(tr("Before the first event: the empty state."));
    }
    m_warnings->clear();
    for (const auto& warning : m_folder->warningsAt(frame.version))
        new QListWidgetItem(
            style()->standardIcon(QStyle::SP_MessageBoxWarning), QString::fromStdString(warning.message), m_warnings);
    m_warnings->setVisible(m_warnings->count() > 0);

    if (frame.whatIf) {
        m_whatIfBanner->setText(tr("What-if: %n event(s) left out. The state below is recomputed without them; "
                                   "nothing is written.",
            nullptr, frame.excludedCount));
        m_whatIfBanner->show();
        m_whatIfText->setPlainText(frame.whatIf->empty()
                ? tr("At version %1 the state is the same without the events left out.").arg(frame.version)
                : tr("At version %1, real state → state without the events left out:\n\n%2")
                      .arg(frame.version)
                      .arg(diffText(*frame.whatIf)));
    } else {
        m_whatIfBanner->hide();
        m_whatIfText->clear();
    }
    emit frameShown(frame.version);
}

void TimeTravelPage::showProvenance()
{
    const QString pointer = m_stateModel->pointerOf(m_stateTree->currentIndex());
    m_provenanceVersion = pointer.isEmpty() ? 0 : m_shownOrigins.versionOf(pointer.toStdString());
    const auto* event = m_folder && m_provenanceVersion > 0 ? m_folder->eventAt(m_provenanceVersion) : nullptr;
    m_provenanceJump->setEnabled(event != nullptr);
    if (pointer.isEmpty()) {
        m_provenance->setText(tr("Select a field to see which event set it."));
        return;
    }
    if (!event) {
        m_provenance->setText(m_provenanceVersion > 0 ? tr("<b>%1</b> comes from the snapshot at version %2.")
                                                            .arg(pointer.toHtmlEscaped())
                                                            .arg(m_provenanceVersion)
                                                      : tr("<b>%1</b>: no event set it.").arg(pointer.toHtmlEscaped()));
        return;
    }
    const int row = m_timeline->rowOfVersion(m_provenanceVersion);
    const QString user = m_timeline->data(m_timeline->index(row, TimelineModel::UserColumn)).toString();
    m_provenance->setText(
        tr("<b>%1</b> was set by version %2, <b>%3</b>, at %4%5.")
            .arg(pointer.toHtmlEscaped())
            .arg(m_provenanceVersion)
            .arg(QString::fromStdString(event->eventType).toHtmlEscaped(), formatTime(event->timestampUs),
                user.isEmpty() ? QString() : tr(" by %1").arg(user.toHtmlEscaped())));
}

void TimeTravelPage::compareVersions()
{
    if (!m_folder)
        return;
    const int from = m_compareFrom->value();
    const int to = m_compareTo->value();
    // At most two checkpoint distances of folding: quick enough to do here.
    const auto diff = m_folder->diff(from, to);
    if (diff.empty()) {
        m_compareText->setPlainText(tr("Versions %1 and %2 have the same state.").arg(from).arg(to));
        return;
    }
    m_compareText->setPlainText(tr("From version %1 to version %2:\n\n%3\n\nJSON Patch (RFC 6902):\n%4")
                                    .arg(from)
                                    .arg(to)
                                    .arg(diffText(diff), QString::fromStdString(diff.patch.dump(2))));
}

} // namespace acci::ui

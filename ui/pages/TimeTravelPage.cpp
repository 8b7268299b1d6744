#include "pages/TimeTravelPage.hpp"

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <pqxx/result>

#include "acci/timetravel/SnapshotAudit.hpp"
#include "dialogs/SnapshotAuditDialog.hpp"
#include "models/TimelineModel.hpp"
#include "pages/timetravel/ComparePane.hpp"
#include "pages/timetravel/DiffText.hpp"
#include "pages/timetravel/EventPane.hpp"
#include "pages/timetravel/SnapshotBadge.hpp"
#include "pages/timetravel/StatePane.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"
#include "pages/timetravel/TransportPane.hpp"
#include "style/Theme.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/SnapshotAuditRunner.hpp"

namespace acci::ui {

TimeTravelPage::TimeTravelPage(DatabaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_session(new TimeTravelSession(worker, this))
    , m_rulesDescription(tr("the built-in rules"))
    , m_auditRunner(new SnapshotAuditRunner(this))
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_timelineView = new QTableView(this);
    m_timelineView->setObjectName(QStringLiteral("timeTravelEvents"));
    m_timelineView->setModel(m_session->timeline());
    setUpTable(m_timelineView);
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::VersionColumn, 72);
    setEmptyState(m_timelineView, [this] {
        return m_session->aggregateId().isEmpty()
            ? tr("Nothing open. Choose an aggregate on the Aggregates page and press Time travel, or press "
                 "Ctrl+K and Shift+Enter on one: its history plays here.")
            : QString();
    });
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::TypeColumn, 140);
    m_timelineView->horizontalHeader()->resizeSection(TimelineModel::TimeColumn, 170);
    splitter->addWidget(titled(tr("Events (untick to leave one out)"), m_timelineView, this));
    splitter->addWidget(buildTabs());
    m_eventPane = new EventPane(m_session, this);
    splitter->addWidget(titled(tr("The event at this version"), m_eventPane, this));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildHeader());
    layout->addWidget(splitter, 1);

    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                m_session->setPosition(current.row() + 1);
        });
    connect(m_snapshotBadge, &SnapshotBadge::differenceRequested, this, [this] {
        if (const auto& check = m_session->snapshotCheck()) {
            m_comparePane->showSnapshotDifference(*check);
            m_tabs->setCurrentWidget(m_comparePane);
        }
    });
    // Connected after the panes: they have shown the history or the frame when these run.
    connect(m_session, &TimeTravelSession::loaded, this, &TimeTravelPage::showLoaded);
    connect(m_session, &TimeTravelSession::frameReady, this, &TimeTravelPage::showFrame);
    connect(m_session, &TimeTravelSession::openFailed, this, [this](const QString& id, const QString& message) {
        m_title->setText(tr("<b>%1</b> could not be opened.").arg(id.toHtmlEscaped()));
        m_pendingSnapshotDifference.clear();
        emit statusMessage(message);
    });
    connect(m_session, &TimeTravelSession::statusMessage, this, &TimeTravelPage::statusMessage);

    connect(
        m_auditRunner, &SnapshotAuditRunner::progress, this, [this](const timetravel::SnapshotAuditProgress& progress) {
            if (m_auditDialog)
                m_auditDialog->showProgress(progress);
        });
    connect(m_auditRunner, &SnapshotAuditRunner::finished, this, [this](const timetravel::SnapshotAuditReport& report) {
        if (m_auditDialog)
            m_auditDialog->showReport(report);
        m_verifySnapshots->setEnabled(true);
    });
    connect(m_auditRunner, &SnapshotAuditRunner::failed, this, [this](const QString& message) {
        if (m_auditDialog)
            m_auditDialog->showFailure(message);
        else
            emit statusMessage(message);
        m_verifySnapshots->setEnabled(true);
    });
}

TimeTravelPage::~TimeTravelPage()
{
    // The panes read the session (and the timeline view shows its model) until they go: they
    // go first, so that nothing they do while being torn down reaches a deleted session.
    qDeleteAll(findChildren<QWidget*>(Qt::FindDirectChildrenOnly));
}

QWidget* TimeTravelPage::buildHeader()
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
    m_verifySnapshots = new QPushButton(tr("Verify all snapshots…"), box);
    m_verifySnapshots->setObjectName(QStringLiteral("verifySnapshotsButton"));
    m_verifySnapshots->setToolTip(tr("Check every stored snapshot against the fold of its events, with these "
                                     "reducer rules; list the ones that differ"));
    connect(m_verifySnapshots, &QPushButton::clicked, this, &TimeTravelPage::startSnapshotAudit);
    auto* inStream = new QPushButton(tr("Show in stream"), box);
    inStream->setToolTip(tr("Open this version's event in the aggregate browser"));
    connect(inStream, &QPushButton::clicked, this, [this] {
        if (!m_session->aggregateId().isEmpty())
            emit openInStreamRequested(m_session->aggregateId(), m_session->shownVersion());
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_aggregateEdit);
    top->addWidget(openButton);
    top->addSpacing(12);
    top->addWidget(m_title, 1);
    top->addWidget(inStream);
    top->addWidget(m_rulesButton);
    top->addWidget(m_verifySnapshots);

    m_transport = new TransportPane(m_session, box);
    m_snapshotBadge = new SnapshotBadge(m_session, box);
    m_transport->addTrailingWidget(m_snapshotBadge);

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_transport);
    return box;
}

QWidget* TimeTravelPage::buildTabs()
{
    m_tabs = new QTabWidget(this);
    m_statePane = new StatePane(m_session, this);
    m_tabs->addTab(m_statePane, tr("State"));
    m_comparePane = new ComparePane(m_session, this);
    m_tabs->addTab(m_comparePane, tr("Compare versions"));

    m_whatIfText = new QPlainTextEdit(this);
    m_whatIfText->setObjectName(QStringLiteral("whatIfText"));
    m_whatIfText->setReadOnly(true);
    m_whatIfText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_whatIfText->setPlaceholderText(tr("Untick events in the list to see how the state would differ without them. "
                                        "Nothing is written to the store."));
    m_tabs->addTab(m_whatIfText, tr("What-if"));
    return m_tabs;
}

QSlider* TimeTravelPage::slider() const
{
    return m_transport->slider();
}

JsonTreeModel* TimeTravelPage::stateModel() const
{
    return m_statePane->model();
}

QTreeView* TimeTravelPage::stateTree() const
{
    return m_statePane->tree();
}

TimelineModel* TimeTravelPage::timeline() const
{
    return m_session->timeline();
}

QListWidget* TimeTravelPage::changesList() const
{
    return m_eventPane->changesList();
}

QLabel* TimeTravelPage::snapshotLabel() const
{
    return m_snapshotBadge->label();
}

QLabel* TimeTravelPage::provenanceLabel() const
{
    return m_statePane->provenanceLabel();
}

int TimeTravelPage::shownVersion() const
{
    return m_session->shownVersion();
}

bool TimeTravelPage::showsWholeHistory() const
{
    return m_session->isComplete();
}

int TimeTravelPage::baseVersion() const
{
    return m_session->isLoaded() ? m_session->folder()->baseVersion() : 0;
}

const nlohmann::json& TimeTravelPage::shownState() const
{
    return m_session->shownFrame().after.state;
}

void TimeTravelPage::setExtraRules(const timetravel::ReducerRules& rules, const QString& description)
{
    m_session->setExtraRules(rules);
    if (!description.isEmpty())
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
        if (!m_session->aggregateId().isEmpty())
            open(m_session->aggregateId(), m_session->shownVersion());
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromStdString(error.what()));
    }
}

void TimeTravelPage::open(const QString& aggregateId, int version)
{
    if (aggregateId.isEmpty())
        return;
    m_pendingSnapshotDifference.clear();
    m_aggregateEdit->setText(aggregateId);
    m_title->setText(tr("Loading %1…").arg(aggregateId.toHtmlEscaped()));
    m_transport->stopPlaying();
    m_session->open(aggregateId, version);
}

void TimeTravelPage::goToVersion(int version)
{
    m_session->goToVersion(version);
}

void TimeTravelPage::showLoaded()
{
    const auto* folder = m_session->folder();
    const int count = static_cast<int>(folder->events().size());
    const int warnings = static_cast<int>(folder->warnings().size());
    m_title->setText(tr("<b>%1</b> &nbsp;%2 &nbsp;·&nbsp; %n event(s)", nullptr, count)
                         .arg(QString::fromStdString(folder->aggregateType()).toHtmlEscaped(),
                             m_session->aggregateId().toHtmlEscaped())
        + (warnings > 0 ? QStringLiteral(" &nbsp;·&nbsp; <span style='color:%1'>").arg(toneName(Tone::Warning))
                    + tr("%n warning(s)", nullptr, warnings).toHtmlEscaped() + QStringLiteral("</span>")
                        : QString()));
    m_whatIfText->clear();
    showSnapshotDifference();
    emit loaded(folder->lastVersion());
}

void TimeTravelPage::showFrame()
{
    const int version = m_session->shownVersion();
    const auto& frame = m_session->shownFrame();
    if (const int row = m_session->timeline()->rowOfVersion(version); row >= 0) {
        // Following the slider, not moving it: the selection must not send the session back.
        const QSignalBlocker block(m_timelineView->selectionModel());
        m_timelineView->selectRow(row);
        m_timelineView->scrollTo(m_session->timeline()->index(row, 0));
    } else {
        m_timelineView->clearSelection();
    }

    if (frame.whatIf) {
        m_whatIfText->setPlainText(frame.whatIf->empty()
                ? tr("At version %1 the state is the same without the events left out.").arg(version)
                : tr("At version %1, real state → state without the events left out:\n\n%2")
                      .arg(version)
                      .arg(diffText(*frame.whatIf)));
    } else {
        m_whatIfText->clear();
    }
    emit frameShown(version);
}

} // namespace acci::ui

namespace acci::ui {

QPlainTextEdit* TimeTravelPage::compareText() const
{
    return m_comparePane->text();
}

bool TimeTravelPage::comparesSnapshot() const
{
    return m_tabs->currentWidget() == m_comparePane;
}

void TimeTravelPage::openSnapshotDifference(const QString& aggregateId, int version)
{
    open(aggregateId, version);
    m_pendingSnapshotDifference = aggregateId;
}

void TimeTravelPage::showSnapshotDifference()
{
    // The check needs the whole history: the first of two loads only has the snapshot's.
    if (m_pendingSnapshotDifference.isEmpty() || m_pendingSnapshotDifference != m_session->aggregateId()
        || !m_session->isComplete())
        return;
    m_pendingSnapshotDifference.clear();
    const auto& check = m_session->snapshotCheck();
    if (check && check->result == timetravel::SnapshotCheck::Result::Differs) {
        m_comparePane->showSnapshotDifference(*check);
        m_tabs->setCurrentWidget(m_comparePane);
    }
}

void TimeTravelPage::startSnapshotAudit()
{
    if (m_auditDialog) {
        m_auditDialog->raise();
        m_auditDialog->activateWindow();
        return;
    }
    m_verifySnapshots->setEnabled(false);
    using Counts = std::vector<std::pair<QString, qlonglong>>;
    // The pre-flight on the browse connection: a count per type, which a standby serves too.
    m_worker->run<Counts>(
        this,
        [](pqxx::connection& connection) {
            Counts counts;
            for (const auto& [type, count] : timetravel::snapshotCountsByType(connection))
                counts.emplace_back(QString::fromStdString(type), count);
            return counts;
        },
        [this](const Counts& counts) {
            m_verifySnapshots->setEnabled(true);
            auto* dialog = new SnapshotAuditDialog(counts, m_rulesDescription, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_auditDialog = dialog;
            connect(dialog, &SnapshotAuditDialog::startRequested, this, [this](const QString& type) {
                m_verifySnapshots->setEnabled(false);
                m_auditRunner->start(m_worker->profile().connectionString(), m_session->rules(),
                    type.isEmpty() ? std::nullopt : std::optional<std::string>(type.toStdString()));
            });
            connect(dialog, &SnapshotAuditDialog::cancelRequested, m_auditRunner, &SnapshotAuditRunner::cancel);
            connect(dialog, &SnapshotAuditDialog::timeTravelRequested, this, [this](const QString& id, int version) {
                emit showRequested();
                openSnapshotDifference(id, version);
            });
            // Not modal: the report stays open beside the aggregate it leads to.
            dialog->show();
        },
        [this](const QString& message) {
            m_verifySnapshots->setEnabled(true);
            emit statusMessage(message);
        });
}

} // namespace acci::ui

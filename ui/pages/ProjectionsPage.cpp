#include "pages/ProjectionsPage.hpp"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/store/Errors.hpp"

#include "dialogs/Confirm.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "session/ConnectionSession.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/HeldBackBanner.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/CatchUpRunner.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"
#include "workers/RebuildRunner.hpp"
#include "workers/VerifyRunner.hpp"
#include <pqxx/transaction>

namespace acci::ui {

using projections::DeadLetter;
using projections::ProjectionStatus;

namespace {

    QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
    {
        auto* view = new QTableView(parent);
        view->setObjectName(name);
        view->setModel(model);
        setUpTable(view);
        return view;
    }

} // namespace

ProjectionsPage::ProjectionsPage(ConnectionSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_poller(session->poller())
    , m_projections(new ProjectionTableModel(m_poller, this))
    , m_deadLetters(new DeadLetterTableModel(this))
    , m_audit(new AuditTableModel(this))
    , m_rebuildRunner(new RebuildRunner(this))
    , m_verifyRunner(new VerifyRunner(this))
    , m_catchUp(new CatchUpRunner(this))
{
    m_projectionsView = makeTable(m_projections, QStringLiteral("projections"), this);
    m_projectionsView->horizontalHeader()->resizeSection(0, 160);
    m_deadLettersView = makeTable(m_deadLetters, QStringLiteral("deadLetters"), this);
    m_auditView = makeTable(m_audit, QStringLiteral("audit"), this);
    setEmptyState(m_projectionsView, [this] {
        if (!m_poller->lastError().isEmpty() && m_poller->projections().empty())
            return tr("The projections could not be read: %1").arg(m_poller->lastError());
        return m_poller->metrics() ? tr("No projections registered. A projection shows here once its program "
                                        "has registered it in the store (see 'acci-admin projections list').")
                                   : QString();
    });
    setEmptyState(m_deadLettersView, [this] {
        return selectedProjection() ? tr("No dead letters — nothing is parked.")
                                    : tr("Select a projection above to see the events it parked.");
    });
    setEmptyState(m_auditView, [this] {
        if (!m_auditError.isEmpty())
            return tr("The audit log could not be read: %1").arg(m_auditError);
        return tr("No actions recorded yet: rebuilds, resets, retries and skips are "
                  "listed here with who ran them.");
    });

    m_runCatchUp = new QCheckBox(tr("Run catch-up in this console"), this);
    m_runCatchUp->setObjectName(QStringLiteral("runCatchUp"));
    m_runCatchUp->setToolTip(tr("Keep the built-in projections up to date from this console while it runs. "
                                "Leave it off when 'acci-admin projections run' does it."));
    m_catchUpLabel = new QLabel(this);
    m_catchUpLabel->setObjectName(QStringLiteral("catchUpLabel"));
    m_catchUpLabel->setWordWrap(true); // a long state (Spanish) wraps rather than widening the window
    m_readOnlyNote = new QLabel(this);
    followPalette(m_readOnlyNote, [this] {
        m_readOnlyNote->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneName(Tone::Warning)));
    });
    m_readOnlyNote->setWordWrap(true); // a long reason (a primary that cannot be reached) must not widen the window
    m_readOnlyNote->hide();

    m_rebuild = new QPushButton(ownIcon(QStringLiteral("rebuild")), tr("Rebuild…"), this);
    m_rebuild->setObjectName(QStringLiteral("rebuildButton"));
    m_verify = new QPushButton(ownIcon(QStringLiteral("verify")), tr("Verify…"), this);
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_reset = new QPushButton(tr("Reset checkpoint…"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_rebuild);
    actions->addWidget(m_verify);
    actions->addWidget(m_reset);
    actions->addSpacing(16);
    actions->addWidget(m_runCatchUp);
    actions->addWidget(m_catchUpLabel, 1);
    auto* projectionsBox = new QWidget(this);
    auto* projectionsLayout = new QVBoxLayout(projectionsBox);
    projectionsLayout->setContentsMargins(0, 0, 0, 0);
    m_heldBack = new HeldBackBanner(this);
    connect(m_heldBack, &HeldBackBanner::inFlightRequested, this, &ProjectionsPage::inFlightRequested);
    projectionsLayout->addWidget(m_heldBack);
    projectionsLayout->addWidget(m_projectionsView, 1);
    projectionsLayout->addLayout(actions);
    projectionsLayout->addWidget(m_readOnlyNote);

    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setToolTip(tr("Apply the event again (after its cause was fixed)"));
    m_skip = new QPushButton(tr("Skip…"), this);
    m_skip->setToolTip(tr("Give up on the event for good; a stopped projection moves past it"));
    m_deadLetterDetail = new QPlainTextEdit(this);
    m_deadLetterDetail->setReadOnly(true);
    m_deadLetterDetail->setMaximumHeight(90);
    m_deadLetterDetail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_deadLetterDetail->setPlaceholderText(tr("Select a dead letter to see its error and event."));
    auto* deadButtons = new QHBoxLayout;
    deadButtons->addWidget(m_deadLetterDetail, 1);
    auto* deadButtonColumn = new QVBoxLayout;
    deadButtonColumn->addWidget(m_retry);
    deadButtonColumn->addWidget(m_skip);
    deadButtonColumn->addStretch();
    deadButtons->addLayout(deadButtonColumn);
    auto* deadBox = new QWidget(this);
    auto* deadLayout = new QVBoxLayout(deadBox);
    deadLayout->setContentsMargins(0, 0, 0, 0);
    deadLayout->addWidget(m_deadLettersView, 1);
    deadLayout->addLayout(deadButtons);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(titled(tr("Dead letters of the selected projection"), deadBox, this));
    lower->addWidget(titled(tr("Recent admin actions (audit log)"), m_auditView, this));
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(titled(tr("Projections"), projectionsBox, this));
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 260, 520 }); // projections are few; dead letters and the audit log are many
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_poller, &MetricsPoller::projectionsUpdated, this, &ProjectionsPage::showProjections);
    connect(m_poller, &MetricsPoller::failed, this, [this] {
        refreshEmptyState(m_projectionsView);
        // Statuses read before stay, greyed: "running" in green from a poll that no longer
        // answers would say the runners are fine while nobody can tell.
        if (!m_poller->projections().empty()) {
            m_projectionsView->setEnabled(false);
            m_projectionsView->setToolTip(tr("Could not refresh the statuses (%1); those shown are the last ones read.")
                                              .arg(m_poller->lastError()));
        }
    });
    connect(m_projectionsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateActions();
        reloadDeadLetters();
    });
    connect(m_deadLettersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const auto* letter = selectedDeadLetter();
        m_deadLetterDetail->setPlainText(letter
                ? tr("%1\n\nEvent %2 (%3) of %4 at position %5")
                      .arg(QString::fromStdString(letter->error), QString::fromStdString(letter->eventId),
                          QString::fromStdString(letter->eventType), QString::fromStdString(letter->aggregateId),
                          QString::fromStdString(letter->position.toString()))
                : QString());
        updateActions();
    });
    connect(m_rebuild, &QPushButton::clicked, this, &ProjectionsPage::startRebuild);
    connect(m_verify, &QPushButton::clicked, this, &ProjectionsPage::startVerify);
    connect(m_verifyRunner, &VerifyRunner::progress, this, [this](const projections::VerifyProgress& progress) {
        if (m_verifyDialog)
            m_verifyDialog->showProgress(progress);
    });
    connect(m_verifyRunner, &VerifyRunner::finished, this, &ProjectionsPage::verifyEnded);
    connect(m_verifyRunner, &VerifyRunner::failed, this, [this](const QString& message) {
        if (m_verifyDialog)
            m_verifyDialog->showFailure(message);
        updateActions();
    });
    connect(m_reset, &QPushButton::clicked, this, &ProjectionsPage::resetCheckpoint);
    connect(m_retry, &QPushButton::clicked, this, [this] { retryOrSkip(true); });
    connect(m_skip, &QPushButton::clicked, this, [this] { retryOrSkip(false); });
    connect(m_runCatchUp, &QCheckBox::toggled, this, &ProjectionsPage::setRunCatchUp);
    // The dialog that started the rebuild is the open one (it is modal); gone, nobody is told.
    connect(m_rebuildRunner, &RebuildRunner::progress, this, [this](const projections::RebuildProgress& progress) {
        if (m_dialog)
            m_dialog->showProgress(progress);
    });
    connect(m_rebuildRunner, &RebuildRunner::finished, this, [this](const projections::RebuildReport& report) {
        if (m_dialog)
            m_dialog->showReport(report);
        rebuildEnded();
    });
    connect(m_rebuildRunner, &RebuildRunner::failed, this, [this](const QString& message) {
        projections::RebuildReport report;
        report.outcome = projections::RebuildReport::Outcome::Failed;
        report.error = message.toStdString();
        if (m_dialog)
            m_dialog->showReport(report);
        rebuildEnded();
    });
    connect(m_catchUp, &CatchUpRunner::failed, this,
        [this](const QString& message) { emit statusMessage(tr("Catch-up stopped: %1").arg(message)); });
    connect(m_catchUp, &CatchUpRunner::finished, this, [this] {
        const QSignalBlocker block(m_runCatchUp);
        m_runCatchUp->setChecked(false);
        updateCatchUpLabel();
    });
    updateActions();
    updateCatchUpLabel();
    reloadAudit();
}

ProjectionsPage::~ProjectionsPage() = default;

const ProjectionStatus* ProjectionsPage::selectedProjection() const
{
    return m_projections->record(m_projectionsView->currentIndex().row());
}

const DeadLetter* ProjectionsPage::selectedDeadLetter() const
{
    return m_deadLetters->record(m_deadLettersView->currentIndex().row());
}

void ProjectionsPage::selectProjection(const QString& name)
{
    for (int row = 0; row < m_projections->rowCount(); ++row)
        if (QString::fromStdString(m_projections->records()[static_cast<std::size_t>(row)].name) == name)
            m_projectionsView->selectRow(row);
}

void ProjectionsPage::showProjections()
{
    const QString selected = selectedProjection() ? QString::fromStdString(selectedProjection()->name) : QString();
    const bool first = m_projections->rowCount() == 0;
    m_projectionsView->setEnabled(true);
    m_projectionsView->setToolTip({});
    m_projections->setRecords(m_poller->projections());
    if (first && m_projections->rowCount() > 0)
        m_projectionsView->resizeColumnsToContents(); // once: the user's widths stay after that
    if (selected.isEmpty() && m_projections->rowCount() > 0)
        m_projectionsView->selectRow(0);
    else
        selectProjection(selected);
    updateActions();
    updateCatchUpLabel();
    refreshEmptyState(m_projectionsView);
    refreshEmptyState(m_deadLettersView);
    // Dead letters change with the counts; reload them when the count moves.
    if (const auto* projection = selectedProjection();
        projection && static_cast<std::int64_t>(m_deadLetters->rowCount()) != projection->deadLetters)
        reloadDeadLetters();
}

void ProjectionsPage::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_readOnlyReason = reason;
    m_readOnlyNote->setText(reason);
    m_readOnlyNote->setVisible(readOnly);
    if (readOnly)
        setRunCatchUp(false);
    updateActions();
}

void ProjectionsPage::updateActions()
{
    const auto* projection = selectedProjection();
    const auto* letter = selectedDeadLetter();
    const bool busy = m_rebuildRunner->running();
    auto allow = [this](QPushButton* button, bool enabled, const QString& why, const QString& normalTip) {
        const bool on = enabled && !m_readOnly;
        button->setEnabled(on);
        button->setToolTip(m_readOnly ? m_readOnlyReason : (on ? normalTip : why));
    };
    allow(m_rebuild, projection && projection->builtIn && !busy,
        !projection ? tr("Select a projection first")
            : busy  ? tr("A rebuild is running")
                    : tr("An external projection is rebuilt by the program that keeps it; reset its checkpoint "
                          "to have it replay"),
        tr("Replay every event into a new table and swap it in, without downtime"));
    // Not through allow(): a verification writes nothing, so a read-only role may run it.
    const bool verifying = m_verifyRunner->running();
    m_verify->setEnabled(projection && projection->builtIn && !verifying);
    m_verify->setToolTip(!projection ? tr("Select a projection first")
            : verifying              ? tr("A verification is running")
            : !projection->builtIn   ? tr("Only the projections this console runs can be replayed here")
                                     : tr("Find the rows that disagree with the events, without changing anything"));
    allow(m_reset, projection != nullptr, tr("Select a projection first"),
        tr("Move the checkpoint back to the start so that the projection replays the log"));
    allow(m_retry, letter != nullptr, tr("Select a dead letter first"),
        tr("Apply the event again (after its cause was fixed)"));
    allow(m_skip, letter != nullptr, tr("Select a dead letter first"),
        tr("Give up on the event for good; a stopped projection moves past it"));
    m_runCatchUp->setEnabled(!m_readOnly);
    if (m_readOnly)
        m_runCatchUp->setToolTip(m_readOnlyReason);
}

void ProjectionsPage::updateCatchUpLabel()
{
    if (m_catchUp->running()) {
        m_catchUpLabel->setText(tr("Catch-up: run by this console."));
        return;
    }
    bool otherRunner = false;
    for (const auto& projection : m_poller->projections())
        if (projection.builtIn && projection.state == projections::ProjectionState::Running)
            otherRunner = true;
    m_catchUpLabel->setText(otherRunner
            ? tr("Catch-up: another runner keeps the built-in projections (acci-admin projections run or another "
                 "console).")
            : tr("Catch-up: nobody runs it now. Tick the box, or run 'acci-admin projections run'."));
}

void ProjectionsPage::setRunCatchUp(bool run)
{
    if (m_runCatchUp->isChecked() != run) {
        const QSignalBlocker block(m_runCatchUp);
        m_runCatchUp->setChecked(run);
    }
    if (!run) {
        m_catchUp->stop();
        updateCatchUpLabel();
        return;
    }
    if (m_catchUp->running() || m_readOnly)
        return;
    const std::string conninfo = m_session->actions()->profile().connectionString(); // the primary
    m_catchUp->start(conninfo);
    updateCatchUpLabel();
}

void ProjectionsPage::reloadDeadLetters()
{
    const auto* projection = selectedProjection();
    if (!projection) {
        m_deadLetters->setRecords({});
        return;
    }
    const std::string name = projection->name;
    m_session->actions()->run<std::vector<DeadLetter>>(
        this, [name](pqxx::connection& connection) { return projections::listDeadLetters(connection, name); },
        [this](std::vector<DeadLetter> letters) {
            m_deadLetters->setRecords(std::move(letters));
            updateActions();
        },
        [this](const QString& message) { emit statusMessage(message); });
}

void ProjectionsPage::reloadAudit()
{
    m_session->actions()->run<std::vector<store::AuditRecord>>(
        this, [](pqxx::connection& connection) { return store::recentAudit(connection, 200); },
        [this](std::vector<store::AuditRecord> records) {
            m_auditError.clear();
            m_audit->setRecords(std::move(records));
        },
        [this](const QString& message) {
            // Said where the rows would be: "no actions recorded" would be untrue.
            m_auditError = message;
            refreshEmptyState(m_auditView);
            emit statusMessage(message);
        });
}

namespace {

    // The pre-flight of a rebuild or a verification: what there is to replay, and at which rate.
    projections::RebuildPlan planOf(pqxx::connection& connection, const QString& name)
    {
        const auto projection = projections::findProjection(projections::builtInProjections(), name.toStdString());
        if (!projection)
            throw store::InvalidInputError("No built-in projection is called " + name.toStdString() + ".");
        return projections::planRebuild(connection, *projection);
    }

} // namespace

void ProjectionsPage::startRebuild()
{
    const auto* selected = selectedProjection();
    if (!selected || !selected->builtIn || m_readOnly || m_rebuildRunner->running())
        return;
    const QString name = QString::fromStdString(selected->name);
    m_rebuild->setEnabled(false);
    m_session->actions()->run<projections::RebuildPlan>(
        this, [name](pqxx::connection& connection) { return planOf(connection, name); },
        [this, name](const projections::RebuildPlan& plan) {
            updateActions();
            auto* dialog = new RebuildDialog(name, plan, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_dialog = dialog;
            const std::string conninfo = m_session->actions()->profile().connectionString(); // the primary
            connect(dialog, &RebuildDialog::startRequested, this, [this, name, conninfo] {
                m_rebuildRunner->start(name, conninfo);
                updateActions();
            });
            connect(dialog, &RebuildDialog::cancelRequested, m_rebuildRunner, &RebuildRunner::cancel);
            dialog->open();
        },
        [this](const QString& message) {
            updateActions();
            emit statusMessage(message);
        });
}

void ProjectionsPage::startVerify()
{
    const auto* selected = selectedProjection();
    if (!selected || !selected->builtIn || m_verifyRunner->running())
        return;
    const QString name = QString::fromStdString(selected->name);
    m_verify->setEnabled(false);
    // On the browse connection: a verification only reads, so a standby serves it.
    m_session->browse()->run<projections::RebuildPlan>(
        this, [name](pqxx::connection& connection) { return planOf(connection, name); },
        [this, name](const projections::RebuildPlan& plan) {
            updateActions();
            if (m_verifyDialog)
                m_verifyDialog->close();
            auto* dialog = new VerifyDialog(name, plan, m_readOnly ? m_readOnlyReason : QString(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_verifyDialog = dialog;
            const std::string conninfo = m_session->browse()->profile().connectionString();
            connect(dialog, &VerifyDialog::startRequested, this, [this, name, conninfo] {
                m_verifying = name;
                m_verifyRunner->start(name, conninfo);
                updateActions();
            });
            connect(dialog, &VerifyDialog::cancelRequested, m_verifyRunner, &VerifyRunner::cancel);
            connect(dialog, &VerifyDialog::timeTravelRequested, this, &ProjectionsPage::timeTravelRequested);
            connect(dialog, &VerifyDialog::streamRequested, this, &ProjectionsPage::openAggregateRequested);
            connect(dialog, &VerifyDialog::rebuildRequested, this, [this, name] {
                selectProjection(name);
                startRebuild();
            });
            // Not modal: the report stays open beside the row's story in Time travel.
            dialog->show();
        },
        [this](const QString& message) {
            updateActions();
            emit statusMessage(message);
        });
}

void ProjectionsPage::verifyEnded(const projections::VerifyReport& report)
{
    if (m_verifyDialog)
        m_verifyDialog->showReport(report);
    updateActions();
    using Outcome = projections::VerifyReport::Outcome;
    if (m_readOnly || report.outcome == Outcome::Cancelled)
        return; // a reader's verification is not audited: the role may not write the row
    const std::string projection = m_verifying.toStdString();
    m_session->actions()->run<bool>(
        this,
        [projection, report](pqxx::connection& connection) {
            pqxx::work tx(connection);
            store::writeAudit(tx,
                { "verify", projection, projections::toString(report.outcome),
                    { { "missing", report.missing }, { "extra", report.extra }, { "different", report.different },
                        { "events", report.eventsReplayed }, { "checkpoint", report.checkpoint.toString() },
                        { "from", "console" } } });
            tx.commit();
            return true;
        },
        [this](bool) { reloadAudit(); }, [this](const QString& message) { emit statusMessage(message); });
}

void ProjectionsPage::rebuildEnded()
{
    updateActions();
    reloadAudit();
    m_poller->refreshNow();
}

void ProjectionsPage::resetCheckpoint()
{
    const auto* selected = selectedProjection();
    if (!selected || m_readOnly)
        return;
    const QString name = QString::fromStdString(selected->name);
    confirm(this, tr("Reset checkpoint"),
        tr("Move the checkpoint of %1 back to the start of the log? It will replay every event (its owner replays "
           "an external projection). The action is written to the audit log.")
            .arg(name),
        tr("Reset"), [this, name] {
            m_session->actions()->run<int>(
                this,
                [name](pqxx::connection& connection) {
                    projections::resetProjection(connection, name.toStdString());
                    return 0;
                },
                [this, name](int) {
                    emit statusMessage(tr("The checkpoint of %1 is back at the start.").arg(name));
                    m_poller->refreshNow();
                    reloadAudit();
                },
                [this](const QString& message) {
                    emit statusMessage(message);
                    reloadAudit();
                });
        });
}

void ProjectionsPage::retryOrSkip(bool retry)
{
    const auto* letter = selectedDeadLetter();
    if (!letter || m_readOnly)
        return;
    const std::int64_t id = letter->id;
    auto act = [this, id, retry] {
        m_session->actions()->run<int>(
            this,
            [id, retry](pqxx::connection& connection) {
                if (retry)
                    projections::retryDeadLetter(connection, projections::builtInProjections(), id);
                else
                    projections::skipDeadLetter(connection, id);
                return 0;
            },
            [this, id, retry](int) {
                emit statusMessage(
                    retry ? tr("Dead letter %1 applied.").arg(id) : tr("Dead letter %1 skipped.").arg(id));
                reloadDeadLetters();
                reloadAudit();
                m_poller->refreshNow();
            },
            [this](const QString& message) {
                emit statusMessage(message);
                reloadDeadLetters();
                reloadAudit();
            });
    };
    if (retry) {
        confirm(this, tr("Retry dead letter"),
            tr("Apply event %1 to its projection again?").arg(QString::fromStdString(letter->eventId)), tr("Retry"),
            act);
    } else {
        confirm(this, tr("Skip dead letter"),
            tr("Give up on event %1 for good? The projection will never apply it.")
                .arg(QString::fromStdString(letter->eventId)),
            tr("Skip"), act);
    }
}

} // namespace acci::ui

#include "dialogs/InFlightView.hpp"

#include <QApplication>
#include <QClipboard>
#include <QColor>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "charts/LagChart.hpp"
#include "dialogs/Confirm.hpp"
#include "session/ConnectionSession.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

namespace {

    using Transaction = store::InFlightTransaction;
    using Model = RecordTableModel<Transaction>;

    QString text(const std::string& value)
    {
        return QString::fromStdString(value);
    }

    // Holders first catch the eye: the rows that keep events from readers.
    QVariant holderColour(const Transaction& t, int role)
    {
        return role == Qt::ForegroundRole && t.holdsBackHead() ? QVariant(toneColour(Tone::Problem)) : QVariant();
    }

    std::vector<Model::Column> columns()
    {
        const QLocale locale;
        return {
            { InFlightView::tr("Transaction"),
                [](const Transaction& t, int role) -> QVariant {
                    if (role == Qt::DisplayRole)
                        return text(t.xid);
                    return holderColour(t, role);
                } },
            { InFlightView::tr("Session"),
                [](const Transaction& t, int role) -> QVariant {
                    if (role != Qt::DisplayRole)
                        return holderColour(t, role);
                    if (t.prepared())
                        return InFlightView::tr("prepared '%1'").arg(text(t.preparedGid));
                    return t.pid ? InFlightView::tr("pid %1").arg(*t.pid) : InFlightView::tr("unknown");
                } },
            { InFlightView::tr("Database"),
                [](const Transaction& t, int role) -> QVariant {
                    return role == Qt::DisplayRole ? text(t.database) : QVariant();
                } },
            { InFlightView::tr("Role"),
                [](const Transaction& t, int role) -> QVariant {
                    return role == Qt::DisplayRole ? text(t.role) : QVariant();
                } },
            { InFlightView::tr("Application"),
                [](const Transaction& t, int role) -> QVariant {
                    return role == Qt::DisplayRole ? text(t.application) : QVariant();
                } },
            { InFlightView::tr("Client"),
                [](const Transaction& t, int role) -> QVariant {
                    return role == Qt::DisplayRole ? text(t.clientAddress) : QVariant();
                } },
            { InFlightView::tr("State"),
                [](const Transaction& t, int role) -> QVariant {
                    if (t.detailsHidden) {
                        if (role == Qt::ToolTipRole)
                            return InFlightView::tr("Your role may not see this session's state, query and times; "
                                                    "grant it pg_read_all_stats to see them.");
                        return role == Qt::DisplayRole ? InFlightView::tr("hidden") : QVariant();
                    }
                    return role == Qt::DisplayRole ? text(t.state) : QVariant();
                } },
            { InFlightView::tr("Open for"),
                [](const Transaction& t, int role) -> QVariant {
                    return alignedRight(
                        role, t.transactionAgeSeconds ? formatDuration(*t.transactionAgeSeconds) : QStringLiteral("–"));
                } },
            { InFlightView::tr("Writes events"),
                [](const Transaction& t, int role) -> QVariant {
                    if (role == Qt::ToolTipRole)
                        return InFlightView::tr("It holds a write lock on events: its own events are still to come");
                    return role == Qt::DisplayRole ? (t.wroteEvents ? InFlightView::tr("yes") : InFlightView::tr("no"))
                                                   : QVariant();
                } },
            { InFlightView::tr("Events waiting"),
                [locale](const Transaction& t, int role) -> QVariant {
                    if (role == Qt::ToolTipRole)
                        return InFlightView::tr("Committed events after this transaction, which readers and "
                                                "projections cannot see until it ends");
                    if (role == Qt::ForegroundRole)
                        return holderColour(t, role);
                    return alignedRight(role, locale.toString(static_cast<qlonglong>(t.eventsWaiting)));
                } },
            { InFlightView::tr("Query"),
                [](const Transaction& t, int role) -> QVariant {
                    if (role == Qt::ToolTipRole)
                        return text(t.query);
                    return role == Qt::DisplayRole ? text(t.query).simplified() : QVariant();
                } },
        };
    }

} // namespace

InFlightView::InFlightView(ConnectionSession* session, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_model(new Model(
          columns(), [](const Transaction& t) { return QString::fromStdString(t.xid); }, this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_hidden(new QLabel(this))
    , m_status(new QLabel(this))
    , m_refresh(new QPushButton(ownIcon(QStringLiteral("refresh")), tr("Refresh"), this))
    , m_copy(new QPushButton(tr("Copy terminate statement"), this))
    , m_terminate(new QPushButton(tr("Terminate…"), this))
    , m_chart(new LagChart(this))
{
    m_chart->setShowLagSeconds(false);
    setObjectName(QStringLiteral("inFlightView"));
    setWindowTitle(tr("In-flight transactions"));
    m_table->setObjectName(QStringLiteral("inFlightTable"));
    m_table->setModel(m_model);
    setUpTable(m_table);
    auto answered = std::make_shared<bool>(false);
    setEmptyState(m_table, [answered] {
        return *answered ? tr("No transaction holds back the log's head: readers see every committed event.")
                         : QString();
    });
    connect(this, &InFlightView::refreshed, this, [this, answered] {
        *answered = true;
        refreshEmptyState(m_table);
    });
    m_summary->setObjectName(QStringLiteral("heldBackSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setText(tr("Reading the transactions in flight…"));
    m_hidden->setWordWrap(true);
    m_hidden->setVisible(false);
    m_status->setWordWrap(true);
    m_copy->setToolTip(tr("Copy the SQL that ends the selected transaction, for a DBA to run"));
    m_terminate->setToolTip(tr("End the selected session, or roll back the selected prepared transaction"));

    auto* explanation = new QLabel(
        tr("Readers, projections and the live tail see events only below the oldest transaction still in flight "
           "anywhere in the cluster. A transaction that has written (or taken a transaction id) and stays open "
           "holds every event committed after it."),
        this);
    explanation->setWordWrap(true);
    explanation->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_terminate);
    buttons->addWidget(m_status, 1);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_hidden);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(splitter, 1);
    resize(1100, 640);

    connect(m_refresh, &QPushButton::clicked, this, &InFlightView::refresh);
    connect(m_copy, &QPushButton::clicked, this, &InFlightView::copyStatement);
    connect(m_terminate, &QPushButton::clicked, this, &InFlightView::terminateSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InFlightView::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &InFlightView::updateButtons);
    connect(&m_timer, &QTimer::timeout, this, &InFlightView::refresh);
    auto* poller = m_session->poller();
    connect(poller, &MetricsPoller::projectionsUpdated, this, [this, poller] {
        if (isVisible())
            m_chart->setHistory(poller->lagHistory(), poller->heldBackHistory());
    });
    m_timer.setInterval(2000);
    updateButtons();
}

void InFlightView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
    m_chart->setHistory(m_session->poller()->lagHistory(), m_session->poller()->heldBackHistory());
    refresh();
}

void InFlightView::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop(); // nobody looks: no queries
}

void InFlightView::refresh()
{
    if (!m_loading.start())
        return;
    // The transactions that hold the head back run on the primary: on a standby they are read
    // there when the primary can be reached (the standby itself knows only that events wait).
    auto* worker = m_session->onStandby() && m_session->actionsAvailable() ? m_session->actions()
                                                                           : m_session->poller()->worker();
    worker->run<store::InFlightReport>(
        this, [](pqxx::connection& connection) { return store::inFlight(connection); },
        [this](store::InFlightReport report) {
            showReport(std::move(report));
            if (m_loading.finish())
                refresh();
            emit refreshed();
        },
        [this](const QString& message) {
            m_loading.finish();
            // The last list is no longer the truth: say so where the verdict was.
            m_summary->setText(tr("The transactions in flight could not be read: %1").arg(message));
            m_summary->setProperty("held", QVariant());
            say(message);
        });
}

void InFlightView::showReport(store::InFlightReport report)
{
    const auto& held = report.heldBack;
    const QLocale locale;
    // The cause is the core's sentence, in English as acci-admin in-flight prints it.
    m_summary->setText(held.held() ? tr("%1 committed events have waited %2 behind an open transaction. %3")
                                         .arg(locale.toString(static_cast<qlonglong>(held.eventsWaiting)),
                                             formatDuration(held.secondsWaiting), QString::fromStdString(held.cause))
            : report.transactions.empty() ? tr("Not held back: no transaction with a transaction id is in flight.")
                                          : tr("Not held back: readers see every committed event."));
    m_summary->setProperty("held", held.held());
    m_hidden->setVisible(!report.hiddenNote.empty());
    m_hidden->setText(report.seesAllSessions
            ? QString()
            : tr("Your role sees the state, query and age only of its own sessions; grant it pg_read_all_stats to "
                 "see every session's."));
    m_model->setRecords(std::move(report.transactions));
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
}

const store::InFlightTransaction* InFlightView::selected() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->record(rows.first().row());
}

void InFlightView::updateButtons()
{
    const auto* t = selected();
    m_copy->setEnabled(t != nullptr);
    const bool writable = m_session->actionsAvailable();
    m_terminate->setEnabled(t && t->mayTerminate && !m_terminating && writable);
    if (!writable)
        m_terminate->setToolTip(m_session->actionsUnavailableReason());
    else if (!t)
        m_terminate->setToolTip(tr("Select a transaction first"));
    else if (!t->mayTerminate)
        m_terminate->setToolTip(t->prepared() ? tr("Only its owner or a superuser may roll back a prepared transaction")
                                              : tr("Your role may not end another role's session: that needs "
                                                   "pg_signal_backend (a superuser's session, a superuser)"));
    else
        m_terminate->setToolTip(t->prepared() ? tr("Roll back the selected prepared transaction")
                                              : tr("End the selected session (pg_terminate_backend)"));
}

void InFlightView::copyStatement()
{
    const auto* t = selected();
    if (!t)
        return;
    QApplication::clipboard()->setText(QString::fromStdString(store::terminateStatement(*t)));
    say(tr("Copied: %1").arg(QString::fromStdString(store::terminateStatement(*t))));
}

void InFlightView::terminateSelected()
{
    const auto* t = selected();
    if (!t || !t->mayTerminate || !m_session->actionsAvailable())
        return;
    const Transaction target = *t;
    const QString what = QString::fromStdString(target.describe());
    const QString question = target.prepared()
        ? tr("Roll back %1? Its work is lost, and the events waiting behind it become readable.").arg(what)
        : tr("Terminate %1? Its open transaction is rolled back and its client disconnected; the events waiting "
             "behind it become readable.")
              .arg(what);
    confirm(this, tr("In-flight transactions"), question, target.prepared() ? tr("Roll back") : tr("Terminate"),
        [this, target] {
            m_terminating = true;
            updateButtons();
            say(tr("Ending transaction %1…").arg(QString::fromStdString(target.xid)));
            m_session->actions()->run<bool>(
                this,
                [target](pqxx::connection& connection) {
                    store::terminateInFlight(connection, target);
                    return true;
                },
                [this, target](bool) {
                    m_terminating = false;
                    say(tr("Ended transaction %1 (audited).").arg(QString::fromStdString(target.xid)));
                    refresh();
                    m_session->poller()->refreshNow();
                },
                [this](const QString& message) {
                    m_terminating = false;
                    updateButtons();
                    say(message);
                });
        });
}

void InFlightView::say(const QString& message)
{
    m_status->setText(message);
}

} // namespace acci::ui

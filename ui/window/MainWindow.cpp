#include "window/MainWindow.hpp"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "acci/demo/DemoData.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/store/Roles.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/OverviewPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/SchemaPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "widgets/HeldBackBanner.hpp"
#include "widgets/SecurityIndicator.hpp"
#include "window/NavigationPane.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/LiveTail.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

MainWindow::MainWindow(const QString& conninfo, const QString& demoNote, QWidget* parent)
    : MainWindow(ConnectionProfile(conninfo), demoNote, parent)
{
}

MainWindow::MainWindow(const ConnectionProfile& profile, const QString& demoNote, QWidget* parent)
    : QMainWindow(parent)
    , m_session(new ConnectionSession(profile, this))
{
    setWindowTitle(tr("ACCI Event Console"));
    setObjectName(QStringLiteral("mainWindow"));

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #b71c1c; color: white; padding: 8px; font-weight: bold; }"));
    m_banner->hide();
    // When the server wants a password that ~/.pgpass does not have, it is asked for here,
    // inline: no modal dialog, and it is kept in memory only.
    m_passwordRow = new QWidget(this);
    m_passwordRow->setObjectName(QStringLiteral("passwordRow"));
    m_password = new QLineEdit(m_passwordRow);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    auto* connectButton = new QPushButton(ownIcon(QStringLiteral("connect")), tr("Connect"), m_passwordRow);
    auto* passwordLayout = new QHBoxLayout(m_passwordRow);
    passwordLayout->addWidget(new QLabel(tr("The server asks for a password:"), m_passwordRow));
    passwordLayout->addWidget(m_password, 1);
    m_rememberPassword = new QCheckBox(tr("Remember in the system keychain"), m_passwordRow);
    m_rememberPassword->setObjectName(QStringLiteral("rememberPassword"));
    m_rememberPassword->setToolTip(tr("Store the password in the desktop's keychain (never in the console's "
                                      "settings) and use it next time"));
    passwordLayout->addWidget(m_rememberPassword);
    passwordLayout->addWidget(connectButton);
    if (m_session->profile().passwordMayTravelInClear()) {
        auto* warning = new QLabel(tr("⚠ Unencrypted over TCP (sslmode)"), m_passwordRow);
        warning->setObjectName(QStringLiteral("clearTextWarning"));
        warning->setToolTip(tr("The connection uses TCP and its sslmode accepts a plain connection: the "
                               "password could cross the network unencrypted. Reconnect with sslmode=verify-full."));
        followPalette(warning, [warning] {
            warning->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneName(Tone::Problem)));
        });
        passwordLayout->insertWidget(2, warning);
    }
    m_passwordRow->hide();
    const auto submit = [this] {
        if (m_password->text().isEmpty())
            return;
        m_session->submitPassword(m_password->text(), m_rememberPassword->isChecked());
        m_password->clear();
        m_passwordRow->hide();
        m_connectionLabel->setText(tr("Connecting…"));
    };
    connect(connectButton, &QPushButton::clicked, this, submit);
    connect(m_password, &QLineEdit::returnPressed, this, submit);

    // Pins and recents are per store: keyed by the connection as shown (never its password).
    m_navigationPane = new NavigationPane(pageTitles(), m_session->profile().displayName(), this);
    m_navigation = m_navigationPane->pages();
    for (int i = 0; i < m_navigation->count(); ++i)
        m_navigation->item(i)->setIcon(pageIcon(i));
    m_navigation->setCurrentRow(OverviewPageIndex);

    m_browser = new BrowserPage(m_session->browse(), this);
    m_log = new LogPage(m_session->log(), this);
    m_timeTravel = new TimeTravelPage(m_session->browse(), this);
    if (!demoNote.isEmpty())
        m_timeTravel->setExtraRules(
            timetravel::ReducerRules::fromJson(demo::demoReducerRules()), tr("the demo's rules"));
    else if (const QString rulesFile = QSettings().value(QStringLiteral("timetravel/rulesFile")).toString();
             !rulesFile.isEmpty()) {
        try {
            m_timeTravel->setExtraRules(timetravel::ReducerRules::fromFile(rulesFile.toStdString()), rulesFile);
        } catch (const std::exception&) {
            // A rules file that went away or broke: the built-in rules still work, and the
            // page's Rules button lets the user choose again.
        }
    }
    m_demo = !demoNote.isEmpty();
    m_session->poller()->setWatched(true); // the console opens on the overview, which shows the projections
    m_overview = new OverviewPage(m_session, this);
    m_projectionsPage = new ProjectionsPage(m_session, this);
    m_monitoring = new MonitoringPage(m_session->poller(), this);
    // Migrations write: on the actions connection, which goes to the primary.
    m_schema = new SchemaPage(m_session->actions(), this);
    // Titled: Help → Keyboard shortcuts says on which page a key works.
    const QStringList titles = pageTitles();
    const QList<QWidget*> navigable { m_overview, m_browser, m_log, m_timeTravel, m_projectionsPage, m_monitoring };
    for (int i = 0; i < navigable.size(); ++i)
        navigable[i]->setWindowTitle(titles.value(i));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_overview);
    m_pages->addWidget(m_browser);
    m_pages->addWidget(m_log);
    m_pages->addWidget(m_timeTravel);
    m_pages->addWidget(m_projectionsPage);
    m_pages->addWidget(m_monitoring);
    m_pages->addWidget(m_schema);

    auto* body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_navigationPane);
    body->addWidget(m_pages, 1);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_passwordRow);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    createActions(toolbar);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Tenant: "), this));
    m_tenant = new QComboBox(this);
    m_tenant->setObjectName(QStringLiteral("tenantSelector"));
    m_tenant->setMinimumContentsLength(12);
    m_tenant->addItem(tr("All tenants"));
    toolbar->addWidget(m_tenant);
    connect(m_tenant, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString tenant = index <= 0 ? QString() : m_tenant->itemText(index);
        m_browser->setTenant(tenant);
        m_log->setTenant(tenant);
        m_monitoring->setTenant(tenant);
    });

    m_connectionLabel = new QLabel(tr("Connecting…"), this);
    m_readOnlyLabel = new QLabel(tr("read-only"), this);
    m_readOnlyLabel->setObjectName(QStringLiteral("readOnlyLabel"));
    m_readOnlyLabel->setToolTip(tr("This role cannot append events: the console only browses."));
    m_readOnlyLabel->hide();
    statusBar()->addPermanentWidget(m_readOnlyLabel);
    m_rowSecurityLabel = new QLabel(tr("partial view (row-level security)"), this);
    m_rowSecurityLabel->setObjectName(QStringLiteral("rowSecurityLabel"));
    m_rowSecurityLabel->setToolTip(tr("Row-level security limits which events this role may read: counts, streams, "
                                      "time travel and health are of the events it sees, not of the whole store."));
    m_rowSecurityLabel->setStyleSheet(
        QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(toneName(Tone::Warning)));
    m_rowSecurityLabel->hide();
    statusBar()->addPermanentWidget(m_rowSecurityLabel);
    m_liveLabel = new QLabel(this);
    m_liveLabel->setObjectName(QStringLiteral("liveLabel"));
    statusBar()->addPermanentWidget(m_liveLabel);
    m_serverRoleLabel = new QLabel(this);
    m_serverRoleLabel->setObjectName(QStringLiteral("serverRoleLabel"));
    m_serverRoleLabel->hide();
    statusBar()->addPermanentWidget(m_serverRoleLabel);
    m_security = new SecurityIndicator(this);
    statusBar()->addPermanentWidget(m_security);
    statusBar()->addPermanentWidget(m_connectionLabel);
    if (!demoNote.isEmpty()) {
        auto* demo = new QLabel(demoNote, this);
        demo->setObjectName(QStringLiteral("demoLabel"));
        demo->setStyleSheet(
            QStringLiteral("QLabel { background: #ffb300; color: black; padding: 2px 8px; font-weight: bold; }"));
        statusBar()->addPermanentWidget(demo);
    }

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        m_session->poller()->setWatched(
            row == OverviewPageIndex || row == ProjectionsPageIndex || row == MonitoringPageIndex);
        visit({ row, {}, 0, std::nullopt });
    });
    connect(m_navigationPane, &NavigationPane::aggregateChosen, this, [this](const QString& id) { openAggregate(id); });
    connect(m_navigationPane, &NavigationPane::pinnedChanged, this,
        [this] { m_browser->setPinnedAggregates(m_navigationPane->pinned()); });
    m_browser->setPinnedAggregates(m_navigationPane->pinned());
    connect(m_browser, &BrowserPage::pinRequested, m_navigationPane, &NavigationPane::setPinned);
    connect(m_browser, &BrowserPage::aggregateOpened, this, [this](const QString& id, int version) {
        m_navigationPane->addRecent(id);
        visit({ AggregatesPage, id, version, std::nullopt });
    });
    connectOverview();
    // The mouse's back and forward buttons, wherever the pointer is in this window.
    qApp->installEventFilter(this);
    connect(m_session, &ConnectionSession::stateChanged, this, &MainWindow::onConnectionState);
    connect(m_session, &ConnectionSession::schemaChecked, this, &MainWindow::onSchemaChecked);
    connect(m_session, &ConnectionSession::serverKnown, this,
        [this](const QString& summary, const store::TransportSecurity& security) {
            m_connectionLabel->setText(summary);
            m_security->setSecurity(security);
        });
    connect(m_session, &ConnectionSession::tenantsKnown, this, &MainWindow::showTenants);
    connect(m_session, &ConnectionSession::connectionBack, this, [this](DatabaseWorker* worker) {
        if (worker == m_session->log() && m_browsing)
            m_log->reload(); // its reload after the browser came back may have failed meanwhile
        else if (worker == m_session->poller()->worker())
            m_session->poller()->refreshNow();
    });
    connect(m_session, &ConnectionSession::passwordNeeded, this, &MainWindow::showPasswordRow);
    connect(m_session, &ConnectionSession::statusMessage, this, &MainWindow::showStatus);
    connect(m_session->tail(), &LiveTail::eventsAppended, m_log, &LogPage::onEventsAppended);
    connect(m_session, &ConnectionSession::liveChanged, this, [this](bool listening) {
        const bool polling = m_session->tail()->mode() == LiveTail::Mode::Polling;
        m_liveLabel->setText(!listening ? tr("○ not listening") : polling ? tr("● live (polling)") : tr("● live"));
        m_liveLabel->setToolTip(polling ? tr("A standby cannot be notified of new events: its head is read every %1 s")
                                              .arg(m_session->tail()->pollIntervalMs() / 1000.0, 0, 'g', 2)
                                        : QString());
    });
    connect(m_session, &ConnectionSession::serverRoleKnown, this, &MainWindow::showServerRole);
    connect(m_session->poller(), &MetricsPoller::projectionsUpdated, this, &MainWindow::showServerRole);
    connect(m_session, &ConnectionSession::actionsAvailabilityChanged, this, &MainWindow::applyActionRights);
    connect(m_browser, &BrowserPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_log, &LogPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_schema, &SchemaPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_schema, &SchemaPage::migrated, m_session, &ConnectionSession::checkSchema);
    connect(m_schema, &SchemaPage::checkAgainRequested, m_session, &ConnectionSession::checkSchema);
    connect(m_browser, &BrowserPage::correlationRequested, this, &MainWindow::showFlow);
    connect(m_log, &LogPage::correlationRequested, this, &MainWindow::showFlow);
    connect(m_timeTravel, &TimeTravelPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_timeTravel, &TimeTravelPage::showRequested, this, [this] { showPage(TimeTravelPageIndex); });
    connect(m_projectionsPage, &ProjectionsPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_monitoring, &MonitoringPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_browser, &BrowserPage::timeTravelRequested, this, &MainWindow::openTimeTravel);
    connect(m_log, &LogPage::timeTravelRequested, this, &MainWindow::openTimeTravel);
    connect(m_projectionsPage, &ProjectionsPage::timeTravelRequested, this, &MainWindow::openTimeTravel);
    connect(m_projectionsPage, &ProjectionsPage::openAggregateRequested, this, &MainWindow::openAggregate);
    connect(m_timeTravel, &TimeTravelPage::openInStreamRequested, this, &MainWindow::openAggregate);
    connect(m_log, &LogPage::openAggregateRequested, this, &MainWindow::openAggregate);
    // The held-back head: the banners follow the poller; every link opens one in-flight view.
    connect(m_session->poller(), &MetricsPoller::projectionsUpdated, this, [this] {
        const auto& heldBack = m_session->poller()->heldBack();
        m_log->heldBackBanner()->setHeldBack(heldBack);
        m_projectionsPage->heldBackBanner()->setHeldBack(heldBack);
    });
    connect(m_log, &LogPage::inFlightRequested, this, &MainWindow::showInFlight);
    connect(m_projectionsPage, &ProjectionsPage::inFlightRequested, this, &MainWindow::showInFlight);
    connect(m_monitoring, &MonitoringPage::inFlightRequested, this, &MainWindow::showInFlight);

    QSettings settings;
    for (auto* table : findChildren<QTableView*>())
        if (!table->objectName().isEmpty())
            table->horizontalHeader()->restoreState(
                settings.value(QStringLiteral("tables/") + table->objectName()).toByteArray());
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 860);
    visit({ OverviewPageIndex, {}, 0, std::nullopt });
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    for (auto* table : findChildren<QTableView*>())
        if (!table->objectName().isEmpty())
            settings.setValue(QStringLiteral("tables/") + table->objectName(), table->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::showPasswordRow()
{
    m_passwordRow->show();
    m_password->setFocus();
}

void MainWindow::showStatus(const QString& message)
{
    // While the banner says the server went away, every job that fails for that reason would
    // say it again in its own words, and the last of them would stay after the reconnect:
    // the banner is the one place for it (and "Connected again" follows it).
    if (m_serverAway || m_session->anyReconnecting())
        return;
    statusBar()->showMessage(message, 15000);
}

void MainWindow::onConnectionState(DatabaseWorker::State state, const QString& message)
{
    switch (state) {
    case DatabaseWorker::State::Connected:
        // The errors of the jobs that failed while the server was away are old news now: the
        // status bar says the connection is back instead of keeping the last of them.
        if (!m_banner->isHidden())
            statusBar()->showMessage(tr("Connected again to %1.").arg(m_session->profile().displayName()), 5000);
        m_banner->hide();
        m_serverAway = false;
        m_monitoring->setConnectionState(true, m_session->profile().displayName());
        break;
    case DatabaseWorker::State::Reconnecting:
        m_serverAway = true;
        statusBar()->clearMessage(); // a job's failure that came first says what the banner says
        m_security->clear();
        m_monitoring->setConnectionState(false, message);
        m_banner->setText(tr("The database server went away: %1 Reconnecting…").arg(message));
        m_banner->show();
        m_connectionLabel->setText(tr("Reconnecting…"));
        break;
    case DatabaseWorker::State::Failed:
        m_banner->setText(tr("Could not connect. %1").arg(message));
        m_banner->show();
        m_connectionLabel->setText(tr("Not connected"));
        break;
    case DatabaseWorker::State::Connecting:
        break;
    }
}

void MainWindow::onSchemaChecked(const SchemaCheck& check)
{
    if (!check.current) {
        m_schema->setProblem(check.description, check.canMigrate, check.unreadable);
        m_navigation->setEnabled(false);
        m_pages->setCurrentWidget(m_schema);
        return;
    }
    m_navigation->setEnabled(true);
    m_pages->setCurrentIndex(m_navigation->currentRow());
    m_schemaCheck = check;
    applyActionRights();
    startBrowsing();
}

void MainWindow::applyActionRights()
{
    if (!m_schemaCheck)
        return;
    const auto& access = m_schemaCheck->access;
    const bool writable = m_session->actionsAvailable();
    m_readOnlyLabel->setVisible(!access.canAppend || !writable);
    m_rowSecurityLabel->setVisible(access.eventsRowRestricted);
    m_overview->setRowSecurity(access.eventsRowRestricted);
    m_readOnlyLabel->setToolTip(!writable ? m_session->actionsUnavailableReason()
                                          : tr("This role cannot append events: the console only browses."));
    if (!writable)
        m_projectionsPage->setReadOnly(true, m_session->actionsUnavailableReason());
    else
        m_projectionsPage->setReadOnly(!access.canOperate,
            tr("Role %1 is not an operator (it lacks %2): rebuild, reset, retry, skip and catch-up are "
               "disabled. Ask the store's owner to run 'acci-admin grant operator %1', or connect as an operator.")
                .arg(QString::fromStdString(access.role), QString::fromStdString(access.operateMissing)));
}

void MainWindow::showServerRole()
{
    // The poller's answer is the newest (a promoted standby is a primary from its next poll);
    // until it has one, the session's first look.
    const auto& role = m_session->poller()->serverRole();
    const bool standby = role ? role->standby : m_session->onStandby();
    m_serverRoleLabel->setVisible(true);
    if (!standby) {
        m_serverRoleLabel->setText(tr("primary"));
        m_serverRoleLabel->setToolTip(tr("Connected to the primary: it takes writes"));
        m_serverRoleLabel->setStyleSheet({});
        return;
    }
    QString text = tr("standby");
    if (role && !role->receiving)
        text = tr("standby · not receiving from the primary");
    else if (role && role->replayPaused)
        text = tr("standby · replay paused");
    if (role && role->replayDelaySeconds && *role->replayDelaySeconds > 0)
        text += tr(" · %1 behind").arg(formatDuration(*role->replayDelaySeconds));
    else if (role && role->receiving && !role->replayPaused && role->replayDelaySeconds)
        text += tr(" · up to date");
    const bool trouble = role && (!role->receiving || role->replayPaused);
    m_serverRoleLabel->setText(text);
    m_serverRoleLabel->setToolTip(tr("Connected to a hot standby: what it shows is the primary's as of its last "
                                     "replayed transaction. Actions go to the primary when one can be reached."));
    m_serverRoleLabel->setStyleSheet(
        QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(toneName(trouble ? Tone::Problem : Tone::Info)));
}

void MainWindow::startBrowsing()
{
    // After a reconnect the views reload what they show; the first time they load.
    m_browsing = true;
    m_browser->reload();
    m_log->reload();
    m_overview->start(); // reads now if shown, else when shown
    m_session->startLive();
    // The demo's live trickle should show in user_view too: the demo console runs catch-up.
    if (m_demo && !m_readOnlyLabel->isVisible())
        m_projectionsPage->setRunCatchUp(true);
    m_session->loadTenants();
}

void MainWindow::showTenants(const QStringList& tenants)
{
    const QString current = m_tenant->currentIndex() > 0 ? m_tenant->currentText() : QString();
    const QSignalBlocker blocker(m_tenant);
    while (m_tenant->count() > 1)
        m_tenant->removeItem(1);
    m_tenant->addItems(tenants);
    const int index = m_tenant->findText(current);
    m_tenant->setCurrentIndex(index > 0 ? index : 0);
}

} // namespace acci::ui

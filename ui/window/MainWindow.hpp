#pragma once

#include <QMainWindow>

#include <optional>

#include "acci/store/Lookup.hpp"
#include "session/ConnectionSession.hpp"
#include "window/NavigationHistory.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QAction;
class QIcon;
class QListWidget;
class QToolBar;
class QPushButton;
class QStackedWidget;

namespace acci::ui {

class AboutDialog;
class InFlightView;
class BrowserPage;
class ConnectionSession;
class LogPage;
class SchemaPage;
class TimeTravelPage;
class MetricsPoller;
class MonitoringPage;
class NavigationPane;
class OverviewPage;
class ProjectionsPage;
class QuickOpen;
class SecurityIndicator;
class ShortcutsDialog;

// The console's window: composes the pages, the connection banner, the tenant selector and
// the status bar, and draws what its ConnectionSession says; the pages do the rest.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // demoNote: non-empty in demo mode, shown in the status bar.
    explicit MainWindow(const QString& conninfo, const QString& demoNote = {}, QWidget* parent = nullptr);
    // With a profile (a primary for actions, when browsing a standby: ConnectionProfile::withPrimary).
    explicit MainWindow(const ConnectionProfile& profile, const QString& demoNote = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    OverviewPage* overviewPage() const { return m_overview; }
    BrowserPage* browserPage() const { return m_browser; }
    LogPage* logPage() const { return m_log; }
    TimeTravelPage* timeTravelPage() const { return m_timeTravel; }
    ProjectionsPage* projectionsPage() const { return m_projectionsPage; }
    MonitoringPage* monitoringPage() const { return m_monitoring; }
    MetricsPoller* poller() const { return m_session->poller(); }
    ConnectionSession* session() const { return m_session; }
    QLabel* banner() const { return m_banner; }
    void showPage(int index);
    // A flow drawn (its aggregates and what caused what), in a window of its own; eventId,
    // when given, is highlighted.
    void showFlow(const QString& correlationId, const QString& eventId = {});
    // In-flight transactions (from the held-back tile and banners): one window, raised.
    void showInFlight();
    InFlightView* inFlightView() const { return m_inFlight; }
    // Help → Keyboard shortcuts and Help → About: one window each, raised.
    void showShortcuts();
    void showAbout();
    ShortcutsDialog* shortcutsDialog() const { return m_shortcuts; }
    AboutDialog* aboutDialog() const { return m_about; }

    enum Page {
        OverviewPageIndex,
        AggregatesPage,
        LogPageIndex,
        TimeTravelPageIndex,
        ProjectionsPageIndex,
        MonitoringPageIndex,
        SchemaPageIndex
    };
    static constexpr int NavigablePages = 6; // the schema page is shown only when needed
    // The navigable pages' names, and each page's icon (the schema page's too).
    static QStringList pageTitles();
    static QIcon pageIcon(int page);
    // Opens an aggregate on the time-travel page (version -1: its newest).
    void openTimeTravel(const QString& aggregateId, int version);
    // Opens an aggregate's stream on the Aggregates page.
    void openAggregate(const QString& aggregateId, int version = 0);
    // The event at a log position, selected in the global log.
    void showEventInLog(const store::LogPosition& position);

    // Find anything (Ctrl+K) and where it leads.
    void showQuickOpen();
    QuickOpen* quickOpen() const { return m_quickOpen; }
    void goTo(const store::LookupMatch& match, bool timeTravel = false);
    // Back and forward across the places visited (Alt+Left, Alt+Right, the mouse's side buttons).
    void goBack();
    void goForward();
    const NavigationHistory& history() const { return m_history; }
    NavigationPane* navigationPane() const { return m_navigationPane; }

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onConnectionState(DatabaseWorker::State state, const QString& message);
    void onSchemaChecked(const SchemaCheck& check);
    // What may be done here: the role's rights and whether writes have a primary to go to.
    void applyActionRights();
    void showServerRole();
    void startBrowsing();
    void showTenants(const QStringList& tenants);
    void showStatus(const QString& message);
    void showPasswordRow();
    void visit(const Place& place);
    void restore(const Place& place);
    void showHistoryState();
    void connectOverview();
    void createActions(QToolBar* toolbar); // MainWindowMenus.cpp

    ConnectionSession* m_session;
    QLabel* m_banner;
    QWidget* m_passwordRow;
    QLineEdit* m_password;
    QCheckBox* m_rememberPassword;
    SecurityIndicator* m_security;
    NavigationPane* m_navigationPane;
    QListWidget* m_navigation;
    OverviewPage* m_overview;
    QuickOpen* m_quickOpen = nullptr;
    QAction* m_back;
    QAction* m_forward;
    NavigationHistory m_history;
    bool m_restoring = false; // going back or forward: not a new visit
    QStackedWidget* m_pages;
    BrowserPage* m_browser;
    LogPage* m_log;
    TimeTravelPage* m_timeTravel;
    ProjectionsPage* m_projectionsPage;
    MonitoringPage* m_monitoring;
    InFlightView* m_inFlight = nullptr;
    ShortcutsDialog* m_shortcuts = nullptr;
    AboutDialog* m_about = nullptr;
    bool m_demo = false;
    SchemaPage* m_schema;
    QComboBox* m_tenant;
    QLabel* m_connectionLabel;
    QLabel* m_liveLabel;
    bool m_serverAway = false; // reconnecting: the banner says why, the status bar keeps quiet
    QLabel* m_readOnlyLabel;
    QLabel* m_rowSecurityLabel; // the events this role reads are narrowed by a policy
    QLabel* m_serverRoleLabel; // primary, or standby and how far behind
    std::optional<SchemaCheck> m_schemaCheck;
    bool m_browsing = false;
};

} // namespace acci::ui

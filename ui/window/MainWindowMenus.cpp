#include "window/MainWindow.hpp"

// MainWindow's menus and toolbar actions: Go (the pages, back and forward, find anything),
// View (reload, in-flight transactions, the theme), Help (keyboard shortcuts, about). Every
// shortcut of the window is a QAction here, so Help → Keyboard shortcuts finds them all.

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

#include "dialogs/AboutDialog.hpp"
#include "dialogs/ShortcutsDialog.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/OverviewPage.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"

namespace acci::ui {

namespace {
    // Alt+Left/Right everywhere, plus the platform's own keys for back and forward when they
    // differ (the same key twice makes the shortcut ambiguous).
    QList<QKeySequence> withPlatformKeys(const QKeySequence& ours, QKeySequence::StandardKey standard)
    {
        QList<QKeySequence> keys { ours };
        for (const auto& key : QKeySequence::keyBindings(standard))
            if (!keys.contains(key))
                keys << key;
        return keys;
    }
} // namespace

QStringList MainWindow::pageTitles()
{
    return { tr("Overview"), tr("Aggregates"), tr("Global log"), tr("Time travel"), tr("Projections"),
        tr("Monitoring") };
}

QIcon MainWindow::pageIcon(int page)
{
    static const char* const names[]
        = { "overview", "aggregates", "log", "time-travel", "projections", "monitoring", "schema" };
    return page >= 0 && page < static_cast<int>(std::size(names)) ? ownIcon(QString::fromLatin1(names[page])) : QIcon();
}

void MainWindow::createActions(QToolBar* toolbar)
{
    toolbar->setIconSize(QSize(20, 20));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* quit
        = fileMenu->addAction(themedIcon(QStringLiteral("application-exit"), QStringLiteral("quit")), tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    // The platform's key where it has one (not every platform theme does): Ctrl+Q otherwise.
    quit->setShortcuts(QKeySequence::keyBindings(QKeySequence::Quit).isEmpty()
            ? QList<QKeySequence> { QKeySequence(Qt::CTRL | Qt::Key_Q) }
            : QKeySequence::keyBindings(QKeySequence::Quit));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* goMenu = menuBar()->addMenu(tr("&Go"));
    const QStringList titles = pageTitles();
    for (int i = 0; i < NavigablePages; ++i) {
        // Ctrl+0 the overview, Ctrl+1 … Ctrl+5 the pages after it.
        auto* page = goMenu->addAction(pageIcon(i), titles.value(i));
        page->setObjectName(QStringLiteral("pageAction%1").arg(i));
        page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + i)));
        connect(page, &QAction::triggered, this, [this, i] { showPage(i); });
    }
    goMenu->addSeparator();
    m_back = goMenu->addAction(themedIcon(QStringLiteral("go-previous"), QStringLiteral("back")), tr("&Back"));
    m_back->setObjectName(QStringLiteral("backAction"));
    m_back->setShortcuts(withPlatformKeys(QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence::Back));
    m_back->setToolTip(tr("Back to where you were (Alt+Left)"));
    connect(m_back, &QAction::triggered, this, &MainWindow::goBack);
    m_forward = goMenu->addAction(themedIcon(QStringLiteral("go-next"), QStringLiteral("forward")), tr("&Forward"));
    m_forward->setObjectName(QStringLiteral("forwardAction"));
    m_forward->setShortcuts(withPlatformKeys(QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence::Forward));
    m_forward->setToolTip(tr("Forward again (Alt+Right)"));
    connect(m_forward, &QAction::triggered, this, &MainWindow::goForward);
    auto* find
        = goMenu->addAction(themedIcon(QStringLiteral("edit-find"), QStringLiteral("find")), tr("Find anything…"));
    find->setObjectName(QStringLiteral("quickOpenAction"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    find->setToolTip(tr("Go to an aggregate, event, correlation id, tx:position or event type (Ctrl+K)"));
    connect(find, &QAction::triggered, this, &MainWindow::showQuickOpen);

    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    auto* reload
        = viewMenu->addAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral("refresh")), tr("&Reload"));
    reload->setObjectName(QStringLiteral("reloadAction"));
    reload->setShortcut(QKeySequence::Refresh);
    reload->setToolTip(tr("Reload the current views (F5)"));
    connect(reload, &QAction::triggered, this, [this] {
        if (m_browsing) {
            m_browser->reload();
            m_log->reload();
            m_overview->refresh();
        }
    });
    auto* inFlight = viewMenu->addAction(ownIcon(QStringLiteral("in-flight")), tr("&In-flight transactions"));
    inFlight->setObjectName(QStringLiteral("inFlightAction"));
    inFlight->setToolTip(tr("The transactions that hold back the readable head of the log"));
    connect(inFlight, &QAction::triggered, this, &MainWindow::showInFlight);
    viewMenu->addSeparator();
    auto* themeMenu = viewMenu->addMenu(ownIcon(QStringLiteral("theme")), tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const Theme current = savedTheme();
    const std::pair<Theme, QString> choices[]
        = { { Theme::System, tr("&System") }, { Theme::Light, tr("&Light") }, { Theme::Dark, tr("&Dark") } };
    for (const auto& [theme, text] : choices) {
        auto* action = themeMenu->addAction(text);
        action->setObjectName(theme == Theme::System ? QStringLiteral("themeSystemAction")
                : theme == Theme::Light              ? QStringLiteral("themeLightAction")
                                                     : QStringLiteral("themeDarkAction"));
        action->setCheckable(true);
        action->setChecked(theme == current);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [chosen = theme] {
            applyTheme(chosen);
            saveTheme(chosen);
        });
    }

    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    auto* shortcuts
        = helpMenu->addAction(themedIcon(QStringLiteral("preferences-desktop-keyboard"), QStringLiteral("keyboard")),
            tr("&Keyboard shortcuts"));
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    auto* about = helpMenu->addAction(
        themedIcon(QStringLiteral("help-about"), QStringLiteral("about")), tr("&About ACCI Event Console"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    toolbar->addAction(m_back);
    toolbar->addAction(m_forward);
    toolbar->addAction(find);
    toolbar->addSeparator();
    toolbar->addAction(reload);
}

void MainWindow::showShortcuts()
{
    if (!m_shortcuts)
        m_shortcuts = new ShortcutsDialog(this, this);
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
}

void MainWindow::showAbout()
{
    if (!m_about)
        m_about = new AboutDialog(m_session, this);
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
}

} // namespace acci::ui

// How the console looks (issue 17): every page and action has an icon that reads on the
// palette in use, the theme switch changes the palette and is remembered, Help → Keyboard
// shortcuts lists what the window's actions really are, Help → About gives the versions and
// the connection (never its password), and empty tables say what to do. Offscreen, against a
// real PostgreSQL.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTreeWidget>

#include <pqxx/nontransaction>

#include <libpq-fe.h>

#include "TestDatabase.hpp"
#include "dialogs/AboutDialog.hpp"
#include "dialogs/ShortcutsDialog.hpp"
#include "models/GlobalLogModel.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "widgets/EmptyState.hpp"
#include "window/MainWindow.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

// The lightness of the icon's most opaque pixel: the colour its strokes are drawn in.
int strokeLightness(const QIcon& icon)
{
    const QImage image = icon.pixmap(QSize(32, 32), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
    int bestAlpha = 0;
    int lightness = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor colour = image.pixelColor(x, y);
            if (colour.alpha() > bestAlpha) {
                bestAlpha = colour.alpha();
                lightness = colour.lightness();
            }
        }
    return bestAlpha > 128 ? lightness : -1;
}

QString keysOf(const QAction* action)
{
    QStringList keys;
    for (const auto& key : action->shortcuts())
        keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

} // namespace

class TestLookGui : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    QPalette m_systemPalette;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("ACCI-tst-look"));
        QSettings().clear();
        m_systemPalette = QApplication::palette();
        m_db = std::make_unique<testing::TestDatabase>(); // empty: the empty states
    }

    void cleanupTestCase()
    {
        applyTheme(Theme::System);
        QSettings().clear();
        m_db.reset();
    }

    void everyPageAndIconHasAnIconThatReads()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QCOMPARE(navigation->count(), MainWindow::NavigablePages);
        for (int i = 0; i < navigation->count(); ++i) {
            QVERIFY2(!navigation->item(i)->icon().isNull(), qPrintable(navigation->item(i)->text()));
            QVERIFY2(strokeLightness(navigation->item(i)->icon()) >= 0, qPrintable(navigation->item(i)->text()));
        }
        const QStringList names = ownIconNames();
        QVERIFY(names.size() >= 20);
        for (const auto& name : names) {
            QVERIFY2(!ownIcon(name).isNull(), qPrintable(name));
            // HiDPI: drawn at twice the size, not scaled up.
            QCOMPARE(ownIcon(name).pixmap(QSize(24, 24), 2.0).size(), QSize(48, 48));
        }
        // The toolbar's and menus' actions have icons too.
        for (const auto* name : { "backAction", "forwardAction", "quickOpenAction", "reloadAction", "inFlightAction",
                 "shortcutsAction", "aboutAction" })
            QVERIFY2(!window.findChild<QAction*>(QString::fromLatin1(name))->icon().isNull(), name);
    }

    void theThemeSwitchChangesThePaletteAndIsRemembered()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.findChild<QAction*>(QStringLiteral("themeDarkAction"))->trigger();
        QVERIFY(paletteIsDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        window.show();
        QTRY_COMPARE(window.palette().color(QPalette::Window), QApplication::palette().color(QPalette::Window));
        QCOMPARE(savedTheme(), Theme::Dark);
        QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
        // The icons follow: light strokes on the dark palette, dark ones on the light one.
        QVERIFY(strokeLightness(MainWindow::pageIcon(0)) > 160);
        // Colours that say something are lighter on the dark palette.
        const QColor darkProblem = toneColour(Tone::Problem);

        window.findChild<QAction*>(QStringLiteral("themeLightAction"))->trigger();
        QVERIFY(!paletteIsDark());
        QCOMPARE(savedTheme(), Theme::Light);
        QVERIFY(strokeLightness(MainWindow::pageIcon(0)) < 100);
        QVERIFY(toneColour(Tone::Problem).lightness() < darkProblem.lightness());

        // A new window (the next start) takes the saved theme.
        window.findChild<QAction*>(QStringLiteral("themeDarkAction"))->trigger();
        applyTheme(Theme::System);
        applySavedTheme();
        QVERIFY(paletteIsDark());
        MainWindow next(QString::fromStdString(m_db->conninfo()));
        QVERIFY(next.findChild<QAction*>(QStringLiteral("themeDarkAction"))->isChecked());

        window.findChild<QAction*>(QStringLiteral("themeSystemAction"))->trigger();
        QCOMPARE(savedTheme(), Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::WindowText), m_systemPalette.color(QPalette::WindowText));
    }

    void theShortcutsWindowListsTheWindowsShortcuts()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.showShortcuts();
        auto* dialog = window.shortcutsDialog();
        QVERIFY(dialog && dialog->isVisible());
        const QStringList listed = dialog->listedKeys();
        int actions = 0;
        for (const auto* action : window.findChildren<QAction*>()) {
            if (action->shortcuts().isEmpty())
                continue;
            ++actions;
            QVERIFY2(
                listed.contains(keysOf(action)), qPrintable(action->text() + QStringLiteral(": ") + keysOf(action)));
        }
        QVERIFY(actions >= 12); // the six pages, back, forward, find, reload, quit, shortcuts
        // A page's button with a key of its own (the log's follow), and a view's own keys (the flow's).
        const auto* follow = window.logPage()->findChild<QAbstractButton*>(QStringLiteral("followTail"));
        QVERIFY(follow && !follow->shortcut().isEmpty());
        QVERIFY(listed.contains(follow->shortcut().toString(QKeySequence::NativeText)));
        const_cast<QAbstractButton*>(follow)->toggle(); // its text changes: its key stays
        QCOMPARE(follow->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        QVERIFY(listed.contains(QKeySequence(Qt::Key_F).toString(QKeySequence::NativeText)));
        // The filter: a key finds its action.
        QTest::keyClicks(dialog->filterEdit(), QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText));
        int shown = 0;
        QString shownAction;
        for (int i = 0; i < dialog->tree()->topLevelItemCount(); ++i)
            for (int j = 0; j < dialog->tree()->topLevelItem(i)->childCount(); ++j)
                if (!dialog->tree()->topLevelItem(i)->child(j)->isHidden()) {
                    ++shown;
                    shownAction = dialog->tree()->topLevelItem(i)->child(j)->text(0);
                }
        QCOMPARE(shown, 1);
        QCOMPARE(shownAction, window.findChild<QAction*>(QStringLiteral("quickOpenAction"))->text());
        dialog->filterEdit()->setText(QStringLiteral("global log"));
        QVERIFY(!dialog->tree()->topLevelItem(0)->isHidden() || dialog->tree()->topLevelItemCount() > 1);
    }

    void theAboutBoxGivesTheVersionsAndTheConnection()
    {
        const std::string password = "not-shown-anywhere";
        MainWindow window(QString::fromStdString(m_db->conninfo() + " password=" + password));
        window.showAbout();
        auto* about = window.aboutDialog();
        QVERIFY(about->qtVersionLabel()->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(about->libpqVersionLabel()->text().startsWith(QString::number(PQlibVersion() / 10000) + u'.'));
        QCOMPARE(about->libpqVersionLabel()->text(), AboutDialog::libpqVersion());
        auto connection = m_db->connect();
        const QString server = QString::fromStdString(
            pqxx::nontransaction(*connection).exec1("SHOW server_version")[0].as<std::string>());
        QTRY_VERIFY_WITH_TIMEOUT(about->serverVersionLabel()->text().contains(server), 20000);
        QCOMPARE(about->connectionLabel()->text(), window.session()->profile().displayName());
        for (auto* label : about->findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QString::fromStdString(password)), qPrintable(label->text()));

        // Nothing to ask: it says so.
        MainWindow nowhere(QStringLiteral("host=/nonexistent-acci-dir port=1 dbname=none connect_timeout=1"));
        nowhere.showAbout();
        QTRY_COMPARE_WITH_TIMEOUT(nowhere.session()->state(), DatabaseWorker::State::Failed, 20000);
        QCOMPARE(nowhere.aboutDialog()->serverVersionLabel()->text(), AboutDialog::tr("not connected"));
    }

    void emptyTablesSayWhatToDo()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* browser = window.browserPage();
        window.showPage(MainWindow::AggregatesPage);
        QTRY_VERIFY_WITH_TIMEOUT(!emptyStateText(browser->typesView()).isEmpty(), 20000);
        QVERIFY(emptyStateText(browser->typesView()).contains(QStringLiteral("--demo")));
        QVERIFY(!emptyStateText(browser->streamView()).isEmpty());

        window.showPage(MainWindow::TimeTravelPageIndex);
        QVERIFY(emptyStateText(window.timeTravelPage()->findChild<QTableView*>(QStringLiteral("timeTravelEvents")))
                    .contains(QStringLiteral("Ctrl+K")));

        window.showPage(MainWindow::LogPageIndex);
        auto* log = window.logPage();
        QTRY_VERIFY_WITH_TIMEOUT(log->model()->isOpen() && !log->model()->isBusy(), 20000);
        QTRY_VERIFY(emptyStateText(log->table()).contains(QStringLiteral("log is empty")));
        log->eventTypesEdit()->setText(QStringLiteral("NoSuchEventType"));
        log->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(emptyStateText(log->table()).contains(QStringLiteral("No event matches")), 20000);

        window.showPage(MainWindow::ProjectionsPageIndex);
        auto* projections = window.projectionsPage();
        QTRY_VERIFY_WITH_TIMEOUT(projections->projectionsView()->model()->rowCount() > 0
                || !emptyStateText(projections->projectionsView()).isEmpty(),
            20000);
        QVERIFY(!emptyStateText(projections->deadLettersView()).isEmpty());
    }
};

QTEST_MAIN(TestLookGui)
#include "tst_look_gui.moc"

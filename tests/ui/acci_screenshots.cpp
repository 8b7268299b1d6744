// acci-screenshots: opens the console on a demo database, walks through its pages and saves
// a PNG of each into $ACCI_SCREENSHOT_DIR (scripts/screenshots runs it under Xvfb).
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "charts/EventRateChart.hpp"
#include "dialogs/AboutDialog.hpp"
#include "dialogs/ConnectionDialog.hpp"
#include "dialogs/CorrelationView.hpp"
#include "dialogs/InFlightView.hpp"
#include "dialogs/QuickOpen.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "dialogs/ShortcutsDialog.hpp"
#include "dialogs/SnapshotAuditDialog.hpp"
#include "models/AggregateListModel.hpp"
#include "models/AggregateTypesModel.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/JsonTreeModel.hpp"
#include "models/SnapshotMismatchModel.hpp"
#include "models/StreamModel.hpp"
#include "models/TimelineModel.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/OverviewPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "session/ConnectionSession.hpp"
#include "session/DemoSession.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "window/MainWindow.hpp"
#include "workers/MetricsPoller.hpp"

using namespace acci::ui;

namespace {

// Runs the steps one after the other; each waits (event loop running) until it is ready.
class Script : public QObject {
public:
    using Ready = std::function<bool()>;
    using Action = std::function<void()>;

    void then(Ready ready, Action action) { m_steps.push_back({ std::move(ready), std::move(action) }); }
    void start()
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (m_steps.empty()) {
                QApplication::exit(0);
                return;
            }
            if (m_clock.isValid() && m_clock.elapsed() > 30000) {
                qWarning("screenshots: a step timed out");
                QApplication::exit(1);
                return;
            }
            if (!m_clock.isValid())
                m_clock.start();
            if (m_steps.front().first()) {
                m_steps.front().second();
                m_steps.erase(m_steps.begin());
                m_clock.invalidate();
            }
        });
        m_timer.start(100);
    }

private:
    std::vector<std::pair<Ready, Action>> m_steps;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

void save(QWidget* widget, const QString& name)
{
    const QString path = QDir(qEnvironmentVariable("ACCI_SCREENSHOT_DIR", QStringLiteral("."))).filePath(name);
    widget->grab().save(path);
    qInfo("saved %s", qPrintable(path));
}

// The window with a popup over it (grab() draws one window only).
void saveWithPopup(QWidget* window, QWidget* popup, const QString& name)
{
    const QString path = QDir(qEnvironmentVariable("ACCI_SCREENSHOT_DIR", QStringLiteral("."))).filePath(name);
    QPixmap shot = window->grab();
    QPainter painter(&shot);
    painter.drawPixmap(window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
    painter.end();
    shot.save(path);
    qInfo("saved %s", qPrintable(path));
}

// Every icon of ours at 16, 24 and 48 px on the light and the dark palette, and at 2× (HiDPI).
void saveIconSheet(const QString& name)
{
    const QStringList names = ownIconNames();
    const int cell = 64;
    const int rowHeight = cell / 2 + 8;
    const int half = static_cast<int>((names.size() + 1) / 2) * rowHeight + 16;
    QPixmap sheet(cell * 5 + 160, 2 * half);
    QPainter painter(&sheet);
    painter.fillRect(sheet.rect(), Qt::white);
    const QPalette original = QApplication::palette();
    for (int part = 0; part < 2; ++part) {
        applyTheme(part == 0 ? Theme::Light : Theme::Dark);
        const QPalette palette = QApplication::palette();
        const QRect area(0, part * half, sheet.width(), half);
        painter.fillRect(area, palette.color(QPalette::Window));
        for (int i = 0; i < names.size(); ++i) {
            const int column = (i % 2) * (sheet.width() / 2);
            const int top = area.top() + (i / 2) * rowHeight + 8;
            const QIcon icon = ownIcon(names[i]);
            int x = column + 8;
            for (const int size : { 16, 24 }) {
                icon.paint(&painter, QRect(x, top, size, size));
                x += size + 8;
            }
            QPixmap sharp = icon.pixmap(QSize(24, 24), 2.0);
            painter.drawPixmap(QRect(x, top, 24, 24), sharp);
            x += 32;
            painter.setPen(palette.color(QPalette::WindowText));
            painter.drawText(QRect(x, top, 140, 24), Qt::AlignVCenter, names[i]);
        }
    }
    painter.end();
    applyTheme(Theme::System);
    QApplication::setPalette(original);
    const QString path = QDir(qEnvironmentVariable("ACCI_SCREENSHOT_DIR", QStringLiteral("."))).filePath(name);
    sheet.save(path);
    qInfo("saved %s", qPrintable(path));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ACCI-screenshots"));
    const auto langIndex = QApplication::arguments().indexOf(QStringLiteral("--lang"));
    const QString lang = langIndex > 0 ? QApplication::arguments().value(langIndex + 1) : QString();
    const QString suffix = lang.isEmpty() ? QString() : QLatin1Char('-') + lang;
    if (!lang.isEmpty()) {
        QLocale::setDefault(QLocale(lang));
        auto* qt = new QTranslator(&app);
        if (qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(qt);
        auto* own = new QTranslator(&app);
        if (own->load(QLocale(lang), QStringLiteral("acci_console"), QStringLiteral("_"), QStringLiteral(":/i18n")))
            QApplication::installTranslator(own);
    }

    DemoSession session({ {}, 20000, 2.0 });
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<MainWindow> bare;
    std::unique_ptr<acci::local::LocalPostgres> standby;
    std::unique_ptr<MainWindow> onStandby;
    // A report left open in a transaction: what the held-back tile and the in-flight view show.
    std::unique_ptr<pqxx::connection> holder;
    std::unique_ptr<pqxx::work> holding;
    Script script;
    // The flow window once its diagram is drawn, or nullptr.
    const auto shownFlow = [&]() -> CorrelationView* {
        auto* flow = window ? window->findChild<CorrelationView*>() : nullptr;
        return flow && flow->diagramReady() ? flow : nullptr;
    };
    QObject::connect(&session, &DemoSession::failed, &app, [](const QString& message) {
        qWarning("demo failed: %s", qPrintable(message));
        QApplication::exit(1);
    });
    QObject::connect(&session, &DemoSession::ready, &app, [&](const QString& conninfo) {
        window = std::make_unique<MainWindow>(conninfo, QObject::tr("DEMO DATABASE — private, deleted on exit"));
        window->resize(1500, 920);
        window->show();
        auto* browser = window->browserPage();
        // The console opens on the overview.
        script.then([&] { return window->overviewPage()->isLoaded() && window->poller()->metrics().has_value(); },
            [&] {
                save(window.get(), QStringLiteral("00-overview%1.png").arg(suffix));
                // A page wider than the window asked for widens it (a translation's long
                // labels): say which, so that it is fixed rather than cropped.
                if (window->width() > 1500)
                    for (auto* page : window->findChildren<QWidget*>())
                        if (page->parentWidget() && qobject_cast<QStackedWidget*>(page->parentWidget())
                            && page->minimumSizeHint().width() > 1300)
                            qWarning("screenshots: %s needs %d px", page->metaObject()->className(),
                                page->minimumSizeHint().width());
            });
        script.then([] { return true; },
            [&] {
                window->showQuickOpen();
                window->quickOpen()->edit()->setText(QStringLiteral("order")); // aggregates and event types
            });
        script.then([&] { return window->quickOpen()->isSettled() && !window->quickOpen()->matches().empty(); },
            [&] {
                saveWithPopup(window.get(), window->quickOpen(), QStringLiteral("00-quick-open%1.png").arg(suffix));
                window->quickOpen()->edit()->setText(QStringLiteral("no-such-key"));
            });
        script.then([&] { return window->quickOpen()->isSettled(); },
            [&] {
                saveWithPopup(
                    window.get(), window->quickOpen(), QStringLiteral("00-quick-open-nothing%1.png").arg(suffix));
                window->quickOpen()->hide();
                window->showPage(MainWindow::AggregatesPage);
            });
        script.then([=] { return browser->typesModel()->rowCount() > 0; },
            [=] {
                const int order = browser->typesModel()
                                      ->match(browser->typesModel()->index(0, 0), AggregateTypesModel::TypeRole,
                                          QStringLiteral("Order"))
                                      .value(0)
                                      .row();
                browser->typesView()->setCurrentIndex(browser->typesModel()->index(std::max(0, order), 0));
            });
        script.then(
            [=] { return browser->aggregatesModel()->rowCount() > 5 && !browser->aggregatesModel()->isLoading(); },
            [=] { browser->aggregatesView()->selectRow(3); });
        script.then(
            [=] { return browser->streamModel()->rowCount() > 3; }, [=] { browser->streamView()->selectRow(1); });
        script.then(
            [] { return true; }, [&] { save(window.get(), QStringLiteral("01-aggregates%1.png").arg(suffix)); });
        script.then([] { return true; },
            [&] { window->openTimeTravel(window->browserPage()->streamModel()->aggregateId(), 2); });
        script.then([&] { return window->timeTravelPage()->shownVersion() == 2; },
            [&] {
                auto* page = window->timeTravelPage();
                page->stateTree()->setCurrentIndex(page->stateModel()->indexForPointer(QStringLiteral("/status")));
                save(window.get(), QStringLiteral("07-time-travel%1.png").arg(suffix));
                page->timeline()->setData(page->timeline()->index(1, 0), Qt::Unchecked, Qt::CheckStateRole);
                page->goToVersion(page->timeline()->rowCount());
            });
        script.then([&] { return !window->timeTravelPage()->whatIfText()->toPlainText().isEmpty(); },
            [&] {
                save(window.get(), QStringLiteral("08-what-if%1.png").arg(suffix));
                window->timeTravelPage()->timeline()->clearExcluded();
            });
        auto snapshotVersion = std::make_shared<int>(-1);
        auto flowIds = std::make_shared<std::pair<QString, QString>>();
        script.then([] { return true; },
            [&, conninfo, snapshotVersion] {
                // An aggregate with a stored snapshot (the demo keeps one for every tenth).
                auto connection = acci::store::connect(conninfo.toStdString());
                const auto row = pqxx::nontransaction(*connection)
                                     .exec1("SELECT aggregate_id, version FROM snapshots WHERE aggregate_type = "
                                            "'Order' ORDER BY version DESC, aggregate_id LIMIT 1");
                *snapshotVersion = row[1].as<int>();
                window->openTimeTravel(QString::fromUtf8(row[0].c_str()), *snapshotVersion);
            });
        script.then(
            [&, snapshotVersion] {
                auto* page = window->timeTravelPage();
                return page->shownVersion() == *snapshotVersion
                    && page->snapshotLabel()->text().contains(QString::number(*snapshotVersion));
            },
            [&] { save(window.get(), QStringLiteral("13-time-travel-snapshot%1.png").arg(suffix)); });
        script.then([] { return true; }, [&] { window->showPage(MainWindow::ProjectionsPageIndex); });
        // Once the demo's catch-up (run by the console) has caught up.
        script.then(
            [&] {
                const auto& records = window->projectionsPage()->projectionsModel()->records();
                return !records.empty() && records.front().state == acci::projections::ProjectionState::Running;
            },
            [&] {
                // The dead letter's error and event, as someone deciding to retry or skip sees them.
                if (window->projectionsPage()->deadLettersView()->model()->rowCount() > 0)
                    window->projectionsPage()->deadLettersView()->selectRow(0);
                save(window.get(), QStringLiteral("09-projections%1.png").arg(suffix));
                window->projectionsPage()->rebuildButton()->click();
            });
        script.then([&] { return window->projectionsPage()->rebuildDialog() != nullptr; },
            [&] {
                auto* dialog = window->projectionsPage()->rebuildDialog();
                save(dialog, QStringLiteral("10-rebuild-plan%1.png").arg(suffix));
                dialog->startButton()->click();
            });
        script.then([&] { return window->projectionsPage()->rebuildDialog()->finished(); },
            [&, conninfo] { // by value: the demo's conninfo outlives this handler only as a copy
                auto* dialog = window->projectionsPage()->rebuildDialog();
                save(dialog, QStringLiteral("11-rebuild-report%1.png").arg(suffix));
                dialog->close();
                // Three rows that lie, made by hand, for the verification's report.
                pqxx::connection tamper(conninfo.toStdString());
                pqxx::nontransaction sql(tamper);
                sql.exec("UPDATE user_view SET email = 'mallory@evil.example' WHERE id = "
                         "(SELECT id FROM user_view ORDER BY id OFFSET 3 LIMIT 1)");
                sql.exec("DELETE FROM user_view WHERE id = (SELECT id FROM user_view ORDER BY id OFFSET 9 LIMIT 1)");
                sql.exec("INSERT INTO user_view (id, email, name, status, created_at, version) VALUES "
                         "('user-ghost', 'ghost@example.com', 'Nadie', 'active', now(), 1)");
                window->projectionsPage()->verifyButton()->click();
            });
        script.then([&] { return window->projectionsPage()->verifyDialog() != nullptr; },
            [&] {
                auto* dialog = window->projectionsPage()->verifyDialog();
                save(dialog, QStringLiteral("19-verify-plan%1.png").arg(suffix));
                dialog->startButton()->click();
            });
        script.then([&] { return window->projectionsPage()->verifyDialog()->finished(); },
            [&] {
                auto* dialog = window->projectionsPage()->verifyDialog();
                dialog->differencesView()->selectRow(1);
                save(dialog, QStringLiteral("20-verify-report%1.png").arg(suffix));
                dialog->close();
            });
        script.then([] { return true; }, [&, conninfo] { // by value, as above
            // Snapshots that lie, made by hand, for the snapshot audit's report: an order's
            // status changed, a field added to another type's, one moved past its stream.
            pqxx::connection tamper(conninfo.toStdString());
            pqxx::nontransaction sql(tamper);
            sql.exec("UPDATE snapshots SET state = jsonb_set(state, '{status}', '\"refunded\"') WHERE aggregate_id "
                     "= (SELECT aggregate_id FROM snapshots WHERE aggregate_type = 'Order' AND state ? 'status' "
                     "ORDER BY aggregate_id OFFSET 2 LIMIT 1)");
            sql.exec("UPDATE snapshots SET state = state || '{\"vip\": true}' WHERE aggregate_id = (SELECT "
                     "aggregate_id FROM snapshots WHERE aggregate_type <> 'Order' ORDER BY aggregate_id LIMIT 1)");
            sql.exec("UPDATE snapshots SET version = version + 40 WHERE aggregate_id = (SELECT aggregate_id FROM "
                     "snapshots WHERE aggregate_type = 'Order' ORDER BY aggregate_id OFFSET 5 LIMIT 1)");
            window->showPage(MainWindow::TimeTravelPageIndex);
            window->timeTravelPage()->verifySnapshotsButton()->click();
        });
        script.then([&] { return window->timeTravelPage()->snapshotAuditDialog() != nullptr; },
            [&] {
                auto* dialog = window->timeTravelPage()->snapshotAuditDialog();
                save(dialog, QStringLiteral("21-snapshot-audit-plan%1.png").arg(suffix));
                dialog->startButton()->click();
            });
        script.then([&] { return window->timeTravelPage()->snapshotAuditDialog()->finished(); },
            [&] {
                auto* dialog = window->timeTravelPage()->snapshotAuditDialog();
                const auto& shown = dialog->mismatchesModel()->records();
                const auto different = std::find_if(shown.begin(), shown.end(),
                    [](const auto& v) { return v.kind == acci::timetravel::SnapshotVerdict::Kind::Different; });
                dialog->mismatchesView()->selectRow(
                    different == shown.end() ? 0 : static_cast<int>(different - shown.begin()));
                save(dialog, QStringLiteral("21-snapshot-audit%1.png").arg(suffix));
                dialog->timeTravelButton()->click();
            });
        script.then([&] { return window->timeTravelPage()->comparesSnapshot(); },
            [&] {
                save(window.get(), QStringLiteral("22-snapshot-audit-time-travel%1.png").arg(suffix));
                window->timeTravelPage()->snapshotAuditDialog()->close();
                window->showPage(MainWindow::MonitoringPageIndex);
                window->monitoringPage()->setRange(MonitoringPage::Range::LastWeek);
            });
        script.then(
            [&] {
                auto* page = window->monitoringPage();
                return page->rateChart()->series().bucketSeconds >= 3600 && window->poller()->metrics().has_value()
                    && !window->poller()->lagHistory().empty();
            },
            [&] {
                save(window.get(), QStringLiteral("12-monitoring%1.png").arg(suffix));
                holder
                    = acci::store::connect(window->poller()->worker()->profile().connectionString(), "nightly-report");
                holding = std::make_unique<pqxx::work>(*holder);
                holding->exec("SELECT count(*), pg_current_xact_id() FROM aggregates");
                auto writer = acci::store::connect(window->poller()->worker()->profile().connectionString());
                acci::store::EventStore events(*writer);
                for (int order = 0; order < 3; ++order) {
                    acci::store::NewEvent placed;
                    placed.eventType = "OrderPlaced";
                    // As the demo's orders are placed (order_summary needs a customer), so that
                    // the shots after this one show no dead letter this step made.
                    placed.data = { { "order_id", "held-" + std::to_string(order) }, { "customer", "user-10001" },
                        { "shipping", { { "city", "Sevilla" }, { "country", "ES" } } } };
                    events.append(
                        "held-" + std::to_string(order), "Order", acci::store::ExpectedVersion::Any, { placed });
                }
                window->poller()->refreshNow();
            });
        script.then([&] { return window->poller()->heldBack().secondsWaiting >= 4; },
            [&] { save(window.get(), QStringLiteral("15-held-back%1.png").arg(suffix)); });
        script.then([] { return true; }, [&] { window->showInFlight(); });
        script.then([&] { return window->inFlightView()->model()->rowCount() > 0; },
            [&] {
                auto* view = window->inFlightView();
                view->resize(1200, 700);
                view->table()->selectRow(0);
                view->table()->resizeColumnsToContents();
            });
        script.then([] { return true; },
            [&] {
                save(window->inFlightView(), QStringLiteral("16-in-flight%1.png").arg(suffix));
                window->inFlightView()->close();
                holding.reset(); // rolled back: the head moves on
                holder.reset();
            });
        script.then([] { return true; }, [&] { window->showPage(MainWindow::LogPageIndex); });
        script.then([&] { return window->logPage()->model()->isOpen() && window->logPage()->model()->rowCount() > 0; },
            [&] {
                auto* table = window->logPage()->table();
                table->selectRow(window->logPage()->model()->rowCount() - 4);
            });
        script.then(
            [&] { return window->logPage()->model()->rowAt(window->logPage()->model()->rowCount() - 4) != nullptr; },
            [&] { save(window.get(), QStringLiteral("02-global-log%1.png").arg(suffix)); });
        script.then([] { return true; },
            [&] {
                window->logPage()->eventTypesEdit()->setText(QStringLiteral("OrderPaid, OrderShipped"));
                window->logPage()->applyButton()->click();
            });
        script.then([&] { return window->logPage()->model()->isOpen() && window->logPage()->model()->rowAt(0); },
            [&] {
                window->logPage()->table()->selectRow(0);
                save(window.get(), QStringLiteral("03-log-filtered%1.png").arg(suffix));
            });
        script.then([] { return true; },
            [&, conninfo, flowIds] {
                // The demo's richest flow (the most aggregates, then the most events: a returned
                // order with its refund and free replacement), from its return.
                auto connection = acci::store::connect(conninfo.toStdString());
                const auto row = pqxx::nontransaction(*connection)
                                     .exec1("SELECT metadata ->> 'correlation_id', (array_agg(id::text ORDER BY "
                                            "event_type = 'OrderReturned' DESC, global_position))[1] FROM events "
                                            "WHERE metadata ? 'correlation_id' GROUP BY 1 ORDER BY "
                                            "count(DISTINCT aggregate_id) DESC, count(*) DESC, 1 LIMIT 1");
                *flowIds = { QString::fromUtf8(row[0].c_str()), QString::fromUtf8(row[1].c_str()) };
                window->showFlow(flowIds->first, flowIds->second);
            });
        script.then([&] { return shownFlow() != nullptr; },
            [&] {
                auto* flow = shownFlow();
                save(flow, QStringLiteral("06-flow%1.png").arg(suffix));
                // The whole diagram, as "Export PNG…" writes it.
                flow->exportPng(QDir(qEnvironmentVariable("ACCI_SCREENSHOT_DIR", QStringLiteral(".")))
                                    .filePath(QStringLiteral("06-flow-export%1.png").arg(suffix)));
                flow->tabs()->setCurrentIndex(1);
                flow->tree()->setCurrentItem(flow->tree()->topLevelItem(0));
            });
        script.then([] { return true; },
            [&] {
                auto* flow = window->findChild<CorrelationView*>();
                save(flow, QStringLiteral("06-flow-list%1.png").arg(suffix));
                flow->close();
            });
        // Help: the shortcuts (generated from the window's actions) and the about box.
        script.then([] { return true; }, [&] { window->showShortcuts(); });
        script.then([] { return true; },
            [&] {
                save(window->shortcutsDialog(), QStringLiteral("24-shortcuts%1.png").arg(suffix));
                window->shortcutsDialog()->close();
                window->showAbout();
            });
        script.then([&] { return window->aboutDialog()->serverVersionLabel()->text().contains(QStringLiteral("1")); },
            [&] {
                save(window->aboutDialog(), QStringLiteral("25-about%1.png").arg(suffix));
                window->aboutDialog()->close();
                saveIconSheet(QStringLiteral("23-icons%1.png").arg(suffix));
            });
        // The same pages on the dark palette (View → Theme → Dark).
        script.then([] { return true; },
            [&] {
                applyTheme(Theme::Dark);
                window->showPage(MainWindow::OverviewPageIndex);
            });
        script.then([n = 0]() mutable { return ++n > 5; }, // the charts replot on the palette change
            [&] { save(window.get(), QStringLiteral("30-dark-overview%1.png").arg(suffix)); });
        script.then([] { return true; },
            [&] {
                window->showQuickOpen();
                window->quickOpen()->edit()->setText(QStringLiteral("order"));
            });
        script.then([&] { return window->quickOpen()->isSettled() && !window->quickOpen()->matches().empty(); },
            [&] {
                saveWithPopup(
                    window.get(), window->quickOpen(), QStringLiteral("31-dark-quick-open%1.png").arg(suffix));
                window->quickOpen()->hide();
                window->showPage(MainWindow::AggregatesPage);
            });
        script.then([n = 0]() mutable { return ++n > 2; },
            [&] {
                save(window.get(), QStringLiteral("32-dark-aggregates%1.png").arg(suffix));
                window->openTimeTravel(window->browserPage()->streamModel()->aggregateId(), 2);
            });
        script.then([&] { return window->timeTravelPage()->shownVersion() == 2; },
            [&] {
                auto* page = window->timeTravelPage();
                page->stateTree()->setCurrentIndex(page->stateModel()->indexForPointer(QStringLiteral("/status")));
                save(window.get(), QStringLiteral("33-dark-time-travel%1.png").arg(suffix));
                window->showPage(MainWindow::ProjectionsPageIndex);
            });
        script.then([n = 0]() mutable { return ++n > 2; },
            [&] {
                save(window.get(), QStringLiteral("34-dark-projections%1.png").arg(suffix));
                window->showPage(MainWindow::MonitoringPageIndex);
            });
        script.then([n = 0]() mutable { return ++n > 5; },
            [&] {
                save(window.get(), QStringLiteral("35-dark-monitoring%1.png").arg(suffix));
                window->showPage(MainWindow::LogPageIndex);
            });
        script.then([n = 0]() mutable { return ++n > 2; },
            [&, flowIds] {
                save(window.get(), QStringLiteral("36-dark-global-log%1.png").arg(suffix));
                window->showFlow(flowIds->first, flowIds->second);
            });
        script.then([&] { return shownFlow() != nullptr; },
            [&] {
                auto* flow = shownFlow();
                save(flow, QStringLiteral("37-dark-flow%1.png").arg(suffix));
                flow->close();
                window->showShortcuts();
            });
        script.then([] { return true; },
            [&] {
                save(window->shortcutsDialog(), QStringLiteral("38-dark-shortcuts%1.png").arg(suffix));
                window->shortcutsDialog()->close();
                window->showAbout();
            });
        script.then([] { return true; },
            [&] {
                save(window->aboutDialog(), QStringLiteral("39-dark-about%1.png").arg(suffix));
                window->aboutDialog()->close();
                applyTheme(Theme::Light);
            });
        script.then([] { return true; },
            [&] {
                ConnectionDialog dialog;
                dialog.show();
                save(&dialog, QStringLiteral("04-connect%1.png").arg(suffix));
                // The fields, with a password that would travel in the clear: the warning.
                dialog.findChild<QTabWidget*>()->setCurrentIndex(1);
                dialog.findChild<QComboBox*>(QStringLiteral("sslMode"))->setCurrentText(QStringLiteral("prefer"));
                dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("secret"));
                dialog.adjustSize();
                save(&dialog, QStringLiteral("04-connect-fields%1.png").arg(suffix));
            });
        script.then([] { return true; },
            [&, conninfo] {
                // A database without the schema: the page that offers to migrate.
                {
                    auto admin = acci::store::connect(conninfo.toStdString());
                    pqxx::nontransaction(*admin).exec("CREATE DATABASE bare");
                }
                QString bareInfo = conninfo;
                bareInfo.replace(QStringLiteral("dbname=acci"), QStringLiteral("dbname=bare"));
                bare = std::make_unique<MainWindow>(bareInfo);
                bare->resize(1100, 600);
                bare->show();
            });
        script.then([n = 0]() mutable { return ++n > 15; }, [] {}); // the schema check answers
        script.then([] { return true; }, [&] { save(bare.get(), QStringLiteral("05-schema%1.png").arg(suffix)); });
        script.then([] { return true; },
            [&, conninfo] {
                // A hot standby of the demo, opened alone: browsing works, actions say why not.
                bare.reset();
                const QRegularExpression hostKey(QStringLiteral("host=(\\S+)"));
                const QString primaryDirectory = hostKey.match(conninfo).captured(1);
                acci::local::LocalPostgres::Options options;
                options.directory
                    = "/tmp/acci-screenshots-standby-" + std::to_string(QCoreApplication::applicationPid());
                options.standbyOf = primaryDirectory.toStdString();
                standby = std::make_unique<acci::local::LocalPostgres>(options);
                onStandby = std::make_unique<MainWindow>(QString::fromStdString(standby->conninfo()));
                onStandby->resize(1500, 920);
                onStandby->show();
                onStandby->showPage(MainWindow::ProjectionsPageIndex);
            });
        script.then(
            [&] {
                return onStandby->projectionsPage()->projectionsModel()->rowCount() > 0
                    && !onStandby->session()->actionsAvailable() && onStandby->poller()->serverRole().has_value();
            },
            [&] { onStandby->projectionsPage()->selectProjection(QStringLiteral("user_view")); });
        script.then([] { return true; },
            [&] {
                save(onStandby.get(), QStringLiteral("17-standby-projections%1.png").arg(suffix));
                onStandby->showPage(MainWindow::MonitoringPageIndex);
            });
        script.then([&] { return onStandby->poller()->replayDelayHistory().timesSeconds.size() >= 3; },
            [&] { save(onStandby.get(), QStringLiteral("18-standby-monitoring%1.png").arg(suffix)); });
        script.start();
    });
    session.start();
    const int status = app.exec();
    onStandby.reset();
    if (standby) {
        const std::string directory = standby->directory();
        standby.reset(); // stopped before the primary goes
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }
    bare.reset();
    window.reset();
    return status;
}

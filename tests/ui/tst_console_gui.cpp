// The console as a user drives it, offscreen, against a real PostgreSQL.
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "TestDatabase.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "dialogs/ConnectionDialog.hpp"
#include "models/AggregateListModel.hpp"
#include "models/AggregateTypesModel.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/JsonTreeModel.hpp"
#include "models/StreamModel.hpp"
#include "models/TimelineModel.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "session/Keychain.hpp"
#include "text/ErrorText.hpp"
#include "widgets/EventDetailView.hpp"
#include "widgets/SecurityIndicator.hpp"
#include "window/MainWindow.hpp"
#include "workers/LiveTail.hpp"
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>
#include <QUrl>

using namespace acci;
using namespace acci::ui;

namespace {
void clickRow(QAbstractItemView* view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}
} // namespace

class TestConsoleGui : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore eventStore(*connection);
        demo::fillDemoData(eventStore, 2000, 2);
    }
    void cleanupTestCase() { m_db.reset(); }

    void chooseAnAggregateAndSeeItsEvents()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* browser = window.browserPage();
        QTRY_COMPARE(browser->typesModel()->rowCount(), 3);
        clickRow(browser->typesView(), 1); // Order
        QTRY_VERIFY(browser->aggregatesModel()->rowCount() > 0 && !browser->aggregatesModel()->isLoading());
        QCOMPARE(browser->aggregatesModel()->aggregateTypeAt(0), QStringLiteral("Order"));
        clickRow(browser->aggregatesView(), 0);
        const QString id = browser->aggregatesModel()->aggregateIdAt(0);
        const long long version
            = m_db->count("SELECT version FROM aggregates WHERE aggregate_id = '" + id.toStdString() + "'");
        QTRY_COMPARE(static_cast<long long>(browser->streamModel()->rowCount()), version);
        QCOMPARE(browser->streamModel()->data(browser->streamModel()->index(0, StreamModel::TypeColumn)).toString(),
            QStringLiteral("OrderPlaced"));
        // The first event is selected and shown in full.
        QTRY_VERIFY(browser->detail()->dataTree()->model()->rowCount() > 0);

        // Searching narrows the list.
        QTest::keyClicks(browser->findChild<QLineEdit*>(QStringLiteral("aggregateSearch")), id);
        QTRY_COMPARE(browser->aggregatesModel()->rowCount(), 1);
    }

    // One event whose numbers no double holds is shown, and exported, exactly as stored.
    void strangeNumbersAreShownAndExportedAsStored()
    {
        testing::TestDatabase db;
        db.exec("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data) VALUES"
                " (gen_random_uuid(), 'odd-1', 'Odd', 'Measured', 1,"
                " '{\"x\": 1e400, \"big\": 123456789012345678901234567890, \"ok\": 2.5}')");
        MainWindow window(QString::fromStdString(db.conninfo()));
        window.show();
        auto* browser = window.browserPage();
        browser->openAggregate(QStringLiteral("odd-1"));
        QTRY_COMPARE(browser->streamModel()->rowCount(), 1);
        clickRow(browser->streamView(), 0);
        auto* tree = browser->detail()->dataTree();
        QTRY_COMPARE(tree->model()->rowCount(), 3);
        QStringList values;
        for (int row = 0; row < 3; ++row)
            values << tree->model()->index(row, 0).data().toString() + QLatin1Char('=')
                    + tree->model()->index(row, 1).data().toString();
        QVERIFY2(values.contains(QStringLiteral("big=123456789012345678901234567890")), qPrintable(values.join(u' ')));
        QVERIFY(values.contains(QStringLiteral("x=1") + QString(400, QLatin1Char('0'))));
        bool warned = false;
        for (auto* label : browser->detail()->findChildren<QLabel*>())
            warned = warned || label->text().contains(QStringLiteral("cannot be held exactly"));
        QVERIFY(warned);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("odd.ndjson"));
        browser->exportStreamTo(path);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Exported 1 event")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto line = QJsonDocument::fromJson(file.readLine()).object();
        QCOMPARE(line[QStringLiteral("data")][QStringLiteral("big")].toString(),
            QStringLiteral("123456789012345678901234567890"));
        QCOMPARE(line[QStringLiteral("warnings")].toArray().size(), 2);
    }

    void filterTheGlobalLog()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::LogPageIndex);
        auto* log = window.logPage();
        QTRY_VERIFY(log->model()->isOpen());
        QTRY_COMPARE(static_cast<long long>(log->model()->rowCount()), m_db->count("SELECT count(*) FROM events"));
        QTest::keyClicks(log->eventTypesEdit(), QStringLiteral("OrderPaid, UserCreated"));
        QTest::mouseClick(log->applyButton(), Qt::LeftButton);
        QTRY_VERIFY(log->model()->isOpen());
        QTRY_COMPARE(static_cast<long long>(log->model()->rowCount()),
            m_db->count("SELECT count(*) FROM events WHERE event_type IN ('OrderPaid', 'UserCreated')"));
        clickRow(log->table(), 0);
        QTRY_VERIFY(log->detail()->dataTree()->model()->rowCount() > 0);
    }

    void aNewEventShowsInTheLiveTailWithinTwoSeconds()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::LogPageIndex);
        auto* log = window.logPage();
        // Wait for the whole table (the count comes after the first rows).
        QTRY_COMPARE(static_cast<long long>(log->model()->rowCount()), m_db->count("SELECT count(*) FROM events"));
        // The tail's LISTEN is in place once the status bar says so.
        QTRY_VERIFY([&] {
            for (auto* label : window.findChildren<QLabel*>())
                if (label->text() == QStringLiteral("● live"))
                    return true;
            return false;
        }());
        const int before = log->model()->rowCount();
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            store::NewEvent event;
            event.eventType = "LiveTailProbe";
            eventStore.append("probe-" + std::to_string(before), "Probe", 0, { event });
        }
        QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), before + 1, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(log->model()->rowAt(before) != nullptr, 2000);
        QCOMPARE(log->model()->rowAt(before)->event.eventType, std::string("LiveTailProbe"));
    }

    void theTenantSelectorScopesEveryView()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* tenants = window.findChild<QComboBox*>(QStringLiteral("tenantSelector"));
        QTRY_VERIFY(tenants->count() > 1);
        QTRY_VERIFY(window.logPage()->model()->isOpen());
        const QString tenant = tenants->itemText(1);
        tenants->setCurrentIndex(1);
        const std::string t = tenant.toStdString();
        QTRY_COMPARE(static_cast<long long>(window.logPage()->model()->rowCount()),
            m_db->count("SELECT count(*) FROM events WHERE metadata ->> 'tenant_id' = '" + t + "'"));
        auto* types = window.browserPage()->typesModel();
        QTRY_COMPARE(types->data(types->index(0, 0), AggregateTypesModel::CountRole).toLongLong(),
            m_db->count(
                "SELECT count(*) FROM aggregates WHERE tenant_id = '" + t + "' AND aggregate_type = 'Account'"));
    }

    void aFlowShowsAsATreeOfCauses()
    {
        std::string correlation;
        {
            auto connection = m_db->connect();
            correlation
                = pqxx::nontransaction(*connection)
                      .exec1("SELECT metadata ->> 'correlation_id' FROM events WHERE event_type = 'OrderShipped'"
                             " LIMIT 1")[0]
                      .c_str();
        }
        const long long events
            = m_db->count("SELECT count(*) FROM events WHERE metadata ->> 'correlation_id' = '" + correlation + "'");
        QVERIFY(events >= 5); // placed, items, confirmed, debited, paid, shipped
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showFlow(QString::fromStdString(correlation));
        QTreeWidget* tree = nullptr;
        QTRY_VERIFY((tree = window.findChild<QTreeWidget*>(QStringLiteral("correlationTree"))) != nullptr);
        QTRY_VERIFY(tree->topLevelItemCount() > 0);
        int total = 0;
        QTreeWidgetItemIterator it(tree);
        for (; *it; ++it)
            ++total;
        QCOMPARE(static_cast<long long>(total), events);
        // Causes nest: OrderPlaced is a root and the chain hangs under it, across aggregates.
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("OrderPlaced"));
        QVERIFY(tree->topLevelItemCount() < total);
        bool crossesAggregates = false;
        for (QTreeWidgetItemIterator walk(tree); *walk; ++walk)
            if ((*walk)->parent() && (*walk)->parent()->text(1) != (*walk)->text(1))
                crossesAggregates = true;
        QVERIFY(crossesAggregates); // AccountDebited under OrderConfirmed
    }

    void timeTravelMovesThroughVersionsAndReadsTheState()
    {
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            auto patch = [](const char* type, const char* data) {
                store::NewEvent event;
                event.eventType = type;
                event.data = nlohmann::json::parse(data);
                event.metadata = { { "user_id", "tester" } };
                return event;
            };
            eventStore.append("tt-cart", "Cart", 0,
                { patch("Opened", R"({"a": 1, "nested": {"x": 1}})"), patch("Tagged", R"({"b": 2})"),
                    patch("Changed", R"({"a": 3})"), patch("Moved", R"({"nested": {"x": null, "y": 5}})") });
            // A snapshot that does not match the fold at its version.
            eventStore.saveSnapshot({ "tt-cart", "Cart", 2, nlohmann::json::parse(R"({"a": 1, "b": 99})"), 0 });
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        auto* page = window.timeTravelPage();
        // With a snapshot the newest state comes first from it and the events after it, then
        // the whole history: two loads, the first starting at the snapshot.
        std::vector<std::pair<bool, int>> loads; // (whole history, base version)
        connect(page, &TimeTravelPage::loaded, page,
            [&] { loads.emplace_back(page->showsWholeHistory(), page->baseVersion()); });
        window.openTimeTravel(QStringLiteral("tt-cart"), -1);
        QTRY_COMPARE(loads.size(), std::size_t(2));
        QCOMPARE(loads[0], std::make_pair(false, 2));
        QCOMPARE(loads[1], std::make_pair(true, 0));
        QTRY_COMPARE(page->shownVersion(), 4);
        auto* model = page->stateModel();
        auto value = [&](const char* pointer) {
            const auto index = model->indexForPointer(QString::fromLatin1(pointer));
            return index.isValid()
                ? model->index(index.row(), JsonTreeModel::ValueColumn, index.parent()).data().toString()
                : QStringLiteral("<none>");
        };
        auto background = [&](const char* pointer) {
            return model->indexForPointer(QString::fromLatin1(pointer)).data(Qt::BackgroundRole);
        };
        QCOMPARE(value("/nested/y"), QStringLiteral("5"));
        QCOMPARE(value("/nested/x"), QStringLiteral("<none>"));
        QVERIFY(background("/nested/y").isValid()); // added by version 4
        QVERIFY(page->snapshotLabel()->text().contains(QStringLiteral("differs")));

        // The keys move the slider: Home is the empty state before the first event.
        auto* slider = page->slider();
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_Home);
        QTRY_COMPARE(page->shownVersion(), 0);
        QCOMPARE(model->rowCount(), 0);
        QTest::keyClick(slider, Qt::Key_Right);
        QTest::keyClick(slider, Qt::Key_Right);
        QTRY_COMPARE(page->shownVersion(), 2);
        QCOMPARE(value("/a"), QStringLiteral("1"));
        QCOMPARE(value("/b"), QStringLiteral("2"));
        QCOMPARE(value("/nested/x"), QStringLiteral("1"));
        QVERIFY(background("/b").isValid());
        QVERIFY(!background("/a").isValid());
        QTest::keyClick(slider, Qt::Key_Right);
        QTRY_COMPARE(page->shownVersion(), 3);
        QCOMPARE(value("/a"), QStringLiteral("3"));
        QVERIFY(background("/a").isValid()); // changed by version 3
        QCOMPARE(page->changesList()->item(0)->text(), QStringLiteral("~ /a: 1 → 3"));

        // Dragging: every position the slider passes shows a state that matches its version.
        for (int position = 0; position <= 4; ++position)
            slider->setValue(position);
        QTRY_COMPARE(page->shownVersion(), 4);

        // Provenance of a field: /a was last set by version 3.
        page->stateTree()->setCurrentIndex(model->indexForPointer(QStringLiteral("/a")));
        QVERIFY2(page->provenanceLabel()->text().contains(QStringLiteral("version 3")),
            qPrintable(page->provenanceLabel()->text()));
        QVERIFY(page->provenanceLabel()->text().contains(QStringLiteral("tester")));

        // What-if: leave version 3 out; /a is 1 again and the difference is spelled out.
        page->timeline()->setData(page->timeline()->index(2, 0), Qt::Unchecked, Qt::CheckStateRole);
        QTRY_COMPARE(value("/a"), QStringLiteral("1"));
        QTRY_VERIFY(page->whatIfText()->toPlainText().contains(QStringLiteral("~ /a: 3 → 1")));
        page->timeline()->clearExcluded();
        QTRY_COMPARE(value("/a"), QStringLiteral("3"));

        // From an event in the browser: the Time travel button opens the page at its version.
        // Version 2 is the snapshot's own, which only the whole history has: one load.
        loads.clear();
        window.browserPage()->openAggregate(QStringLiteral("tt-cart"), 2);
        QTRY_VERIFY(
            window.browserPage()->detail()->findChild<QPushButton*>(QStringLiteral("timeTravelButton"))->isEnabled());
        QTRY_VERIFY(window.browserPage()->streamView()->currentIndex().row() == 1);
        window.browserPage()->detail()->findChild<QPushButton*>(QStringLiteral("timeTravelButton"))->click();
        QTRY_COMPARE(page->shownVersion(), 2);
        QVERIFY(page->isVisible());
        QCOMPARE(loads.size(), std::size_t(1));
        QCOMPARE(loads[0], std::make_pair(true, 0));
    }

    void timeTravelOpensAnIdTypedOnThePage()
    {
        const auto [id, version] = [this] {
            auto connection = m_db->connect();
            const auto row = pqxx::nontransaction(*connection)
                                 .exec1("SELECT aggregate_id, version FROM aggregates ORDER BY aggregate_id LIMIT 1");
            return std::pair { QString::fromUtf8(row[0].c_str()), row[1].as<int>() };
        }();
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::TimeTravelPageIndex);
        auto* edit = window.findChild<QLineEdit*>(QStringLiteral("timeTravelAggregate"));
        QVERIFY(edit->isEnabled());
        // An id that does not exist: one clear sentence, and the page stays usable.
        QTest::keyClicks(edit, QStringLiteral("no-such-aggregate"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("has no events")));
        edit->clear();
        QTest::keyClicks(edit, id);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(window.timeTravelPage()->shownVersion(), version);
    }

    void theServerGoingAwayShowsABannerAndTheConsoleRecovers()
    {
        const std::string dir = "/tmp/acci-gui-restart-" + std::to_string(::getpid());
        auto server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { dir, "acci" });
        const int port = server->port();
        {
            auto connection = store::connect(server->conninfo());
            store::migrate(*connection);
            store::EventStore eventStore(*connection);
            demo::fillDemoData(eventStore, 300, 1);
        }
        MainWindow window(QString::fromStdString(server->conninfo()));
        window.show();
        QTRY_COMPARE(window.browserPage()->typesModel()->rowCount(), 3);
        QTRY_VERIFY(window.session()->tail()->isListening());
        server.reset(); // stops it
        QTRY_VERIFY_WITH_TIMEOUT(window.banner()->isVisible(), 5000);
        QVERIFY(window.banner()->text().contains(QStringLiteral("Reconnecting")));
        // Reads that fail meanwhile leave the saying to the banner, not to the status bar.
        window.browserPage()->reload();
        QTest::qWait(500);
        QVERIFY2(!window.statusBar()->currentMessage().contains(QStringLiteral("connection"), Qt::CaseInsensitive),
            qPrintable(window.statusBar()->currentMessage()));
        server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { dir, "acci", false, port });
        QTRY_VERIFY_WITH_TIMEOUT(!window.banner()->isVisible(), 20000);
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Connected again")),
            qPrintable(window.statusBar()->currentMessage()));
        QTRY_COMPARE(window.browserPage()->typesModel()->rowCount(), 3);
        server.reset();
        std::filesystem::remove_all(dir);
    }

    void aRoleWithoutWriteRightsBrowsesReadOnly()
    {
        const std::string role = "acci_reader_" + std::to_string(::getpid());
        m_db->exec("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role
            + " LOGIN;"
              " GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
            + role
            + ";"
              " REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
        const QString conninfo = QString::fromStdString(m_db->conninfo() + " user=" + role);
        {
            MainWindow window(conninfo);
            window.show();
            QTRY_VERIFY(window.browserPage()->typesModel()->rowCount() >= 3); // it browses
            QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("readOnlyLabel"))->isVisible());
        }
        // Without the schema, it may not migrate, and is told why.
        testing::TestDatabase bare(testing::TestDatabase::Schema::Empty);
        bare.exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        MainWindow window(QString::fromStdString(bare.conninfo() + " user=" + role));
        window.show();
        QLabel* reason = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (auto* label : window.findChildren<QLabel*>())
                    if (label->text().contains(QStringLiteral("cannot change")) && label->isVisible())
                        reason = label;
                return reason != nullptr;
            }(),
            5000);
        for (auto* button : window.findChildren<QPushButton*>())
            if (button->text().startsWith(QStringLiteral("Migrate")))
                QVERIFY(!button->isVisible());
    }

    void aMissingPasswordIsAskedForInline()
    {
        // A server of its own, where one role must give a password (the others are trusted).
        const std::string dir = "/tmp/acci-gui-password-" + std::to_string(::getpid());
        auto server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { dir, "acci" });
        {
            auto connection = store::connect(server->conninfo());
            store::migrate(*connection);
            pqxx::nontransaction tx(*connection);
            tx.exec("CREATE ROLE guarded LOGIN PASSWORD 'open sesame'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
                    "guarded");
        }
        {
            const std::string hba = std::filesystem::canonical(dir).string() + "/data/pg_hba.conf";
            std::ifstream in(hba);
            std::stringstream rest;
            rest << in.rdbuf();
            in.close();
            std::ofstream out(hba, std::ios::trunc);
            out << "local all guarded scram-sha-256\n" << rest.str();
        }
        {
            auto connection = store::connect(server->conninfo());
            pqxx::nontransaction(*connection).exec("SELECT pg_reload_conf()");
        }
        QString conninfo = QString::fromStdString(server->conninfo());
        conninfo.replace(QStringLiteral("user=acci"), QStringLiteral("user=guarded"));
        MainWindow window(conninfo);
        window.show();
        auto* row = window.findChild<QWidget*>(QStringLiteral("passwordRow"));
        QTRY_VERIFY(row->isVisible()); // the keychain had nothing (or there is none): asked
        // "Remember": once the server accepts it, it goes to the system keychain, or, where
        // there is none (CI), the console says it stays in memory only.
        window.findChild<QCheckBox*>(QStringLiteral("rememberPassword"))->setChecked(true);
        QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("passwordEdit")), QStringLiteral("open sesame"));
        QTest::keyClick(window.findChild<QLineEdit*>(QStringLiteral("passwordEdit")), Qt::Key_Return);
        QTRY_VERIFY(!window.banner()->isVisible());
        QTRY_VERIFY(window.logPage()->model()->isOpen());
        QVERIFY(!row->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QStringLiteral("keychain")), 10000);
        const bool stored = window.statusBar()->currentMessage().contains(QStringLiteral("is saved"));
        QVERIFY2(stored || window.statusBar()->currentMessage().contains(QStringLiteral("memory")),
            qPrintable(window.statusBar()->currentMessage()));
        if (stored)
            keychain::forgetPassword(QString::fromStdString(
                store::resolveTarget(conninfo.toStdString()).key())); // leave a developer's keychain as it was
        server.reset();
        std::filesystem::remove_all(dir);
    }

    // A password given in a URI reaches neither the settings file nor any text on screen.
    void aPasswordStaysOffDiskAndScreen()
    {
        const QString secret = QStringLiteral("s3cret-Pa55");
        const QString plain = QString::fromStdString(m_db->conninfo());
        const auto field = [&](const QString& name) {
            return QRegularExpression(name + QStringLiteral("=(\\S+)")).match(plain).captured(1);
        };
        const QString uri = QStringLiteral("postgresql://acci:%1@/%2?host=%3&port=%4")
                                .arg(secret, field(QStringLiteral("dbname")),
                                    QString::fromLatin1(QUrl::toPercentEncoding(field(QStringLiteral("host")))),
                                    field(QStringLiteral("port")));
        ConnectionDialog::remember(uri);
        QSettings().sync();
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains(secret.toUtf8()));
        QVERIFY(ConnectionDialog::recentConnections().first().contains(field(QStringLiteral("dbname"))));

        MainWindow window(uri); // the test server trusts us: the password is carried, not needed
        window.show();
        // The log opens behind the overview: on a loaded machine that took over 5 s once.
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->model()->isOpen(), 15000);
        for (int page = 0; page < MainWindow::NavigablePages; ++page) {
            window.showPage(page);
            QTRY_VERIFY(window.session()->idle()); // what the page asked for has arrived
            QStringList shown { window.windowTitle(), window.statusBar()->currentMessage() };
            for (auto* widget : window.findChildren<QWidget*>()) {
                shown << widget->toolTip() << widget->accessibleName();
                if (auto* label = qobject_cast<QLabel*>(widget))
                    shown << label->text();
                if (auto* edit = qobject_cast<QLineEdit*>(widget))
                    shown << edit->text();
            }
            for (const auto& text : shown)
                QVERIFY2(!text.contains(secret), qPrintable(text));
        }
    }

    void theConnectionDialogWarnsBeforeAPasswordTravelsInTheClear()
    {
        ConnectionDialog dialog;
        auto* warning = dialog.findChild<QLabel*>(QStringLiteral("clearTextWarning"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        auto* sslMode = dialog.findChild<QComboBox*>(QStringLiteral("sslMode"));
        QCOMPARE(sslMode->itemText(0), QStringLiteral("verify-full")); // the safest is offered first
        dialog.show();
        auto* tabs = dialog.findChild<QTabWidget*>();
        tabs->setCurrentIndex(0);
        auto* conninfo = dialog.findChild<QLineEdit*>(QStringLiteral("conninfoEdit"));
        conninfo->setText(QStringLiteral("host=db.example.com dbname=events sslmode=prefer"));
        QVERIFY(!warning->isVisible()); // no password typed yet
        password->setText(QStringLiteral("x"));
        QVERIFY(warning->isVisible());
        conninfo->setText(QStringLiteral("host=db.example.com dbname=events sslmode=verify-full"));
        QVERIFY(!warning->isVisible());
        conninfo->setText(QStringLiteral("host=/var/run/postgresql dbname=events")); // a local socket
        QVERIFY(!warning->isVisible());
        conninfo->setText(QStringLiteral("postgresql://ana@db.example.com/events")); // prefer, by default
        QVERIFY(warning->isVisible());
    }

    // The status bar's padlock on four real connections to one server with TLS on TCP: a
    // local socket, TCP in the clear, TLS unverified, TLS with the certificate and host verified.
    void thePadlockSaysHowTheConnectionTravels()
    {
        const std::string dir = "/tmp/acci-gui-tls-" + std::to_string(::getpid());
        {
            local::LocalPostgres first(local::LocalPostgres::Options { dir, "acci" }); // initdb, then stop
        }
        const QString data = QString::fromStdString(std::filesystem::canonical(dir).string() + "/data");
        // std::system, not QProcess: Qt's vfork-style clone is fatal under ThreadSanitizer, and
        // the path (a pid under /tmp) needs no quoting.
        const std::string openssl = "openssl req -new -x509 -days 2 -nodes -subj /CN=localhost -keyout "
            + data.toStdString() + "/server.key -out " + data.toStdString() + "/server.crt >/dev/null 2>&1";
        QCOMPARE(std::system(openssl.c_str()), 0);
        struct stat owner { };
        QCOMPARE(::stat(data.toLocal8Bit().constData(), &owner), 0);
        for (const char* file : { "/server.key", "/server.crt" }) // the server account's, key private
            QCOMPARE(::chown((data + QLatin1String(file)).toLocal8Bit().constData(), owner.st_uid, owner.st_gid), 0);
        QCOMPARE(::chmod((data + QStringLiteral("/server.key")).toLocal8Bit().constData(), 0600), 0);

        local::LocalPostgres::Options options { dir, "acci" };
        options.settings = { "listen_addresses=127.0.0.1", "ssl=on" };
        auto server = std::make_unique<local::LocalPostgres>(options);
        const QString tcp = QStringLiteral("host=localhost port=%1 user=acci dbname=acci").arg(server->port());
        using Level = SecurityIndicator::Level;
        const std::pair<QString, Level> cases[] = {
            { QString::fromStdString(server->conninfo()), Level::LocalSocket },
            { tcp + QStringLiteral(" sslmode=disable"), Level::Unencrypted },
            { tcp + QStringLiteral(" sslmode=require"), Level::Unverified },
            { tcp + QStringLiteral(" sslmode=verify-full sslrootcert=") + data + QStringLiteral("/server.crt"),
                Level::Verified },
        };
        for (const auto& [conninfo, level] : cases) {
            MainWindow window(conninfo);
            window.show();
            auto* lock = window.findChild<SecurityIndicator*>(QStringLiteral("securityIndicator"));
            QTRY_COMPARE_WITH_TIMEOUT(lock->level(), level, 10000);
            if (level == Level::Verified || level == Level::Unverified)
                QVERIFY2(lock->toolTip().contains(QStringLiteral("TLSv1.")), qPrintable(lock->toolTip()));
        }
        server.reset();
        std::filesystem::remove_all(dir);
    }

    void spanishTranslationLoads()
    {
        QTranslator translator;
        QVERIFY(translator.load(
            QLocale(QLocale::Spanish), QStringLiteral("acci_console"), QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        {
            MainWindow window(QString::fromStdString(m_db->conninfo()));
            auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
            QCOMPARE(navigation->item(0)->text(), QStringLiteral("Resumen"));
            QCOMPARE(navigation->item(1)->text(), QStringLiteral("Agregados"));
            QCOMPARE(navigation->item(2)->text(), QStringLiteral("Registro global"));
            QCOMPARE(window.windowTitle(), QStringLiteral("Consola de eventos ACCI"));
            QCOMPARE(navigation->item(5)->text(), QStringLiteral("Monitoreo"));
        }
        // Errors from the server are worded in Spanish around their technical detail.
        const QString lost = ErrorText::describe(pqxx::broken_connection("server closed the connection"));
        QVERIFY2(lost.startsWith(QStringLiteral("Se perdió la conexión")), qPrintable(lost));
        QVERIFY(lost.contains(QStringLiteral("server closed the connection")));
        QCoreApplication::removeTranslator(&translator);

        // Complete: nothing unfinished, nothing left empty.
        QFile ts(QStringLiteral(ACCI_TS_PATH));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(!text.contains("type=\"unfinished\""));
        QVERIFY(!text.contains("<translation></translation>"));
        QVERIFY(!text.contains("<numerusform></numerusform>"));
    }
};

QTEST_MAIN(TestConsoleGui)
#include "tst_console_gui.moc"

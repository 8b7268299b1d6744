// The console's "Verify all snapshots…" (issue 16) as a reader uses it, offscreen, against a
// real PostgreSQL: hundreds of snapshots, three altered by hand with SQL, exactly those three
// reported with their kinds, each opening its aggregate in Time travel at the snapshot's
// version with the difference shown; a type filter, and a cancel that leaves no connection.
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>

#include <pqxx/pqxx>

#include <map>
#include <unistd.h>

#include "TestDatabase.hpp"
#include "acci/store/Roles.hpp"
#include "dialogs/SnapshotAuditDialog.hpp"
#include "models/SnapshotMismatchModel.hpp"
#include "pages/TimeTravelPage.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"
#include "window/MainWindow.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

// Tally events are counted by these rules; folded without them they would be merged, and
// every tally's snapshot would differ.
const char* tallyRules = R"({ "Tally": { "Counted": [
    {"op": "set", "path": "/owner", "from": "/data/owner"},
    {"op": "increment", "path": "/count"} ] } })";

// `carts` carts whose snapshot (the data of the event at its version: the merge patch's fold)
// is at the middle of their stream, and 20 tallies snapshotted at their end: carts + 20.
void fillStore(const testing::TestDatabase& db, int carts)
{
    db.exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), 'cart-' || a, 'Cart', 'CartChanged', v,
       jsonb_build_object('n', v, 'owner', 'o' || a, 'total', a * v), '{}'
  FROM generate_series(1, )SQL"
        + std::to_string(carts) + R"SQL() a, generate_series(1, 1 + a % 7) v ORDER BY a, v)SQL");
    db.exec(R"SQL(
INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, metadata)
SELECT gen_random_uuid(), 'tally-' || a, 'Tally', 'Counted', v, jsonb_build_object('owner', 't' || a, 'n', v), '{}'
  FROM generate_series(1, 20) a, generate_series(1, 2 + a % 5) v ORDER BY a, v)SQL");
    db.exec(R"SQL(
INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)
SELECT e.aggregate_id, e.aggregate_type, e.version, e.data
  FROM events e JOIN aggregates a USING (aggregate_id)
 WHERE e.aggregate_type = 'Cart' AND e.version = (a.version + 1) / 2)SQL");
    db.exec(R"SQL(
INSERT INTO snapshots (aggregate_id, aggregate_type, version, state)
SELECT aggregate_id, aggregate_type, version, jsonb_build_object('owner', 't' || substr(aggregate_id, 7), 'count', version)
  FROM aggregates WHERE aggregate_type = 'Tally')SQL");
}

// A login role of this process with the README's reader rights, read only by default.
class ReaderRole {
public:
    explicit ReaderRole(const testing::TestDatabase& db)
        : m_db(db)
        , m_name("acci_gui_sreader_" + std::to_string(::getpid()))
    {
        m_db.exec("DROP ROLE IF EXISTS " + m_name);
        m_db.exec("CREATE ROLE " + m_name + " LOGIN");
        auto connection = m_db.connect();
        store::grantAccess(*connection, store::AccessRole::Reader, m_name);
        m_db.exec("ALTER ROLE " + m_name + " SET default_transaction_read_only = on");
    }
    ~ReaderRole()
    {
        try {
            m_db.exec("DROP OWNED BY " + m_name);
            m_db.exec("DROP ROLE " + m_name);
        } catch (const std::exception&) {
        }
    }
    std::string conninfo() const { return m_db.conninfo() + " user=" + m_name; }

private:
    const testing::TestDatabase& m_db;
    std::string m_name;
};

// The Time travel page with the tallies' rules, "Verify all snapshots…" clicked: its dialog.
SnapshotAuditDialog* openAuditDialog(MainWindow& window)
{
    window.show();
    window.showPage(MainWindow::AggregatesPage);
    auto* page = window.timeTravelPage();
    page->setExtraRules(timetravel::ReducerRules::fromJson(nlohmann::json::parse(tallyRules)), QStringLiteral("tally"));
    page->verifySnapshotsButton()->click();
    if (!QTest::qWaitFor([&] { return page->snapshotAuditDialog() != nullptr; }, 20000))
        return nullptr;
    return page->snapshotAuditDialog();
}

int rowOf(const SnapshotMismatchModel* model, const std::string& aggregateId)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->record(row)->aggregateId == aggregateId)
            return row;
    return -1;
}

} // namespace

class TestSnapshotGui : public QObject {
    Q_OBJECT

private slots:
    void theReportListsExactlyTheSnapshotsAlteredByHand()
    {
        testing::TestDatabase db;
        fillStore(db, 250);
        QCOMPARE(db.count("SELECT count(*) FROM snapshots"), 270LL);
        db.exec(
            "UPDATE snapshots SET state = jsonb_set(state, '{owner}', '\"mallory\"') WHERE aggregate_id = 'cart-7'");
        db.exec("UPDATE snapshots SET version = 99 WHERE aggregate_id = 'cart-8'"); // past the stream's end
        db.exec("UPDATE snapshots SET state = '{\"n\": 1e400}' WHERE aggregate_id = 'cart-11'"); // no double holds it
        ReaderRole reader(db);

        MainWindow window(QString::fromStdString(reader.conninfo()));
        auto* dialog = openAuditDialog(window);
        QVERIFY(dialog);
        QVERIFY(!dialog->isModal());
        // The pre-flight: the snapshots per type, the rules in use.
        QCOMPARE(dialog->typeFilter()->count(), 3);
        QVERIFY2(dialog->typeFilter()->itemText(0).contains(QStringLiteral("270")),
            qPrintable(dialog->typeFilter()->itemText(0)));
        QCOMPARE(dialog->typeFilter()->itemData(1).toString(), QStringLiteral("Cart"));
        QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("tally")));
        dialog->startButton()->click();
        QVERIFY(dialog->running());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 60000);

        const auto& report = dialog->report();
        QVERIFY(!report.cancelled);
        QCOMPARE(report.checked, 270LL);
        QCOMPARE(report.equal, 267LL); // the tallies too: folded with the page's rules
        QCOMPARE(report.different, 1LL);
        QCOMPARE(report.notFoldable, 2LL);
        QVERIFY(report.connections >= 1);
        QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("3 of 270 snapshots do not match")),
            qPrintable(dialog->summaryLabel()->text()));
        const auto* model = dialog->mismatchesModel();
        QCOMPARE(model->rowCount(), 3);
        const std::map<std::string, QString> kinds = { { "cart-7", QStringLiteral("different") },
            { "cart-8", QStringLiteral("out of range") }, { "cart-11", QStringLiteral("unreadable") } };
        for (const auto& [id, kind] : kinds) {
            const int row = rowOf(model, id);
            QVERIFY2(row >= 0, id.c_str());
            QCOMPARE(model->data(model->index(row, SnapshotMismatchModel::KindColumn)).toString(), kind);
            QCOMPARE(
                model->data(model->index(row, SnapshotMismatchModel::TypeColumn)).toString(), QStringLiteral("Cart"));
        }
        const int cart7 = rowOf(model, "cart-7");
        QCOMPARE(model->data(model->index(cart7, SnapshotMismatchModel::VersionColumn)).toInt(), 1);
        QVERIFY2(model->data(model->index(cart7, SnapshotMismatchModel::DetailColumn))
                     .toString()
                     .contains(QStringLiteral("mallory")),
            qPrintable(model->data(model->index(cart7, SnapshotMismatchModel::DetailColumn)).toString()));
        QCOMPARE(model->data(model->index(rowOf(model, "cart-8"), SnapshotMismatchModel::VersionColumn)).toInt(), 99);

        // The kind filter.
        dialog->kindFilter()->setCurrentIndex(1);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->records().front().aggregateId, std::string("cart-7"));
        dialog->kindFilter()->setCurrentIndex(2);
        QCOMPARE(model->rowCount(), 2);
        dialog->kindFilter()->setCurrentIndex(0);

        // The detail pane: every difference line of the selected mismatch.
        dialog->mismatchesView()->selectRow(rowOf(model, "cart-7"));
        QVERIFY2(dialog->detailText()->toPlainText().contains(QStringLiteral("~ /owner: \"o7\" → \"mallory\"")),
            qPrintable(dialog->detailText()->toPlainText()));
        dialog->mismatchesView()->selectRow(rowOf(model, "cart-8"));
        QVERIFY(!dialog->detailText()->toPlainText().isEmpty());

        // Its story: Time travel at the snapshot's version, the difference on the Compare tab,
        // the page brought forward (a double click does what the button does).
        const int row = rowOf(model, "cart-7");
        dialog->mismatchesView()->selectRow(row);
        const QRect cell
            = dialog->mismatchesView()->visualRect(model->index(row, SnapshotMismatchModel::AggregateColumn));
        // A double click as a view sees one: the press that picks the row, then the double click.
        QTest::mousePress(dialog->mismatchesView()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(dialog->mismatchesView()->viewport(), Qt::LeftButton, {}, cell.center());
        auto* page = window.timeTravelPage();
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QCOMPARE(navigation->currentRow(), static_cast<int>(MainWindow::TimeTravelPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(page->session()->aggregateId() == QStringLiteral("cart-7") && page->showsWholeHistory()
                && page->shownVersion() == 1 && page->comparesSnapshot(),
            20000);
        QVERIFY2(page->compareText()->toPlainText().contains(QStringLiteral("mallory")),
            qPrintable(page->compareText()->toPlainText()));
        QVERIFY2(page->snapshotLabel()->text().contains(QStringLiteral("differs")),
            qPrintable(page->snapshotLabel()->text()));
        QVERIFY(dialog->isVisible()); // the report stays beside the story

        // Exports: the CLI's JSON, a CSV line per difference line or reason.
        QTemporaryDir dir;
        QVERIFY(dialog->exportTo(dir.filePath(QStringLiteral("r.json")), true));
        QVERIFY(dialog->exportTo(dir.filePath(QStringLiteral("r.csv")), false));
        QFile json(dir.filePath(QStringLiteral("r.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const auto parsed = nlohmann::json::parse(json.readAll().toStdString());
        QCOMPARE(parsed["mismatches"].size(), std::size_t { 3 });
        QCOMPARE(parsed["summary"]["checked"], nlohmann::json(270));
        QFile csv(dir.filePath(QStringLiteral("r.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString csvText = QString::fromUtf8(csv.readAll());
        QCOMPARE(csvText.count(QStringLiteral("\r\n")), 4);
        QVERIFY2(csvText.contains(QStringLiteral("different,\"cart-7\",\"Cart\",1,\"~ /owner: \"\"o7\"\" → "
                                                 "\"\"mallory\"\"\"")),
            qPrintable(csvText));

        // Nothing was written.
        QCOMPARE(
            db.count("SELECT count(*) FROM snapshots WHERE aggregate_id = 'cart-7' AND state->>'owner' = 'mallory'"),
            1LL);
        dialog->close();
        QTRY_VERIFY(page->snapshotAuditDialog() == nullptr);
    }

    void aTypeFilterChecksOnlyThatTypeAndCancelStopsEveryConnection()
    {
        testing::TestDatabase db;
        fillStore(db, 40000); // enough that a cancel lands while it runs
        db.exec("UPDATE snapshots SET state = state || '{\"coupon\": \"FREE\"}' WHERE aggregate_id = 'tally-3'");
        ReaderRole reader(db);
        {
            // Tallies only: the one altered is found, no cart is checked.
            MainWindow window(QString::fromStdString(reader.conninfo()));
            auto* dialog = openAuditDialog(window);
            QVERIFY(dialog);
            dialog->typeFilter()->setCurrentIndex(dialog->typeFilter()->findData(QStringLiteral("Tally")));
            QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("<b>20</b>")),
                qPrintable(dialog->summaryLabel()->text()));
            dialog->startButton()->click();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 60000);
            QCOMPARE(dialog->report().checked, 20LL);
            QCOMPARE(dialog->report().different, 1LL);
            QCOMPARE(dialog->mismatchesModel()->rowCount(), 1);
            QCOMPARE(dialog->mismatchesModel()->records().front().aggregateId, std::string("tally-3"));
            QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("Tally")));
        }
        {
            // Every type, cancelled once under way: the dialog says so, with the counts so far.
            MainWindow window(QString::fromStdString(reader.conninfo()));
            auto* dialog = openAuditDialog(window);
            QVERIFY(dialog);
            dialog->startButton()->click();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->running() && dialog->findChild<QProgressBar*>()->value() > 0, 60000);
            dialog->cancelButton()->click();
            QVERIFY(!dialog->cancelButton()->isEnabled()); // it waits for the check to stop
            QVERIFY(dialog->isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(dialog->finished(), 30000);
            QVERIFY(dialog->report().cancelled);
            QVERIFY(dialog->report().checked < dialog->report().total);
            QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("cancelled")),
                qPrintable(dialog->summaryLabel()->text()));
            QVERIFY(dialog->cancelButton()->isEnabled());
            QTRY_COMPARE(db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'acci-console "
                                  "snapshot audit'"),
                0LL);
            dialog->cancelButton()->click(); // now Close
            QTRY_VERIFY(window.timeTravelPage()->snapshotAuditDialog() == nullptr);
            QVERIFY(window.timeTravelPage()->verifySnapshotsButton()->isEnabled());
        }
    }
};

QTEST_MAIN(TestSnapshotGui)
#include "tst_snapshot_gui.moc"

// Every text the console shows goes through tr() (issue 17, item 7). The .ts check in
// tst_console_gui sees only what tr() was given; this test sees what the user sees: it runs
// the console under a pseudo-translation that wraps every translated string in ⟦…⟧, opens
// every page and the dialogs, and fails on any visible text (labels, buttons, headers,
// tooltips, tile texts, menus, placeholders, the status bar, window titles) that has no mark
// and is not data from the store.
#include <QtTest>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTextDocument>
#include <QTranslator>
#include <QTreeView>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "TestDatabase.hpp"
#include "acci/store/EventStore.hpp"
#include "dialogs/AboutDialog.hpp"
#include "dialogs/CorrelationView.hpp"
#include "dialogs/InFlightView.hpp"
#include "dialogs/QuickOpen.hpp"
#include "dialogs/ShortcutsDialog.hpp"
#include "session/ConnectionProfile.hpp"
#include "window/MainWindow.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

const QString Open = QStringLiteral("⟦");
const QString Close = QStringLiteral("⟧");

// The pseudo-translation: every string asked for comes back marked, Qt's own included (a
// dialog's "OK" is translated text too).
class MarkingTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(context);
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (!sourceText || !*sourceText)
            return {};
        return Open + QString::fromUtf8(sourceText) + Close;
    }
};

struct Shown {
    QString where;
    QString text;
};

QString plain(const QString& text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument document;
    document.setHtml(text);
    return document.toPlainText();
}

QString describe(const QWidget* widget)
{
    QString path;
    for (const QObject* at = widget; at; at = at->parent())
        if (!at->objectName().isEmpty()) {
            path = at->objectName();
            break;
        }
    return QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ')
        + (path.isEmpty() ? QStringLiteral("(unnamed)") : path);
}

void addText(std::vector<Shown>& out, const QString& where, const QString& text)
{
    if (!text.trimmed().isEmpty())
        out.push_back({ where, plain(text) });
}

// What a person can read in `root` right now: the visible widgets' own texts, the headers of
// item views (their cells are data), tooltips and placeholders.
std::vector<Shown> visibleTexts(QWidget* root)
{
    std::vector<Shown> out;
    auto widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : widgets) {
        if (!widget->isVisible())
            continue;
        const QString where = describe(widget);
        addText(out, where + QStringLiteral(" tooltip"), widget->toolTip());
        if (widget->isWindow())
            addText(out, where + QStringLiteral(" title"), widget->windowTitle());
        if (auto* label = qobject_cast<QLabel*>(widget))
            addText(out, where, label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(widget))
            addText(out, where, button->text());
        else if (auto* box = qobject_cast<QGroupBox*>(widget))
            addText(out, where, box->title());
        else if (auto* line = qobject_cast<QLineEdit*>(widget))
            addText(out, where + QStringLiteral(" placeholder"), line->placeholderText());
        else if (auto* tabs = qobject_cast<QTabBar*>(widget))
            for (int i = 0; i < tabs->count(); ++i) {
                addText(out, where + QStringLiteral(" tab"), tabs->tabText(i));
                addText(out, where + QStringLiteral(" tab tooltip"), tabs->tabToolTip(i));
            }
        else if (auto* combo = qobject_cast<QComboBox*>(widget))
            for (int i = 0; i < combo->count(); ++i)
                addText(out, where + QStringLiteral(" item"), combo->itemText(i));
        if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model()) {
            auto* header = qobject_cast<QTableView*>(view) ? qobject_cast<QTableView*>(view)->horizontalHeader()
                : qobject_cast<QTreeView*>(view)           ? qobject_cast<QTreeView*>(view)->header()
                                                           : nullptr;
            if (header && header->isVisible())
                for (int column = 0; column < view->model()->columnCount(); ++column) {
                    if (header->isSectionHidden(column))
                        continue;
                    addText(out, where + QStringLiteral(" header"),
                        view->model()->headerData(column, Qt::Horizontal).toString());
                    addText(out, where + QStringLiteral(" header tooltip"),
                        view->model()->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
                }
            // The navigation's entries are the console's words, not data.
            if (auto* list = qobject_cast<QListWidget*>(view);
                list && list->objectName() == QLatin1String("navigation"))
                for (int i = 0; i < list->count(); ++i)
                    if (!list->item(i)->isHidden() && (list->item(i)->flags() & Qt::ItemIsSelectable))
                        addText(out, where + QStringLiteral(" entry"), list->item(i)->text());
        }
    }
    // Menus and the toolbar's actions: visible when opened, so all of them.
    for (QAction* action : root->findChildren<QAction*>()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        addText(
            out, QStringLiteral("action ") + action->objectName(), QString(action->text()).remove(QLatin1Char('&')));
        if (action->toolTip() != QString(action->text()).remove(QLatin1Char('&')))
            addText(out, QStringLiteral("action tooltip ") + action->objectName(), action->toolTip());
    }
    if (auto* window = qobject_cast<QMainWindow*>(root))
        addText(out, QStringLiteral("status bar"), window->statusBar()->currentMessage());
    return out;
}

// The status bar's user@host/dbname, as the session describes where it went.
QString serverSummary(pqxx::connection& connection)
{
    return QString::fromStdString(
        std::string(connection.username()) + "@" + connection.hostname() + "/" + connection.dbname());
}

} // namespace

class TestPseudoTranslation : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    MarkingTranslator m_translator;
    QStringList m_data; // the store's own strings, longest first
    QString m_correlation;

    // Not translatable: the data, then numbers, times and punctuation. What is left with a
    // letter in it must carry a mark.
    bool untranslated(QString text) const
    {
        // Marked spans out, innermost first (a translated sentence may hold translated words).
        static const QRegularExpression marked(QStringLiteral("⟦[^⟦⟧]*⟧"));
        while (text.contains(marked))
            text.remove(marked);
        for (const auto& data : m_data)
            text.remove(data);
        return text.contains(QRegularExpression(QStringLiteral("\\p{L}{2,}")));
    }

    QStringList failures(QWidget* root, const QString& context) const
    {
        QStringList found;
        for (const auto& shown : visibleTexts(root))
            if (untranslated(shown.text))
                found << QStringLiteral("%1 · %2: \"%3\"").arg(context, shown.where, shown.text.left(160));
        return found;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::installTranslator(&m_translator);
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore events(*connection);
        m_correlation = QStringLiteral("0b5d4a52-7d0e-4f5c-9d37-1f6f0d0c2a11");
        const auto event = [&](const char* type, const nlohmann::json& data) {
            store::NewEvent e;
            e.eventType = type;
            e.data = data;
            e.metadata = { { "correlation_id", m_correlation.toStdString() }, { "user_id", "clerk-7" },
                { "tenant_id", "acme" } };
            return e;
        };
        events.append("order-1", "Order", store::ExpectedVersion::NoStream,
            { event("OrderPlaced", { { "total", 12.5 } }), event("OrderPaid", { { "paid", true } }) });
        events.append("user-1", "User", store::ExpectedVersion::NoStream,
            { event("UserCreated", { { "email", "ana@example.com" }, { "name", "Ana" } }) });
        // The store's strings, as the pages show them.
        pqxx::nontransaction tx(*connection);
        for (const char* sql :
            { "SELECT DISTINCT aggregate_id FROM events", "SELECT DISTINCT aggregate_type FROM events",
                "SELECT DISTINCT event_type FROM events", "SELECT DISTINCT jsonb_object_keys(data) FROM events",
                "SELECT DISTINCT value FROM events, jsonb_each_text(data)",
                "SELECT DISTINCT value FROM events, jsonb_each_text(metadata)", "SELECT current_database()",
                "SELECT current_user", "SELECT projection FROM projection_checkpoints" })
            for (const auto& row : tx.exec(sql))
                m_data << QString::fromUtf8(row[0].c_str());
        m_data << QStringLiteral("user_view") << QString::fromStdString(m_db->conninfo())
               << serverSummary(*connection) // the status bar's
               << ConnectionProfile(QString::fromStdString(m_db->conninfo())).displayName(); // Monitoring's
        std::sort(m_data.begin(), m_data.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    }
    void cleanupTestCase()
    {
        QCoreApplication::removeTranslator(&m_translator);
        m_db.reset();
    }

    void everyPageSpeaksThroughTr()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList found;
        for (int page = 0; page < MainWindow::NavigablePages; ++page) {
            window.showPage(page);
            QTest::qWait(1500); // its reads arrive, its empty states and figures show
            found << failures(&window, QStringLiteral("page %1").arg(page));
        }
        // An aggregate open, and in time travel: the panes that show only then.
        window.openAggregate(QStringLiteral("order-1"), 2);
        QTest::qWait(1000);
        found << failures(&window, QStringLiteral("aggregate"));
        window.openTimeTravel(QStringLiteral("user-1"), 1);
        QTest::qWait(1500);
        found << failures(&window, QStringLiteral("time travel"));
        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void everyDialogSpeaksThroughTr()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(500);
        QStringList found;

        window.showQuickOpen();
        auto* quickOpen = window.quickOpen();
        QVERIFY(quickOpen);
        QTest::qWait(200);
        found << failures(quickOpen, QStringLiteral("quick open"));
        quickOpen->findChild<QLineEdit*>()->setText(QStringLiteral("order"));
        QTest::qWait(1000);
        found << failures(quickOpen, QStringLiteral("quick open, matches"));
        quickOpen->hide();

        window.showFlow(m_correlation);
        CorrelationView* flow = nullptr;
        QTRY_VERIFY((flow = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(flow->diagramReady());
        found << failures(flow, QStringLiteral("flow"));
        flow->close();

        window.showInFlight();
        auto* inFlight = window.findChild<InFlightView*>();
        QVERIFY(inFlight);
        QTest::qWait(1000);
        found << failures(inFlight, QStringLiteral("in flight"));
        inFlight->close();

        window.showShortcuts();
        auto* shortcuts = window.findChild<ShortcutsDialog*>();
        QVERIFY(shortcuts);
        found << failures(shortcuts, QStringLiteral("shortcuts"));
        shortcuts->close();

        window.showAbout();
        auto* about = window.findChild<AboutDialog*>();
        QVERIFY(about);
        QTest::qWait(1000); // the server's version comes from a worker
        found << failures(about, QStringLiteral("about"));
        about->close();

        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    // A database without the schema: the schema page, the one page shown only then.
    void theSchemaPageSpeaksThroughTr()
    {
        testing::TestDatabase empty(testing::TestDatabase::Schema::Empty);
        m_data.prepend(serverSummary(*empty.connect()));
        MainWindow window(QString::fromStdString(empty.conninfo()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(1500);
        auto found = failures(&window, QStringLiteral("schema page"));
        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    // The check itself catches what it should: an English label with no tr() fails it.
    void anUntranslatedLabelIsCaught()
    {
        QWidget root;
        auto* marked = new QLabel(QObject::tr("Events"), &root);
        auto* data = new QLabel(QStringLiteral("order-1 · 12:04:05 · 1,234"), &root);
        auto* bare = new QLabel(QStringLiteral("Dead letters"), &root);
        Q_UNUSED(marked);
        Q_UNUSED(data);
        Q_UNUSED(bare);
        root.show();
        QVERIFY(QTest::qWaitForWindowExposed(&root));
        const auto found = failures(&root, QStringLiteral("self-check"));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.front().contains(QStringLiteral("Dead letters")), qPrintable(found.front()));
    }
};

QTEST_MAIN(TestPseudoTranslation)
#include "tst_pseudo_translation.moc"

// The flow diagram: its layout as a unit (arrows, lanes, runs, cycles, routing), and the
// window on a real PostgreSQL, offscreen: nodes and arrows against the causation metadata,
// clicks, time travel, export, and a large flow that never blocks the window.
#include <QtTest>

#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QUuid>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <pqxx/pqxx>

#include <map>
#include <set>

#include "TestDatabase.hpp"
#include "acci/store/EventStore.hpp"
#include "dialogs/CorrelationView.hpp"
#include "flow/FlowLayout.hpp"
#include "flow/FlowScene.hpp"
#include "flow/FlowView.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "widgets/EventDetailView.hpp"
#include "window/MainWindow.hpp"

using namespace acci;
using namespace acci::ui;
using flow::Cause;
using flow::FlowEvent;
using flow::FlowNode;

namespace {

constexpr std::int64_t Start = 1'750'000'000'000'000; // microseconds, a day in 2025

FlowEvent flowEvent(const char* id, const char* aggregate, int second, const char* cause = "")
{
    return { QString::fromLatin1(id), QString::fromLatin1(aggregate), QStringLiteral("Thing"),
        QStringLiteral("Happened"), 1, Start + second * 1'000'000LL, QString::fromLatin1(cause) };
}

using Arrow = std::pair<QString, QString>; // cause id, effect id

std::set<Arrow> arrowsOf(const flow::FlowDiagram& d)
{
    std::set<Arrow> arrows;
    for (const auto& edge : d.edges) {
        // An arrow joins the nodes of its two events.
        if (d.nodeOfEvent[static_cast<std::size_t>(edge.causeEvent)] != edge.from
            || d.nodeOfEvent[static_cast<std::size_t>(edge.effectEvent)] != edge.to)
            return {};
        arrows.emplace(d.events[static_cast<std::size_t>(edge.causeEvent)].id,
            d.events[static_cast<std::size_t>(edge.effectEvent)].id);
    }
    return arrows;
}

// Every event in exactly one node, on its aggregate's lane, in time order along the lane.
bool nodesCoverEvents(const flow::FlowDiagram& d)
{
    std::vector<int> seen(d.events.size(), 0);
    for (std::size_t n = 0; n < d.nodes.size(); ++n) {
        const auto& node = d.nodes[n];
        for (int e : node.events) {
            ++seen[static_cast<std::size_t>(e)];
            if (d.nodeOfEvent[static_cast<std::size_t>(e)] != static_cast<int>(n))
                return false;
            if (d.lanes[static_cast<std::size_t>(node.lane)].aggregateId
                != d.events[static_cast<std::size_t>(e)].aggregateId)
                return false;
        }
    }
    if (std::any_of(seen.begin(), seen.end(), [](int count) { return count != 1; }))
        return false;
    std::map<int, std::pair<int, int>> lastOnLane; // lane -> (column, newest event)
    std::vector<std::size_t> order(d.nodes.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](std::size_t a, std::size_t b) { return d.nodes[a].events.front() < d.nodes[b].events.front(); });
    for (std::size_t n : order) {
        const auto& node = d.nodes[n];
        auto found = lastOnLane.find(node.lane);
        if (found != lastOnLane.end()
            && (node.column <= found->second.first || node.events.front() < found->second.second))
            return false;
        lastOnLane[node.lane] = { node.column, node.events.back() };
    }
    return true;
}

// The segment of an arrow that crosses a node other than its own two, if one does.
QString crossing(const flow::FlowDiagram& d)
{
    for (const auto& edge : d.edges) {
        for (std::size_t i = 0; i + 1 < edge.path.size(); ++i) {
            const QRectF segment = QRectF(edge.path[i], edge.path[i + 1]).normalized().adjusted(-0.1, -0.1, 0.1, 0.1);
            for (std::size_t n = 0; n < d.nodes.size(); ++n) {
                if (static_cast<int>(n) == edge.from || static_cast<int>(n) == edge.to)
                    continue;
                if (segment.intersects(d.nodes[n].rect.adjusted(1, 1, -1, -1)))
                    return QStringLiteral("edge %1 -> %2 crosses node %3")
                        .arg(d.events[static_cast<std::size_t>(edge.causeEvent)].id,
                            d.events[static_cast<std::size_t>(edge.effectEvent)].id)
                        .arg(n);
            }
        }
    }
    return {};
}

QString l1(const char* text)
{
    return QString::fromLatin1(text);
}

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

store::NewEvent newEvent(const QString& id, const char* type, std::int64_t us, const QString& correlation,
    const QString& causation, int n = 0)
{
    store::NewEvent e;
    e.id = id.toStdString();
    e.eventType = type;
    e.data = { { "n", n } };
    e.metadata = { { "correlation_id", correlation.toStdString() }, { "user_id", "flow-tester" } };
    if (!causation.isEmpty())
        e.metadata["causation_id"] = causation.toStdString();
    e.timestampUs = us;
    return e;
}

// ACCI_FLOW_EXPORT_DIR, when set, gets a PNG of the diagrams the tests draw (to look at them).
void keepPicture(CorrelationView* view, const QString& name)
{
    const QString dir = qEnvironmentVariable("ACCI_FLOW_EXPORT_DIR");
    if (!dir.isEmpty())
        view->exportPng(QDir(dir).filePath(name + QStringLiteral(".png")));
}

void keepPicture(const flow::FlowDiagram& diagram, const QString& name)
{
    const QString dir = qEnvironmentVariable("ACCI_FLOW_EXPORT_DIR");
    if (dir.isEmpty())
        return;
    flow::FlowScene scene;
    scene.setDiagram(diagram, name, QGuiApplication::palette());
    scene.exportPng(QDir(dir).filePath(name + QStringLiteral(".png")));
    QPalette dark; // and on a dark palette
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    scene.setDiagram(diagram, name, dark);
    scene.exportPng(QDir(dir).filePath(name + QStringLiteral("-dark.png")));
}

// The longest time the GUI thread went without running its timers, while `until` is false.
qint64 longestStallWhile(const std::function<bool()>& waiting, int timeoutMs = 20000)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 longest = 0;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
    });
    tick.start();
    while (waiting() && clock.elapsed() < timeoutMs)
        QTest::qWait(5);
    longest = std::max(longest, clock.elapsed() - last);
    return longest;
}

} // namespace

class TestFlowGui : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    QString m_correlation;
    std::map<QString, QString> m_ids; // name -> event id

private slots:
    // --- the layout, as a unit ---------------------------------------------------------

    void arrowsLanesAndMarksFollowTheCauses()
    {
        // A fan-out (a -> b, c, d), a chain across lanes (d -> e -> f -> g), a cause outside
        // the flow (x) and none (y).
        const std::vector<FlowEvent> events = { flowEvent("a", "order", 0, "command-1"),
            flowEvent("b", "order", 1, "a"), flowEvent("c", "order", 2, "a"), flowEvent("d", "account", 3, "a"),
            flowEvent("e", "account", 4, "d"), flowEvent("f", "order", 5, "e"), flowEvent("g", "shipment", 6, "f"),
            flowEvent("x", "user", 7, "elsewhere"), flowEvent("y", "user", 8) };
        const auto d = flow::layoutFlow(events);
        QCOMPARE(d.nodes.size(), events.size());
        QVERIFY(nodesCoverEvents(d));
        const std::set<Arrow> expected = { { l1("a"), l1("b") }, { l1("a"), l1("c") }, { l1("a"), l1("d") },
            { l1("d"), l1("e") }, { l1("e"), l1("f") }, { l1("f"), l1("g") } };
        QCOMPARE(arrowsOf(d), expected);
        QStringList lanes;
        for (const auto& lane : d.lanes)
            lanes << lane.aggregateId;
        QCOMPARE(lanes, (QStringList { l1("order"), l1("account"), l1("shipment"), l1("user") }));
        const auto causeOf = [&](const char* id) {
            for (std::size_t i = 0; i < d.events.size(); ++i)
                if (d.events[i].id == QLatin1String(id))
                    return d.causes[i];
            return Cause::InFlow;
        };
        QCOMPARE(causeOf("a"), Cause::Outside);
        QCOMPARE(causeOf("x"), Cause::Outside);
        QCOMPARE(causeOf("y"), Cause::Missing);
        QCOMPARE(causeOf("e"), Cause::InFlow);
        QVERIFY2(crossing(d).isEmpty(), qPrintable(crossing(d)));
        // Each node right of its cause.
        for (const auto& edge : d.edges)
            QVERIFY(d.nodes[static_cast<std::size_t>(edge.to)].column
                > d.nodes[static_cast<std::size_t>(edge.from)].column);
    }

    void cyclesAndCausesLaterThanTheirEffectsAreDrawnNotFollowed()
    {
        // p and q cause each other; r causes itself; s is caused by t, which comes later.
        const std::vector<FlowEvent> events = { flowEvent("p", "one", 0, "q"), flowEvent("q", "two", 1, "p"),
            flowEvent("r", "one", 2, "r"), flowEvent("s", "two", 3, "t"), flowEvent("t", "three", 4, "s") };
        QElapsedTimer clock;
        clock.start();
        const auto d = flow::layoutFlow(events);
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY(nodesCoverEvents(d));
        QCOMPARE(d.edges.size(), std::size_t(4)); // p<->q, s<->t; r's own id draws no arrow
        int backward = 0;
        for (const auto& edge : d.edges) {
            backward += edge.backward ? 1 : 0;
            QVERIFY(edge.path.size() >= 2);
            QCOMPARE(edge.path.front().x(), d.nodes[static_cast<std::size_t>(edge.from)].rect.right());
            QCOMPARE(edge.path.back().x(), d.nodes[static_cast<std::size_t>(edge.to)].rect.left());
        }
        QCOMPARE(backward, 2); // q -> p and t -> s point back in time
        QCOMPARE(d.causes[2], Cause::Itself);
        QVERIFY2(crossing(d).isEmpty(), qPrintable(crossing(d)));
        keepPicture(d, QStringLiteral("cycles"));
    }

    void runsWithoutArrowsCollapseAndOpen()
    {
        std::vector<FlowEvent> events;
        events.push_back(flowEvent("start", "hub", 0, "command"));
        for (int i = 0; i < 12; ++i) // twelve commands on one aggregate: no arrows
            events.push_back(flowEvent(qPrintable(QStringLiteral("quiet-%1").arg(i)), "busy", 1 + i,
                qPrintable(QStringLiteral("command-%1").arg(i))));
        events.push_back(flowEvent("end", "busy", 20, "start")); // an arrow ends the run
        events.push_back(flowEvent("two-a", "pair", 21)); // two alone stay as they are
        events.push_back(flowEvent("two-b", "pair", 22));
        auto d = flow::layoutFlow(events);
        QVERIFY(nodesCoverEvents(d));
        QCOMPARE(d.collapsedRuns, 1);
        QCOMPARE(d.collapsedEvents, 12);
        QCOMPARE(d.nodes.size(), events.size() - 11);
        const auto run = std::find_if(
            d.nodes.begin(), d.nodes.end(), [](const FlowNode& n) { return n.kind == FlowNode::Kind::Run; });
        QVERIFY(run != d.nodes.end());
        QCOMPARE(run->events.size(), std::size_t(12));
        QCOMPARE(run->outsideCauses, 12); // marked, not lost
        QCOMPARE(run->runKey, QStringLiteral("quiet-0"));

        flow::FlowLayoutOptions options;
        options.expandedRuns.insert(run->runKey);
        d = flow::layoutFlow(events, options);
        QCOMPARE(d.collapsedRuns, 0);
        QCOMPARE(d.nodes.size(), events.size());
        // A pinned (selected) event stays out of a run: the run splits around it.
        options.expandedRuns.clear();
        options.pinned.insert(QStringLiteral("quiet-5"));
        d = flow::layoutFlow(events, options);
        QCOMPARE(d.collapsedRuns, 2);
        QCOMPARE(d.collapsedEvents, 11);
        QVERIFY(nodesCoverEvents(d));
    }

    // A dense random flow: arrows never cross a node, and thousands of events lay out fast.
    void largeFlowsRouteAroundNodesAndLayOutFast()
    {
        QRandomGenerator random(17);
        std::vector<FlowEvent> events;
        for (int i = 0; i < 5000; ++i) {
            const QString id = QStringLiteral("e%1").arg(i);
            const QString lane = QStringLiteral("aggregate-%1").arg(random.bounded(12));
            QString cause;
            const int roll = random.bounded(10);
            if (i > 0 && roll < 4)
                cause = QStringLiteral("e%1").arg(random.bounded(std::max(1, i - 30), i)); // a recent cause
            else if (roll == 4)
                cause = QStringLiteral("e%1").arg(random.bounded(5000)); // anywhere, forward too
            else
                cause = QStringLiteral("command-%1").arg(i);
            events.push_back(
                { id, lane, QStringLiteral("Thing"), QStringLiteral("Happened"), i + 1, Start + i * 1000LL, cause });
        }
        QElapsedTimer clock;
        clock.start();
        const auto d = flow::layoutFlow(events);
        const auto elapsed = clock.elapsed();
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
        QVERIFY(nodesCoverEvents(d));
        QVERIFY(d.collapsedRuns > 0);
        std::size_t inFlow = 0;
        for (auto cause : d.causes)
            inFlow += cause == Cause::InFlow ? 1 : 0;
        QCOMPARE(d.edges.size(), inFlow);
        // Drawing it is the GUI thread's part: one item per node and arrow, nothing costly.
        flow::FlowLayoutOptions open;
        open.collapseRuns = false;
        auto every = flow::layoutFlow(events, open);
        QCOMPARE(every.nodes.size(), std::size_t(5000));
        flow::FlowScene scene;
        clock.restart();
        scene.setDiagram(std::move(every), QStringLiteral("every"), QGuiApplication::palette());
        const auto drawn = clock.elapsed();
        qInfo("layout of 5000 events: %lld ms; items for them, uncollapsed: %lld ms", static_cast<long long>(elapsed),
            static_cast<long long>(drawn));
        QVERIFY2(drawn < 1000, qPrintable(QString::number(drawn)));
        QVERIFY(!scene.toolTipOf(0).isEmpty());
        const auto small = flow::layoutFlow(std::vector<FlowEvent>(events.begin(), events.begin() + 400));
        QVERIFY2(crossing(small).isEmpty(), qPrintable(crossing(small)));
        keepPicture(flow::layoutFlow(std::vector<FlowEvent>(events.begin(), events.begin() + 120)),
            QStringLiteral("dense-flow"));
    }

    void anEmptyFlowIsEmpty()
    {
        const auto d = flow::layoutFlow({});
        QVERIFY(d.nodes.empty() && d.edges.empty() && d.lanes.empty());
        flow::FlowScene scene;
        scene.setDiagram(d, QStringLiteral("nothing"), QGuiApplication::palette());
        QCOMPARE(scene.nodeAt(QPointF(10, 10)), -1);
    }

    // --- the window, on a real store ---------------------------------------------------

    void initTestCase()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        auto connection = m_db->connect();
        store::EventStore eventStore(*connection);
        m_correlation = uuid();
        for (const char* name : { "placed", "item1", "item2", "debited", "captured", "paid", "requested", "dispatched",
                 "notified", "noted" })
            m_ids[QString::fromLatin1(name)] = uuid();
        const auto id = [&](const char* name) { return m_ids.at(QString::fromLatin1(name)); };
        const auto at = [](int second) { return Start + second * 1'000'000LL; };
        const QString c = m_correlation;
        // Written aggregate by aggregate: the diagram orders by time, not by the log.
        eventStore.append("flow-order-1", "Order", store::ExpectedVersion::NoStream,
            { newEvent(id("placed"), "OrderPlaced", at(0), c, QStringLiteral("command-place-order")),
                newEvent(id("item1"), "OrderItemAdded", at(1), c, id("placed"), 1),
                newEvent(id("item2"), "OrderItemAdded", at(2), c, id("placed"), 2),
                newEvent(id("paid"), "OrderPaid", at(5), c, id("captured")) });
        eventStore.append("flow-account-1", "Account", store::ExpectedVersion::NoStream,
            { newEvent(id("debited"), "AccountDebited", at(3), c, id("placed")),
                newEvent(id("captured"), "PaymentCaptured", at(4), c, id("debited")) });
        eventStore.append("flow-shipment-1", "Shipment", store::ExpectedVersion::NoStream,
            { newEvent(id("requested"), "ShipmentRequested", at(6), c, id("paid")),
                newEvent(id("dispatched"), "ShipmentDispatched", at(7), c, id("requested")) });
        eventStore.append("flow-user-1", "User", store::ExpectedVersion::NoStream,
            { newEvent(id("notified"), "UserNotified", at(8), c, uuid()), // an orphan: its cause is nowhere
                newEvent(id("noted"), "UserNoted", at(9), c, QString()) }); // no causation id at all
        // Another flow on the same aggregates, which must not show.
        eventStore.append("flow-order-1", "Order", store::ExpectedVersion::Any,
            { newEvent(uuid(), "OrderNoted", at(10), uuid(), QString()) });
    }
    void cleanupTestCase() { m_db.reset(); }

    void theDiagramDrawsTheCausationMetadata()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showFlow(m_correlation, m_ids.at(QStringLiteral("paid")));
        CorrelationView* view = nullptr;
        QTRY_VERIFY((view = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(view->diagramReady());
        const auto& d = view->flowScene()->diagram();

        // Nodes: one per event of the flow (none collapsed: no three unconnected in a row).
        const std::string c = m_correlation.toStdString();
        QCOMPARE(static_cast<long long>(d.nodes.size()),
            m_db->count("SELECT count(*) FROM events WHERE metadata ->> 'correlation_id' = '" + c + "'"));
        QVERIFY(nodesCoverEvents(d));
        // Arrows: exactly the causation ids that name another event of the flow.
        std::set<Arrow> expected;
        {
            auto connection = m_db->connect();
            pqxx::nontransaction tx(*connection);
            for (const auto& row : tx.exec("SELECT cause.id::text, effect.id::text FROM events effect JOIN events "
                                           "cause ON cause.id::text = effect.metadata ->> 'causation_id' WHERE "
                                           "effect.metadata ->> 'correlation_id' = '"
                     + c + "' AND cause.metadata ->> 'correlation_id' = '" + c + "'"))
                expected.emplace(QString::fromUtf8(row[0].c_str()), QString::fromUtf8(row[1].c_str()));
        }
        QCOMPARE(expected.size(), std::size_t(7));
        QCOMPARE(arrowsOf(d), expected);
        // Lanes: the flow's aggregates.
        std::set<QString> lanes;
        for (const auto& lane : d.lanes)
            lanes.insert(lane.aggregateId);
        QCOMPARE(lanes,
            (std::set<QString> { l1("flow-order-1"), l1("flow-account-1"), l1("flow-shipment-1"), l1("flow-user-1") }));
        // The orphan and the event without a cause are marked.
        const auto causeOf = [&](const char* name) {
            const int node = view->flowScene()->nodeOfEvent(m_ids.at(QString::fromLatin1(name)));
            return d.causes[static_cast<std::size_t>(d.nodes[static_cast<std::size_t>(node)].events.front())];
        };
        QCOMPARE(causeOf("notified"), Cause::Outside);
        QCOMPARE(causeOf("noted"), Cause::Missing);
        QCOMPARE(causeOf("placed"), Cause::Outside); // a command's id
        QVERIFY(view->flowScene()
                    ->toolTipOf(view->flowScene()->nodeOfEvent(m_ids.at(QStringLiteral("noted"))))
                    .contains(QStringLiteral("No causation id")));
        QVERIFY2(crossing(d).isEmpty(), qPrintable(crossing(d)));
        keepPicture(view, QStringLiteral("known-flow"));

        // The event it was opened from is selected, and shown.
        QCOMPARE(view->flowScene()->selectedEvent(), m_ids.at(QStringLiteral("paid")));
        const auto summary = [&] {
            QString text;
            for (auto* label : view->detail()->findChildren<QLabel*>())
                text += label->text();
            return text;
        };
        QVERIFY(summary().contains(m_ids.at(QStringLiteral("paid"))));

        // The list tab keeps every event, as a tree of causes.
        int listed = 0;
        for (QTreeWidgetItemIterator it(view->tree()); *it; ++it)
            ++listed;
        QCOMPARE(static_cast<std::size_t>(listed), d.events.size());
    }

    // A cycle of causes in the data (A caused by B, B by A): the list keeps both events and
    // marks the one it had to make a root, as the diagram marks it.
    void theListMarksACycleOfCauses()
    {
        const QString correlation = uuid();
        const QString a = uuid();
        const QString b = uuid();
        {
            auto connection = m_db->connect();
            store::EventStore(*connection)
                .append("cycle-1", "Order", store::ExpectedVersion::NoStream,
                    { newEvent(a, "OrderPlaced", Start, correlation, b),
                        newEvent(b, "OrderPaid", Start + 1'000'000, correlation, a) });
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showFlow(correlation, a);
        CorrelationView* view = nullptr;
        QTRY_VERIFY((view = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(view->diagramReady());
        int listed = 0;
        int marked = 0;
        for (QTreeWidgetItemIterator it(view->tree()); *it; ++it) {
            ++listed;
            if ((*it)->text(0).startsWith(QStringLiteral("↻")) && (*it)->toolTip(0).contains(QStringLiteral("cycle")))
                ++marked;
        }
        QCOMPARE(listed, 2);
        QCOMPARE(marked, 1);
    }

    void aClickOpensTheEventAndADoubleClickTimeTravels()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showFlow(m_correlation);
        CorrelationView* view = nullptr;
        QTRY_VERIFY((view = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(view->diagramReady());
        QVERIFY(QTest::qWaitForWindowExposed(view));
        auto* scene = view->flowScene();
        auto* flowView = view->flowView();
        const auto pointOf = [&](const char* name) {
            const int node = scene->nodeOfEvent(m_ids.at(QString::fromLatin1(name)));
            flowView->centreOnNode(node);
            return flowView->mapFromScene(scene->diagram().nodes[static_cast<std::size_t>(node)].rect.center());
        };

        QTest::mouseClick(flowView->viewport(), Qt::LeftButton, {}, pointOf("item2"));
        QTRY_COMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("item2")));
        QCOMPARE(scene->selectedEvent(), m_ids.at(QStringLiteral("item2")));
        QTRY_VERIFY(view->detail()->dataTree()->model()->rowCount() > 0);
        const auto* data = view->detail()->dataTree()->model();
        QCOMPARE(data->index(0, 1).data().toString(), QStringLiteral("2")); // item2's {"n": 2}
        // The list follows the diagram.
        QCOMPARE(view->tree()->currentItem()->data(0, Qt::UserRole).toString(), m_ids.at(QStringLiteral("item2")));

        // A drag pans, and selects nothing.
        const QPoint from = pointOf("debited");
        QTest::mousePress(flowView->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(flowView->viewport(), from + QPoint(-60, -20));
        QTest::mouseRelease(flowView->viewport(), Qt::LeftButton, {}, from + QPoint(-60, -20));
        QCOMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("item2")));

        // The arrow keys walk the events in time order.
        flowView->setFocus();
        QTest::keyClick(flowView, Qt::Key_Right);
        QCOMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("debited")));
        QTest::keyClick(flowView, Qt::Key_Left);
        QTest::keyClick(flowView, Qt::Key_Left);
        QCOMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("item1")));

        QSignalSpy timeTravel(view, &CorrelationView::timeTravelRequested);
        QTest::mouseDClick(flowView->viewport(), Qt::LeftButton, {}, pointOf("captured"));
        QTRY_COMPARE(timeTravel.size(), 1);
        QCOMPARE(timeTravel[0][0].toString(), QStringLiteral("flow-account-1"));
        QCOMPARE(timeTravel[0][1].toInt(), 2);
        QTRY_COMPARE(window.timeTravelPage()->shownVersion(), 2);
        QCOMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("captured")));
        view->activateWindow();
        flowView->setFocus();
        QTest::keyClick(flowView, Qt::Key_Return); // the selected event, from the keyboard
        QTRY_COMPARE(timeTravel.size(), 2);
        QCOMPARE(timeTravel[1][0].toString(), QStringLiteral("flow-account-1"));
        QCOMPARE(window.findChild<QLineEdit*>(QStringLiteral("timeTravelAggregate"))->text(),
            QStringLiteral("flow-account-1"));

        // Zoom: keys and buttons, within limits.
        const double before = flowView->zoom();
        flowView->setFocus();
        QTest::keyClick(flowView, Qt::Key_Plus);
        QVERIFY(flowView->zoom() > before);
        QTest::keyClick(flowView, Qt::Key_Minus);
        QTest::keyClick(flowView, Qt::Key_Minus);
        QVERIFY(flowView->zoom() < before);
        const double beforeWheel = flowView->zoom();
        const QPointF at(flowView->viewport()->rect().center());
        QWheelEvent wheel(at, flowView->viewport()->mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton,
            Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(flowView->viewport(), &wheel);
        QVERIFY(flowView->zoom() > beforeWheel); // Ctrl+wheel zooms
        flowView->zoomToFit();
        QVERIFY(flowView->zoom() <= 1.0);
    }

    // "Show flow" on an event in the aggregate browser opens the diagram with that event selected.
    void showFlowFromAnEventSelectsIt()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showPage(MainWindow::AggregatesPage); // the window opens on the overview
        auto* browser = window.browserPage();
        browser->openAggregate(QStringLiteral("flow-account-1"), 2);
        QTRY_COMPARE(browser->streamView()->currentIndex().row(), 1);
        QPushButton* showFlow = nullptr;
        for (auto* button : browser->detail()->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("Show flow"))
                showFlow = button;
        QVERIFY(showFlow && showFlow->isVisible());
        QTRY_VERIFY(browser->detail()->dataTree()->model()->rowCount() > 0); // the event is shown
        showFlow->click();
        CorrelationView* view = nullptr;
        QTRY_VERIFY((view = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(view->diagramReady());
        QCOMPARE(view->selectedEvent(), m_ids.at(QStringLiteral("captured")));
        QCOMPARE(view->flowScene()->selectedEvent(), m_ids.at(QStringLiteral("captured")));
        // The flow window's own detail has no "Show flow": it would lead here again.
        for (auto* button : view->detail()->findChildren<QPushButton*>())
            QVERIFY(button->text() != QStringLiteral("Show flow") || !button->isVisible());
    }

    void exportWritesAPngAndAValidSvg()
    {
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        window.showFlow(m_correlation);
        CorrelationView* view = nullptr;
        QTRY_VERIFY((view = window.findChild<CorrelationView*>()) != nullptr);
        QTRY_VERIFY(view->diagramReady());
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("flow.png"));
        QVERIFY(view->exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= view->flowScene()->sceneRect().width());
        QVERIFY(image.pixel(image.width() / 2, image.height() / 2) != 0); // painted, not transparent

        const QString svg = dir.filePath(QStringLiteral("flow.svg"));
        QVERIFY(view->exportSvg(svg));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QXmlStreamReader xml(text);
        QStringList elements;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement)
                elements << xml.name().toString();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(elements.value(0), QStringLiteral("svg"));
        QVERIFY(elements.contains(QStringLiteral("path")));
        QVERIFY(text.contains("ShipmentDispatched")); // the nodes' text is text
        QVERIFY(text.contains("flow-shipment-1"));
    }

    // 500 events on five aggregates, most caused by commands: runs collapse, the layout runs
    // off the GUI thread, and opening a run shows its events.
    void aLargeFlowCollapsesRunsWithoutBlocking()
    {
        const QString correlation = uuid();
        std::set<std::pair<QString, QString>> arrows;
        {
            auto connection = m_db->connect();
            store::EventStore eventStore(*connection);
            std::map<std::string, std::vector<store::NewEvent>> streams;
            std::vector<QString> ids;
            for (int i = 0; i < 500; ++i) {
                const QString id = uuid();
                // Every 25th event is caused by the one before it on another aggregate.
                const QString cause = i % 25 == 0 && i > 0 ? ids.back() : QStringLiteral("command-%1").arg(i);
                if (i % 25 == 0 && i > 0)
                    arrows.emplace(cause, id);
                const int lane = i % 25 == 0 ? (i / 25) % 5 : (i / 7) % 5;
                streams["big-" + std::to_string(lane)].push_back(
                    newEvent(id, "Counted", Start + 100'000'000 + i * 1000LL, correlation, cause, i));
                ids.push_back(id);
            }
            for (auto& [aggregate, events] : streams)
                eventStore.append(aggregate, "Counter", store::ExpectedVersion::NoStream, std::move(events));
        }
        MainWindow window(QString::fromStdString(m_db->conninfo()));
        window.show();
        QTRY_VERIFY(window.session()->idle());
        window.showFlow(correlation);
        auto* view = window.findChild<CorrelationView*>();
        QVERIFY(view);
        const qint64 stall = longestStallWhile([&] { return !view->diagramReady(); });
        QVERIFY(view->diagramReady());
        qInfo("500 events: the longest GUI stall while they were read and laid out: %lld ms",
            static_cast<long long>(stall));
        QVERIFY2(stall < 250, qPrintable(QStringLiteral("the window stalled for %1 ms").arg(stall)));
        const auto& d = view->flowScene()->diagram();
        QCOMPARE(d.events.size(), std::size_t(500));
        QCOMPARE(d.lanes.size(), std::size_t(5));
        QVERIFY(d.collapsedRuns > 10);
        QVERIFY(d.nodes.size() < 200);
        QVERIFY(nodesCoverEvents(d));
        QCOMPARE(arrowsOf(d), arrows);
        keepPicture(view, QStringLiteral("large-flow"));

        // A click on a run opens it.
        const auto run = std::find_if(
            d.nodes.begin(), d.nodes.end(), [](const FlowNode& n) { return n.kind == FlowNode::Kind::Run; });
        QVERIFY(run != d.nodes.end());
        const std::size_t before = d.nodes.size();
        const std::size_t members = run->events.size();
        const int index = static_cast<int>(run - d.nodes.begin());
        QVERIFY(QTest::qWaitForWindowExposed(view));
        view->flowView()->resetZoom();
        view->flowView()->centreOnNode(index);
        QTest::mouseClick(
            view->flowView()->viewport(), Qt::LeftButton, {}, view->flowView()->mapFromScene(run->rect.center()));
        QTRY_COMPARE(view->flowScene()->diagram().nodes.size(), before + members - 1);
        QTRY_VERIFY(view->diagramReady());
        // Collapsing off: one node per event.
        view->findChild<QToolButton*>(QStringLiteral("collapseRunsButton"))->click();
        QTRY_COMPARE(view->flowScene()->diagram().nodes.size(), std::size_t(500));
    }
};

QTEST_MAIN(TestFlowGui)
#include "tst_flow_gui.moc"

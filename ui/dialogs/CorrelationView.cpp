#include "dialogs/CorrelationView.hpp"

#include <QColor>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

#include "acci/store/EventStore.hpp"
#include "flow/FlowScene.hpp"
#include "flow/FlowView.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "widgets/EventDetailView.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/LatestOnlyRunner.hpp"

namespace acci::ui {

namespace {
    constexpr int MaxEvents = 5000; // a flow bigger than this is a log filter's job

    QToolButton* toolButton(const QString& text, const QString& toolTip, QWidget* parent)
    {
        auto* button = new QToolButton(parent);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAutoRaise(true);
        return button;
    }
} // namespace

CorrelationView::CorrelationView(
    DatabaseWorker* worker, const QString& correlationId, const QString& selectedEventId, QWidget* parent)
    : QDialog(parent)
    , m_correlationId(correlationId)
    , m_title(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeWidget(this))
    , m_scene(new flow::FlowScene(this))
    , m_view(nullptr)
    , m_detail(new EventDetailView(this))
    , m_collapse(nullptr)
    , m_layoutRunner(new LatestOnlyRunner(this))
    , m_selected(selectedEventId)
{
    setWindowTitle(tr("Flow %1").arg(correlationId));
    resize(1440, 820);
    m_title->setText(tr("Loading the events of correlation id %1…").arg(correlationId));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    // The diagram, with its tool row.
    auto* diagramPage = new QWidget(this);
    m_view = new flow::FlowView(m_scene, diagramPage);
    auto* zoomOut = toolButton(tr("−"), tr("Zoom out (-, Ctrl+wheel)"), diagramPage);
    auto* zoomIn = toolButton(tr("+"), tr("Zoom in (+, Ctrl+wheel)"), diagramPage);
    auto* fit = toolButton(tr("Fit"), tr("Show the whole flow (F)"), diagramPage);
    auto* actual = toolButton(tr("1:1"), tr("Actual size (0)"), diagramPage);
    auto* zoomLabel = new QLabel(diagramPage);
    zoomLabel->setMinimumWidth(QFontMetrics(zoomLabel->font()).horizontalAdvance(QStringLiteral("400 %")) + 8);
    m_collapse = toolButton(tr("Collapse runs"),
        tr("Show runs of events on one aggregate that no arrow touches as one box; click a box to open it"),
        diagramPage);
    m_collapse->setObjectName(QStringLiteral("collapseRunsButton"));
    m_collapse->setCheckable(true);
    m_collapse->setChecked(true);
    auto* png = toolButton(tr("Export PNG…"), tr("Save the whole diagram as an image"), diagramPage);
    auto* svg = toolButton(tr("Export SVG…"), tr("Save the whole diagram as a vector drawing"), diagramPage);
    for (auto* exportButton : { png, svg }) {
        exportButton->setIcon(ownIcon(QStringLiteral("export")));
        exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    }
    auto* hint
        = new QLabel(tr("Click: the event · double-click: Time travel · ←/→: previous/next · drag: move"), diagramPage);
    hint->setForegroundRole(QPalette::PlaceholderText);
    // Under the diagram, where it has the whole width (in the tool row a longer language
    // cut it off), wrapping rather than widening the dialog; also on the view's tooltip.
    hint->setWordWrap(true);
    m_view->setToolTip(hint->text());
    auto* tools = new QHBoxLayout;
    tools->setContentsMargins(0, 0, 0, 0);
    tools->setSpacing(2);
    for (QWidget* w : std::initializer_list<QWidget*> { zoomOut, zoomLabel, zoomIn, fit, actual })
        tools->addWidget(w);
    tools->addSpacing(8);
    tools->addWidget(m_collapse);
    tools->addStretch(1);
    tools->addWidget(png);
    tools->addWidget(svg);
    auto* diagramLayout = new QVBoxLayout(diagramPage);
    diagramLayout->setContentsMargins(0, 4, 0, 0);
    diagramLayout->addLayout(tools);
    diagramLayout->addWidget(m_view, 1);
    diagramLayout->addWidget(hint);
    zoomLabel->setAlignment(Qt::AlignCenter);
    zoomLabel->setText(QStringLiteral("100 %"));
    connect(m_view, &flow::FlowView::zoomChanged, zoomLabel,
        [zoomLabel](double zoom) { zoomLabel->setText(QStringLiteral("%1 %").arg(qRound(zoom * 100))); });
    connect(zoomIn, &QToolButton::clicked, m_view, &flow::FlowView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &flow::FlowView::zoomOut);
    connect(fit, &QToolButton::clicked, m_view, &flow::FlowView::zoomToFit);
    connect(actual, &QToolButton::clicked, m_view, &flow::FlowView::resetZoom);
    connect(m_collapse, &QToolButton::toggled, this, &CorrelationView::setCollapseRuns);
    connect(png, &QToolButton::clicked, this, [this] { chooseExport(false); });
    connect(svg, &QToolButton::clicked, this, [this] { chooseExport(true); });
    connect(m_view, &flow::FlowView::nodeClicked, this, &CorrelationView::onNodeClicked);
    connect(m_view, &flow::FlowView::nodeDoubleClicked, this, &CorrelationView::onNodeDoubleClicked);
    connect(m_view, &flow::FlowView::stepRequested, this, [this](int step) {
        // The event before or after the selected one in time (the first when none is).
        const auto& events = m_scene->diagram().events;
        if (events.empty())
            return;
        int index = -1;
        for (std::size_t i = 0; i < events.size(); ++i)
            if (events[i].id == m_selected)
                index = static_cast<int>(i);
        index = index < 0 ? 0 : std::clamp(index + step, 0, static_cast<int>(events.size()) - 1);
        const QString id = events[static_cast<std::size_t>(index)].id;
        selectEvent(id);
        m_view->centreOnNode(m_scene->nodeOfEvent(id));
    });
    connect(m_view, &flow::FlowView::openRequested, this,
        [this] { onNodeDoubleClicked(m_scene->nodeOfEvent(m_selected)); });

    // The list.
    m_tree->setObjectName(QStringLiteral("correlationTree"));
    m_tree->setHeaderLabels({ tr("Event type"), tr("Aggregate"), tr("Version"), tr("Time"), tr("User") });
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this,
        [this](QTreeWidgetItem* item) { emit openEventRequested(item->text(1), item->text(2).toInt()); });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            selectEvent(item->data(0, Qt::UserRole).toString());
    });

    m_tabs->addTab(diagramPage, tr("Diagram"));
    m_tabs->addTab(m_tree, tr("List"));
    m_detail->setFlowButtonVisible(false); // this is the flow
    connect(m_detail, &EventDetailView::timeTravelRequested, this, &CorrelationView::timeTravelRequested);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 1100, 340 });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    m_options.top = flow::FlowScene::legendHeight();
    const std::string correlation = correlationId.toStdString();
    worker->run<std::vector<EventRow>>(
        this,
        [correlation](pqxx::connection& connection) {
            store::LogFilter filter;
            filter.correlationId = correlation;
            return toEventRows(store::EventStore(connection).readAll({}, MaxEvents, filter));
        },
        [this](std::vector<EventRow> rows) { populate(std::move(rows)); },
        [this](const QString& message) { m_title->setText(message); });
}

CorrelationView::~CorrelationView() = default;

void CorrelationView::populate(std::vector<EventRow> rows)
{
    // Time order, then the log's order for events written together.
    std::stable_sort(rows.begin(), rows.end(),
        [](const EventRow& a, const EventRow& b) { return a.event.timestampUs < b.event.timestampUs; });
    m_rows = std::move(rows);
    m_events.clear();
    m_events.reserve(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& e = m_rows[i].event;
        const QString id = QString::fromStdString(e.id);
        m_rowOfEvent.insert(id, static_cast<int>(i));
        m_events.push_back({ id, QString::fromStdString(e.aggregateId), QString::fromStdString(e.aggregateType),
            QString::fromStdString(e.eventType), e.version, e.timestampUs, m_rows[i].causationId });
    }
    QSet<QString> types;
    for (const auto& e : m_events)
        types.insert(e.eventType);
    m_options.nodeWidth = flow::FlowScene::nodeWidthFor(types.values());
    populateTree();
    QString count = tr("%n event(s) with correlation id %1", nullptr, static_cast<int>(m_rows.size()));
    if (count.contains(QLatin1String("(s)"))) // English: no translation file to make the plural
        count.replace(QLatin1String("(s)"), m_rows.size() == 1 ? QString() : QStringLiteral("s"));
    m_title->setText(count.arg(m_correlationId)
        + (m_rows.size() >= static_cast<std::size_t>(MaxEvents) ? tr(" (the first %1 only)").arg(MaxEvents)
                                                                : QString()));
    if (!m_selected.isEmpty() && m_rowOfEvent.contains(m_selected))
        m_detail->display(m_rows[static_cast<std::size_t>(m_rowOfEvent.value(m_selected))]);
    relayout();
}

void CorrelationView::populateTree()
{
    QHash<QString, QTreeWidgetItem*> byId;
    std::vector<std::pair<QTreeWidgetItem*, QString>> items;
    for (const auto& row : m_rows) {
        auto* item = new QTreeWidgetItem({ displaySafe(row.event.eventType), displaySafe(row.event.aggregateId),
            QString::number(row.event.version), formatTime(row.event.timestampUs), displaySafe(row.userId) });
        const QString id = QString::fromStdString(row.event.id);
        item->setData(0, Qt::UserRole, id);
        item->setToolTip(0, tr("Event %1, caused by %2").arg(id, row.causationId));
        byId.insert(id, item);
        items.emplace_back(item, row.causationId);
    }
    for (auto& [item, causation] : items) {
        // A cause outside the flow (a command id, say) makes the event a root. A cycle of
        // causes has no root: its first event becomes one, so that no event is lost.
        QTreeWidgetItem* parent = byId.value(causation, nullptr);
        bool cycle = false;
        for (auto* up = parent; up && !cycle; up = up->parent())
            cycle = up == item;
        if (parent && parent != item && !cycle) {
            parent->addChild(item);
        } else {
            m_tree->addTopLevelItem(item);
            if (parent) // caused by itself, or by an event it caused
                markCycle(item);
        }
    }
    // Events in a cycle whose first member hung under another member: not reachable from a root.
    for (auto& [item, causation] : items) {
        bool rooted = false;
        for (auto* up = item; up && !rooted; up = up->parent())
            rooted = up->treeWidget() != nullptr && up->parent() == nullptr;
        if (!rooted) {
            if (auto* parent = item->parent())
                parent->removeChild(item);
            m_tree->addTopLevelItem(item);
            markCycle(item);
        }
    }
    m_tree->expandAll();
}

void CorrelationView::markCycle(QTreeWidgetItem* item)
{
    // The causation metadata is wrong (a writer's bug): said on the row, as the diagram does,
    // instead of a root that looks like a command's first event.
    item->setText(0, tr("↻ %1").arg(item->text(0)));
    item->setForeground(0, toneColour(Tone::Problem));
    item->setToolTip(0,
        item->toolTip(0) + QLatin1Char('\n')
            + tr("A cycle of causes: this event's cause was caused by it. Shown as a root so that no event "
                 "is lost; the writer's causation ids are wrong."));
}

void CorrelationView::relayout()
{
    m_diagramReady = false;
    auto options = m_options;
    if (!m_selected.isEmpty())
        options.pinned.insert(m_selected);
    auto events = m_events; // shared strings: a cheap copy for the layout thread
    const QString title = tr("Flow %1").arg(m_correlationId);
    m_layoutRunner->submit([this, events = std::move(events), options, title]() mutable -> std::function<void()> {
        auto diagram = std::make_shared<flow::FlowDiagram>(flow::layoutFlow(std::move(events), options));
        return [this, diagram, title] {
            m_scene->setDiagram(std::move(*diagram), title, palette());
            m_scene->setSelectedEvent(m_selected);
            if (m_firstDiagram) {
                m_firstDiagram = false;
                m_view->showDiagram();
            } else if (!m_focusRun.isEmpty()) {
                m_view->centreOnNode(m_scene->nodeOfEvent(m_focusRun));
            }
            m_focusRun.clear();
            m_diagramReady = true;
            emit diagramShown();
        };
    });
}

void CorrelationView::selectEvent(const QString& eventId)
{
    const auto row = m_rowOfEvent.constFind(eventId);
    if (row == m_rowOfEvent.cend())
        return;
    m_selected = eventId;
    m_detail->display(m_rows[static_cast<std::size_t>(*row)]);
    const int node = m_scene->nodeOfEvent(eventId);
    if (node >= 0 && m_scene->diagram().nodes[static_cast<std::size_t>(node)].kind == flow::FlowNode::Kind::Run) {
        expandRun(m_scene->diagram().nodes[static_cast<std::size_t>(node)].runKey); // it shows once laid out
        return;
    }
    m_scene->setSelectedEvent(eventId);
    if (m_tabs->currentIndex() != 0)
        m_view->centreOnNode(node);
}

void CorrelationView::expandRun(const QString& runKey)
{
    if (runKey.isEmpty() || m_options.expandedRuns.contains(runKey))
        return;
    m_options.expandedRuns.insert(runKey);
    m_focusRun = runKey;
    relayout();
}

void CorrelationView::setCollapseRuns(bool collapse)
{
    if (m_collapse->isChecked() != collapse)
        m_collapse->setChecked(collapse); // comes back here
    if (m_options.collapseRuns == collapse && m_options.expandedRuns.isEmpty())
        return;
    m_options.collapseRuns = collapse;
    m_options.expandedRuns.clear();
    if (!m_events.empty())
        relayout();
}

void CorrelationView::onNodeClicked(int node)
{
    const auto& nodes = m_scene->diagram().nodes;
    if (node < 0 || node >= static_cast<int>(nodes.size()))
        return;
    const auto& n = nodes[static_cast<std::size_t>(node)];
    if (n.kind == flow::FlowNode::Kind::Run) {
        expandRun(n.runKey);
        return;
    }
    const QString id = m_scene->diagram().events[static_cast<std::size_t>(n.events.front())].id;
    selectEvent(id);
    // The list follows, without scrolling the diagram back.
    const QSignalBlocker blocker(m_tree);
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toString() == id) {
            m_tree->setCurrentItem(*it);
            break;
        }
    }
}

void CorrelationView::onNodeDoubleClicked(int node)
{
    const auto& d = m_scene->diagram();
    if (node < 0 || node >= static_cast<int>(d.nodes.size()))
        return;
    const auto& n = d.nodes[static_cast<std::size_t>(node)];
    if (n.kind != flow::FlowNode::Kind::Event)
        return;
    const auto& e = d.events[static_cast<std::size_t>(n.events.front())];
    const QString aggregateId = e.aggregateId;
    const int version = e.version;
    if (e.id != m_selected)
        selectEvent(e.id); // as its first click did
    emit timeTravelRequested(aggregateId, version);
}

bool CorrelationView::exportPng(const QString& path)
{
    return m_scene->exportPng(path);
}

bool CorrelationView::exportSvg(const QString& path)
{
    return m_scene->exportSvg(path);
}

void CorrelationView::chooseExport(bool svg)
{
    const QString suggested = QStringLiteral("flow-%1.%2")
                                  .arg(m_correlationId.left(8), svg ? QStringLiteral("svg") : QStringLiteral("png"));
    const QString path
        = QFileDialog::getSaveFileName(this, svg ? tr("Export the diagram as SVG") : tr("Export the diagram as PNG"),
            suggested, svg ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const bool written = svg ? exportSvg(path) : exportPng(path);
    m_title->setText(written ? tr("Saved the diagram to %1").arg(path) : tr("Could not write %1").arg(path));
}

} // namespace acci::ui

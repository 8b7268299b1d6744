#include "widgets/EventDetailView.hpp"

#include "acci/store/StoredJson.hpp"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include "acci/util/Time.hpp"
#include "models/JsonTreeModel.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "widgets/TableSetup.hpp"

namespace acci::ui {

namespace {
    QTreeView* makeTree(JsonTreeModel* model, QWidget* parent)
    {
        auto* tree = new QTreeView(parent);
        tree->setModel(model);
        setUpJsonTree(tree);
        return tree;
    }
} // namespace

EventDetailView::EventDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_dataModel(new JsonTreeModel(this))
    , m_metadataModel(new JsonTreeModel(this))
{
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setContentsMargins(4, 4, 4, 4);
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    m_dataTree = makeTree(m_dataModel, this);
    m_dataTree->setObjectName(QStringLiteral("eventDataTree"));
    m_metadataTree = makeTree(m_metadataModel, this);
    m_raw = new QPlainTextEdit(this);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_dataTree, tr("Data"));
    m_tabs->addTab(m_metadataTree, tr("Metadata"));
    m_tabs->addTab(m_raw, tr("Raw JSON"));

    auto* copy = new QPushButton(tr("Copy JSON"), this);
    copy->setToolTip(tr("Copy the whole event as JSON to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_rawText); });
    m_flow = new QPushButton(ownIcon(QStringLiteral("flow")), tr("Show flow"), this);
    m_flow->setToolTip(tr("Draw every event with this event's correlation id: its aggregates, and what caused what"));
    connect(m_flow, &QPushButton::clicked, this, [this] {
        if (!m_correlationId.isEmpty())
            emit correlationRequested(m_correlationId, m_eventId);
    });

    m_timeTravel = new QPushButton(ownIcon(QStringLiteral("time-travel")), tr("Time travel"), this);
    m_timeTravel->setObjectName(QStringLiteral("timeTravelButton"));
    m_timeTravel->setToolTip(tr("Open this event's aggregate in time travel, at this version (Ctrl+Shift+T)"));
    m_timeTravel->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_timeTravel, &QPushButton::clicked, this, [this] {
        if (!m_aggregateId.isEmpty())
            emit timeTravelRequested(m_aggregateId, m_version);
    });

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_timeTravel);
    buttons->addWidget(m_flow);
    buttons->addWidget(copy);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);
    clear();
}

void EventDetailView::clear()
{
    m_summary->setText(tr("<i>Select an event to see its data and metadata.</i>"));
    m_dataModel->clear();
    m_metadataModel->clear();
    m_raw->clear();
    m_rawText.clear();
    m_correlationId.clear();
    m_aggregateId.clear();
    m_eventId.clear();
    m_timeTravel->setEnabled(false);
}

void EventDetailView::setTimeTravelButtonVisible(bool visible)
{
    m_timeTravel->setVisible(visible);
}

void EventDetailView::setFlowButtonVisible(bool visible)
{
    m_flow->setVisible(visible);
}

void EventDetailView::display(const EventRow& row)
{
    const auto& e = row.event;
    m_summary->setText(tr("<b>%1</b> &nbsp; %2 v%3<br>%4 &nbsp;·&nbsp; position %5 &nbsp;·&nbsp; id %6")
                           .arg(displaySafe(e.eventType).toHtmlEscaped(), displaySafe(e.aggregateId).toHtmlEscaped(),
                               QString::number(e.version), formatTime(e.timestampUs),
                               QString::fromStdString(e.position.toString()), QString::fromStdString(e.id)));
    // Stored data is shown as stored: what cannot be decoded exactly is its text, and says so.
    const auto data = store::decodeStoredOrderedJson(e.dataJson);
    const auto metadata = store::decodeStoredOrderedJson(e.metadataJson);
    m_dataModel->setDocument(data.value);
    m_metadataModel->setDocument(metadata.value);
    QStringList warnings;
    for (const auto* decoded : { &data, &metadata })
        for (const auto& warning : decoded->warnings)
            warnings << QString::fromStdString(warning).toHtmlEscaped();
    if (!warnings.isEmpty())
        m_summary->setText(m_summary->text()
            + QStringLiteral("<br><span style=\"color:%1\">⚠ ").arg(toneName(Tone::Warning))
            + warnings.join(QStringLiteral("<br>⚠ ")) + QStringLiteral("</span>"));
    m_dataTree->expandToDepth(1);
    m_metadataTree->expandToDepth(1);
    m_rawText
        = QString::fromStdString(e.toJson().dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    m_raw->setPlainText(m_rawText);
    m_correlationId = row.correlationId;
    m_aggregateId = QString::fromStdString(e.aggregateId);
    m_eventId = QString::fromStdString(e.id);
    m_version = e.version;
    m_timeTravel->setEnabled(true);
}

} // namespace acci::ui

#include "dialogs/CorrelationView.hpp"

#include <QDialogButtonBox>

#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "acci/store/EventStore.hpp"
#include "text/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {
    constexpr int MaxEvents = 5000; // a flow bigger than this is a log filter's job
}

CorrelationView::CorrelationView(DatabaseWorker* worker, const QString& correlationId, QWidget* parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Flow %1").arg(correlationId));
    resize(1000, 600);
    m_title->setText(tr("Loading the events of correlation id %1…").arg(correlationId));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(QStringLiteral("correlationTree"));
    m_tree->setHeaderLabels({ tr("Event type"), tr("Aggregate"), tr("Version"), tr("Time"), tr("User") });
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);

    connect(m_tree, &QTreeWidget::itemDoubleClicked, this,
        [this](QTreeWidgetItem* item) { emit openEventRequested(item->text(1), item->text(2).toInt()); });

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

void CorrelationView::populate(std::vector<EventRow> rows)
{
    // Time order, then the log's order for events written together.
    std::stable_sort(rows.begin(), rows.end(),
        [](const EventRow& a, const EventRow& b) { return a.event.timestampUs < b.event.timestampUs; });
    QHash<QString, QTreeWidgetItem*> byId;
    std::vector<std::pair<QTreeWidgetItem*, QString>> items;
    for (const auto& row : rows) {
        auto* item = new QTreeWidgetItem(
            { QString::fromStdString(row.event.eventType), QString::fromStdString(row.event.aggregateId),
                QString::number(row.event.version), formatTime(row.event.timestampUs), row.userId });
        item->setToolTip(0, tr("Event %1, caused by %2").arg(QString::fromStdString(row.event.id), row.causationId));
        byId.insert(QString::fromStdString(row.event.id), item);
        items.emplace_back(item, row.causationId);
    }
    int roots = 0;
    for (auto& [item, causation] : items) {
        // A cause outside the flow (a command id, say) makes the event a root.
        QTreeWidgetItem* parent = byId.value(causation, nullptr);
        if (parent && parent != item) {
            parent->addChild(item);
        } else {
            m_tree->addTopLevelItem(item);
            ++roots;
        }
    }
    m_tree->expandAll();
    m_title->setText(tr("%n event(s) in this flow", nullptr, static_cast<int>(rows.size()))
        + (rows.size() >= static_cast<std::size_t>(MaxEvents) ? tr(" (the first %1 only)").arg(MaxEvents) : QString()));
}

} // namespace acci::ui

#include "widgets/LatestEventsList.hpp"

#include <QHeaderView>

#include "text/Formatting.hpp"
#include "widgets/TableSetup.hpp"

namespace acci::ui {

namespace {

    constexpr int PositionRole = Qt::UserRole;
    constexpr int AggregateRole = Qt::UserRole + 1;
    constexpr int VersionRole = Qt::UserRole + 2;
    // A name may be 1 kB: cut in the cell, whole in the tooltip.
    constexpr int ShownCharacters = 80;

} // namespace

LatestEventsList::LatestEventsList(int rows, QWidget* parent)
    : QTreeWidget(parent)
    , m_rows(rows)
{
    setObjectName(QStringLiteral("latestEvents"));
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setHeaderLabels({ tr("Time"), tr("Event type"), tr("Aggregate"), tr("Version"), tr("Position") });
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::Stretch);
    setToolTip(tr("Click an event to show it in the global log; double-click to open its aggregate"));
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        if (const auto position = store::LogPosition::parse(item->data(0, PositionRole).toString().toStdString()))
            emit eventRequested(*position);
    });
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        emit aggregateRequested(item->data(0, AggregateRole).toString(), item->data(0, VersionRole).toInt());
    });
}

void LatestEventsList::showEvents(const std::vector<store::RecordedEvent>& events)
{
    clear();
    for (const auto& event : events) {
        auto* item = new QTreeWidgetItem(this,
            { formatTime(event.timestampUs), displayShort(event.eventType, ShownCharacters),
                displayShort(event.aggregateId, ShownCharacters), QString::number(event.version),
                QString::fromStdString(event.position.toString()) });
        item->setData(0, PositionRole, QString::fromStdString(event.position.toString()));
        item->setData(0, AggregateRole, QString::fromStdString(event.aggregateId));
        item->setData(0, VersionRole, event.version);
        if (event.eventType.size() > ShownCharacters)
            item->setToolTip(1, displaySafe(event.eventType));
        item->setToolTip(2,
            event.aggregateId.size() > ShownCharacters
                ? displaySafe(event.aggregateId) + QLatin1Char('\n') + displaySafe(event.aggregateType)
                : displaySafe(event.aggregateType));
    }
    fitTreeToRows(this, m_rows);
}

} // namespace acci::ui

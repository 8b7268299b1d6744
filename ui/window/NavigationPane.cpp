#include "window/NavigationPane.hpp"

#include <QCryptographicHash>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QVBoxLayout>

namespace acci::ui {

namespace {

    QLabel* heading(const QString& text, QWidget* parent)
    {
        auto* label = new QLabel(text, parent);
        QFont font = label->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 0.9);
        font.setCapitalization(QFont::AllUppercase);
        label->setFont(font);
        label->setContentsMargins(6, 10, 0, 2);
        return label;
    }

    QLabel* hint(const QString& text, QWidget* parent)
    {
        auto* label = new QLabel(text, parent);
        label->setWordWrap(true);
        label->setContentsMargins(6, 0, 4, 0);
        label->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
        return label;
    }

    QListWidget* aggregateList(const QString& objectName, QWidget* parent)
    {
        auto* list = new QListWidget(parent);
        list->setObjectName(objectName);
        list->setFrameShape(QFrame::NoFrame);
        list->setTextElideMode(Qt::ElideMiddle);
        list->setContextMenuPolicy(Qt::CustomContextMenu);
        list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
        return list;
    }

    void fitHeight(QListWidget* list)
    {
        // As tall as its rows: the column reads as one list, not boxes with empty space.
        const int rows = std::max(1, list->count());
        list->setFixedHeight(rows * (list->fontMetrics().height() + 8) + 4);
        list->setVisible(list->count() > 0);
    }

} // namespace

NavigationPane::NavigationPane(const QStringList& pages, const QString& connectionKey, QWidget* parent)
    : QWidget(parent)
    , m_settingsGroup(QStringLiteral("navigation/")
          + QString::fromLatin1(
              QCryptographicHash::hash(connectionKey.toUtf8(), QCryptographicHash::Sha1).toHex().left(16)))
{
    setObjectName(QStringLiteral("navigationPane"));
    m_pages = new QListWidget(this);
    m_pages->setObjectName(QStringLiteral("navigation"));
    m_pages->setFrameShape(QFrame::NoFrame);
    m_pages->setIconSize(QSize(18, 18));
    const int rowHeight = fontMetrics().height() + 12;
    for (const auto& page : pages) {
        auto* item = new QListWidgetItem(page, m_pages);
        item->setSizeHint(QSize(0, rowHeight));
    }
    m_pages->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_pages->setFixedHeight(static_cast<int>(pages.size()) * rowHeight + 4);
    m_pages->setStyleSheet(QStringLiteral("QListWidget#navigation::item { padding-left: 10px; }"));
    m_pinnedTitle = heading(tr("Pinned"), this);
    m_pinned = aggregateList(QStringLiteral("pinnedAggregates"), this);
    m_pinnedEmpty
        = hint(tr("Pin an aggregate from the Aggregates page (right-click it, or ☆ Pin) to keep it here."), this);
    m_recentTitle = heading(tr("Recent"), this);
    m_recent = aggregateList(QStringLiteral("recentAggregates"), this);
    m_recentEmpty = hint(tr("Aggregates you open show here."), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(0);
    layout->addWidget(m_pages);
    layout->addWidget(m_pinnedTitle);
    layout->addWidget(m_pinned);
    layout->addWidget(m_pinnedEmpty);
    layout->addWidget(m_recentTitle);
    layout->addWidget(m_recent);
    layout->addWidget(m_recentEmpty);
    layout->addStretch();
    setFixedWidth(200);

    const QSettings settings;
    m_pinnedIds = settings.value(m_settingsGroup + QStringLiteral("/pinned")).toStringList();
    m_recentIds = settings.value(m_settingsGroup + QStringLiteral("/recent")).toStringList();
    for (auto* list : { m_pinned, m_recent }) {
        connect(list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit aggregateChosen(item->text()); });
        connect(list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { emit aggregateChosen(item->text()); });
        connect(list, &QListWidget::customContextMenuRequested, this,
            [this, list](const QPoint& where) { showMenu(list, where); });
    }
    showLists();
}

void NavigationPane::setPinned(const QString& aggregateId, bool pinned)
{
    if (aggregateId.isEmpty() || pinned == isPinned(aggregateId))
        return;
    if (pinned)
        m_pinnedIds.append(aggregateId);
    else
        m_pinnedIds.removeAll(aggregateId);
    save();
    showLists();
    emit pinnedChanged();
}

void NavigationPane::addRecent(const QString& aggregateId)
{
    if (aggregateId.isEmpty() || (!m_recentIds.isEmpty() && m_recentIds.front() == aggregateId))
        return;
    m_recentIds.removeAll(aggregateId);
    m_recentIds.prepend(aggregateId);
    while (m_recentIds.size() > RecentLimit)
        m_recentIds.removeLast();
    save();
    showLists();
}

void NavigationPane::save() const
{
    QSettings settings;
    settings.setValue(m_settingsGroup + QStringLiteral("/pinned"), m_pinnedIds);
    settings.setValue(m_settingsGroup + QStringLiteral("/recent"), m_recentIds);
}

void NavigationPane::showLists()
{
    const auto fill = [](QListWidget* list, const QStringList& ids, const QString& prefix) {
        list->clear();
        for (const auto& id : ids) {
            auto* item = new QListWidgetItem(id, list);
            item->setToolTip(prefix.arg(id));
            item->setSizeHint(QSize(0, list->fontMetrics().height() + 8));
        }
        fitHeight(list);
    };
    fill(m_pinned, m_pinnedIds, tr("%1 (pinned): click to open it on the Aggregates page"));
    fill(m_recent, m_recentIds, tr("%1: click to open it on the Aggregates page"));
    m_pinnedEmpty->setVisible(m_pinnedIds.isEmpty());
    m_recentEmpty->setVisible(m_recentIds.isEmpty());
}

void NavigationPane::showMenu(QListWidget* list, const QPoint& where)
{
    auto* item = list->itemAt(where);
    // popup(), not exec(): no nested event loop (ARCHITECTURE "Threads").
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (item) {
        const QString id = item->text();
        menu->addAction(tr("Open"), this, [this, id] { emit aggregateChosen(id); });
        if (isPinned(id))
            menu->addAction(tr("Unpin"), this, [this, id] { setPinned(id, false); });
        else
            menu->addAction(tr("Pin"), this, [this, id] { setPinned(id, true); });
    }
    if (list == m_recent && !m_recentIds.isEmpty())
        menu->addAction(tr("Clear the recent list"), this, [this] {
            m_recentIds.clear();
            save();
            showLists();
        });
    if (menu->isEmpty())
        delete menu;
    else
        menu->popup(list->viewport()->mapToGlobal(where));
}

} // namespace acci::ui

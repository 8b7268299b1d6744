#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace acci::ui {

// The window's left column: the pages, then the pinned aggregates and the recently opened
// ones. Pins and recents are kept per connection (QSettings, keyed by a hash of the connection
// as displayed: never the password) so that each store has its own.
class NavigationPane : public QWidget {
    Q_OBJECT
public:
    NavigationPane(const QStringList& pages, const QString& connectionKey, QWidget* parent = nullptr);

    QListWidget* pages() const { return m_pages; }
    QListWidget* pinnedList() const { return m_pinned; }
    QListWidget* recentList() const { return m_recent; }
    QStringList pinned() const { return m_pinnedIds; }
    QStringList recent() const { return m_recentIds; }
    bool isPinned(const QString& aggregateId) const { return m_pinnedIds.contains(aggregateId); }

    void setPinned(const QString& aggregateId, bool pinned);
    // The aggregate was opened: first in the recent list.
    void addRecent(const QString& aggregateId);

    static constexpr int RecentLimit = 10;

signals:
    void aggregateChosen(const QString& aggregateId);
    void pinnedChanged();

private:
    void showLists();
    void save() const;
    void showMenu(QListWidget* list, const QPoint& where);

    QString m_settingsGroup;
    QListWidget* m_pages;
    QLabel* m_pinnedTitle;
    QListWidget* m_pinned;
    QLabel* m_pinnedEmpty;
    QLabel* m_recentTitle;
    QListWidget* m_recent;
    QLabel* m_recentEmpty;
    QStringList m_pinnedIds;
    QStringList m_recentIds;
};

} // namespace acci::ui

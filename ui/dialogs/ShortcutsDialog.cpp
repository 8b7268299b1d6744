#include "dialogs/ShortcutsDialog.hpp"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "dialogs/QuickOpen.hpp"
#include "flow/FlowView.hpp"
#include "style/Icons.hpp"

namespace acci::ui {

namespace {

    QString keysText(const QList<QKeySequence>& keys, QKeySequence::SequenceFormat format = QKeySequence::NativeText)
    {
        QStringList texts;
        for (const auto& key : keys)
            if (!key.isEmpty())
                texts << key.toString(format);
        return texts.join(QStringLiteral(", "));
    }

    // The filter finds "Ctrl+K" whatever the language shows it as ("Control+K" in Spanish).
    constexpr int PortableKeysRole = Qt::UserRole;

    // "&Back" → "Back"; a literal ampersand ("&&") stays one.
    QString plainText(QString text)
    {
        text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
        text.remove(QLatin1Char('&'));
        text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
        return text;
    }

    // Where a widget lives, as the user knows it: the nearest widget that has a title (the
    // pages have theirs, windows and dialogs too).
    QString placeOf(const QWidget* widget, const QWidget* window)
    {
        for (const QWidget* w = widget; w; w = w->parentWidget()) {
            if (w == window)
                break;
            if (!w->windowTitle().isEmpty())
                return w->windowTitle();
        }
        return {};
    }

    // An action's place: the menu it is in (a submenu by its path), else its widget's.
    QString placeOf(const QAction* action, const QWidget* window)
    {
        for (auto* object : action->associatedObjects()) {
            if (auto* menu = qobject_cast<const QMenu*>(object)) {
                QString path = plainText(menu->title());
                for (auto* parent = qobject_cast<const QMenu*>(menu->parentWidget()); parent;
                     parent = qobject_cast<const QMenu*>(parent->parentWidget()))
                    path = plainText(parent->title()) + QStringLiteral(" → ") + path;
                if (!path.isEmpty())
                    return path;
            }
        }
        if (auto* widget = qobject_cast<const QWidget*>(action->parent()))
            return placeOf(widget, window);
        return {};
    }

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* window, QWidget* parent)
    : QDialog(parent)
    , m_window(window)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    setWindowIcon(ownIcon(QStringLiteral("keyboard")));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("shortcutsFilter"));
    m_filter->setPlaceholderText(tr("Filter by action or key (e.g. \"log\" or \"%1\")")
                                     .arg(QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText)));
    m_filter->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcutsTree"));
    m_tree->setHeaderLabels({ tr("Action"), tr("Keys") });
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(560, 600);
    refresh();
}

void ShortcutsDialog::showEvent(QShowEvent* event)
{
    refresh();
    m_filter->setFocus();
    QDialog::showEvent(event);
}

void ShortcutsDialog::refresh()
{
    // place → (action, keys), the places in the order first met: the menus (in the menu bar's
    // order), then the pages and windows, then the views' own keys.
    std::vector<std::pair<QString, std::vector<std::pair<QString, QString>>>> byPlace;
    const auto add = [&](const QString& place, const QString& what, const QString& keys) {
        if (keys.isEmpty())
            return;
        auto group = std::find_if(byPlace.begin(), byPlace.end(), [&](const auto& g) { return g.first == place; });
        if (group == byPlace.end())
            group = byPlace.insert(byPlace.end(), { place, {} });
        auto& rows = group->second;
        const std::pair<QString, QString> row { what, keys };
        if (std::find(rows.begin(), rows.end(), row) == rows.end())
            rows.push_back(row);
    };
    QList<QAction*> actions;
    if (auto* bar = m_window->findChild<QMenuBar*>())
        for (auto* menu : bar->actions())
            if (menu->menu())
                for (auto* action : menu->menu()->actions())
                    actions << (action->menu() ? action->menu()->actions() : QList<QAction*> { action });
    for (auto* action : m_window->findChildren<QAction*>())
        if (!actions.contains(action))
            actions << action;
    for (auto* action : actions) {
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        add(placeOf(action, m_window), plainText(action->text()), keysText(action->shortcuts()));
    }
    for (auto* shortcut : m_window->findChildren<QShortcut*>())
        add(placeOf(qobject_cast<QWidget*>(shortcut->parent()), m_window),
            shortcut->whatsThis().isEmpty() ? tr("(not described)") : shortcut->whatsThis(),
            keysText(shortcut->keys()));
    for (auto* button : m_window->findChildren<QAbstractButton*>()) {
        if (button->shortcut().isEmpty() || button->isHidden()) // a hidden button's key does nothing
            continue;
        // Its accessible name first: a button's text may be its state ("● Following new events").
        QString what = button->accessibleName();
        if (what.isEmpty())
            what = plainText(button->text());
        if (what.isEmpty()) // an icon: its tip, without the key it names in parentheses
            what = button->toolTip().remove(QRegularExpression(QStringLiteral("\\s*\\([^()]*\\)$")));
        add(placeOf(button, m_window), what, keysText({ button->shortcut() }));
    }
    for (const auto& key : flow::FlowView::keyHelp())
        add(tr("Flow diagram"), key.what, keysText({ key.keys }));
    for (const auto& key : QuickOpen::keyHelp())
        add(tr("Find anything"), key.what, keysText({ key.keys }));

    m_tree->clear();
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (const auto& [place, rows] : byPlace) {
        auto* group = new QTreeWidgetItem(m_tree, { place.isEmpty() ? tr("Window") : place });
        group->setFont(0, bold);
        group->setFirstColumnSpanned(true);
        group->setFlags(Qt::ItemIsEnabled);
        for (const auto& [what, keys] : rows) {
            auto* row = new QTreeWidgetItem(group, { what, keys });
            QStringList portable;
            for (const auto& key : keys.split(QStringLiteral(", ")))
                portable
                    << QKeySequence::fromString(key, QKeySequence::NativeText).toString(QKeySequence::PortableText);
            row->setData(1, PortableKeysRole, portable.join(QStringLiteral(", ")));
        }
    }
    m_tree->expandAll();
    applyFilter(m_filter->text());
}

void ShortcutsDialog::applyFilter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        auto* group = m_tree->topLevelItem(i);
        const bool groupMatches = group->text(0).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int j = 0; j < group->childCount(); ++j) {
            auto* row = group->child(j);
            const bool match = needle.isEmpty() || groupMatches || row->text(0).contains(needle, Qt::CaseInsensitive)
                || row->text(1).contains(needle, Qt::CaseInsensitive)
                || row->data(1, PortableKeysRole).toString().contains(needle, Qt::CaseInsensitive);
            row->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

QStringList ShortcutsDialog::listedKeys() const
{
    QStringList listed;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        for (int j = 0; j < m_tree->topLevelItem(i)->childCount(); ++j)
            listed << m_tree->topLevelItem(i)->child(j)->text(1);
    return listed;
}

} // namespace acci::ui

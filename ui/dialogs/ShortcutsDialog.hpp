#pragma once

#include <QDialog>

class QLineEdit;
class QTreeWidget;

namespace acci::ui {

// Help → Keyboard shortcuts: every shortcut of a window, read from the window itself when
// shown (its QActions, QShortcuts and buttons with a shortcut, in its menus, pages and child
// windows), so that the list cannot drift from what the keys do; plus the keys that views
// handle themselves (the flow diagram, quick-open), from the lists next to their handlers.
// A filter narrows it by action or key.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);

    // Reads the window's shortcuts again (the dialog is kept and shown again).
    void refresh();
    QLineEdit* filterEdit() const { return m_filter; }
    QTreeWidget* tree() const { return m_tree; }
    // The shortcuts listed, as the tree shows them ("Back" → "Alt+Left, Back").
    QStringList listedKeys() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyFilter(const QString& text);

    QWidget* m_window;
    QLineEdit* m_filter;
    QTreeWidget* m_tree;
};

} // namespace acci::ui

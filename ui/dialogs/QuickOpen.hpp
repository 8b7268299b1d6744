#pragma once

#include <QFrame>

#include <vector>

#include "acci/store/Lookup.hpp"
#include "widgets/KeyHelp.hpp"
#include "workers/RequestTracker.hpp"

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTimer;

namespace acci::ui {

class DatabaseWorker;

// "Find anything" (Ctrl+K): a box over the window that takes an aggregate id or its start, an
// event id, a correlation id, a TX:POS log position or an event type, looks it up on the
// worker as the user types (after a short pause; a newer key drops the older answer) and lists
// where each leads. Enter goes to the selected match (Shift+Enter: an aggregate in Time
// travel); Escape closes.
class QuickOpen : public QFrame {
    Q_OBJECT
public:
    explicit QuickOpen(DatabaseWorker* worker, QWidget* window);

    // Shows the box over the top of `window`, empty, with the focus in it.
    void popUp();
    // The keys its event filter handles (Help → Keyboard shortcuts).
    static QList<KeyHelp> keyHelp();
    QLineEdit* edit() const { return m_edit; }
    QTreeWidget* results() const { return m_results; }
    QLabel* message() const { return m_message; }
    const std::vector<store::LookupMatch>& matches() const { return m_matches; }
    // The answer for the text now in the box is in (a test's wait).
    bool isSettled() const;
    // Goes to match `row` (as Enter does).
    void choose(int row, bool timeTravel = false);
    // The kind, the key and where it leads, as the list's three columns show them.
    static QStringList describe(const store::LookupMatch& match);

signals:
    void chosen(const acci::store::LookupMatch& match, bool timeTravel);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void lookUp();
    void showMatches(const QString& text, std::vector<store::LookupMatch> matches);

    DatabaseWorker* m_worker;
    QLineEdit* m_edit;
    QTreeWidget* m_results;
    QLabel* m_message;
    QTimer* m_delay;
    RequestTracker m_lookups;
    std::vector<store::LookupMatch> m_matches;
    QString m_answered; // the text the matches are for
};

} // namespace acci::ui

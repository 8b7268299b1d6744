#pragma once

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace acci::ui {

class JsonTreeModel;
class TimeTravelSession;

// The state at the version shown, as a tree: the fields its event added or changed are
// marked and opened, the fields the user opened stay open from frame to frame, and the
// selected field says which event set it. Above it, a banner while events are left out.
class StatePane : public QWidget {
    Q_OBJECT
public:
    StatePane(TimeTravelSession* session, QWidget* parent = nullptr);

    JsonTreeModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    QLabel* provenanceLabel() const { return m_provenance; }

private:
    void showFrame();
    void showProvenance();

    TimeTravelSession* m_session;
    JsonTreeModel* m_model;
    QLabel* m_whatIfBanner;
    QTreeView* m_tree;
    QLabel* m_provenance;
    QPushButton* m_provenanceJump;
    QSet<QString> m_expanded; // JSON pointers of the fields the user opened
    int m_provenanceVersion = 0;
};

} // namespace acci::ui

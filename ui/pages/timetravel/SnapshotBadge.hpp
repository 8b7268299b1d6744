#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace acci::ui {

class TimeTravelSession;

// Whether the aggregate's stored snapshot matches the fold at its version, in one coloured
// line, with a button to the difference when it does not.
class SnapshotBadge : public QWidget {
    Q_OBJECT
public:
    SnapshotBadge(TimeTravelSession* session, QWidget* parent = nullptr);

    QLabel* label() const { return m_label; }

signals:
    void differenceRequested();

private:
    void showLoaded();

    TimeTravelSession* m_session;
    QLabel* m_label;
    QPushButton* m_differenceButton;
};

} // namespace acci::ui

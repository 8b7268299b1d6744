#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace acci::ui {

class EventDetailView;
class TimeTravelSession;

// The event at the version shown: what it changed in the state (one coloured line per
// field), the warnings its fold reported, and the event itself.
class EventPane : public QWidget {
    Q_OBJECT
public:
    EventPane(TimeTravelSession* session, QWidget* parent = nullptr);

    QListWidget* changesList() const { return m_changes; }

private:
    void showFrame();

    TimeTravelSession* m_session;
    QLabel* m_title;
    QListWidget* m_changes;
    QListWidget* m_warnings;
    EventDetailView* m_detail;
};

} // namespace acci::ui

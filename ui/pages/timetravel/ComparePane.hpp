#pragma once

#include <QWidget>

class QPlainTextEdit;
class QSpinBox;

namespace acci::timetravel {
struct SnapshotCheck;
}

namespace acci::ui {

class TimeTravelSession;

// Differences spelled out: between any two versions (as lines and as a JSON Patch), or
// between the stored snapshot and the fold at its version.
class ComparePane : public QWidget {
    Q_OBJECT
public:
    ComparePane(TimeTravelSession* session, QWidget* parent = nullptr);

    void showSnapshotDifference(const timetravel::SnapshotCheck& check);
    QPlainTextEdit* text() const { return m_text; }

private:
    void showLoaded();
    void compareVersions();

    TimeTravelSession* m_session;
    QSpinBox* m_from;
    QSpinBox* m_to;
    QPlainTextEdit* m_text;
};

} // namespace acci::ui

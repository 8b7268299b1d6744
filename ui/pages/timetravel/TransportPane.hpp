#pragma once

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QHBoxLayout;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace acci::ui {

class TimeTravelSession;
class TimelineStrip;

// How the user moves through an aggregate's versions: step and play buttons, the version
// box, a date to jump to, the next warning, and the slider under a strip that marks
// warnings, left-out events and the stored snapshot. Keys on the slider: ←/→ step, Home/End
// jump, PgUp/PgDn move by 10; Space plays.
class TransportPane : public QWidget {
    Q_OBJECT
public:
    TransportPane(TimeTravelSession* session, QWidget* parent = nullptr);

    QSlider* slider() const { return m_slider; }
    // Puts a widget at the end of the buttons row (the snapshot's status lives there).
    void addTrailingWidget(QWidget* widget);
    void stopPlaying();

private:
    void showLoaded();
    void showPosition(int position, int version);
    void togglePlay(bool playing);

    TimeTravelSession* m_session;
    QHBoxLayout* m_buttons;
    QToolButton* m_playButton;
    QComboBox* m_speed;
    QSpinBox* m_versionSpin;
    QDateTimeEdit* m_asOf;
    QPushButton* m_nextWarning;
    TimelineStrip* m_strip;
    QSlider* m_slider;
    QTimer* m_playTimer;
};

} // namespace acci::ui

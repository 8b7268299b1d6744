#include "pages/timetravel/TransportPane.hpp"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "models/TimelineModel.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"
#include "style/Icons.hpp"
#include "widgets/TimelineStrip.hpp"

namespace acci::ui {

namespace {

    // Our icons, not the style's media pixmaps: those are drawn dark whatever the palette.
    QToolButton* toolButton(const QString& icon, const QString& tip, QWidget* parent)
    {
        auto* button = new QToolButton(parent);
        button->setIcon(ownIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    }

} // namespace

TransportPane::TransportPane(TimeTravelSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_playTimer(new QTimer(this))
{
    auto* first = toolButton(QStringLiteral("first"), tr("First version (Home)"), this);
    auto* back = toolButton(QStringLiteral("step-back"), tr("Step back (←)"), this);
    m_playButton = toolButton(QStringLiteral("play"), tr("Play / pause (Space)"), this);
    m_playButton->setCheckable(true);
    m_playButton->setShortcut(Qt::Key_Space);
    auto* forward = toolButton(QStringLiteral("step-forward"), tr("Step forward (→)"), this);
    auto* last = toolButton(QStringLiteral("last"), tr("Newest version (End)"), this);
    connect(first, &QToolButton::clicked, this, [this] { m_slider->setValue(0); });
    connect(back, &QToolButton::clicked, this, [this] { m_slider->setValue(m_slider->value() - 1); });
    connect(forward, &QToolButton::clicked, this, [this] { m_slider->setValue(m_slider->value() + 1); });
    connect(last, &QToolButton::clicked, this, [this] { m_slider->setValue(m_slider->maximum()); });
    connect(m_playButton, &QToolButton::toggled, this, &TransportPane::togglePlay);
    m_speed = new QComboBox(this);
    for (int perSecond : { 1, 2, 5, 10, 25, 100 })
        m_speed->addItem(tr("%1 events/s").arg(perSecond), perSecond);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Play speed"));
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { togglePlay(m_playButton->isChecked()); });

    m_versionSpin = new QSpinBox(this);
    m_versionSpin->setObjectName(QStringLiteral("timeTravelVersion"));
    m_versionSpin->setPrefix(tr("version "));
    m_versionSpin->setKeyboardTracking(false);
    connect(m_versionSpin, &QSpinBox::valueChanged, m_session, &TimeTravelSession::goToVersion);

    m_asOf = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_asOf->setToolTip(tr("Show the state as it was at this date and time"));
    auto* asOfButton = new QPushButton(tr("Go to date"), this);
    connect(asOfButton, &QPushButton::clicked, this, [this] { m_session->goToTime(m_asOf->dateTime()); });

    m_nextWarning = new QPushButton(style()->standardIcon(QStyle::SP_MessageBoxWarning), tr("Next warning"), this);
    m_nextWarning->setToolTip(tr("Go to the next version whose fold reported a warning"));
    connect(m_nextWarning, &QPushButton::clicked, m_session, &TimeTravelSession::goToNextWarning);

    m_buttons = new QHBoxLayout;
    m_buttons->addWidget(first);
    m_buttons->addWidget(back);
    m_buttons->addWidget(m_playButton);
    m_buttons->addWidget(forward);
    m_buttons->addWidget(last);
    m_buttons->addWidget(m_speed);
    m_buttons->addSpacing(8);
    m_buttons->addWidget(m_versionSpin);
    m_buttons->addSpacing(8);
    m_buttons->addWidget(new QLabel(tr("As of"), this));
    m_buttons->addWidget(m_asOf);
    m_buttons->addWidget(asOfButton);
    m_buttons->addSpacing(8);
    m_buttons->addWidget(m_nextWarning);
    m_buttons->addStretch();

    m_strip = new TimelineStrip(this);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("timeTravelSlider"));
    m_slider->setToolTip(tr("Drag through the versions; ←/→ step, Home/End jump, PgUp/PgDn move by 10"));
    m_slider->setPageStep(10);
    m_slider->setFocusPolicy(Qt::StrongFocus);
    connect(m_strip, &TimelineStrip::positionClicked, m_slider, &QSlider::setValue);
    connect(m_slider, &QSlider::valueChanged, m_session, &TimeTravelSession::setPosition);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(m_buttons);
    layout->addWidget(m_strip);
    layout->addWidget(m_slider);

    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_slider->value() >= m_slider->maximum())
            m_playButton->setChecked(false);
        else
            m_slider->setValue(m_slider->value() + 1);
    });
    connect(m_session, &TimeTravelSession::loaded, this, &TransportPane::showLoaded);
    connect(m_session, &TimeTravelSession::positionChanged, this, &TransportPane::showPosition);
    connect(m_session->timeline(), &TimelineModel::excludedChanged, this,
        [this] { m_strip->setExcluded(m_session->excludedPositions()); });
}

void TransportPane::addTrailingWidget(QWidget* widget)
{
    m_buttons->addWidget(widget);
}

void TransportPane::stopPlaying()
{
    m_playButton->setChecked(false);
}

void TransportPane::showLoaded()
{
    const auto* folder = m_session->folder();
    {
        const QSignalBlocker blockSpin(m_versionSpin);
        m_versionSpin->setRange(folder->baseVersion(), folder->lastVersion());
    }
    if (!folder->events().empty())
        m_asOf->setDateTime(QDateTime::fromMSecsSinceEpoch(folder->events().back().timestampUs / 1000));
    m_nextWarning->setEnabled(!folder->warnings().empty()); // a clean fold has nowhere to go

    m_strip->setPositions(m_session->lastPosition() + 1);
    m_strip->setWarnings(m_session->warningPositions());
    m_strip->setExcluded({});
    if (const auto& check = m_session->snapshotCheck()) {
        using Result = timetravel::SnapshotCheck::Result;
        m_strip->setSnapshot(check->result == Result::OutOfRange ? -1 : m_session->positionOfVersion(check->version),
            check->result == Result::Matches);
    } else {
        m_strip->setSnapshot(-1, true);
    }

    {
        // The session already stands at its position: the slider follows without asking it.
        const QSignalBlocker blockSlider(m_slider);
        m_slider->setRange(0, m_session->lastPosition());
    }
    showPosition(m_session->position(), m_session->versionAtPosition(m_session->position()));
    m_slider->setFocus();
}

void TransportPane::showPosition(int position, int version)
{
    {
        const QSignalBlocker blockSlider(m_slider);
        m_slider->setValue(position);
    }
    m_strip->setCurrent(position);
    const QSignalBlocker blockSpin(m_versionSpin);
    m_versionSpin->setValue(version);
}

void TransportPane::togglePlay(bool playing)
{
    m_playButton->setIcon(ownIcon(playing ? QStringLiteral("pause") : QStringLiteral("play")));
    if (!playing) {
        m_playTimer->stop();
        return;
    }
    if (m_slider->value() >= m_slider->maximum())
        m_slider->setValue(0); // play from the start when at the end
    m_playTimer->start(1000 / std::max(1, m_speed->currentData().toInt()));
}

} // namespace acci::ui

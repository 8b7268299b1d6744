#include "pages/timetravel/SnapshotBadge.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "pages/timetravel/TimeTravelSession.hpp"
#include "style/Theme.hpp"

namespace acci::ui {

SnapshotBadge::SnapshotBadge(TimeTravelSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_label = new QLabel(this);
    m_label->setWordWrap(true); // a long verdict (Spanish) wraps rather than widening the window
    m_label->setObjectName(QStringLiteral("snapshotLabel"));
    m_differenceButton = new QPushButton(tr("Show difference"), this);
    m_differenceButton->hide();
    connect(m_differenceButton, &QPushButton::clicked, this, &SnapshotBadge::differenceRequested);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_differenceButton);

    connect(m_session, &TimeTravelSession::loaded, this, &SnapshotBadge::showLoaded);
}

void SnapshotBadge::showLoaded()
{
    m_differenceButton->hide();
    if (!m_session->isComplete()) { // the check needs the whole history, which is on its way
        m_label->setText(
            tr("From the snapshot at version %1; loading the full history…").arg(m_session->folder()->baseVersion()));
        m_label->setStyleSheet({});
        return;
    }
    const auto& check = m_session->snapshotCheck();
    if (!check) {
        m_label->setText(tr("No stored snapshot"));
        m_label->setStyleSheet({}); // not the colour of the aggregate shown before
        return;
    }
    using Result = timetravel::SnapshotCheck::Result;
    if (check->result == Result::Matches) {
        m_label->setText(tr("Snapshot at version %1 matches the fold").arg(check->version));
        m_label->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneName(Tone::Info)));
    } else if (check->result == Result::Differs) {
        m_label->setText(tr("Snapshot at version %1 differs from the fold in %n field(s)", nullptr,
            static_cast<int>(check->diff.changes.size()))
                             .arg(check->version));
        m_label->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(toneName(Tone::Problem)));
        m_differenceButton->show();
    } else {
        m_label->setText(tr("Snapshot at version %1 is beyond the stream").arg(check->version));
        m_label->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneName(Tone::Problem)));
    }
}

} // namespace acci::ui

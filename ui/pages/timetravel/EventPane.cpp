#include "pages/timetravel/EventPane.hpp"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

#include "models/EventRow.hpp"
#include "pages/timetravel/DiffText.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"
#include "style/Theme.hpp"
#include "widgets/EventDetailView.hpp"

namespace acci::ui {

EventPane::EventPane(TimeTravelSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_changes = new QListWidget(this);
    m_changes->setObjectName(QStringLiteral("timeTravelChanges"));
    m_changes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_changes->setMaximumHeight(140);
    m_changes->setWordWrap(true);
    m_warnings = new QListWidget(this);
    m_warnings->setMaximumHeight(70);
    m_warnings->hide();
    m_detail = new EventDetailView(this);
    m_detail->setTimeTravelButtonVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(new QLabel(tr("What this event changed:"), this));
    layout->addWidget(m_changes);
    layout->addWidget(m_warnings);
    layout->addWidget(m_detail, 1);

    connect(m_session, &TimeTravelSession::frameReady, this, &EventPane::showFrame);
}

void EventPane::showFrame()
{
    const auto& frame = m_session->shownFrame();
    const int version = m_session->shownVersion();
    const auto* folder = m_session->folder();

    m_changes->clear();
    for (const auto& change : frame.changes.changes) {
        auto* item = new QListWidgetItem(changeLine(change), m_changes);
        switch (change.kind) {
        case timetravel::FieldChange::Kind::Added:
            item->setForeground(toneColour(Tone::Good));
            break;
        case timetravel::FieldChange::Kind::Changed:
            item->setForeground(toneColour(Tone::Warning));
            break;
        case timetravel::FieldChange::Kind::Removed:
            item->setForeground(toneColour(Tone::Problem));
            break;
        }
    }
    if (frame.changes.empty())
        new QListWidgetItem(
            version == folder->baseVersion() ? tr("(before the first event)") : tr("(nothing in the state changed)"),
            m_changes);

    if (const auto* event = folder->eventAt(version)) {
        auto rows = toEventRows({ *event });
        m_detail->display(rows.front());
        m_title->setText(tr("Version <b>%1</b> of %2: <b>%3</b>")
                             .arg(version)
                             .arg(folder->lastVersion())
                             .arg(QString::fromStdString(event->eventType).toHtmlEscaped()));
    } else {
        m_detail->clear();
        m_title->setText(tr("Before the first event: the empty state."));
    }

    m_warnings->clear();
    for (const auto& warning : frame.warnings)
        new QListWidgetItem(
            style()->standardIcon(QStyle::SP_MessageBoxWarning), QString::fromStdString(warning.message), m_warnings);
    m_warnings->setVisible(m_warnings->count() > 0);
}

} // namespace acci::ui

#include "widgets/HeldBackBanner.hpp"

#include <QLocale>

#include "text/Formatting.hpp"

namespace acci::ui {

HeldBackBanner::HeldBackBanner(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("heldBackBanner"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    // The same translucent amber as the Monitoring page's warning tiles.
    setStyleSheet(QStringLiteral("QLabel { background: rgba(230,140,0,60); border-radius: 4px; padding: 4px 8px; }"));
    connect(this, &QLabel::linkActivated, this, [this] { emit inFlightRequested(); });
    setVisible(false);
}

void HeldBackBanner::setHeldBack(const store::HeldBack& heldBack)
{
    const bool show = heldBack.held() && heldBack.secondsWaiting >= ShownAfterSeconds;
    setVisible(show);
    if (!show)
        return;
    setText(
        tr("%1 committed events are held back (waiting %2) behind open transaction %3: readers and projections "
           "cannot see them yet. <a href=\"in-flight\">In-flight transactions…</a>")
            .arg(QLocale().toString(static_cast<qlonglong>(heldBack.eventsWaiting)),
                formatDuration(heldBack.secondsWaiting), QString::fromStdString(heldBack.holderXid).toHtmlEscaped()));
    setToolTip(QString::fromStdString(heldBack.cause));
}

} // namespace acci::ui

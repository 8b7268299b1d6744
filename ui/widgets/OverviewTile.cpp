#include "widgets/OverviewTile.hpp"

#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace acci::ui {

OverviewTile::OverviewTile(const QString& objectName, const QString& title, QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(QStringLiteral("…"), this))
    , m_detail(new QLabel(this))
{
    setObjectName(objectName);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMinimumWidth(150);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_value->setObjectName(QStringLiteral("tileValue"));
    m_detail->setObjectName(QStringLiteral("tileDetail"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.92);
    titleFont.setCapitalization(QFont::AllUppercase);
    titleFont.setLetterSpacing(QFont::PercentageSpacing, 105);
    m_title->setFont(titleFont);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_detail->setWordWrap(true);
    // A long value (an age in words, a long language) wraps rather than widening the grid.
    m_value->setWordWrap(true);
    for (auto* label : { m_title, m_value, m_detail })
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch();
    restyle();
}

void OverviewTile::setFigure(const QString& value, const QString& detail, Level level)
{
    m_value->setText(value);
    m_detail->setText(detail);
    m_level = level;
    restyle();
}

QString OverviewTile::value() const
{
    return m_value->text();
}

QString OverviewTile::detail() const
{
    return m_detail->text();
}

void OverviewTile::setLinkHint(const QString& hint)
{
    setToolTip(hint);
}

void OverviewTile::restyle()
{
    // Translucent tints and a left accent read on light and dark palettes alike.
    const char* accent = m_level == Level::Ok ? "#2ea043"
        : m_level == Level::Warning           ? "#e68a00"
        : m_level == Level::Problem           ? "#d32f2f"
                                              : "#6e7781";
    const char* tint = m_level == Level::Problem ? "rgba(211,47,47,28)"
        : m_level == Level::Warning              ? "rgba(230,140,0,28)"
                                                 : "rgba(128,128,128,22)";
    setStyleSheet(
        QStringLiteral("acci--ui--OverviewTile { background: %1; border: 1px solid rgba(128,128,128,%3);"
                       " border-left: 4px solid %2; border-radius: 6px; }"
                       " acci--ui--OverviewTile:focus { border: 1px solid palette(highlight);"
                       " border-left: 4px solid %2; }")
            .arg(QLatin1String(tint), QLatin1String(accent), m_hover ? QStringLiteral("140") : QStringLiteral("60")));
}

void OverviewTile::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint())) {
        emit clicked();
        return;
    }
    QFrame::mouseReleaseEvent(event);
}

void OverviewTile::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit clicked();
        return;
    }
    QFrame::keyPressEvent(event);
}

void OverviewTile::enterEvent(QEnterEvent* event)
{
    m_hover = true;
    restyle();
    QFrame::enterEvent(event);
}

void OverviewTile::leaveEvent(QEvent* event)
{
    m_hover = false;
    restyle();
    QFrame::leaveEvent(event);
}

} // namespace acci::ui

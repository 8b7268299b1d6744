#include "widgets/SecurityIndicator.hpp"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QWindow>

#include "style/Theme.hpp"

namespace acci::ui {

SecurityIndicator::SecurityIndicator(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("securityIndicator"));
    clear();
}

void SecurityIndicator::clear()
{
    m_level = Level::Unknown;
    setToolTip(tr("Not connected"));
    setAccessibleName(toolTip());
    draw();
}

void SecurityIndicator::setSecurity(const store::TransportSecurity& security)
{
    QString tip;
    if (security.localSocket && !security.encrypted) {
        m_level = Level::LocalSocket;
        tip = tr("Local socket: the connection does not leave this machine.");
    } else if (!security.encrypted) {
        m_level = Level::Unencrypted;
        tip = tr("Not encrypted: queries, results and any password cross the network in the clear "
                 "(sslmode=%1). Connect with sslmode=verify-full.")
                  .arg(QString::fromStdString(security.sslmode));
    } else {
        const QString protocol = QString::fromStdString(security.protocol);
        const QString cipher = QString::fromStdString(security.cipher);
        if (security.hostnameVerified()) {
            m_level = Level::Verified;
            tip = tr("Encrypted (%1, %2). The server's certificate was verified, and so was its host name.")
                      .arg(protocol, cipher);
        } else if (security.certificateVerified()) {
            m_level = Level::Verified;
            tip = tr("Encrypted (%1, %2). The server's certificate was verified, but not its host name "
                     "(sslmode=verify-ca).")
                      .arg(protocol, cipher);
        } else {
            m_level = Level::Unverified;
            tip = tr("Encrypted (%1, %2), but the server's certificate was not verified (sslmode=%3): someone "
                     "in between could pose as the server. Connect with sslmode=verify-full.")
                      .arg(protocol, cipher, QString::fromStdString(security.sslmode));
        }
    }
    setToolTip(tip);
    setAccessibleName(tip);
    draw();
}

void SecurityIndicator::draw()
{
    // Drawn, not an image file: sharp at any scale, coloured to the level.
    const qreal ratio
        = window() && window()->windowHandle() ? window()->windowHandle()->devicePixelRatio() : devicePixelRatioF();
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor colour;
    switch (m_level) {
    case Level::Verified:
        colour = toneColour(Tone::Good);
        break;
    case Level::Unverified:
        colour = toneColour(Tone::Warning);
        break;
    case Level::Unencrypted:
        colour = toneColour(Tone::Problem);
        break;
    case Level::LocalSocket:
    case Level::Unknown:
        colour = palette().color(QPalette::WindowText);
        colour.setAlphaF(m_level == Level::Unknown ? 0.35 : 0.7);
        break;
    }
    if (m_level == Level::LocalSocket) {
        // A plug: two prongs and a body.
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRect(QRectF(5, 1.5, 1.8, 4));
        painter.drawRect(QRectF(9.2, 1.5, 1.8, 4));
        painter.drawRoundedRect(QRectF(3, 5.5, 10, 5.5), 1.5, 1.5);
        painter.drawRect(QRectF(7, 11, 2, 3.5));
    } else {
        // A padlock: the shackle closed, or swung open when the connection is in the clear.
        QPen shackle(colour, 1.8);
        painter.setPen(shackle);
        painter.setBrush(Qt::NoBrush);
        const bool open = m_level == Level::Unencrypted;
        QPainterPath arc;
        const QRectF loop(4.5, 1.5, 7, 8);
        arc.moveTo(loop.left(), 7.5);
        arc.arcTo(loop, 180, -180);
        arc.lineTo(loop.right(), open ? 5.0 : 7.5); // open: the right leg out of the body
        painter.translate(0, open ? -1.2 : 0);
        painter.drawPath(arc);
        painter.resetTransform();
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(2.5, 7, 11, 7.5), 1.5, 1.5);
    }
    painter.end();
    setPixmap(pixmap);
}

} // namespace acci::ui

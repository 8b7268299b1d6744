#include "style/Icons.hpp"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

namespace acci::ui {

namespace {

    QString iconPath(const QString& name)
    {
        return QStringLiteral(":/icons/ui/") + name + QStringLiteral(".svg");
    }

    // Read once: the SVGs are a few hundred bytes each and never change while running.
    QByteArray svgSource(const QString& name)
    {
        static QHash<QString, QByteArray> sources;
        auto found = sources.find(name);
        if (found == sources.end()) {
            QFile file(iconPath(name));
            found = sources.insert(name, file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
        }
        return *found;
    }

    QColor colourFor(QIcon::Mode mode)
    {
        const QPalette palette = QApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return palette.color(QPalette::Active, QPalette::HighlightedText);
        case QIcon::Normal:
        case QIcon::Active:
            break;
        }
        return palette.color(QPalette::Active, QPalette::WindowText);
    }

    // QSvgRenderer (Qt 6.4) does not know currentColor: the colour is written in before
    // rendering, and each colour and size drawn once (QPixmapCache).
    class SvgIconEngine final : public QIconEngine {
    public:
        explicit SvgIconEngine(QString name)
            : m_name(std::move(name))
        {
        }

        QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State) override
        {
            const QColor colour = colourFor(mode);
            const QString key = QStringLiteral("acci-icon:%1:%2:%3x%4")
                                    .arg(m_name, colour.name(QColor::HexArgb))
                                    .arg(size.width())
                                    .arg(size.height());
            QPixmap pixmap;
            if (QPixmapCache::find(key, &pixmap))
                return pixmap;
            pixmap = QPixmap(size);
            pixmap.fill(Qt::transparent);
            QByteArray svg = svgSource(m_name);
            svg.replace("currentColor", colour.name(QColor::HexRgb).toLatin1());
            QSvgRenderer renderer(svg);
            if (renderer.isValid()) {
                QPainter painter(&pixmap);
                painter.setOpacity(colour.alphaF());
                // Square, centred: a non-square request keeps the drawing's proportions.
                const int side = std::min(size.width(), size.height());
                renderer.render(
                    &painter, QRectF((size.width() - side) / 2.0, (size.height() - side) / 2.0, side, side));
            }
            QPixmapCache::insert(key, pixmap);
            return pixmap;
        }

        void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
        {
            const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : qreal(1);
            QPixmap drawn = pixmap(rect.size() * ratio, mode, state);
            drawn.setDevicePixelRatio(ratio);
            painter->drawPixmap(rect.topLeft(), drawn);
        }

        QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
        QIconEngine* clone() const override { return new SvgIconEngine(m_name); }
        QString key() const override { return QStringLiteral("acci-svg"); }
        bool isNull() override { return svgSource(m_name).isEmpty(); }
        QString iconName() override { return m_name; }

    private:
        QString m_name;
    };

} // namespace

QIcon ownIcon(const QString& name)
{
    return QIcon(new SvgIconEngine(name));
}

QIcon themedIcon(const QString& themeName, const QString& ownName)
{
    return QIcon::fromTheme(themeName, ownIcon(ownName));
}

QStringList ownIconNames()
{
    QStringList names;
    for (const auto& file : QDir(QStringLiteral(":/icons/ui")).entryList({ QStringLiteral("*.svg") }, QDir::Files))
        names << file.chopped(4);
    return names;
}

} // namespace acci::ui

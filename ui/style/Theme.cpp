#include "style/Theme.hpp"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QPointer>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

namespace acci::ui {

namespace {

    const QString SettingsKey = QStringLiteral("ui/theme");

    struct SystemLook {
        QString style;
        bool captured = false;
    };

    SystemLook& systemLook()
    {
        static SystemLook look;
        if (!look.captured) {
            look.style = QApplication::style() ? QApplication::style()->name() : QString();
            look.captured = true;
        }
        return look;
    }

    QPalette darkPalette()
    {
        // Fusion's own roles in dark tones; links and the placeholder lightened so that they
        // read (Qt's defaults are a dark blue and a dark grey).
        const QColor window(0x2b, 0x2d, 0x30);
        const QColor base(0x1f, 0x20, 0x22);
        const QColor text(0xe6, 0xe6, 0xe6);
        const QColor disabled(0x80, 0x80, 0x80);
        const QColor highlight(0x2f, 0x6f, 0xc4);
        QPalette palette;
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, text);
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2c));
        palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
        palette.setColor(QPalette::ToolTipText, text);
        palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
        palette.setColor(QPalette::Text, text);
        palette.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3c));
        palette.setColor(QPalette::ButtonText, text);
        palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
        palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
        palette.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x44));
        palette.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x28));
        palette.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
        palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
        palette.setColor(QPalette::Highlight, highlight);
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
        palette.setColor(QPalette::LinkVisited, QColor(0xb1, 0x97, 0xfc));
        for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText }) {
            palette.setColor(QPalette::Disabled, role, disabled);
        }
        palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
        palette.setColor(QPalette::Disabled, QPalette::Base, window);
        return palette;
    }

    // A style sheet's palette(...) colours and its widget's own palette are worked out when the
    // sheet is applied, not when the palette changes: applied again, they take the new one.
    void repolishStyleSheets()
    {
        for (auto* widget : QApplication::allWidgets()) {
            const QString sheet = widget->styleSheet();
            if (sheet.isEmpty())
                continue;
            widget->setStyleSheet(QString());
            widget->setStyleSheet(sheet);
        }
    }

    // The desktop switching between light and dark (System theme) changes the palette too.
    class PaletteWatcher final : public QObject {
    protected:
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && !m_busy) {
                m_busy = true;
                repolishStyleSheets();
                m_busy = false;
            }
            return QObject::eventFilter(watched, event);
        }

    private:
        bool m_busy = false;
    };

    void watchPalette()
    {
        static PaletteWatcher* watcher = nullptr;
        if (!watcher) {
            watcher = new PaletteWatcher;
            watcher->setParent(qApp);
            qApp->installEventFilter(watcher);
        }
    }

} // namespace

void applyTheme(Theme theme)
{
    watchPalette();
    const SystemLook& system = systemLook();
    if (theme == Theme::System) {
        if (!system.style.isEmpty() && QApplication::style()->name() != system.style)
            QApplication::setStyle(QStyleFactory::create(system.style));
        // A palette with no role set resolves to the platform's (or the style's) own.
        QPalette platform;
        platform.setResolveMask(0);
        QApplication::setPalette(platform);
        return;
    }
    if (QApplication::style()->name().compare(QStringLiteral("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

Theme savedTheme()
{
    const QString name = QSettings().value(SettingsKey).toString();
    if (name == QStringLiteral("dark"))
        return Theme::Dark;
    if (name == QStringLiteral("light"))
        return Theme::Light;
    return Theme::System;
}

void saveTheme(Theme theme)
{
    QSettings().setValue(SettingsKey,
        theme == Theme::Dark        ? QStringLiteral("dark")
            : theme == Theme::Light ? QStringLiteral("light")
                                    : QStringLiteral("system"));
}

void applySavedTheme()
{
    systemLook(); // the desktop's style, before any theme replaces it
    if (const Theme theme = savedTheme(); theme != Theme::System)
        applyTheme(theme);
}

bool paletteIsDark()
{
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor toneColour(Tone tone)
{
    const bool dark = paletteIsDark();
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case Tone::Warning:
        return dark ? QColor(0xf0, 0xb0, 0x4a) : QColor(0xa8, 0x5d, 0x00);
    case Tone::Problem:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
    case Tone::Info:
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x0d, 0x5b, 0xc6);
    case Tone::Accent:
        return dark ? QColor(0xc2, 0x97, 0xf0) : QColor(0x7b, 0x1f, 0xa2);
    }
    return {};
}

QString toneName(Tone tone)
{
    return toneColour(tone).name();
}

namespace {

    class PaletteFollower final : public QObject {
    public:
        PaletteFollower(QWidget* widget, std::function<void()> apply)
            : QObject(widget)
            , m_apply(std::move(apply))
        {
            widget->installEventFilter(this);
        }

    protected:
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            // A style sheet with a colour changes the widget's palette in turn: only a change
            // of the application's palette (and only a real one) applies the colours again.
            if ((event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
                && !m_applying) {
                const QString now = QApplication::palette().color(QPalette::Window).name();
                if (now != m_lastWindow) {
                    m_lastWindow = now;
                    m_applying = true;
                    m_apply();
                    m_applying = false;
                }
            }
            return QObject::eventFilter(watched, event);
        }

    public:
        void applyNow()
        {
            m_lastWindow = QApplication::palette().color(QPalette::Window).name();
            m_applying = true;
            m_apply();
            m_applying = false;
        }

    private:
        std::function<void()> m_apply;
        QString m_lastWindow;
        bool m_applying = false;
    };

} // namespace

void followPalette(QWidget* widget, std::function<void()> apply)
{
    auto* follower = new PaletteFollower(widget, std::move(apply));
    follower->applyNow();
}

} // namespace acci::ui

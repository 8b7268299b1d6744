#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <string>

#include "acci/util/UnsafeText.hpp"

namespace acci::ui {

// Event times as the console shows them: local time with milliseconds, ISO-like order.
inline QString formatTime(std::int64_t microsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(microsSinceEpoch / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

// A duration as people say it: "under a second", "42 s", "7 min", "3.5 h", "2.0 days". One
// wording for every page (lag, ages, rebuild estimates).
inline QString formatDuration(double seconds)
{
    // Literal contexts: lupdate only finds strings whose context it can read.
    if (seconds < 1)
        return QCoreApplication::translate("acci::ui::Duration", "under a second");
    if (seconds < 90)
        return QCoreApplication::translate("acci::ui::Duration", "%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
    if (seconds < 5400)
        return QCoreApplication::translate("acci::ui::Duration", "%1 min").arg(seconds / 60, 0, 'f', 0);
    if (seconds < 172800)
        return QCoreApplication::translate("acci::ui::Duration", "%1 h").arg(seconds / 3600, 0, 'f', 1);
    return QCoreApplication::translate("acci::ui::Duration", "%1 days").arg(seconds / 86400, 0, 'f', 1);
}

// Text from the store as a cell shows it: control characters (a newline would make a row two
// lines) become a space, and the bidi controls that make an id read as another ("evil" then
// U+202E then "abc" shows as "evilcba") become U+FFFD, visibly not text. For display only: the
// id itself, in a data role, stays as stored.
inline QString displaySafe(const QString& text)
{
    QString safe = text;
    for (QChar& c : safe) {
        const char16_t code = c.unicode();
        if (util::isControlCharacter(code))
            c = QLatin1Char(' ');
        else if (util::isBidiControl(code)) // all of them in the BMP: one UTF-16 unit each
            c = QChar(QChar::ReplacementCharacter);
    }
    return safe;
}

inline QString displaySafe(const std::string& text)
{
    return displaySafe(QString::fromStdString(text));
}

// displaySafe, cut to `maxCharacters` with "…": a name may be 1 kB, and a column sized to its
// contents would push the others off screen. Show the whole text in a tooltip.
inline QString displayShort(const std::string& text, int maxCharacters = 80)
{
    const QString safe = displaySafe(text);
    return safe.size() <= maxCharacters ? safe : safe.left(maxCharacters - 1) + QChar(0x2026);
}

} // namespace acci::ui

#pragma once

#include <QDateTime>
#include <QString>

#include <cstdint>

namespace acci::ui {

// Event times as the console shows them: local time with milliseconds, ISO-like order.
inline QString formatTime(std::int64_t microsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(microsSinceEpoch / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace acci::ui

#include "session/Conninfo.hpp"

#include <QUrl>

namespace acci::ui {

QString conninfoPair(const QString& key, const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return key + QLatin1String("='") + escaped + QLatin1Char('\'');
}

QString conninfoWithPassword(const QString& conninfo, const QString& password)
{
    if (password.isEmpty())
        return conninfo;
    if (conninfo.startsWith(QLatin1String("postgres://")) || conninfo.startsWith(QLatin1String("postgresql://")))
        return conninfo + (conninfo.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
            + QLatin1String("password=") + QString::fromLatin1(QUrl::toPercentEncoding(password));
    return conninfo + QLatin1Char(' ') + conninfoPair(QStringLiteral("password"), password);
}

} // namespace acci::ui

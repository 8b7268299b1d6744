#include "pages/timetravel/DiffText.hpp"

#include <QCoreApplication>
#include <QStringList>

namespace acci::ui {

QString changeLine(const timetravel::FieldChange& change)
{
    auto shortJson
        = [](const nlohmann::json& value) { return QString::fromStdString(timetravel::shortJson(value, 80)); };
    const QString where = change.pointer.empty() ? QStringLiteral("/") : QString::fromStdString(change.pointer);
    switch (change.kind) {
    case timetravel::FieldChange::Kind::Added:
        return QCoreApplication::translate("acci::ui::DiffText", "+ %1 = %2").arg(where, shortJson(change.after));
    case timetravel::FieldChange::Kind::Removed:
        return QCoreApplication::translate("acci::ui::DiffText", "− %1 (was %2)").arg(where, shortJson(change.before));
    case timetravel::FieldChange::Kind::Changed:
        break;
    }
    return QCoreApplication::translate("acci::ui::DiffText", "~ %1: %2 → %3")
        .arg(where, shortJson(change.before), shortJson(change.after));
}

QString diffText(const timetravel::StateDiff& diff)
{
    QStringList lines;
    for (const auto& change : diff.changes)
        lines << changeLine(change);
    return lines.join(QLatin1Char('\n'));
}

} // namespace acci::ui

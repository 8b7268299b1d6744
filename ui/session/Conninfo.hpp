#pragma once

#include <QString>

namespace acci::ui {

// key='value' with libpq's quoting.
QString conninfoPair(const QString& key, const QString& value);

// The connection string with a password added (key=value strings and URIs alike). The
// password lives only in memory: nothing that is saved goes through here.
QString conninfoWithPassword(const QString& conninfo, const QString& password);

} // namespace acci::ui

#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

namespace acci::ui {

// The console's own icons (resources/icons/ui/NAME.svg, drawn in currentColor on a 24×24
// grid), drawn at the size and device pixel ratio asked for, in the application palette's
// text colour for its mode (selected rows take the highlighted text's, disabled the disabled
// text's): sharp on HiDPI screens and legible on a dark palette, following a theme switch
// without being set again.
QIcon ownIcon(const QString& name);
// The desktop theme's icon when it has one by that freedesktop name, ours otherwise.
QIcon themedIcon(const QString& themeName, const QString& ownName);
// Every icon of ours (the screenshots' contact sheet, the tests).
QStringList ownIconNames();

} // namespace acci::ui

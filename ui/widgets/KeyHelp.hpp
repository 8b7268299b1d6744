#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

namespace acci::ui {

// A key that a view handles itself (in keyPressEvent or an event filter, not as a QAction),
// and what it does: Help → Keyboard shortcuts lists them. Each view keeps its list next to
// its handler.
struct KeyHelp {
    QKeySequence keys;
    QString what;
};

} // namespace acci::ui

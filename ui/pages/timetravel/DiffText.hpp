#pragma once

#include <QString>

#include "acci/timetravel/JsonDiff.hpp"

namespace acci::ui {

// A state difference as the time-travel panes word it: one line per field ("~ /a: 1 → 3"),
// shared by the changes list, the comparisons and what-if so that all read alike.
QString changeLine(const timetravel::FieldChange& change);
QString diffText(const timetravel::StateDiff& diff);

} // namespace acci::ui

#pragma once

#include <QString>

#include <functional>

class QAbstractItemView;
class QLabel;

namespace acci::ui {

// An empty table or list says what to do instead of showing a blank area: a sentence over
// its viewport while its model has no rows. text() is asked whenever the model changes (and
// on refreshEmptyState), so that it can depend on what the view is showing ("no event matches
// these filters" against "the log is empty"); an empty text shows nothing (still loading).
QLabel* setEmptyState(QAbstractItemView* view, std::function<QString()> text);
// Asks the text again (the view's context changed without its model changing).
void refreshEmptyState(QAbstractItemView* view);
// The sentence shown now, or an empty string (the tests).
QString emptyStateText(const QAbstractItemView* view);

} // namespace acci::ui

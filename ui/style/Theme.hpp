#pragma once

#include <QColor>
#include <QString>

#include <functional>

class QWidget;

namespace acci::ui {

// The console's look: the desktop's own (System), or Qt's Fusion style with a light or a dark
// palette whatever the desktop uses. Chosen in View → Theme, kept in QSettings (ui/theme).
enum class Theme { System, Light, Dark };

// Applies the theme to the whole application (every window follows: QEvent::PaletteChange).
void applyTheme(Theme theme);
Theme savedTheme();
void saveTheme(Theme theme);
// The theme saved, applied at start-up (main, the screenshots).
void applySavedTheme();

// Whether the application palette is a dark one (light text on a dark window).
bool paletteIsDark();

// Colours that say something (good, warning, problem, informative), in a shade that reads on
// the application palette: the light palette's darker tones, the dark palette's lighter ones.
enum class Tone { Good, Warning, Problem, Info, Accent };
QColor toneColour(Tone tone);
// The same as "#rrggbb", for style sheets and rich text.
QString toneName(Tone tone);

// Calls apply() now and again whenever the palette changes (a theme switch, the desktop going
// dark): for widgets whose style sheet carries one of the colours above.
void followPalette(QWidget* widget, std::function<void()> apply);

} // namespace acci::ui

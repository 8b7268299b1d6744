#pragma once

namespace acci::util {

// Code points that must not reach a person's screen as they are, wherever store text is shown
// (acci-admin's tables, the console's views): store text is written by anyone with INSERT.

// C0 (a newline, ESC), DEL and C1 (CSI among them): they break a row or start a terminal
// escape sequence. Shown as a space.
constexpr bool isControlCharacter(char32_t point)
{
    return point < 0x20 || (point >= 0x7F && point <= 0x9F);
}

// The bidi controls that make one id read as another ("evil", U+202E, "abc" shows as
// "evilcba"). Shown as U+FFFD, visibly not the text itself.
constexpr bool isBidiControl(char32_t point)
{
    return point == 0x061C || point == 0x200E || point == 0x200F || (point >= 0x202A && point <= 0x202E)
        || (point >= 0x2066 && point <= 0x2069);
}

} // namespace acci::util

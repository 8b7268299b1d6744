#include "Output.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "acci/util/UnsafeText.hpp"

namespace acci::admin {

namespace {

    // One code point from UTF-8 at `at`; invalid bytes decode as themselves, one at a time.
    char32_t decode(std::string_view text, std::size_t& at)
    {
        const auto byte = static_cast<unsigned char>(text[at]);
        const int length = byte < 0x80 ? 1
            : (byte >> 5) == 0x6       ? 2
            : (byte >> 4) == 0xE       ? 3
            : (byte >> 3) == 0x1E      ? 4
                                       : 0;
        if (length <= 1 || at + static_cast<std::size_t>(length) > text.size()) {
            ++at;
            return byte;
        }
        char32_t point = byte & (0x7F >> length);
        for (int i = 1; i < length; ++i) {
            const auto next = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
            if ((next & 0xC0) != 0x80) {
                ++at;
                return byte;
            }
            point = (point << 6) | (next & 0x3F);
        }
        at += static_cast<std::size_t>(length);
        return point;
    }

    bool within(char32_t point, const std::initializer_list<std::pair<char32_t, char32_t>>& ranges)
    {
        return std::any_of(ranges.begin(), ranges.end(),
            [point](const auto& range) { return point >= range.first && point <= range.second; });
    }

    // Terminal cells of one code point: the common combining marks and zero-width characters
    // take none, East Asian wide and fullwidth characters and emoji two (a compact wcwidth
    // that does not depend on the locale, which is often C in cron and CI).
    int cellsOf(char32_t point)
    {
        if (point == 0)
            return 0;
        if (within(point,
                { { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
                    { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
                    { 0xFE20, 0xFE2F } }))
            return 0;
        if (within(point,
                { { 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
                    { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 },
                    { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
                    { 0x30000, 0x3FFFD } }))
            return 2;
        return 1;
    }

    std::string padded(const std::string& text, std::size_t width, bool right)
    {
        const std::size_t cells = displayWidth(text);
        if (cells >= width)
            return text;
        const std::string fill(width - cells, ' ');
        return right ? fill + text : text + fill;
    }

    std::string upper(std::string text)
    {
        for (auto& c : text)
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
        return text;
    }

} // namespace

std::string chooseFormat(const Arguments& args, const CommandHelp& command, const Context& context)
{
    const OptionHelp* option = command.option("format");
    if (const auto given = args.value("format")) {
        const auto& choices = option->choices;
        if (std::find(choices.begin(), choices.end(), *given) == choices.end()) {
            std::string list;
            for (std::size_t i = 0; i < choices.size(); ++i)
                list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
            throw UsageError("--format takes " + list + ", not '" + *given + "'.");
        }
        if (command.option("json") && args.flag("json") && *given != "json")
            throw UsageError("--json and --format " + *given + " contradict each other; give one.");
        return *given;
    }
    if (command.option("json") && args.flag("json"))
        return "json";
    return context.outIsTerminal ? command.formatOnTerminal : command.formatPiped;
}

std::size_t displayWidth(std::string_view text)
{
    std::size_t cells = 0;
    for (std::size_t at = 0; at < text.size();)
        cells += static_cast<std::size_t>(cellsOf(decode(text, at)));
    return cells;
}

std::string truncateToWidth(std::string_view text, std::size_t width)
{
    if (displayWidth(text) <= width)
        return std::string(text);
    if (width == 0)
        return {};
    std::size_t cells = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t next = at;
        const auto cellCount = static_cast<std::size_t>(cellsOf(decode(text, next)));
        if (cells + cellCount > width - 1)
            break;
        cells += cellCount;
        at = next;
    }
    return std::string(text.substr(0, at)) + "…";
}

std::string terminalSafe(std::string_view text)
{
    std::string safe;
    safe.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        const char32_t point = decode(text, at);
        // C0 and DEL (a newline, ESC): a space, so that a row stays one line and no escape
        // sequence starts. C1 (0x80–0x9F, CSI among them), invalid bytes, and the bidi
        // controls that make an id read as another (an id with U+202E in it read backwards):
        // U+FFFD, visibly not the text itself.
        const bool invalidByte = at - start == 1 && point >= 0x80;
        if (point < 0x20 || point == 0x7F)
            safe += ' ';
        else if (util::isControlCharacter(point) || invalidByte || util::isBidiControl(point))
            safe += "\xEF\xBF\xBD";
        else
            safe.append(text.substr(start, at - start));
    }
    return safe;
}

std::string cellText(const nlohmann::ordered_json& value)
{
    return terminalSafe(value.is_string() ? value.get<std::string>()
            : value.is_null()             ? std::string()
                              : value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

int terminalColumns()
{
    if (::isatty(STDOUT_FILENO) != 1)
        return 0;
    if (const char* columns = std::getenv("COLUMNS"))
        if (const int given = std::atoi(columns); given > 0)
            return given;
    winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

RecordWriter::RecordWriter(std::ostream& out, std::string format, std::vector<Column> columns, int terminalColumns)
    : m_out(out)
    , m_format(std::move(format))
    , m_columns(std::move(columns))
    , m_terminalColumns(terminalColumns)
{
}

RecordWriter::~RecordWriter()
{
    // An exception on the way (a lost connection) must not print a table as if it were whole;
    // finish() is called on success only.
}

void RecordWriter::add(const nlohmann::ordered_json& record)
{
    if (m_format == "table") {
        std::vector<std::string> cells;
        cells.reserve(m_columns.size());
        for (const auto& column : m_columns) {
            if (!record.contains(column.key)) {
                cells.emplace_back();
                continue;
            }
            const auto& value = record[column.key];
            if (column.decimals >= 0 && value.is_number()) {
                char text[64];
                std::snprintf(text, sizeof text, "%.*f", column.decimals, value.get<double>());
                cells.emplace_back(text);
            } else {
                cells.push_back(cellText(value));
            }
        }
        m_rows.push_back(std::move(cells));
        if (m_rows.size() >= bufferedRows)
            flushTable();
        return;
    }
    addLine(record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void RecordWriter::addLine(std::string_view jsonLine)
{
    if (m_format == "table") {
        add(nlohmann::ordered_json::parse(jsonLine));
        return;
    }
    if (m_format == "json")
        m_out << (m_started ? ",\n" : "[\n");
    m_started = true;
    m_out << jsonLine;
    if (m_format != "json")
        m_out << '\n';
}

void RecordWriter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_format == "json")
        m_out << (m_started ? "\n]\n" : "[]\n");
    else if (m_format == "table")
        flushTable();
    m_out.flush();
}

void RecordWriter::flushTable()
{
    if (m_widths.empty()) {
        // The first rows decide the widths: the widest cell, at most the column's maximum.
        for (const auto& column : m_columns)
            m_widths.push_back(displayWidth(column.header));
        for (const auto& row : m_rows)
            for (std::size_t i = 0; i < row.size(); ++i)
                m_widths[i] = std::max(m_widths[i], std::min(displayWidth(row[i]), m_columns[i].maxWidth));
        // On a terminal the last column is cut to what is left of the line (16 cells at least),
        // so rows do not wrap; it never grows past its widest cell (a right-aligned number would
        // be pushed to the terminal's edge).
        if (m_terminalColumns > 0 && !m_widths.empty()) {
            std::size_t used = 0;
            for (std::size_t i = 0; i + 1 < m_widths.size(); ++i)
                used += m_widths[i] + 2;
            const auto left = static_cast<std::size_t>(m_terminalColumns) > used
                ? static_cast<std::size_t>(m_terminalColumns) - used
                : 0;
            m_widths.back() = std::max(
                std::min(m_widths.back(), std::max<std::size_t>(left, 16)), displayWidth(m_columns.back().header));
        }
        std::vector<std::string> headers;
        for (const auto& column : m_columns)
            headers.push_back(upper(column.header));
        printRow(headers);
    }
    for (const auto& row : m_rows)
        printRow(row);
    m_rows.clear();
}

void RecordWriter::printRow(const std::vector<std::string>& cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const bool last = i + 1 == cells.size();
        const std::string cell = truncateToWidth(cells[i], m_widths[i]);
        // The last column is not padded: no trailing blanks.
        line += last && !m_columns[i].alignRight ? cell : padded(cell, m_widths[i], m_columns[i].alignRight);
        if (!last)
            line += "  ";
    }
    // An empty last cell leaves no trailing blanks either.
    line.erase(line.find_last_not_of(' ') + 1);
    m_out << line << '\n';
}

RecordLineStream::RecordLineStream(RecordWriter& writer)
    : std::ostream(nullptr)
    , m_buffer(writer)
{
    rdbuf(&m_buffer);
}

void RecordLineStream::Buffer::put(char c)
{
    if (c != '\n') {
        m_line.push_back(c);
        return;
    }
    m_writer.addLine(m_line);
    m_line.clear();
}

RecordLineStream::Buffer::int_type RecordLineStream::Buffer::overflow(int_type c)
{
    if (traits_type::eq_int_type(c, traits_type::eof()))
        return traits_type::not_eof(c);
    put(traits_type::to_char_type(c));
    return c;
}

std::streamsize RecordLineStream::Buffer::xsputn(const char* text, std::streamsize count)
{
    for (std::streamsize i = 0; i < count; ++i)
        put(text[i]);
    return count;
}

void printObject(std::ostream& out, const std::string& format, const nlohmann::ordered_json& object)
{
    if (format != "table") {
        out << object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return;
    }
    std::size_t keyWidth = 0;
    for (const auto& [key, value] : object.items())
        keyWidth = std::max(keyWidth, displayWidth(key));
    for (const auto& [key, value] : object.items())
        out << padded(key, keyWidth, false) << "  " << cellText(value) << '\n';
}

} // namespace acci::admin

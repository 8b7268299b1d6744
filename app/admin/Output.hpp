#pragma once

// --format: records as aligned columns for people, NDJSON or one JSON document for programs.
#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::admin {

class Arguments;
struct CommandHelp;
struct Context;

// The chosen --format, a word of the entry's choices: --format, else --json (an alias of
// json), else the entry's default for a terminal or for a pipe.
std::string chooseFormat(const Arguments& args, const CommandHelp& command, const Context& context);

// How many terminal cells text takes: UTF-8 decoded, East Asian wide characters two, combining
// marks none. Invalid bytes count one each.
std::size_t displayWidth(std::string_view text);
// The text cut to at most `width` cells, ending with … when something was cut.
std::string truncateToWidth(std::string_view text, std::size_t width);

struct Column {
    std::string header;
    std::string key; // the record's field
    std::size_t maxWidth = 40; // cells; longer values are cut with …
    bool alignRight = false; // numbers
    int decimals = -1; // a number shown with this many decimals (seconds); -1: as it is
};

// Prints records in the chosen format as they come, so that an export of a million events
// needs no more memory in table form than the first page: widths are measured on the first
// rows (at most bufferedRows), later rows are cut to those widths.
class RecordWriter {
public:
    RecordWriter(std::ostream& out, std::string format, std::vector<Column> columns, int terminalColumns = 0);
    ~RecordWriter();
    RecordWriter(const RecordWriter&) = delete;
    RecordWriter& operator=(const RecordWriter&) = delete;

    void add(const nlohmann::ordered_json& record);
    // A record that is already one line of JSON (the log's export): ndjson and json copy it as
    // it is, so numbers keep their exact text.
    void addLine(std::string_view jsonLine);
    void finish(); // the closing bracket, or the buffered table rows

    static constexpr std::size_t bufferedRows = 500;

private:
    void flushTable();
    void printRow(const std::vector<std::string>& cells);

    std::ostream& m_out;
    std::string m_format;
    std::vector<Column> m_columns;
    int m_terminalColumns;
    std::vector<std::vector<std::string>> m_rows; // table rows not printed yet
    std::vector<std::size_t> m_widths; // fixed once the first rows are printed
    bool m_started = false;
    bool m_finished = false;
};

// A stream whose every line (one JSON record, as the core's exports write them) goes to a
// RecordWriter: the exports stay as they are and print as tables too.
class RecordLineStream : public std::ostream {
public:
    explicit RecordLineStream(RecordWriter& writer);

private:
    class Buffer : public std::streambuf {
    public:
        explicit Buffer(RecordWriter& writer)
            : m_writer(writer)
        {
        }

    protected:
        int_type overflow(int_type c) override;
        std::streamsize xsputn(const char* text, std::streamsize count) override;

    private:
        void put(char c);
        RecordWriter& m_writer;
        std::string m_line;
    };
    Buffer m_buffer;
};

// One object (stats, a snapshot, a user): table as "field  value" lines, else one JSON line.
void printObject(std::ostream& out, const std::string& format, const nlohmann::ordered_json& object);

// A cell's text: strings as they are, null empty, the rest as compact JSON; control characters
// (a newline in an error) shown as a space, so that a row stays one line.
std::string cellText(const nlohmann::ordered_json& value);

// Text from the store made safe for a terminal: control characters (C0, DEL, C1), invalid
// UTF-8 and bidi controls replaced, so that no escape sequence reaches the user's terminal and
// no id reads as another.
std::string terminalSafe(std::string_view text);

// The width of the terminal on stdout (COLUMNS, else the terminal's size); 0 when not a terminal.
int terminalColumns();

} // namespace acci::admin

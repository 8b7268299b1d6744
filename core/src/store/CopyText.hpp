#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/transaction_base>

namespace pqxx {
class tablewriter;
}

namespace acci::store::detail {

// One row of COPY ... FROM STDIN in text format, for CopyTextWriter. libpqxx 6.4's own writer
// (stream_to's operator<<) escapes every byte above 0x7e as octal, and COPY
// turns an octal escape back into that byte *after* converting the line from the client
// encoding: our UTF-8 then lands in a LATIN1 database as two characters per accent ("é" became
// "Ã©"). Only the bytes COPY's text format gives a meaning to are escaped here (backslash,
// tab, newline, carriage return); every other byte is text the server converts as it should.
class CopyTextRow {
public:
    CopyTextRow& field(std::string_view value)
    {
        separate();
        for (const char c : value) {
            switch (c) {
            case '\\':
                m_line += "\\\\";
                break;
            case '\t':
                m_line += "\\t";
                break;
            case '\n':
                m_line += "\\n";
                break;
            case '\r':
                m_line += "\\r";
                break;
            default:
                m_line += c;
            }
        }
        return *this;
    }
    CopyTextRow& field(const std::string& value) { return field(std::string_view(value)); }
    CopyTextRow& field(const char* value) { return field(std::string_view(value)); } // not the bool one
    CopyTextRow& field(const std::optional<std::string>& value) { return value ? field(*value) : null(); }
    CopyTextRow& field(bool value) { return field(std::string_view(value ? "t" : "f")); }
    CopyTextRow& field(int value) { return field(std::string_view(std::to_string(value))); }
    CopyTextRow& null()
    {
        separate();
        m_line += "\\N";
        return *this;
    }

    // The row, without its newline (write_raw_line adds it); starts the next row.
    std::string take()
    {
        std::string line = std::move(m_line);
        m_line.clear();
        m_fields = 0;
        return line;
    }

private:
    void separate()
    {
        if (m_fields++ > 0)
            m_line += '\t';
    }

    std::string m_line;
    int m_fields = 0;
};

// COPY table (columns) FROM STDIN, row by row. stream_to's raw-line writer is private in
// libpqxx 6.4; the older tablewriter's is public (deprecated in favour of stream_to, which is
// what corrupts non-UTF-8 databases, see CopyTextRow).
class CopyTextWriter {
public:
    CopyTextWriter(pqxx::transaction_base& tx, const std::string& table, const std::vector<std::string>& columns);
    ~CopyTextWriter();
    CopyTextWriter(const CopyTextWriter&) = delete;
    CopyTextWriter& operator=(const CopyTextWriter&) = delete;

    void write(CopyTextRow& row); // takes the row, which starts over
    void complete(); // ends the COPY; errors surface here (or at the next statement)

private:
    std::unique_ptr<pqxx::tablewriter> m_writer;
};

} // namespace acci::store::detail

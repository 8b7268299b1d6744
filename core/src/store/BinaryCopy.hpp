#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/transaction_base>

namespace acci::store::detail {

// One row of COPY ... (FORMAT binary): each field's bytes as the server sent them (text
// columns in the client encoding, integers big-endian), valid only during the callback.
class CopyRow {
public:
    struct Field {
        const char* data = nullptr;
        std::int32_t length = -1; // -1: NULL
    };

    std::size_t size() const { return m_fields.size(); }
    bool isNull(std::size_t i) const { return m_fields[i].length < 0; }
    // The bytes of a text column; empty for NULL (as pqxx gives a NULL field's text).
    std::string_view text(std::size_t i) const;
    // An int2, int4 or int8 column as Int. A value Int cannot hold, and NULL, read as 0: what
    // parsing the text form with from_chars gives (the classic reader's parseInt).
    template <typename Int> Int integer(std::size_t i) const;

private:
    friend class BinaryCopyParser;
    std::int64_t wideInteger(std::size_t i, bool& ok) const;
    std::vector<Field> m_fields;
};

template <typename Int> Int CopyRow::integer(std::size_t i) const
{
    bool ok = false;
    const std::int64_t value = wideInteger(i, ok);
    if (!ok || value < static_cast<std::int64_t>(std::numeric_limits<Int>::min())
        || (value > 0
            && static_cast<std::uint64_t>(value) > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())))
        return 0;
    return static_cast<Int>(value);
}

// Splits the CopyData messages of a binary COPY into rows. The server sends one message
// per row; the file header rides on the first one, the trailer is a message of its own.
class BinaryCopyParser {
public:
    // Parses one message; returns the row it holds, or nullptr for the trailer. Throws
    // pqxx::failure on bytes that are not the binary COPY format.
    const CopyRow* parse(std::string_view message);

private:
    bool m_headerRead = false;
    CopyRow m_row;
};

struct CopyRead {
    long long rows = 0;
    bool stopped = false; // onRow asked to stop: the query was cancelled, the transaction aborted
};

// Runs "COPY (select) TO STDOUT (FORMAT binary)" in tx and hands each row to onRow as it
// arrives, so the caller works while the server is still sending. onRow returns false to
// stop; then, and when it throws, the query is cancelled on the server rather than read to
// its end. Binary, not text: no escapes to undo, and no client encoding (SJIS, BIG5…) whose
// multibyte characters hide a backslash can confuse the framing. The one binary COPY reader:
// the log and stream reads and the projections' rebuild and catch-up all go through it.
CopyRead copyRows(
    pqxx::transaction_base& tx, const std::string& select, const std::function<bool(const CopyRow&)>& onRow);

// A query's $1, $2… replaced by the values as quoted literals (nullopt: NULL), because COPY
// takes no parameters. Quoting is libpq's (PQescapeStringConn: the connection's encoding and
// standard_conforming_strings). A value is cut at a NUL byte, as a text parameter would be.
// Placeholders are replaced in one pass, so a value holding "$2" stays as it is.
std::string withLiterals(
    const pqxx::transaction_base& tx, std::string_view sql, const std::vector<std::optional<std::string>>& values);

// A timestamptz as binary COPY sends it (microseconds since 2000-01-01) in microseconds since
// 1970. Infinity, and the last 30 years PostgreSQL holds that an int64 of microseconds since
// 1970 does not reach, saturate to the int64 limits, which util::formatTimestampUs writes as
// "infinity" and "-infinity": one such event must not stop a read or a catch-up.
inline std::int64_t unixMicrosFromPostgres(std::int64_t since2000)
{
    constexpr std::int64_t PostgresEpochUs = 946'684'800'000'000;
    if (since2000 == std::numeric_limits<std::int64_t>::min())
        return since2000;
    std::int64_t micros = 0;
    if (since2000 == std::numeric_limits<std::int64_t>::max()
        || __builtin_add_overflow(since2000, PostgresEpochUs, &micros))
        return std::numeric_limits<std::int64_t>::max();
    return micros;
}

} // namespace acci::store::detail

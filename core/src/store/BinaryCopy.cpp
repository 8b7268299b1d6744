#include "store/BinaryCopy.hpp"

#include <cstring>

#include <pqxx/except>
#include <pqxx/stream_from>

namespace acci::store::detail {

namespace {

    // "PGCOPY\n\377\r\n\0", then a flags word and the header extension's length.
    constexpr std::string_view signature { "PGCOPY\n\377\r\n\0", 11 };

    std::uint64_t bigEndian(const char* bytes, std::size_t length)
    {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < length; ++i)
            value = (value << 8) | static_cast<unsigned char>(bytes[i]);
        return value;
    }

    [[noreturn]] void malformed(const char* what)
    {
        throw pqxx::failure(
            std::string("The server's binary COPY data is malformed (") + what + "); the read was abandoned.");
    }

} // namespace

std::string_view CopyRow::text(std::size_t i) const
{
    const Field& field = m_fields[i];
    return field.length < 0 ? std::string_view() : std::string_view(field.data, field.length);
}

std::int64_t CopyRow::wideInteger(std::size_t i, bool& ok) const
{
    const Field& field = m_fields[i];
    ok = true;
    switch (field.length) {
    case 2:
        return static_cast<std::int16_t>(bigEndian(field.data, 2));
    case 4:
        return static_cast<std::int32_t>(bigEndian(field.data, 4));
    case 8:
        return static_cast<std::int64_t>(bigEndian(field.data, 8));
    case -1:
        ok = false;
        return 0;
    default:
        malformed("an integer column is neither 2, 4 nor 8 bytes");
    }
}

const CopyRow* BinaryCopyParser::parse(std::string_view message)
{
    std::size_t at = 0;
    const auto take = [&](std::size_t length) {
        if (message.size() - at < length)
            malformed("a row is shorter than its fields say");
        const char* bytes = message.data() + at;
        at += length;
        return bytes;
    };
    if (!m_headerRead) {
        if (message.substr(0, signature.size()) != signature)
            malformed("no PGCOPY signature");
        at = signature.size();
        take(4); // flags: bit 16 (OIDs) is never set for a query's COPY
        take(bigEndian(take(4), 4)); // the header extension, unused
        m_headerRead = true;
    }
    const auto count = static_cast<std::int16_t>(bigEndian(take(2), 2));
    if (count == -1)
        return nullptr;
    if (count < 0)
        malformed("a negative field count");
    m_row.m_fields.resize(static_cast<std::size_t>(count));
    for (auto& field : m_row.m_fields) {
        field.length = static_cast<std::int32_t>(bigEndian(take(4), 4));
        if (field.length < -1)
            malformed("a negative field length");
        field.data = field.length < 0 ? nullptr : take(static_cast<std::size_t>(field.length));
    }
    if (at != message.size())
        malformed("bytes after the last field of a row");
    return &m_row;
}

CopyRead copyRows(
    pqxx::transaction_base& tx, const std::string& select, const std::function<bool(const CopyRow&)>& onRow)
{
    // libpqxx 6.4's stream_from sends "COPY " + name + " TO STDOUT" with the name unquoted
    // (7.x has from_query for this). A parenthesised query is a valid name there; the
    // options come after our own "TO STDOUT", and the comment swallows libpqxx's.
    pqxx::stream_from stream(tx, "(" + select + ") TO STDOUT (FORMAT binary) --");
    BinaryCopyParser parser;
    std::string message;
    CopyRead read;
    bool ended = false;
    // Until the stream ends the connection belongs to the COPY: stopping early means asking
    // the server to cancel and reading what it sent until then, not the rest of the log.
    auto abandon = [&] {
        tx.conn().cancel_query();
        try {
            while (stream.get_raw_line(message)) { }
        } catch (const pqxx::broken_connection&) {
            throw;
        } catch (const std::exception&) {
            // The cancellation itself ("canceling statement due to user request").
        }
    };
    try {
        while (stream.get_raw_line(message)) {
            if (ended)
                malformed("data after the trailer");
            const CopyRow* row = parser.parse(message);
            if (!row) {
                ended = true;
                continue;
            }
            ++read.rows;
            bool goOn = true;
            try {
                goOn = onRow(*row);
            } catch (...) {
                abandon();
                throw;
            }
            if (!goOn) {
                abandon();
                read.stopped = true;
                return read;
            }
        }
        stream.complete();
    } catch (const pqxx::sql_error&) {
        throw;
    } catch (const pqxx::broken_connection&) {
        throw;
    } catch (const pqxx::failure& error) {
        // libpqxx reports a connection lost in mid-COPY as a plain failure; a plain query
        // would have said broken_connection, which is what callers reconnect on.
        if (!tx.conn().is_open())
            throw pqxx::broken_connection(error.what());
        throw;
    }
    if (!ended)
        malformed("no trailer");
    return read;
}

std::string withLiterals(
    const pqxx::transaction_base& tx, std::string_view sql, const std::vector<std::optional<std::string>>& values)
{
    std::string out;
    out.reserve(sql.size() + 64);
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (c != '$' || i + 1 >= sql.size() || sql[i + 1] < '0' || sql[i + 1] > '9') {
            out.push_back(c);
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        std::size_t number = 0;
        while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9')
            number = number * 10 + static_cast<std::size_t>(sql[end++] - '0');
        if (number == 0 || number > values.size())
            throw pqxx::usage_error(
                "A query names parameter $" + std::to_string(number) + " of " + std::to_string(values.size()) + ".");
        const auto& value = values[number - 1];
        if (!value)
            out += "NULL";
        else
            out += tx.quote(value->substr(0, value->find('\0')));
        i = end;
    }
    return out;
}

} // namespace acci::store::detail

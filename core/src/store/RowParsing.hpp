#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <pqxx/except>
#include <pqxx/field>
#include <pqxx/result>
#include <pqxx/row>

#include "acci/store/Event.hpp"
#include "store/BinaryCopy.hpp"

namespace acci::store::detail {

// Plain integer parsing of a field's text: much cheaper than a stream-based conversion on
// the hot read path.
template <typename Int> Int parseInt(std::string_view text)
{
    Int value {};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

template <typename Int> Int parseInt(const pqxx::field& field)
{
    return parseInt<Int>(std::string_view(field.c_str(), field.size()));
}

// Parses a row selected with recordedEventColumns(), starting at column `first`.
inline RecordedEvent parseRecordedEvent(const pqxx::row& row, int first = 0)
{
    RecordedEvent event;
    event.position.txId = parseInt<std::uint64_t>(row[first + 0]);
    event.position.globalPosition = parseInt<std::int64_t>(row[first + 1]);
    event.id.assign(row[first + 2].c_str(), row[first + 2].size());
    event.aggregateId.assign(row[first + 3].c_str(), row[first + 3].size());
    event.aggregateType.assign(row[first + 4].c_str(), row[first + 4].size());
    event.eventType.assign(row[first + 5].c_str(), row[first + 5].size());
    event.version = parseInt<int>(row[first + 6]);
    event.dataJson.assign(row[first + 7].c_str(), row[first + 7].size());
    event.metadataJson.assign(row[first + 8].c_str(), row[first + 8].size());
    event.timestampUs = parseInt<std::int64_t>(row[first + 9]);
    return event;
}

// recordedEventColumns() as a binary COPY reads them: the same values, each in the form the
// server sends cheapest. tx_id, id and timestamp go as their 8, 16 and 8 bytes rather than as
// text the server formats (xid8out, uuid_out, and the numeric arithmetic of epochMicros were
// a quarter of its time per row); jsonb goes as its text behind a version byte.
inline std::string copyEventColumns(bool withMetadata = true)
{
    return "tx_id, global_position, id, aggregate_id, aggregate_type, event_type, version, data, "
        + std::string(withMetadata ? "metadata" : "'{}'::jsonb") + ", timestamp";
}

namespace copied {

    // A column's bytes, checked to be `size` long.
    inline const unsigned char* fixed(const CopyRow& row, std::size_t column, std::size_t size, const char* type)
    {
        const auto bytes = row.text(column);
        if (row.isNull(column) || bytes.size() != size)
            throw pqxx::failure(std::string("The server sent a ") + type + " of " + std::to_string(bytes.size())
                + " bytes; the read was abandoned.");
        return reinterpret_cast<const unsigned char*>(bytes.data());
    }

    inline std::uint64_t bigEndian(const unsigned char* bytes)
    {
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i)
            value = (value << 8) | bytes[i];
        return value;
    }

    // uuid_out's text: lower-case hex, 8-4-4-4-12.
    inline void uuidText(const CopyRow& row, std::size_t column, std::string& to)
    {
        static constexpr char hex[] = "0123456789abcdef";
        const unsigned char* bytes = fixed(row, column, 16, "uuid");
        to.resize(36);
        std::size_t at = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                to[at++] = '-';
            to[at++] = hex[bytes[i] >> 4];
            to[at++] = hex[bytes[i] & 0xf];
        }
    }

    // jsonb's binary form is a version byte (1) and then its text, as jsonb_out writes it.
    inline void jsonbText(const CopyRow& row, std::size_t column, std::string& to)
    {
        const auto bytes = row.text(column);
        if (bytes.empty() || bytes[0] != 1)
            throw pqxx::failure("The server sent jsonb in a format this reader does not know; the read was abandoned.");
        to.assign(bytes.data() + 1, bytes.size() - 1);
    }

    inline std::int64_t unixMicros(const CopyRow& row, std::size_t column)
    {
        return unixMicrosFromPostgres(static_cast<std::int64_t>(bigEndian(fixed(row, column, 8, "timestamptz"))));
    }

} // namespace copied

// A row of copyEventColumns(), into an event whose strings keep their capacity (a reader that
// reuses one event allocates nothing per row), equal to what parseRecordedEvent reads from
// the text columns of recordedEventColumns().
inline void parseRecordedEvent(const CopyRow& row, RecordedEvent& event)
{
    if (row.size() != 10)
        throw pqxx::failure("A row of events has " + std::to_string(row.size()) + " columns, not 10.");
    const auto assign = [&](std::string& to, std::size_t column) {
        const auto text = row.text(column);
        to.assign(text.data(), text.size());
    };
    event.position.txId = copied::bigEndian(copied::fixed(row, 0, 8, "xid8"));
    event.position.globalPosition = row.integer<std::int64_t>(1);
    copied::uuidText(row, 2, event.id);
    assign(event.aggregateId, 3);
    assign(event.aggregateType, 4);
    assign(event.eventType, 5);
    event.version = row.integer<int>(6);
    copied::jsonbText(row, 7, event.dataJson);
    copied::jsonbText(row, 8, event.metadataJson);
    event.timestampUs = copied::unixMicros(row, 9);
}

// SQL for "microseconds since the epoch" of a timestamptz expression, and back.
inline std::string epochMicros(const std::string& column)
{
    // Clamped as unixMicrosFromPostgres clamps: infinity (and the far future no int8 of
    // microseconds reaches) must not fail the read of every event around it. NULL stays NULL
    // (least and greatest would skip it).
    return "(CASE WHEN (" + column + ") IS NOT NULL THEN least(greatest(extract(epoch from " + column
        + ") * 1000000, -9223372036854775808), 9223372036854775807) END)::int8";
}

inline std::string timestampFromMicros(const std::string& parameter)
{
    // The int64 limits are the infinities unixMicrosFromPostgres saturates to.
    return "(CASE " + parameter + " WHEN 9223372036854775807 THEN 'infinity'::timestamptz"
        + " WHEN -9223372036854775808 THEN '-infinity'::timestamptz ELSE 'epoch'::timestamptz + " + parameter
        + " * interval '1 microsecond' END)";
}

// A PostgreSQL text[] literal, every element quoted and escaped.
inline std::string textArrayLiteral(const std::vector<std::string>& values)
{
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            literal += ',';
        literal += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\')
                literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    literal += '}';
    return literal;
}

} // namespace acci::store::detail

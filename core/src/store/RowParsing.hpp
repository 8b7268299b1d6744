#pragma once

#include <charconv>
#include <cstdint>
#include <string>

#include <pqxx/except>
#include <pqxx/field>
#include <pqxx/result>
#include <pqxx/row>

#include "acci/store/Event.hpp"
#include "store/BinaryCopy.hpp"

namespace acci::store::detail {

// Plain integer parsing of a field's text: much cheaper than a stream-based conversion on
// the hot read path.
template <typename Int> Int parseInt(const pqxx::field& field)
{
    Int value {};
    const char* text = field.c_str();
    std::from_chars(text, text + field.size(), value);
    return value;
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

// The same row read from a binary COPY, into an event whose strings keep their capacity
// (a reader that reuses one event allocates nothing per row). Text columns arrive as the
// text the classic reader sees; the integer columns as integers, equal to what parseInt
// reads from their text.
inline void parseRecordedEvent(const CopyRow& row, RecordedEvent& event)
{
    if (row.size() != 10)
        throw pqxx::failure("A row of events has " + std::to_string(row.size()) + " columns, not 10.");
    const auto assign = [&](std::string& to, std::size_t column) {
        const auto text = row.text(column);
        to.assign(text.data(), text.size());
    };
    const auto tx = row.text(0);
    event.position.txId = 0;
    std::from_chars(tx.data(), tx.data() + tx.size(), event.position.txId);
    event.position.globalPosition = row.integer<std::int64_t>(1);
    assign(event.id, 2);
    assign(event.aggregateId, 3);
    assign(event.aggregateType, 4);
    assign(event.eventType, 5);
    event.version = row.integer<int>(6);
    assign(event.dataJson, 7);
    assign(event.metadataJson, 8);
    event.timestampUs = row.integer<std::int64_t>(9);
}

// SQL for "microseconds since the epoch" of a timestamptz expression, and back.
inline std::string epochMicros(const std::string& column)
{
    return "(extract(epoch from " + column + ") * 1000000)::int8";
}

inline std::string timestampFromMicros(const std::string& parameter)
{
    return "('epoch'::timestamptz + " + parameter + " * interval '1 microsecond')";
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

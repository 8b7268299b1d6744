#include "projections/ProjectionEvents.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/except>
#include <pqxx/stream_from>

#include "store/RowParsing.hpp"

namespace acci::projections::detail {

namespace {

    // PostgreSQL's binary timestamps count microseconds from 2000-01-01 UTC.
    constexpr std::int64_t PostgresEpochUs = 946'684'800'000'000;

    // Columns of the query, in this order; the declared fields follow.
    enum Column { TxId, Position, Id, AggregateId, AggregateType, EventType, Version, Timestamp, WholeData, Metadata };
    constexpr std::size_t FirstField = Metadata + 1;

    [[noreturn]] void malformed(const char* what)
    {
        throw pqxx::failure(
            std::string("The server's binary COPY of the events is malformed (") + what + "); the read was abandoned.");
    }

    std::uint64_t bigEndian(std::string_view bytes)
    {
        std::uint64_t value = 0;
        for (const char byte : bytes)
            value = (value << 8) | static_cast<unsigned char>(byte);
        return value;
    }

    // One CopyData message of COPY ... (FORMAT binary) as fields: the server sends one row per
    // message, the file header rides on the first one and the trailer is a message of its own.
    class BinaryRows {
    public:
        // False for the trailer.
        bool parse(std::string_view message)
        {
            m_message = message;
            m_at = 0;
            if (!m_headerRead) {
                constexpr std::string_view signature { "PGCOPY\n\377\r\n\0", 11 };
                if (take(signature.size()) != signature)
                    malformed("no PGCOPY signature");
                take(4); // flags: only the OID bit is defined, and a query's COPY never sets it
                take(bigEndian(take(4))); // the header extension, unused
                m_headerRead = true;
            }
            const auto count = static_cast<std::int16_t>(bigEndian(take(2)));
            if (count == -1)
                return false;
            if (count < 0)
                malformed("a negative field count");
            m_fields.resize(static_cast<std::size_t>(count));
            m_null.resize(static_cast<std::size_t>(count));
            for (std::size_t i = 0; i < m_fields.size(); ++i) {
                const auto length = static_cast<std::int32_t>(bigEndian(take(4)));
                m_null[i] = length < 0;
                m_fields[i] = length < 0 ? std::string_view() : take(static_cast<std::size_t>(length));
            }
            if (m_at != m_message.size())
                malformed("bytes after the last field of a row");
            return true;
        }

        std::size_t size() const { return m_fields.size(); }
        bool isNull(std::size_t i) const { return m_null[i]; }
        std::string_view bytes(std::size_t i) const { return m_fields[i]; }
        template <typename Int> Int integer(std::size_t i) const
        {
            if (m_fields[i].size() != sizeof(Int))
                malformed("an integer column of an unexpected width");
            return static_cast<Int>(bigEndian(m_fields[i]));
        }
        // jsonb's binary form is a version byte, then the text that jsonb::text gives.
        std::string_view jsonText(std::size_t i) const
        {
            const std::string_view field = m_fields[i];
            if (field.empty() || field[0] != 1)
                malformed("a jsonb value of an unknown version");
            return field.substr(1);
        }

    private:
        std::string_view take(std::size_t length)
        {
            if (m_message.size() - m_at < length)
                malformed("a row shorter than its fields say");
            const auto bytes = m_message.substr(m_at, length);
            m_at += length;
            return bytes;
        }

        std::string_view m_message;
        std::size_t m_at = 0;
        bool m_headerRead = false;
        std::vector<std::string_view> m_fields;
        std::vector<bool> m_null;
    };

    void assignUuid(std::string& out, std::string_view bytes)
    {
        if (bytes.size() != 16)
            malformed("a uuid that is not 16 bytes");
        static constexpr char hex[] = "0123456789abcdef";
        out.resize(36);
        std::size_t at = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                out[at++] = '-';
            const auto byte = static_cast<unsigned char>(bytes[i]);
            out[at++] = hex[byte >> 4];
            out[at++] = hex[byte & 15];
        }
    }

    // Whether a field's text reaches the projection exactly as the whole payload's would: a
    // payload the client cannot read as UTF-8 (a SQL_ASCII database, a client encoding such as
    // LATIN1) makes today's reader refuse the event whichever field holds the odd bytes, so
    // such a store gets whole payloads and the projection decides as it always has.
    bool extractionIsExact(pqxx::transaction_base& tx)
    {
        return tx
            .exec1("SELECT current_setting('server_encoding') = 'UTF8'"
                   " AND current_setting('client_encoding') = 'UTF8'")[0]
            .as<bool>();
    }

    // A quoted literal; built by appending, which also spares GCC 12 a false -Wrestrict alarm
    // in libpqxx's quote().
    std::string literal(pqxx::transaction_base& tx, const std::string& value)
    {
        std::string quoted = "'";
        quoted += tx.esc(value);
        quoted += '\'';
        return quoted;
    }

    std::string selectSql(pqxx::transaction_base& tx, const Projection& projection,
        const std::vector<std::string>& fields, const EventRange& range)
    {
        std::string sql = "SELECT tx_id, global_position, id, aggregate_id, aggregate_type, event_type, version,"
                          " timestamp, ";
        // Data that is not an object has no fields to pick: it comes whole, for the projection
        // to refuse as it would have (`->` on it yields NULL, never an error).
        sql += fields.empty() ? "data" : "CASE WHEN jsonb_typeof(data) <> 'object' THEN data END";
        sql += projection.needsMetadata() ? ", metadata" : ", NULL::jsonb";
        for (const auto& field : fields)
            sql += ", data -> " + literal(tx, field);
        // COPY takes no parameters: the positions are numbers, the types are quoted literals.
        sql += " FROM events WHERE (tx_id, global_position) > (" + literal(tx, std::to_string(range.after.txId))
            + "::xid8, " + std::to_string(range.after.globalPosition) + ") AND (tx_id, global_position) <= ("
            + literal(tx, std::to_string(range.upTo.txId)) + "::xid8, " + std::to_string(range.upTo.globalPosition)
            + ")";
        if (const auto types = projection.eventTypes(); !types.empty())
            sql += " AND event_type = ANY (" + literal(tx, store::detail::textArrayLiteral(types)) + "::text[])";
        sql += " ORDER BY tx_id, global_position";
        if (range.limit > 0)
            sql += " LIMIT " + std::to_string(range.limit);
        return sql;
    }

    // The data as the projection sees it: the declared fields that are present, as an object.
    void assembleData(std::string& out, const BinaryRows& row, const std::vector<std::string>& quotedKeys)
    {
        out.assign(1, '{');
        for (std::size_t i = 0; i < quotedKeys.size(); ++i) {
            if (row.isNull(FirstField + i))
                continue; // absent from the stored data
            if (out.size() > 1)
                out += ',';
            out += quotedKeys[i];
            out += ':';
            out += row.jsonText(FirstField + i);
        }
        out += '}';
    }

    void decode(const BinaryRows& row, const std::vector<std::string>& quotedKeys, store::RecordedEvent& event)
    {
        if (row.size() != FirstField + quotedKeys.size())
            malformed("a row with an unexpected number of columns");
        event.position.txId = row.integer<std::uint64_t>(TxId);
        event.position.globalPosition = row.integer<std::int64_t>(Position);
        assignUuid(event.id, row.bytes(Id));
        event.aggregateId.assign(row.bytes(AggregateId));
        event.aggregateType.assign(row.bytes(AggregateType));
        event.eventType.assign(row.bytes(EventType));
        event.version = row.integer<std::int32_t>(Version);
        event.timestampUs = row.integer<std::int64_t>(Timestamp) + PostgresEpochUs;
        if (!row.isNull(WholeData))
            event.dataJson.assign(row.jsonText(WholeData));
        else
            assembleData(event.dataJson, row, quotedKeys);
        if (row.isNull(Metadata))
            event.metadataJson.assign("{}");
        else
            event.metadataJson.assign(row.jsonText(Metadata));
    }

} // namespace

EventsRead copyProjectionEvents(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink)
{
    EventsRead read;
    if (!(range.after < range.upTo))
        return read;
    std::vector<std::string> fields = projection.fieldsNeeded();
    if (!fields.empty() && !extractionIsExact(tx))
        fields.clear();
    std::vector<std::string> quotedKeys;
    quotedKeys.reserve(fields.size());
    for (const auto& field : fields)
        quotedKeys.push_back(nlohmann::json(field).dump());

    // libpqxx 6.4's stream_from sends "COPY " + name + " TO STDOUT" with the name as given (7.x
    // has from_query for this): a parenthesised query is a valid name there, our options follow
    // our own "TO STDOUT", and the comment swallows the one libpqxx appends.
    pqxx::stream_from stream(tx, "(" + selectSql(tx, projection, fields, range) + ") TO STDOUT (FORMAT binary) --");
    BinaryRows row;
    store::RecordedEvent event;
    std::string message;
    bool ended = false;
    // Until the stream ends the connection belongs to the COPY: stopping early means asking the
    // server to cancel and reading what it sent until then, else the rest of the log arrives.
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
    while (stream.get_raw_line(message)) {
        if (ended)
            malformed("data after the trailer");
        if (!row.parse(message)) {
            ended = true;
            continue;
        }
        decode(row, quotedKeys, event);
        ++read.events;
        bool goOn = true;
        try {
            goOn = sink(event);
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
    if (!ended)
        malformed("no trailer");
    return read;
}

} // namespace acci::projections::detail

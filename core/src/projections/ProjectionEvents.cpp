#include "projections/ProjectionEvents.hpp"

#include <cstdint>
#include <functional>
#include <queue>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/except>

#include "store/BinaryCopy.hpp"
#include "store/RowParsing.hpp"

namespace acci::projections::detail {

namespace {

    // PostgreSQL's binary timestamps count microseconds from 2000-01-01 UTC.

    // Columns of the query, in this order; the declared fields follow.
    enum Column { TxId, Position, Id, AggregateId, AggregateType, EventType, Version, Timestamp, WholeData, Metadata };
    constexpr std::size_t FirstField = Metadata + 1;

    [[noreturn]] void malformed(const char* what)
    {
        throw pqxx::failure(
            std::string("The server's binary COPY of the events is malformed (") + what + "); the read was abandoned.");
    }

    // jsonb's binary form is a version byte, then the text that jsonb::text gives.
    std::string_view jsonText(const store::detail::CopyRow& row, std::size_t i)
    {
        const std::string_view field = row.text(i);
        if (field.empty() || field[0] != 1)
            malformed("a jsonb value of an unknown version");
        return field.substr(1);
    }

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

    // A quoted literal; built by appending, which also spares GCC 12 a false -Wrestrict alarm
    // in libpqxx's quote().
    std::string literal(pqxx::transaction_base& tx, const std::string& value)
    {
        std::string quoted = "'";
        quoted += tx.esc(value);
        quoted += '\'';
        return quoted;
    }

    // Picking a field costs the server a jsonb built and formatted, more than formatting a small
    // payload once. Measured on the server, three fields of 300k payloads: 48 bytes on average,
    // 0.15 s whole against 0.19 s picked; 211 bytes, 0.27 against 0.21 s; 1.1 kB, 0.80 against
    // 0.31 s. Each event is judged by its own stored size, so every read of it (rebuild,
    // catch-up, verification) gets it in the same form and the projection judges it the same
    // way. The size is pg_column_size's, which reads no TOAST: a payload stored compressed (over
    // 2 kB before) counts with its compressed size, so one that compresses more than 16 times
    // (kilobytes of one repeated letter) comes whole; also asking pg_column_compression cost
    // every row of a 1M-event read a fifth more server time, for that rare case.
    constexpr int wholeUpToBytes = 128;

    // bySize: small payloads whole, the fields of the others picked; else `fields` are picked
    // out of every payload (none declared: every payload whole). keyOrder: empty for log order;
    // else "(key expression) [COLLATE x]", which becomes the last column, and the first part of
    // the order. inLogOrder false: no ORDER BY (the rows as the plan yields them).
    std::string selectSql(pqxx::transaction_base& tx, const Projection& projection,
        const std::vector<std::string>& fields, bool bySize, const EventRange& range, const std::string& keyOrder = {},
        bool inLogOrder = true)
    {
        std::string sql = "SELECT tx_id, global_position, id, aggregate_id, aggregate_type, event_type, version,"
                          " timestamp, ";
        // Data that is not an object has no fields to pick: it comes whole, for the projection
        // to refuse as it would have (`->` on it yields NULL, never an error). So does a small
        // payload (see wholeUpToBytes), and then its fields are not picked. The size test comes
        // first: it decides most rows without looking into the payload.
        const std::string small = "pg_column_size(data) <= " + std::to_string(wholeUpToBytes);
        sql += fields.empty() ? "data"
            : bySize          ? "CASE WHEN " + small + " OR jsonb_typeof(data) <> 'object' THEN data END"
                              : "CASE WHEN jsonb_typeof(data) <> 'object' THEN data END";
        sql += projection.needsMetadata() ? ", metadata" : ", NULL::jsonb";
        for (const auto& field : fields)
            sql += bySize ? ", CASE WHEN NOT " + small + " THEN data -> " + literal(tx, field) + " END"
                          : ", data -> " + literal(tx, field);
        if (!keyOrder.empty())
            sql += ", " + keyOrder;
        // COPY takes no parameters: the positions are numbers, the types are quoted literals.
        sql += " FROM events WHERE (tx_id, global_position) > (" + literal(tx, std::to_string(range.after.txId))
            + "::xid8, " + std::to_string(range.after.globalPosition) + ") AND (tx_id, global_position) <= ("
            + literal(tx, std::to_string(range.upTo.txId)) + "::xid8, " + std::to_string(range.upTo.globalPosition)
            + ")";
        if (const auto types = projection.eventTypes(); !types.empty())
            sql += " AND event_type = ANY (" + literal(tx, store::detail::textArrayLiteral(types)) + "::text[])";
        if (inLogOrder)
            sql += keyOrder.empty() ? " ORDER BY tx_id, global_position"
                                    : " ORDER BY " + keyOrder + ", tx_id, global_position";
        if (range.limit > 0)
            sql += " LIMIT " + std::to_string(range.limit);
        return sql;
    }

    // The data as the projection sees it: the declared fields that are present, as an object.
    void assembleData(std::string& out, const store::detail::CopyRow& row, const std::vector<std::string>& quotedKeys)
    {
        out.assign(1, '{');
        for (std::size_t i = 0; i < quotedKeys.size(); ++i) {
            if (row.isNull(FirstField + i))
                continue; // absent from the stored data
            if (out.size() > 1)
                out += ',';
            out += quotedKeys[i];
            out += ':';
            out += jsonText(row, FirstField + i);
        }
        out += '}';
    }

    void decode(const store::detail::CopyRow& row, const std::vector<std::string>& quotedKeys,
        store::RecordedEvent& event, std::size_t extraColumns = 0)
    {
        if (row.size() != FirstField + quotedKeys.size() + extraColumns)
            malformed("a row with an unexpected number of columns");
        event.position.txId = row.integer<std::uint64_t>(TxId);
        event.position.globalPosition = row.integer<std::int64_t>(Position);
        assignUuid(event.id, row.text(Id));
        event.aggregateId.assign(row.text(AggregateId));
        event.aggregateType.assign(row.text(AggregateType));
        event.eventType.assign(row.text(EventType));
        event.version = row.integer<std::int32_t>(Version);
        event.timestampUs = store::detail::unixMicrosFromPostgres(row.integer<std::int64_t>(Timestamp));
        if (!row.isNull(WholeData))
            event.dataJson.assign(jsonText(row, WholeData));
        else
            assembleData(event.dataJson, row, quotedKeys);
        if (row.isNull(Metadata))
            event.metadataJson.assign("{}");
        else
            event.metadataJson.assign(jsonText(row, Metadata));
    }

} // namespace

namespace {

    struct Reading {
        std::vector<std::string> fields;
        std::vector<std::string> quotedKeys;
        bool bySize = false;
    };

    Reading readingOf(pqxx::transaction_base& tx, const Projection& projection)
    {
        Reading reading { projection.fieldsNeeded(), {}, false };
        const auto form = payloadForm(tx, projection);
        if (form == PayloadForm::Whole)
            reading.fields.clear();
        reading.bySize = form == PayloadForm::BySize;
        reading.quotedKeys.reserve(reading.fields.size());
        for (const auto& field : reading.fields)
            reading.quotedKeys.push_back(nlohmann::json(field).dump());
        return reading;
    }

} // namespace

// Picking is exact only when the client reads UTF-8 as the server stores it: a payload the
// client cannot read as UTF-8 (a SQL_ASCII database, a client encoding such as LATIN1) makes the
// reader refuse the event whichever field holds the odd bytes, so such a store gets whole
// payloads and the projection decides as it always has. Before PostgreSQL 14, for which the
// rule was not measured, every payload is picked, as it always was.
PayloadForm payloadForm(pqxx::transaction_base& tx, const Projection& projection)
{
    if (projection.fieldsNeeded().empty())
        return PayloadForm::Whole;
    const auto row
        = tx.exec1("SELECT current_setting('server_encoding') = 'UTF8' AND current_setting('client_encoding')"
                   " = 'UTF8', current_setting('server_version_num')::int >= 140000");
    if (!row[0].as<bool>())
        return PayloadForm::Whole;
    return row[1].as<bool>() ? PayloadForm::BySize : PayloadForm::Picked;
}

EventsRead copyProjectionEvents(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink)
{
    EventsRead read;
    if (!(range.after < range.upTo))
        return read;
    const auto reading = readingOf(tx, projection);
    store::RecordedEvent event;
    const auto copied = store::detail::copyRows(
        tx, selectSql(tx, projection, reading.fields, reading.bySize, range), [&](const store::detail::CopyRow& row) {
            decode(row, reading.quotedKeys, event);
            return sink(event);
        });
    read.events = copied.rows;
    read.stopped = copied.stopped;
    return read;
}

std::optional<EventsRead> copyProjectionEventsAsStored(
    pqxx::transaction_base& tx, const Projection& projection, const EventRange& range, const EventSink& sink)
{
    EventsRead read;
    if (!(range.after < range.upTo))
        return read;
    if (range.limit > 0)
        return std::nullopt; // which rows a limit keeps depends on the order
    // One process scans from the table's first block: a parallel plan interleaves its workers'
    // rows, and a synchronized scan starts where another scan of the table happens to be.
    tx.exec0("SET LOCAL max_parallel_workers_per_gather = 0");
    tx.exec0("SET LOCAL synchronize_seqscans = off");
    const auto reading = readingOf(tx, projection);
    const auto sql = selectSql(tx, projection, reading.fields, reading.bySize, range, {}, false);
    const auto plan = nlohmann::json::parse(tx.exec1("EXPLAIN (FORMAT JSON) " + sql)[0].c_str(), nullptr, false);
    if (!plan.is_array() || plan.empty() || !plan[0].contains("Plan")
        || plan[0]["Plan"].value("Node Type", std::string()) != "Seq Scan")
        return std::nullopt; // an index read (few events) or anything else: not the stored order
    // Rows of concurrent transactions interleave in the table, a few rows apart: the newest
    // rows wait in a window kept in log order, and the first leaves for the sink only when the
    // window is full (or the table ends), so a row stored fewer than reorderWindow rows after
    // its place in the log still reaches the sink in order. A row that comes after one already
    // handed on is out of order for good. The window also holds at most windowBytes of data,
    // fewer rows when they are large (8192 events of 64 kB would be 512 MB). The events are
    // decoded into the window's slots, whose strings keep their capacity from row to row up to
    // keptCapacity each.
    constexpr std::size_t reorderWindow = 8192;
    constexpr std::size_t windowBytes = std::size_t { 32 } << 20;
    constexpr std::size_t keptCapacity = 4096;
    std::vector<store::RecordedEvent> slots(reorderWindow);
    std::vector<std::size_t> freeSlots(reorderWindow);
    for (std::size_t i = 0; i < reorderWindow; ++i)
        freeSlots[i] = reorderWindow - 1 - i;
    using Waiting = std::pair<store::LogPosition, std::size_t>; // a row's place in the log, its slot
    std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> window;
    std::size_t heldBytes = 0;
    const auto bytesOf
        = [](const store::RecordedEvent& event) { return event.dataJson.size() + event.metadataJson.size(); };
    store::LogPosition handedOn = range.after;
    bool sinkStopped = false;
    const auto handOnFirst = [&] {
        const auto [position, slot] = window.top();
        window.pop();
        freeSlots.push_back(slot);
        handedOn = position;
        auto& event = slots[slot];
        heldBytes -= bytesOf(event);
        sinkStopped = !sink(event);
        for (auto* text : { &event.dataJson, &event.metadataJson })
            if (text->capacity() > keptCapacity)
                std::string().swap(*text);
        return !sinkStopped;
    };
    const auto copied = store::detail::copyRows(tx, sql, [&](const store::detail::CopyRow& row) {
        if (freeSlots.empty() && !handOnFirst())
            return false;
        const std::size_t slot = freeSlots.back();
        decode(row, reading.quotedKeys, slots[slot]);
        if (!(handedOn < slots[slot].position)) {
            read.outOfOrder = true;
            return false;
        }
        freeSlots.pop_back();
        window.emplace(slots[slot].position, slot);
        heldBytes += bytesOf(slots[slot]);
        while (heldBytes > windowBytes && window.size() > 1)
            if (!handOnFirst())
                return false;
        return true;
    });
    while (!copied.stopped && !window.empty() && handOnFirst()) { }
    read.events = copied.rows;
    read.stopped = sinkStopped;
    return read;
}

EventsRead copyProjectionEventsByKey(pqxx::transaction_base& tx, const Projection& projection, const EventRange& range,
    const std::string& keyOrder, const KeyedEventSink& sink)
{
    EventsRead read;
    if (!(range.after < range.upTo))
        return read;
    const auto reading = readingOf(tx, projection);
    const std::size_t keyColumn = FirstField + reading.quotedKeys.size();
    store::RecordedEvent event;
    const auto copied
        = store::detail::copyRows(tx, selectSql(tx, projection, reading.fields, reading.bySize, range, keyOrder),
            [&](const store::detail::CopyRow& row) {
                decode(row, reading.quotedKeys, event, 1);
                return sink(event, row.isNull(keyColumn) ? std::nullopt : std::optional(row.text(keyColumn)));
            });
    read.events = copied.rows;
    read.stopped = copied.stopped;
    return read;
}

} // namespace acci::projections::detail

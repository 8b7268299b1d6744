#include "acci/store/Lookup.hpp"

#include <algorithm>
#include <cctype>

#include <pqxx/nontransaction>

#include "acci/store/EventStore.hpp"
#include "acci/util/Uuid.hpp"
#include "store/RowParsing.hpp"
#include "store/SkipScan.hpp"

namespace acci::store {

using detail::parseInt;

namespace {

    std::string lowered(std::string text)
    {
        std::transform(
            text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    }

    std::string trimmed(const std::string& text)
    {
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    }

    LookupMatch eventMatch(LookupKind kind, const std::string& key, const RecordedEvent& event)
    {
        LookupMatch match;
        match.kind = kind;
        match.key = key;
        match.aggregateId = event.aggregateId;
        match.aggregateType = event.aggregateType;
        match.eventType = event.eventType;
        match.version = event.version;
        match.position = event.position;
        return match;
    }

    // Aggregate ids that start with `prefix`: a range read of the primary key from `prefix` on,
    // at most PrefixWindow index entries. Under the C collation the matches are contiguous there
    // and the read stops at the last one wanted; under another collation (en_US, ICU) others
    // interleave ("AB1" sorts between "ab0" and "ab2"), hence a window, not limit rows. LIKE
    // 'p%' could use the index only under the C collation. starts_with in "C": byte prefixes,
    // which a nondeterministic collation would refuse to compare.
    void aggregatesFrom(
        pqxx::transaction_base& tx, const std::string& prefix, int limit, std::vector<LookupMatch>& matches)
    {
        constexpr int PrefixWindow = 10000;
        for (const auto& row :
            tx.exec_params("SELECT aggregate_id, aggregate_type, version FROM"
                           " (SELECT aggregate_id, aggregate_type, version FROM aggregates"
                           "   WHERE aggregate_id >= $1 ORDER BY aggregate_id LIMIT $3) w"
                           " WHERE starts_with(aggregate_id COLLATE \"C\", $1) ORDER BY aggregate_id LIMIT $2",
                prefix, limit * 2, PrefixWindow)) {
            const std::string id = row[0].c_str();
            if (std::any_of(matches.begin(), matches.end(),
                    [&](const LookupMatch& m) { return m.kind == LookupKind::Aggregate && m.key == id; }))
                continue;
            LookupMatch match;
            match.kind = LookupKind::Aggregate;
            match.key = id;
            match.aggregateId = id;
            match.aggregateType = row[1].c_str();
            match.version = parseInt<int>(row[2]);
            matches.push_back(std::move(match));
            if (--limit == 0)
                return;
        }
    }

} // namespace

std::vector<LookupMatch> lookUp(pqxx::connection& connection, const std::string& typed, int limit)
{
    const std::string text = trimmed(typed);
    std::vector<LookupMatch> matches;
    if (text.empty() || limit <= 0)
        return matches;
    pqxx::nontransaction tx(connection);
    if (const auto position = LogPosition::parse(text)) {
        for (const auto& row : tx.exec_params(
                 "SELECT " + recordedEventColumns() + " FROM events WHERE tx_id = $1::xid8 AND global_position = $2",
                 std::to_string(position->txId), position->globalPosition))
            matches.push_back(eventMatch(LookupKind::Position, position->toString(), detail::parseRecordedEvent(row)));
    }
    const std::string lower = lowered(text);
    if (util::isUuid(lower)) {
        for (const auto& row :
            tx.exec_params("SELECT " + recordedEventColumns() + " FROM events WHERE id = $1::uuid", lower))
            matches.push_back(eventMatch(LookupKind::Event, lower, detail::parseRecordedEvent(row)));
    }
    // Correlation ids are whatever the writers put there: any text, matched exactly (the
    // expression index idx_events_correlation), counted up to a bound.
    const auto flow = parseInt<std::int64_t>(tx.exec_params1("SELECT count(*) FROM (SELECT 1 FROM events"
                                                             " WHERE metadata ->> 'correlation_id' = $1 LIMIT 10000) s",
        text)[0]);
    if (flow > 0) {
        LookupMatch match;
        match.kind = LookupKind::Correlation;
        match.key = text;
        match.count = flow;
        matches.push_back(std::move(match));
    }
    aggregatesFrom(tx, text, limit, matches);
    if (lower != text) // a uuid typed in capitals names an id the writer may have stored in lower case
        aggregatesFrom(tx, lower, limit, matches);
    int types = 0;
    for (const auto& type : detail::distinctValues(tx, "events", "event_type", 10000)) {
        if (lowered(type).find(lower) == std::string::npos)
            continue;
        LookupMatch match;
        match.kind = LookupKind::EventType;
        match.key = type;
        match.eventType = type;
        matches.push_back(std::move(match));
        if (++types == limit)
            break;
    }
    return matches;
}

} // namespace acci::store

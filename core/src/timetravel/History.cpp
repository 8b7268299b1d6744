#include "acci/timetravel/History.hpp"

#include <algorithm>
#include <limits>

#include <pqxx/pqxx>

#include "acci/store/Errors.hpp"
#include "acci/timetravel/StateFolder.hpp"

namespace acci::timetravel {

AggregateHistory loadHistory(store::EventStore& store, const std::string& aggregateId, bool fromSnapshot)
{
    const auto info = store.aggregate(aggregateId);
    if (!info)
        throw store::InvalidInputError("Aggregate '" + aggregateId + "' has no events; check the id.");
    AggregateHistory history;
    history.aggregateId = aggregateId;
    history.aggregateType = info->aggregateType;
    history.snapshot = store.loadSnapshot(aggregateId);
    // A snapshot is a base only at a version the stream has: one past the end or in a gap (a
    // copy restored from elsewhere, a hand edit) would show a version no event made, hide the
    // events before it, and 'snapshot save' would store it again. The first page starts at the
    // snapshot's own version (one event more, no extra round trip) to tell; without it, the
    // whole stream is read and the snapshot is not handed over as a base.
    const bool onSnapshot = fromSnapshot && history.snapshot;
    int next = onSnapshot ? history.snapshot->version : 1;
    constexpr int page = 10000;
    // Room for as many events as versions (capped): reserving costs address space, not
    // memory, until the events arrive, and growing by doubling would hold two copies at once.
    constexpr int reserveAtMost = 1'000'000;
    history.events.reserve(static_cast<std::size_t>(std::clamp(info->version - next + 1, 0, reserveAtMost)));
    // Memory follows the events present, never the version numbers: a stream may jump from
    // version 1 to 2,000,000,000, so the newest version says nothing about how many there are.
    bool checkBase = onSnapshot;
    for (;;) {
        auto events = store.readStream(aggregateId, next, page);
        auto from = events.begin();
        if (checkBase) {
            checkBase = false;
            if (events.empty() || events.front().version != next) {
                history.snapshot.reset();
                next = 1;
                continue;
            }
            ++from; // the snapshot's own event: already in its state
            if (next == std::numeric_limits<int>::max())
                break; // nothing can come after the last possible version (and +1 would overflow)
        }
        for (auto it = from; it != events.end(); ++it)
            history.events.push_back(std::move(*it));
        if (events.size() < static_cast<std::size_t>(page) || events.back().version == std::numeric_limits<int>::max())
            break;
        next = events.back().version + 1;
    }
    // The aggregates table counts every event; a row-level security policy on events may hide
    // all of them from this role. A state at version 0 would then pass for the truth.
    if (history.events.empty()) {
        const int readUpTo = history.snapshot && onSnapshot ? history.snapshot->version : 0;
        if (readUpTo < info->version)
            throw store::InvalidInputError("Aggregate '" + aggregateId + "' has " + std::to_string(info->version)
                + " versions, but this role may read none of its events after version " + std::to_string(readUpTo)
                + " (row-level security on events hides them); connect as a role whose policy shows them.");
    }
    return history;
}

CurrentState foldCurrentState(store::EventStore& store, const std::string& aggregateId, const ReducerRules& rules)
{
    auto history = loadHistory(store, aggregateId, true);
    StateFolder folder(rules);
    folder.load(history.aggregateType, std::move(history.events), std::move(history.snapshot));
    auto folded = folder.stateAt(folder.lastVersion());
    CurrentState current { folder.aggregateType(), folded.version, std::move(folded.state), folder.exact(), {} };
    if (!current.exact)
        for (const auto& warning : folder.warnings())
            if (warning.message.find("data: ") != std::string::npos
                || warning.message.find("metadata: ") != std::string::npos
                || warning.message.rfind("Snapshot: ", 0) == 0)
                current.inexactBecause.push_back("v" + std::to_string(warning.version) + " " + warning.message);
    return current;
}

std::int64_t parseTimestampText(pqxx::connection& connection, const std::string& text)
{
    try {
        pqxx::nontransaction tx(connection);
        const auto field = tx.exec_params1("SELECT CASE WHEN isfinite(t) THEN (extract(epoch FROM t) * 1000000)::bigint"
                                           " END FROM (SELECT $1::timestamptz AS t) given",
            text)[0];
        if (field.is_null()) // 'infinity', '-infinity'
            throw store::InvalidInputError(
                "'" + text + "' is not a point in time; write it like 2026-11-26 15:00 or 2026-11-26T15:00:00Z.");
        return field.as<std::int64_t>();
    } catch (const pqxx::data_exception&) {
        throw store::InvalidInputError(
            "'" + text + "' is not a date and time; write it like 2026-11-26 15:00 or 2026-11-26T15:00:00Z.");
    }
}

} // namespace acci::timetravel

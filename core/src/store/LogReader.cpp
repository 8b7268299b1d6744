#include "acci/store/LogReader.hpp"

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "acci/store/EventStore.hpp"
#include "acci/store/LogQueries.hpp"

namespace acci::store {

namespace {
    // The first look and the tail each need figures that agree with one another.
    using ConsistentRead = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;
}

LogOpening LogReader::open(const LogFilter& filter, int firstKeys, int pageSize)
{
    ConsistentRead tx(m_connection);
    LogOpening opening;
    opening.bound = readableHead(tx).value_or(LogPosition {});
    opening.firstKeys = logKeysAfter(tx, {}, firstKeys, filter, opening.bound);
    // The page starts at the first key: a filter that skips a long run of events at the start
    // of the log (walked, not indexed) crosses that run once, not twice.
    if (!opening.firstKeys.empty())
        opening.firstPage = readAll(tx, justBefore(opening.firstKeys.front()), pageSize, filter);
    while (!opening.firstPage.empty() && opening.bound < opening.firstPage.back().position)
        opening.firstPage.pop_back(); // committed after the bound: they come with the tail
    tx.commit();
    return opening;
}

LogEstimate LogReader::estimate(const LogFilter& filter, LogPosition bound, int lastKeys)
{
    // The keys stop at the bound, so a plain (autocommit) read agrees with the opening.
    pqxx::nontransaction tx(m_connection);
    return { estimateLog(tx, filter), lastLogKeys(tx, lastKeys, filter, bound) };
}

std::vector<std::int64_t> LogReader::countCuts(const LogFilter& filter, int parts)
{
    pqxx::nontransaction tx(m_connection);
    return logCountCuts(tx, filter, parts);
}

std::int64_t LogReader::countPart(
    const LogFilter& filter, std::int64_t from, std::optional<std::int64_t> to, LogPosition upTo)
{
    // Stops at the bound, so a plain (autocommit) read agrees with the opening.
    pqxx::nontransaction tx(m_connection);
    return countLogPages(tx, filter, from, to, upTo);
}

std::vector<LogPosition> LogReader::keysAfter(const LogFilter& filter, LogPosition after, int limit, LogPosition bound)
{
    pqxx::nontransaction tx(m_connection);
    return logKeysAfter(tx, after, limit, filter, bound);
}

std::vector<RecordedEvent> LogReader::page(const LogFilter& filter, LogPosition first, int limit)
{
    return EventStore(m_connection).readAll(justBefore(first), limit, filter);
}

LogTail LogReader::tail(const LogFilter& filter, LogPosition after, bool following, int limit)
{
    ConsistentRead tx(m_connection);
    LogTail tail;
    const auto head = readableHead(tx).value_or(LogPosition {});
    if (following)
        tail.keys = logKeysAfter(tx, after, limit, filter, head);
    else if (after < head)
        tail.pending = countLogAfter(tx, after, filter, head);
    tx.commit();
    return tail;
}

} // namespace acci::store

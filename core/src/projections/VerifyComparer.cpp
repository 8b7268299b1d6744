#include "projections/VerifyComparer.hpp"

#include <nlohmann/json.hpp>

#include "store/BinaryCopy.hpp"

namespace acci::projections::detail {

namespace {

    constexpr std::size_t maxQueued = 2;

    std::vector<ColumnDifference> columnDifferences(
        const std::string& storedJson, const std::string& replayedJson, const std::vector<std::string>& columns)
    {
        std::vector<ColumnDifference> differences;
        const auto stored = nlohmann::json::parse(storedJson, nullptr, false);
        const auto replayed = nlohmann::json::parse(replayedJson, nullptr, false);
        if (!stored.is_object() || !replayed.is_object())
            return differences;
        for (const auto& column : columns) {
            const auto a = stored.value(column, nlohmann::json());
            const auto b = replayed.value(column, nlohmann::json());
            if (a != b)
                differences.push_back({ column, a.dump(), b.dump() });
        }
        return differences;
    }

} // namespace

VerifyComparer::VerifyComparer(
    pqxx::transaction_base& live, std::string compareSql, std::vector<std::string> columns, std::size_t listLimit)
    : m_live(live)
    , m_compareSql(std::move(compareSql))
    , m_columns(std::move(columns))
    , m_listLimit(listLimit)
    , m_thread([this] { run(); })
{
}

VerifyComparer::~VerifyComparer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_dropping = true;
    }
    stop();
}

void VerifyComparer::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool VerifyComparer::push(ComparisonBatch batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.size() < maxQueued || m_error; });
    if (m_error)
        return false;
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

ComparisonResult VerifyComparer::finish()
{
    stop();
    if (m_error)
        std::rethrow_exception(m_error);
    return std::move(m_result);
}

void VerifyComparer::run()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_queue.empty() || m_closing; });
        if (m_dropping || m_queue.empty())
            return;
        // Compared while still queued: push() counts it, so one batch waits beside it at most.
        const ComparisonBatch& batch = m_queue.front();
        lock.unlock();
        try {
            compare(batch);
        } catch (...) {
            lock.lock();
            m_error = std::current_exception();
            m_queue.clear();
            lock.unlock();
            m_changed.notify_all();
            return;
        }
        lock.lock();
        m_queue.pop_front();
        lock.unlock();
        m_changed.notify_all();
    }
}

void VerifyComparer::compare(const ComparisonBatch& batch)
{
    store::detail::copyRows(m_live,
        store::detail::withLiterals(m_live, m_compareSql, { batch.rowsJson, batch.lowerBound, batch.upperBound }),
        [&](const store::detail::CopyRow& row) {
            const std::string_view kind = row.text(1);
            RowDifference difference;
            difference.kind = kind == "missing" ? RowDifference::Kind::Missing
                : kind == "extra"               ? RowDifference::Kind::Extra
                                                : RowDifference::Kind::Different;
            ++(difference.kind == RowDifference::Kind::Missing      ? m_result.missing
                    : difference.kind == RowDifference::Kind::Extra ? m_result.extra
                                                                    : m_result.different);
            if (m_result.differences.size() >= m_listLimit) {
                m_result.listTruncated = true;
                return true;
            }
            difference.key.assign(row.text(0));
            difference.storedJson.assign(row.text(2));
            difference.replayedJson.assign(row.text(3));
            if (difference.kind == RowDifference::Kind::Different)
                difference.columns = columnDifferences(difference.storedJson, difference.replayedJson, m_columns);
            if (const auto touch = batch.touches.find(difference.key); touch != batch.touches.end()) {
                difference.aggregateId = touch->second.aggregateId;
                difference.version = touch->second.version;
                difference.eventId = touch->second.eventId;
            }
            m_result.differences.push_back(std::move(difference));
            return true;
        });
}

} // namespace acci::projections::detail

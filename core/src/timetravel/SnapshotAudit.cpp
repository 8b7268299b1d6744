#include "acci/timetravel/SnapshotAudit.hpp"
#include "acci/util/Csv.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include <pqxx/pqxx>

#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/StoredJson.hpp"

namespace acci::timetravel {

std::string toString(SnapshotVerdict::Kind kind)
{
    switch (kind) {
    case SnapshotVerdict::Kind::Equal:
        return "equal";
    case SnapshotVerdict::Kind::Different:
        return "different";
    case SnapshotVerdict::Kind::OutOfRange:
        return "out_of_range";
    case SnapshotVerdict::Kind::FoldError:
        return "fold_error";
    case SnapshotVerdict::Kind::Unreadable:
        return "unreadable";
    }
    return "unknown";
}

namespace {

    // The events of one stream with versions up to `version`, in version order. Memory follows
    // the events present, never the version numbers (a stream may be sparse).
    std::vector<store::RecordedEvent> eventsUpTo(store::EventStore& store, const std::string& aggregateId, int version)
    {
        std::vector<store::RecordedEvent> events;
        constexpr int page = 10000;
        int next = 1;
        while (next <= version) {
            // readStream reads [next, next + limit) first, then beyond it when that range has gaps.
            const int limit = static_cast<int>(std::min<long long>(page, static_cast<long long>(version) - next + 1));
            auto read = store.readStream(aggregateId, next, limit);
            const bool last = read.size() < static_cast<std::size_t>(limit);
            for (auto& event : read)
                if (event.version <= version)
                    events.push_back(std::move(event));
            if (last || events.empty() || events.back().version >= version)
                break;
            next = events.back().version + 1;
        }
        return events;
    }

    // The first warning about an event's payload (what made the fold inexact).
    std::string inexactEventWarning(const StateFolder& folder)
    {
        for (const auto& warning : folder.warnings())
            if (warning.message.find("data: ") != std::string::npos
                || warning.message.find("metadata: ") != std::string::npos)
                return "v" + std::to_string(warning.version) + " " + warning.message;
        return "see 'acci-admin state'";
    }

    // Hands out the snapshot ids: read a page at a time in id order (keyset on the primary key)
    // by whichever worker finds the page used up, on its own connection.
    class WorkList {
    public:
        WorkList(std::optional<std::string> aggregateType, int pageSize)
            : m_aggregateType(std::move(aggregateType))
            , m_pageSize(std::max(1, pageSize))
        {
        }

        std::optional<std::string> take(pqxx::connection& connection)
        {
            const std::lock_guard lock(m_mutex);
            if (m_next >= m_page.size() && !m_exhausted)
                readPage(connection);
            if (m_next >= m_page.size())
                return std::nullopt;
            return std::move(m_page[m_next++]);
        }

    private:
        void readPage(pqxx::connection& connection)
        {
            pqxx::nontransaction query(connection);
            const auto rows = query.exec_params("SELECT aggregate_id FROM snapshots"
                                                " WHERE ($1::boolean OR aggregate_type = $2)"
                                                "   AND ($3::boolean OR aggregate_id > $4)"
                                                " ORDER BY aggregate_id LIMIT $5",
                !m_aggregateType, m_aggregateType.value_or(std::string()), !m_after, m_after.value_or(std::string()),
                m_pageSize);
            m_page.clear();
            m_next = 0;
            for (const auto& row : rows)
                m_page.emplace_back(row[0].c_str(), row[0].size());
            m_exhausted = m_page.size() < static_cast<std::size_t>(m_pageSize);
            if (!m_page.empty())
                m_after = m_page.back();
        }

        std::mutex m_mutex;
        const std::optional<std::string> m_aggregateType;
        const int m_pageSize;
        std::optional<std::string> m_after;
        std::vector<std::string> m_page;
        std::size_t m_next = 0;
        bool m_exhausted = false;
    };

    // What the workers share: counts, mismatches, the first failure.
    struct Shared {
        std::atomic<long long> checked { 0 };
        std::atomic<long long> equal { 0 };
        std::atomic<long long> different { 0 };
        std::atomic<long long> notFoldable { 0 };
        std::atomic<long long> vanished { 0 }; // counted at the start, deleted before their turn
        std::atomic<bool> failed { false };
        std::atomic<int> connected { 0 };
        std::mutex mutex; // guards what follows
        std::condition_variable finished;
        int running = 0;
        std::vector<SnapshotVerdict> mismatches;
        std::exception_ptr failure;
    };

    // `connection`, when null, is opened here; one that cannot be opened leaves the work to the
    // others (a role's CONNECTION LIMIT may be lower than the pool), the first always has one.
    void runWorker(std::unique_ptr<pqxx::connection> connection, const std::string& conninfo, const ReducerRules& rules,
        const SnapshotAuditOptions& options, WorkList& work, Shared& shared, const util::CancelToken* cancel)
    {
        const auto stopped = [&] { return shared.failed.load() || (cancel && cancel->cancelled()); };
        if (!connection) {
            try {
                connection = store::connect(conninfo, options.applicationName);
            } catch (const std::exception&) {
                const std::lock_guard lock(shared.mutex);
                --shared.running;
                shared.finished.notify_all();
                return;
            }
        }
        ++shared.connected;
        try {
            StateFolder folder(rules);
            while (!stopped()) {
                const auto aggregateId = work.take(*connection);
                if (!aggregateId)
                    break;
                auto verdict = checkStoredSnapshot(*connection, *aggregateId, folder, options.maxDiffLines);
                if (!verdict) {
                    ++shared.vanished;
                    continue;
                }
                if (verdict->kind == SnapshotVerdict::Kind::Equal) {
                    ++shared.equal;
                } else {
                    ++(verdict->foldable() ? shared.different : shared.notFoldable);
                    const std::lock_guard lock(shared.mutex);
                    shared.mismatches.push_back(std::move(*verdict));
                }
                ++shared.checked;
            }
        } catch (...) {
            const std::lock_guard lock(shared.mutex);
            if (!shared.failure)
                shared.failure = std::current_exception();
            shared.failed = true;
        }
        const std::lock_guard lock(shared.mutex);
        --shared.running;
        shared.finished.notify_all();
    }

} // namespace

nlohmann::ordered_json toJson(const SnapshotAuditReport& report)
{
    nlohmann::ordered_json mismatches = nlohmann::ordered_json::array();
    for (const auto& verdict : report.mismatches) {
        nlohmann::ordered_json line
            = { { "aggregate_id", verdict.aggregateId }, { "aggregate_type", verdict.aggregateType },
                  { "version", verdict.version }, { "kind", toString(verdict.kind) } };
        if (verdict.foldable())
            line["diff"] = verdict.diff;
        else
            line["reason"] = verdict.reason;
        mismatches.push_back(std::move(line));
    }
    return { { "summary",
                 { { "total", report.total }, { "checked", report.checked }, { "equal", report.equal },
                     { "different", report.different }, { "not_foldable", report.notFoldable },
                     { "cancelled", report.cancelled }, { "connections", report.connections },
                     { "seconds", report.seconds } } },
        { "mismatches", std::move(mismatches) } };
}

std::string toCsv(const SnapshotAuditReport& report)
{
    const auto field = util::csvField;
    std::string csv = "kind,aggregate_id,aggregate_type,version,detail\r\n";
    for (const auto& verdict : report.mismatches) {
        const std::string start = toString(verdict.kind) + "," + field(verdict.aggregateId) + ","
            + field(verdict.aggregateType) + "," + std::to_string(verdict.version) + ",";
        if (!verdict.foldable() || verdict.diff.empty())
            csv += start + field(verdict.reason) + "\r\n";
        for (const auto& line : verdict.foldable() ? verdict.diff : std::vector<std::string> {})
            csv += start + field(line) + "\r\n";
    }
    return csv;
}

std::vector<std::pair<std::string, long long>> snapshotCountsByType(pqxx::connection& connection)
{
    pqxx::nontransaction query(connection);
    std::vector<std::pair<std::string, long long>> counts;
    for (const auto& row :
        query.exec("SELECT aggregate_type, count(*) FROM snapshots GROUP BY aggregate_type ORDER BY aggregate_type"))
        counts.emplace_back(row[0].as<std::string>(), row[1].as<long long>());
    return counts;
}

std::optional<SnapshotVerdict> checkStoredSnapshot(
    pqxx::connection& connection, const std::string& aggregateId, StateFolder& folder, std::size_t maxDiffLines)
{
    SnapshotVerdict verdict;
    verdict.aggregateId = aggregateId;
    std::string stateText;
    std::string streamType;
    std::optional<int> streamEnd;
    {
        // The snapshot and where its stream ends, in one statement (one view of the store).
        pqxx::nontransaction query(connection);
        const auto rows = query.exec_params("SELECT s.aggregate_type, s.version, s.state::text, a.aggregate_type,"
                                            "       a.version"
                                            "  FROM snapshots s LEFT JOIN aggregates a USING (aggregate_id)"
                                            " WHERE s.aggregate_id = $1",
            aggregateId);
        if (rows.empty())
            return std::nullopt;
        const auto& row = rows[0];
        verdict.aggregateType = row[0].c_str();
        verdict.version = row[1].as<int>();
        stateText.assign(row[2].c_str(), row[2].size());
        if (!row[3].is_null()) {
            streamType = row[3].c_str();
            streamEnd = row[4].as<int>();
        }
    }
    const auto notFoldable = [&](SnapshotVerdict::Kind kind, std::string reason) {
        verdict.kind = kind;
        verdict.reason = std::move(reason);
        return verdict;
    };

    auto decoded = store::decodeStoredJson(stateText);
    stateText = {};
    if (!decoded.warnings.empty())
        return notFoldable(SnapshotVerdict::Kind::Unreadable,
            "The stored snapshot cannot be read exactly: " + decoded.warnings.front());
    if (!streamEnd)
        return notFoldable(SnapshotVerdict::Kind::OutOfRange,
            "The snapshot is at version " + std::to_string(verdict.version) + " but the aggregate has no events.");
    if (verdict.version < 0 || verdict.version > *streamEnd)
        return notFoldable(SnapshotVerdict::Kind::OutOfRange,
            "The snapshot is at version " + std::to_string(verdict.version)
                + ", which the stream does not have (it ends at " + std::to_string(*streamEnd) + ").");

    store::EventStore eventStore(connection);
    auto events = eventsUpTo(eventStore, aggregateId, verdict.version);
    SnapshotCheck check;
    try {
        folder.load(streamType, std::move(events));
        check = folder.checkSnapshot(
            { aggregateId, verdict.aggregateType, verdict.version, std::move(decoded.value), 0 });
    } catch (const std::exception& error) {
        folder.load({}, {});
        return notFoldable(
            SnapshotVerdict::Kind::FoldError, std::string("Folding the stream failed: ") + error.what() + ".");
    }
    const bool exact = folder.exact();
    const std::string inexactBecause = exact ? std::string() : inexactEventWarning(folder);
    folder.load({}, {}); // hand the stream and its checkpoints back before the next aggregate
    if (!exact)
        return notFoldable(SnapshotVerdict::Kind::Unreadable,
            "An event up to the snapshot's version cannot be read exactly (" + inexactBecause
                + "), so the fold cannot be trusted.");
    if (check.result == SnapshotCheck::Result::OutOfRange)
        return notFoldable(SnapshotVerdict::Kind::OutOfRange,
            "The snapshot is at version " + std::to_string(verdict.version)
                + ", which is no event of the stream (its versions have a gap there).");
    if (verdict.aggregateType != streamType)
        verdict.diff.push_back(
            "aggregate_type: the stream's is \"" + streamType + "\", the snapshot's \"" + verdict.aggregateType + "\"");
    const std::size_t lines = verdict.diff.size() + check.diff.changes.size();
    for (auto& line : check.diff.summary()) {
        if (verdict.diff.size() >= maxDiffLines) {
            verdict.diff.push_back("… " + std::to_string(lines - maxDiffLines) + " more");
            break;
        }
        verdict.diff.push_back(std::move(line));
    }
    verdict.kind = verdict.diff.empty() ? SnapshotVerdict::Kind::Equal : SnapshotVerdict::Kind::Different;
    return verdict;
}

SnapshotAuditReport auditSnapshots(const std::string& conninfo, const ReducerRules& rules,
    const SnapshotAuditOptions& options, const std::function<void(const SnapshotAuditProgress&)>& progress,
    const util::CancelToken* cancel)
{
    return auditSnapshots(
        store::connect(conninfo, options.applicationName), conninfo, rules, options, progress, cancel);
}

SnapshotAuditReport auditSnapshots(std::unique_ptr<pqxx::connection> first, const std::string& conninfo,
    const ReducerRules& rules, const SnapshotAuditOptions& options,
    const std::function<void(const SnapshotAuditProgress&)>& progress, const util::CancelToken* cancel)
{
    const auto start = std::chrono::steady_clock::now();
    SnapshotAuditReport report;
    {
        pqxx::nontransaction query(*first);
        report.total = query
                           .exec_params1("SELECT count(*) FROM snapshots WHERE ($1::boolean OR aggregate_type = $2)",
                               !options.aggregateType, options.aggregateType.value_or(std::string()))[0]
                           .as<long long>();
    }
    int connections = options.connections > 0
        ? options.connections
        : std::min(4, std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    connections = static_cast<int>(std::min<long long>(connections, std::max(1LL, report.total)));

    WorkList work(options.aggregateType, options.pageSize);
    Shared shared;
    shared.running = connections;
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(connections));
    for (int i = 0; i < connections; ++i)
        workers.emplace_back(runWorker, i == 0 ? std::move(first) : nullptr, std::cref(conninfo), std::cref(rules),
            std::cref(options), std::ref(work), std::ref(shared), cancel);

    const auto progressNow = [&] {
        if (!progress)
            return;
        const long long checked = shared.checked.load();
        progress({ checked, std::max(checked, report.total - shared.vanished.load()) });
    };
    {
        std::unique_lock lock(shared.mutex);
        while (shared.running > 0) {
            shared.finished.wait_for(lock, std::chrono::milliseconds(250));
            lock.unlock();
            progressNow();
            lock.lock();
        }
    }
    for (auto& worker : workers)
        worker.join();
    if (shared.failure)
        std::rethrow_exception(shared.failure);

    report.connections = shared.connected;
    report.checked = shared.checked;
    report.equal = shared.equal;
    report.different = shared.different;
    report.notFoldable = shared.notFoldable;
    report.total = std::max(report.checked, report.total - shared.vanished.load());
    report.cancelled = cancel && cancel->cancelled() && report.checked < report.total;
    report.mismatches = std::move(shared.mismatches);
    std::sort(report.mismatches.begin(), report.mismatches.end(),
        [](const SnapshotVerdict& a, const SnapshotVerdict& b) { return a.aggregateId < b.aggregateId; });
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace acci::timetravel

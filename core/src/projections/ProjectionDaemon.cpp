#include "acci/projections/ProjectionDaemon.hpp"

#include <chrono>

#include <pqxx/nontransaction>
#include <pqxx/notification>

#include "acci/store/Errors.hpp"

namespace acci::projections {

namespace {

    class Wakeup : public pqxx::notification_receiver {
    public:
        using notification_receiver::notification_receiver;
        void operator()(const std::string&, int) override { m_pending = true; }
        bool take()
        {
            const bool was = m_pending;
            m_pending = false;
            return was;
        }

    private:
        bool m_pending = false;
    };

} // namespace

ProjectionDaemon::ProjectionDaemon(
    pqxx::connection& connection, std::vector<std::shared_ptr<Projection>> projections, DaemonOptions options)
    : m_connection(connection)
    , m_projections(std::move(projections))
    , m_options(options)
{
}

void ProjectionDaemon::setStatus(ProjectionState state)
{
    pqxx::nontransaction tx(m_connection);
    for (const auto& projection : m_projections) {
        tx.exec_params("UPDATE projection_checkpoints SET status = $2, heartbeat_at = now()"
                       " WHERE projection = $1 AND status <> 'faulted'",
            projection->name(), toString(state));
    }
}

std::int64_t ProjectionDaemon::catchUpAll(const util::CancelToken* cancel, const Log& log, int* faulted)
{
    std::int64_t applied = 0;
    std::vector<std::shared_ptr<Projection>> installed;
    {
        pqxx::nontransaction tx(m_connection);
        installed = installedProjections(tx, m_projections);
    }
    for (const auto& projection : installed) {
        ProjectionEngine engine(m_connection, projection, m_options.engine);
        engine.prepare();
        const auto result = engine.catchUp(cancel);
        applied += result.processed;
        if (log && (result.processed || result.parked))
            log(projection->name() + ": applied " + std::to_string(result.processed) + " events"
                + (result.parked ? ", parked " + std::to_string(result.parked) : std::string()));
        if (faulted && result.faulted)
            ++*faulted;
        if (log && result.faulted)
            log(projection->name() + " is stopped at a failing event: " + result.error
                + " Retry or skip it with 'acci-admin dead-letters'.");
    }
    return applied;
}

void ProjectionDaemon::run(const util::CancelToken& cancel, const Log& log)
{
    Wakeup wakeup(m_connection, "acci_events");
    m_options.engine.heartbeat = true;
    setStatus(ProjectionState::Running);
    auto lastPass = std::chrono::steady_clock::now() - std::chrono::hours(1);
    try {
        while (!cancel.cancelled()) {
            const bool due
                = std::chrono::steady_clock::now() - lastPass >= std::chrono::seconds(m_options.fallbackSeconds);
            if (wakeup.take() || due) {
                try {
                    catchUpAll(&cancel, log);
                } catch (const std::exception& error) {
                    // A lost connection (a broken link, a server that shut down: 57P01 arrives as an
                    // SQL error) ends the run: the caller reconnects or reports.
                    if (store::connectionIsLost(error))
                        throw;
                    // One failed pass (a lock timeout, a serialization failure that outlasted the
                    // retries) must not end the runner: the next pass starts from the checkpoint.
                    if (log)
                        log("catch-up pass failed, retrying on the next one: " + store::describeError(error));
                }
                setStatus(ProjectionState::Running); // the heartbeat, also when nothing happened
                lastPass = std::chrono::steady_clock::now();
            }
            // Short waits keep cancellation prompt; a notification ends the wait at once.
            m_connection.await_notification(0, 250000);
        }
    } catch (...) {
        try {
            setStatus(ProjectionState::Stopped);
        } catch (...) {
        }
        throw;
    }
    setStatus(ProjectionState::Stopped);
}

} // namespace acci::projections

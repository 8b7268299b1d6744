#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/util/CancelToken.hpp"

namespace acci::projections {

struct DaemonOptions {
    EngineOptions engine;
    int fallbackSeconds = 5; // catch up at least this often, even without a notification
};

// The catch-up runner (acci-admin projections run, or the console): woken by
// NOTIFY acci_events, with a periodic fallback, it catches every projection up and keeps
// their heartbeat fresh so others see it running.
class ProjectionDaemon {
public:
    using Log = std::function<void(const std::string&)>;

    ProjectionDaemon(
        pqxx::connection& connection, std::vector<std::shared_ptr<Projection>> projections, DaemonOptions options = {});

    // One pass over every projection; returns the events applied. `faulted`, when given,
    // counts the projections left stopped at a failing event.
    std::int64_t catchUpAll(const util::CancelToken* cancel, const Log& log, int* faulted = nullptr);
    // Until cancelled; the status goes back to stopped on the way out.
    void run(const util::CancelToken& cancel, const Log& log);

private:
    void setStatus(ProjectionState state);

    pqxx::connection& m_connection;
    std::vector<std::shared_ptr<Projection>> m_projections;
    DaemonOptions m_options;
};

} // namespace acci::projections

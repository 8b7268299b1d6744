// demo start|stop: a private PostgreSQL with realistic demo data, for trying things out.
#include <chrono>
#include <iostream>
#include <unistd.h>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "acci/demo/DemoData.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::admin {

namespace {
    std::string defaultDemoDirectory()
    {
        // Under /tmp so that, when run as root, the unprivileged server account can reach it.
        return "/tmp/acci-demo-" + std::to_string(::getuid());
    }
} // namespace

int runDemo(Context& context, const std::vector<std::string>& words)
{
    if (words.empty())
        throw UsageError("demo needs an action: start, stop or rules.");
    const std::string& action = words.front();
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    if (action == "start") {
        Arguments args(rest, command("demo start"));
        args.requirePositionalCount(0);
        const std::string directory = args.value("dir").value_or(defaultDemoDirectory());
        const long long events = args.integer("events", 0, 100'000'000).value_or(20000);
        const int days = static_cast<int>(args.integer("days", 1, 3650).value_or(7));

        local::LocalPostgres server({ directory });
        server.detach(); // it outlives this command, until 'demo stop'
        auto connection = store::connect(server.conninfo(), "acci-admin");
        store::migrate(*connection);
        store::EventStore eventStore(*connection);
        if (eventStore.statistics().eventCount == 0 && events > 0) {
            context.err << "Filling the demo store with about " << events << " events over " << days << " days...\n";
            const auto summary = demo::fillDemoData(eventStore, events, days, 42, [&](std::int64_t done) {
                if (done % 10000 < 1000)
                    context.err << "  " << done << " events\n";
            });
            context.err << "Demo data: " << summary.events << " events in " << summary.aggregates << " aggregates.\n";
            demo::addShowcase(*connection);
            context.err << "Projections user_view, order_summary and account_balances caught up (one event parked),"
                           " search_index kept elsewhere.\n";
        }
        context.err << "Demo PostgreSQL running in " << server.directory() << "; stop it with 'acci-admin demo stop"
                    << (args.value("dir") ? " --dir " + directory : std::string()) << "'.\n";
        if (args.flag("standby")) {
            // Its standby inside the demo directory, so that 'demo stop' finds both.
            local::LocalPostgres::Options options { server.directory() + "/standby" };
            options.standbyOf = server.directory();
            local::LocalPostgres standby(options);
            standby.detach();
            local::waitForReplay(server.conninfo(), standby.conninfo(), std::chrono::minutes(2));
            // The standby first: prefer-standby browses it, and acci-admin and the console find
            // the primary among the same hosts for actions (target_session_attrs=read-write).
            const std::string multiHost = "host=" + store::conninfoValue(standby.directory() + "," + server.directory())
                + " port=" + std::to_string(standby.port()) + "," + std::to_string(server.port())
                + " user=acci dbname=acci target_session_attrs=prefer-standby";
            context.err << "Its hot standby runs in " << standby.directory()
                        << ". Printed: the standby's connection string, one that browses the standby and sends "
                           "actions to the primary, then the primary's.\n";
            context.out << standby.conninfo() << '\n' << multiHost << '\n';
        }
        context.out << server.conninfo() << '\n';
        return 0;
    }
    if (action == "stop") {
        Arguments args(rest, command("demo stop"));
        args.requirePositionalCount(0);
        const std::string directory = args.value("dir").value_or(defaultDemoDirectory());
        // The standby first (demo start --standby), so that it does not retry a primary that is gone.
        if (local::LocalPostgres::stopIn(directory + "/standby"))
            context.err << "Stopped the demo standby in " << directory << "/standby.\n";
        if (!local::LocalPostgres::stopIn(directory)) {
            context.err << "No demo server runs in " << directory << ".\n";
            return 0;
        }
        context.err << "Stopped the demo server in " << directory << ".\n";
        return 0;
    }
    if (action == "rules") {
        Arguments args(rest, command("demo rules"));
        args.requirePositionalCount(0);
        context.out << demo::demoReducerRules().dump(2) << '\n';
        return 0;
    }
    throw UsageError("Unknown demo action '" + action + "'; use start, stop or rules.");
}

} // namespace acci::admin

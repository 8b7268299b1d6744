// acci-bench [--events N] [--stream-events N] [--repeat R]
//            [--only store|projections|timetravel|monitoring|migrate|snapshots] [--db CONNINFO]
// Starts a private PostgreSQL (unless --db is given), then prints each figure of the issues'
// performance targets beside its baseline, measured in the same run, with the ratio.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "BenchSupport.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::bench {
void runStoreBench(const Options& options);
void runProjectionBench(const Options& options);
void runTimeTravelBench(const Options& options);
void runMonitoringBench(const Options& options);
void runMigrateBench(const Options& options);
void runSnapshotBench(const Options& options);
}

int main(int argc, char** argv)
{
    using namespace acci;
    bench::Options options;
    std::string only; // store | projections | timetravel | monitoring | migrate | snapshots; empty: all
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "acci-bench: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--events")
            options.events = std::atoll(next().c_str());
        else if (arg == "--stream-events")
            options.streamEvents = std::atoi(next().c_str());
        else if (arg == "--repeat")
            options.repeat = std::max(1, std::atoi(next().c_str()));
        else if (arg == "--only")
            only = next();
        else if (arg == "--db")
            options.conninfo = next();
        else {
            std::fprintf(stderr,
                "usage: acci-bench [--events N] [--stream-events N] [--repeat R] [--only "
                "store|projections|timetravel|monitoring|migrate|snapshots] [--db CONNINFO]\n");
            return 2;
        }
    }
    if (options.events < 100)
        options.events = 100;
    options.events -= options.events % 100;

    try {
        std::unique_ptr<local::LocalPostgres> server;
        const std::string directory = "/tmp/acci-bench-" + std::to_string(::getpid());
        if (options.conninfo.empty()) {
            server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { directory, "bench" });
            options.conninfo = server->conninfo();
        }
        std::printf("acci-bench on %s (fsync off on the private server: both sides alike)\n", options.conninfo.c_str());
        {
            auto connection = store::connect(options.conninfo);
            store::migrate(*connection);
        }
        if (only.empty() || only == "store")
            bench::runStoreBench(options);
        if (only.empty() || only == "projections")
            bench::runProjectionBench(options);
        if (only.empty() || only == "timetravel")
            bench::runTimeTravelBench(options);
        if (only.empty() || only == "monitoring")
            bench::runMonitoringBench(options);
        if (only.empty() || only == "migrate")
            bench::runMigrateBench(options);
        if (only.empty() || only == "snapshots")
            bench::runSnapshotBench(options);
        server.reset();
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "acci-bench: %s\n", error.what());
        return 1;
    }
    return 0;
}

// The upgrade of a guide-schema store (issue 14): a store of --events events made with the
// guide's plain schema, upgraded while a service inserts the guide's way every 10 ms; the
// online upgrade beside the locking one (one transaction, as before), in the same run. What
// counts for the service is its longest insert: the locking upgrade stops it for its whole
// duration.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <pqxx/pqxx>

#include "BenchSupport.hpp"
#include "GuideStore.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Migrations.hpp"

namespace acci::bench {

namespace {

    const char* guideDatabase = "acci_bench_guide";

    // The guide's service: one plain INSERT every 10 ms on its own connection.
    class GuideService {
    public:
        explicit GuideService(const std::string& conninfo)
            : m_thread([this, conninfo] { run(conninfo); })
        {
        }
        ~GuideService() { stop(); }
        GuideService(const GuideService&) = delete;
        GuideService& operator=(const GuideService&) = delete;

        void stop()
        {
            m_stop = true;
            if (m_thread.joinable())
                m_thread.join();
        }

        double longestWait = 0; // seconds; read after stop()
        long long inserted = 0;
        long long errors = 0;

    private:
        void run(const std::string& conninfo)
        {
            pqxx::connection connection(conninfo);
            for (int version = 1; !m_stop; ++version) {
                const auto started = std::chrono::steady_clock::now();
                try {
                    pqxx::nontransaction tx(connection);
                    tx.exec_params("INSERT INTO events (id, aggregate_id, aggregate_type, event_type, version, data, "
                                   "metadata, timestamp) VALUES (gen_random_uuid(), 'service', 'Live', 'Written', $1, "
                                   "'{}', '{}', now())",
                        version);
                    ++inserted;
                } catch (const std::exception&) {
                    ++errors;
                    --version;
                }
                longestWait = std::max(longestWait, seconds(std::chrono::steady_clock::now() - started));
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }

        std::atomic<bool> m_stop { false };
        std::thread m_thread;
    };

    struct UpgradeRun {
        double seconds = 0;
        double longestWait = 0;
        long long errors = 0;
    };

    // A fresh guide store of `events` events, vacuumed as a live one would be, upgraded with the
    // service writing from before the start to after the end.
    UpgradeRun upgradeOnce(const Options& options, bool online)
    {
        {
            auto server = store::connect(options.conninfo);
            pqxx::nontransaction query(*server);
            query.exec(std::string("DROP DATABASE IF EXISTS ") + guideDatabase + " WITH (FORCE)");
            query.exec(std::string("CREATE DATABASE ") + guideDatabase);
        }
        const std::string conninfo = options.conninfo + " dbname=" + guideDatabase;
        auto connection = store::connect(conninfo, "acci-bench migrate");
        exec(*connection, testing::guideSchemaSql);
        testing::loadGuideEvents(*connection, options.events, 10, 86400);
        exec(*connection, "VACUUM ANALYZE events");
        exec(*connection, "CHECKPOINT");

        GuideService service(conninfo);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        store::MigrateOptions migrateOptions;
        migrateOptions.online = online;
        const auto started = std::chrono::steady_clock::now();
        store::migrate(*connection, migrateOptions);
        UpgradeRun run;
        run.seconds = seconds(std::chrono::steady_clock::now() - started);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        service.stop();
        run.longestWait = service.longestWait;
        run.errors = service.errors;
        if (store::schemaStatus(*connection).state != store::SchemaStatus::State::Current)
            std::printf("!! the %s upgrade left the schema not current\n", online ? "online" : "locking");
        return run;
    }

} // namespace

void runMigrateBench(const Options& options)
{
    std::printf(
        "\n== Upgrade of a guide-schema store of %lld events, a service inserting every 10 ms ==\n", options.events);
    std::vector<double> online, onlineWait, locking, lockingWait;
    long long errors = 0;
    for (int i = 0; i < options.repeat; ++i) {
        const auto a = upgradeOnce(options, true);
        online.push_back(a.seconds);
        onlineWait.push_back(a.longestWait);
        const auto b = upgradeOnce(options, false);
        locking.push_back(b.seconds);
        lockingWait.push_back(b.longestWait);
        errors += a.errors + b.errors;
    }
    const double ours = median(online);
    const double baseline = median(locking);
    std::printf("%-44s %8.1f s    locking upgrade %8.1f s    ratio %.2f   (the price of staying online)\n",
        "guide schema upgrade, online", ours, baseline, ours / baseline);
    std::printf("%-44s %8.3f s    locking upgrade %8.3f s    ratio %.3f   (target <= 1 s)\n",
        "service's longest insert during it", median(onlineWait), median(lockingWait),
        median(onlineWait) / median(lockingWait));
    if (errors > 0)
        std::printf("!! the service's inserts failed %lld times\n", errors);
    {
        auto server = store::connect(options.conninfo);
        pqxx::nontransaction query(*server);
        query.exec(std::string("DROP DATABASE IF EXISTS ") + guideDatabase + " WITH (FORCE)");
    }
    std::fflush(stdout);
}

} // namespace acci::bench

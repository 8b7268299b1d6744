// acci-console-bench --events N (N above 1M): the console's figures on a store of 1M events and
// on one of N, generated alike (BenchStore) in two databases of the same server, in the same
// run, side by side with their ratio (issue 15). Each size is measured by a child process of
// its own (--measure), so resident memory and caches start equal.
#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QPushButton>
#include <QTableView>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "BenchGui.hpp"
#include "BenchStore.hpp"
#include "OverviewBench.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/monitoring/EventRates.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/util/Time.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "models/AggregateListModel.hpp"
#include "models/AggregateTypesModel.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/StreamModel.hpp"
#include "pages/ProjectionsPage.hpp"
#include "session/ConnectionSession.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::bench {

namespace {

    // One figure: printed by the child as "figure KEY VALUE", read back by the parent.
    void put(const char* key, double value)
    {
        std::printf("figure %s %.3f\n", key, value);
        std::fflush(stdout);
    }

    double millisecondsOf(const std::function<void()>& run, int repeat = 3)
    {
        std::vector<double> times;
        for (int i = 0; i < repeat; ++i) {
            const auto start = std::chrono::steady_clock::now();
            run();
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    }

    void measureLog(const std::string& conninfo, StallProbe& probe)
    {
        ui::DatabaseWorker worker(ui::ConnectionProfile(QString::fromStdString(conninfo)));
        waitFor([&] { return worker.state() == ui::DatabaseWorker::State::Connected; });
        auto log = std::make_unique<ui::GlobalLogModel>(&worker);
        auto view = std::make_unique<QTableView>();
        view->setModel(log.get());
        ui::setUpTable(view.get());
        view->resize(1400, 700);
        view->show();
        waitFor([] { return false; }, 100);
        probe.reset();
        QElapsedTimer clock;
        clock.start();
        log->setFilter({});
        waitFor([&] { return log->isOpen() && log->rowCount() > 20 && log->rowAt(0) && log->rowAt(20); });
        put("log_first_rows", clock.nsecsElapsed() / 1e6);
        // End pressed as soon as the rows are laid out: on the estimate, before the count.
        waitFor([&] { return (log->isEstimated() && log->rowCount() == log->total()) || log->isCounted(); });
        put("log_laid_out", clock.nsecsElapsed() / 1e6);
        put("log_counted_before_jump", log->isCounted() ? 1 : 0);
        QElapsedTimer jump;
        jump.start();
        view->scrollToBottom();
        const int last = log->rowCount() - 1;
        waitFor([&] { return log->rowAt(last) != nullptr; });
        put("log_jump_last", jump.nsecsElapsed() / 1e6);
        double worst = probe.worstMs();
        put("stall_log_open", worst);
        probe.reset();
        waitFor([&] { return log->isCounted(); }, 300000);
        put("log_exact_count", clock.nsecsElapsed() / 1e6);
        put("stall_log_count", probe.worstMs());
        worst = std::max(worst, probe.worstMs());
        probe.reset();
        // Drag through the middle while keys are still arriving.
        for (int step = 1; step < 20; ++step) {
            view->scrollTo(log->index(log->rowCount() * step / 20, 0));
            waitFor([] { return false; }, 15);
        }
        put("stall_log_scroll", probe.worstMs());
        worst = std::max(worst, probe.worstMs());
        probe.reset();
        // Filters: an event type (indexed), a tenant (no index, a third of the log), and JSON
        // containment on the data (no index, 2 % of the log): first rows, then the exact count.
        struct Filter {
            const char* key;
            store::LogFilter filter;
        };
        std::vector<Filter> filters(3);
        filters[0].key = "type";
        filters[0].filter.eventTypes = { "Shipped" };
        filters[1].key = "tenant";
        filters[1].filter.tenantId = "tenant-1";
        filters[2].key = "data";
        filters[2].filter.dataContains = R"({"sku": "SKU-7"})";
        for (const auto& [key, filter] : filters) {
            clock.restart();
            log->setFilter(filter);
            waitFor([&] { return log->isOpen() && log->rowCount() > 20 && log->rowAt(0) && log->rowAt(20); });
            put((std::string("filter_") + key + "_first_rows").c_str(), clock.nsecsElapsed() / 1e6);
            view->scrollTo(log->index(log->rowCount() / 2, 0));
            waitFor([&] { return log->isCounted(); }, 300000);
            put((std::string("filter_") + key + "_exact_count").c_str(), clock.nsecsElapsed() / 1e6);
            view->scrollToBottom();
            waitFor([] { return false; }, 50);
        }
        put("stall_log_filters", probe.worstMs());
        put("stall_log", std::max(worst, probe.worstMs()));
        put("rss_log", residentMb());
    }

} // namespace

int measureStore(const std::string& conninfo, long long events, int)
{
    StallProbe probe;
    {
        auto connection = store::connect(conninfo);
        put("tenants", millisecondsOf([&] { store::listTenants(*connection); }));
        put("projections_poll",
            millisecondsOf([&] { projections::listProjections(*connection, projections::builtInProjections()); }));
    }
    {
        const auto overview = measureOverview(conninfo);
        put("overview_first", overview.firstPaintMs);
        put("overview_loaded", overview.loadedMs);
        put("stall_overview", overview.stallMs);
    }
    measureLog(conninfo, probe);

    ui::DatabaseWorker browse(ui::ConnectionProfile(QString::fromStdString(conninfo)));
    waitFor([&] { return browse.state() == ui::DatabaseWorker::State::Connected; });
    {
        auto stream = std::make_unique<ui::StreamModel>(&browse);
        auto streamView = std::make_unique<QTableView>();
        streamView->setModel(stream.get());
        ui::setUpTable(streamView.get());
        streamView->show();
        waitFor([] { return false; }, 100);
        probe.reset();
        QElapsedTimer clock;
        clock.start();
        stream->setAggregate(QStringLiteral("big-stream"));
        waitFor([&] { return stream->rowCount() > 0; });
        put("stream_first_rows", clock.nsecsElapsed() / 1e6);
        put("stall_stream", probe.worstMs());
    }
    {
        ui::AggregateTypesModel types(&browse);
        int loaded = 0;
        QObject::connect(&types, &ui::AggregateTypesModel::loaded, [&loaded] { ++loaded; });
        QElapsedTimer clock;
        clock.start();
        types.reload();
        waitFor([&] { return loaded > 0; });
        put("types_first", clock.nsecsElapsed() / 1e6);
        waitFor([&] { return loaded >= 2 && !types.isEstimated(); });
        put("types_exact", clock.nsecsElapsed() / 1e6);
        ui::AggregateListModel aggregates(&browse);
        clock.restart();
        aggregates.setQuery(QStringLiteral("Bench"), {}, store::AggregateSort::ByLastChange);
        waitFor([&] { return aggregates.rowCount() > 0; });
        put("aggregates_first", clock.nsecsElapsed() / 1e6);
    }
    {
        auto connection = store::connect(conninfo);
        for (const auto& [key, seconds] : { std::pair { "24h", 86400LL }, std::pair { "7d", 7 * 86400LL } }) {
            monitoring::EventRateQuery query;
            query.toUs = util::nowUs() + 60'000'000;
            query.fromUs = query.toUs - seconds * 1'000'000;
            query.bucketSeconds = monitoring::chooseBucketSeconds(seconds);
            put((std::string("rates_") + key).c_str(),
                millisecondsOf([&] { monitoring::eventRates(*connection, query); }));
            put((std::string("rates_") + key + "_sql").c_str(), millisecondsOf([&] {
                pqxx::nontransaction tx(*connection);
                tx.exec_params(R"SQL(
SELECT date_bin(make_interval(secs => $3), timestamp, 'epoch'), event_type, count(*)
  FROM events
 WHERE timestamp >= to_timestamp($1::double precision / 1000000)
   AND timestamp <  to_timestamp($2::double precision / 1000000)
 GROUP BY 1, 2)SQL",
                    query.fromUs, query.toUs, query.bucketSeconds);
            }));
        }
    }
    // The rebuild of user_view (a tenth of the store is users) from the projections page.
    {
        ui::ConnectionSession session(ui::ConnectionProfile(QString::fromStdString(conninfo)));
        auto& poller = *session.poller();
        ui::ProjectionsPage page(&session);
        page.resize(1400, 800);
        page.show();
        poller.start();
        waitFor([&] { return page.projectionsModel()->rowCount() > 0; });
        page.selectProjection(QStringLiteral("user_view"));
        waitFor([&] { return page.rebuildButton()->isEnabled(); });
        page.rebuildButton()->click();
        waitFor([&] { return page.rebuildDialog() != nullptr; });
        auto* dialog = page.rebuildDialog();
        waitFor([] { return false; }, 300);
        probe.reset();
        QElapsedTimer clock;
        clock.start();
        dialog->startButton()->click();
        waitFor([&] { return dialog->finished(); }, 1200000);
        put("rebuild", clock.nsecsElapsed() / 1e9);
        put("stall_rebuild", probe.worstMs());
        dialog->close();
    }
    put("rss_end", residentMb());
    (void)events;
    return 0;
}

namespace {

    std::map<std::string, double> runChild(const QString& program, const std::string& conninfo, long long events)
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(program,
            { QStringLiteral("--measure"), QString::fromStdString(conninfo), QStringLiteral("--events"),
                QString::number(events) });
        child.waitForFinished(-1);
        std::map<std::string, double> figures;
        for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
            const auto parts = line.split(' ');
            if (parts.size() == 3 && parts[0] == "figure")
                figures[parts[1].toStdString()] = parts[2].toDouble();
        }
        if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            std::printf("!! the measurement at %lld events ended with status %d\n", events, child.exitCode());
        return figures;
    }

    std::string label(long long events)
    {
        return events % 1'000'000 == 0 ? std::to_string(events / 1'000'000) + "M" : std::to_string(events);
    }

} // namespace

int compareStoreSizes(const QString& program, long long events, int streamEvents)
{
    const std::string directory = "/tmp/acci-console-bench-" + std::to_string(::getpid());
    struct RemoveOnExit {
        std::string path;
        ~RemoveOnExit()
        {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    } cleanup { directory };
    auto server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { directory, "bench" });
    const std::vector<long long> sizes = { ComparedSize, events };
    std::printf("\n== Console at %s and %s events (one stream of %d; a tenth users), same server, same run ==\n",
        label(sizes[0]).c_str(), label(sizes[1]).c_str(), streamEvents);
    std::fflush(stdout);
    std::vector<std::map<std::string, double>> figures;
    for (const long long size : sizes) {
        const std::string database = "store_" + std::to_string(size); // unquoted: lower case
        {
            auto connection = store::connect(server->conninfo());
            pqxx::nontransaction(*connection).exec("CREATE DATABASE " + database);
        }
        const std::string conninfo = server->conninfo() + " dbname=" + database;
        {
            auto connection = store::connect(conninfo);
            store::migrate(*connection);
        }
        const double filled = fillBenchStore(conninfo, size, streamEvents);
        std::printf("%-48s %10.1f s   (COPY, then VACUUM ANALYZE)\n",
            ("store of " + label(size) + " generated").c_str(), filled);
        std::fflush(stdout);
        figures.push_back(runChild(program, conninfo, size));
    }
    const double scale = static_cast<double>(sizes[1]) / static_cast<double>(sizes[0]);
    std::printf("\n%-48s %10s %10s %7s   %s\n", "figure", label(sizes[0]).c_str(), label(sizes[1]).c_str(), "ratio",
        "target (linear: ratio <= size ratio)");
    struct Line {
        const char* key;
        const char* what;
        const char* unit;
        const char* target;
    };
    const std::vector<Line> lines = {
        { "overview_first", "overview: first figures on screen", "ms", "<= 150 ms" },
        { "overview_loaded", "overview: everything loaded", "ms", "<= 1000 ms" },
        { "stall_overview", "longest GUI stall, opening the overview", "ms", "<= 50 ms" },
        { "log_first_rows", "global log: first rows on screen", "ms", "<= 150 ms" },
        { "log_laid_out", "global log: rows laid out (estimate)", "ms", "" },
        { "log_jump_last", "global log: End, last row shown (count not in)", "ms", "<= 150 ms" },
        { "log_exact_count", "global log: exact count in (in parts)", "ms", "no GUI wait" },
        { "filter_tenant_first_rows", "filter tenant (no index): first rows", "ms", "<= 150 ms" },
        { "filter_tenant_exact_count", "filter tenant: exact count in", "ms", "progress, Stop" },
        { "filter_type_first_rows", "filter event type (index): first rows", "ms", "<= 150 ms" },
        { "filter_type_exact_count", "filter event type: exact count in", "ms", "progress, Stop" },
        { "filter_data_first_rows", "filter data contains (no index): first rows", "ms", "<= 150 ms" },
        { "filter_data_exact_count", "filter data contains: exact count in", "ms", "progress, Stop" },
        { "stall_log", "longest GUI stall, scrolling and filtering", "ms", "<= 50 ms" },
        { "stall_log_open", "  of which: opening, estimate, End", "ms", "" },
        { "stall_log_count", "  of which: while counting", "ms", "" },
        { "stall_log_scroll", "  of which: dragging through the middle", "ms", "" },
        { "stall_log_filters", "  of which: three filters", "ms", "" },
        { "rss_log", "resident memory after the log", "MB", "<= 250 MB" },
        { "stream_first_rows", "100k-event stream: first rows", "ms", "<= 150 ms" },
        { "stall_stream", "longest GUI stall, stream", "ms", "<= 50 ms" },
        { "tenants", "tenant list (on connect)", "ms", "" },
        { "types_first", "types page: types, estimated counts", "ms", "<= 150 ms" },
        { "types_exact", "types page: exact counts", "ms", "" },
        { "aggregates_first", "aggregates page: first rows", "ms", "<= 150 ms" },
        { "projections_poll", "projections poll (user_view far behind)", "ms", "" },
        { "rates_24h", "event rates, 24 h", "ms", "<= 1.5 x SQL" },
        { "rates_24h_sql", "  plain date_bin, 24 h", "ms", "" },
        { "rates_7d", "event rates, 7 days", "ms", "<= 1.5 x SQL" },
        { "rates_7d_sql", "  plain date_bin, 7 days", "ms", "" },
        { "rebuild", "rebuild user_view (a tenth of the events)", "s", "" },
        { "stall_rebuild", "longest GUI stall during the rebuild", "ms", "<= 50 ms" },
        { "rss_end", "resident memory at the end", "MB", "<= 250 MB" },
    };
    for (const auto& line : lines) {
        const double small = figures[0].count(line.key) ? figures[0][line.key] : -1;
        const double big = figures[1].count(line.key) ? figures[1][line.key] : -1;
        const double ratio = small > 0 ? big / small : 0;
        std::string note = line.target;
        if (std::string(line.key).rfind("rates_", 0) == 0 && std::string(line.key).find("_sql") == std::string::npos) {
            const std::string sql = std::string(line.key) + "_sql";
            char vs[96];
            std::snprintf(vs, sizeof vs, "; x SQL: %.2f at %s, %.2f at %s", small / figures[0][sql],
                label(sizes[0]).c_str(), big / figures[1][sql], label(sizes[1]).c_str());
            note += vs;
        }
        if (ratio > scale * 1.05)
            note += "  ** worse than linear";
        std::printf("%-48s %8.1f %-2s %7.1f %-2s %6.2f   %s\n", line.what, small, line.unit, big, line.unit, ratio,
            note.c_str());
    }
    std::printf("%-48s %10s %10s %7.2f   (the size ratio)\n", "events", label(sizes[0]).c_str(),
        label(sizes[1]).c_str(), scale);
    std::printf("(log_counted_before_jump: %.0f at %s, %.0f at %s: 0 means End was pressed before the count was in)\n",
        figures[0]["log_counted_before_jump"], label(sizes[0]).c_str(), figures[1]["log_counted_before_jump"],
        label(sizes[1]).c_str());
    std::fflush(stdout);
    return 0;
}

} // namespace acci::bench

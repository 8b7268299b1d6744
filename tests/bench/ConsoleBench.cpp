// acci-console-bench: the console's figures (issue 4) on a 1M-event store (with --events above
// 1M, BigStoreBench.cpp instead: the figures at 1M and at that size side by side, issue 15): first rows of the
// global log on screen, jump to its last row, open a 100k-event stream; the longest stall of
// the GUI thread meanwhile (a 5 ms timer that measures how late it fires); resident memory.
// Beside them, the same first page read with plain SQL in the same run. Then time travel
// (issue 5): opening the 100k-event stream, and the GUI thread while dragging its slider.
// Then charts and projections (issue 6): replotting 10k points, the GUI thread during a rebuild.
// First of all the overview (issue 17), the page the console opens on: first figures on
// screen, everything in, the longest GUI stall meanwhile.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "BenchGui.hpp"
#include "BenchStore.hpp"
#include "OverviewBench.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "charts/EventRateChart.hpp"
#include "dialogs/RebuildDialog.hpp"
#include "models/GlobalLogModel.hpp"
#include "models/StreamModel.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "session/ConnectionSession.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"

#include <QPushButton>
#include <QSlider>
#include <qcustomplot.h>

using namespace acci;
using bench::residentMb;
using bench::StallProbe;
using bench::waitFor;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // The offscreen platform warns on every window it shows; the figures are what matter.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (!message.contains(QStringLiteral("propagateSizeHints")))
            std::fprintf(stderr, "%s%s\n", type == QtWarningMsg ? "warning: " : "", qPrintable(message));
    });
    long long events = 1000000;
    std::string measure; // --measure CONNINFO: the big-store figures of one store, for the comparison
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--events")
            events = std::atoll(argv[i + 1]);
        if (std::string(argv[i]) == "--measure")
            measure = argv[i + 1];
    }
    const int streamEvents = 100000;
    try {
        if (!measure.empty())
            return bench::measureStore(measure, events, streamEvents);
        if (events > bench::ComparedSize)
            return bench::compareStoreSizes(QCoreApplication::applicationFilePath(), events, streamEvents);
    } catch (const std::exception& error) {
        // Caught, so the private server stops as its owner unwinds.
        std::fprintf(stderr, "acci-console-bench: %s\n", error.what());
        return 1;
    }
    const std::string directory = "/tmp/acci-console-bench-" + std::to_string(::getpid());
    // Declared before the server, so destroyed after it has stopped: the store (a few GB at
    // 1M events) does not stay behind in /tmp.
    struct RemoveOnExit {
        std::string path;
        ~RemoveOnExit()
        {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    } cleanup { directory };
    auto server = std::make_unique<local::LocalPostgres>(local::LocalPostgres::Options { directory, "bench" });
    std::printf("\n== Console: a %lld-event store (one stream of %d) ==\n", events, streamEvents);
    std::fflush(stdout);
    {
        auto connection = store::connect(server->conninfo());
        store::migrate(*connection);
    }
    std::printf(
        "%-44s %8.1f s\n", "store generated (COPY)", bench::fillBenchStore(server->conninfo(), events, streamEvents));

    {
        const auto overview = bench::measureOverview(server->conninfo());
        std::printf("%-44s %8.1f ms   (target <= 150)\n", "overview: first figures on screen", overview.firstPaintMs);
        std::printf("%-44s %8.1f ms   (target <= 1000)\n", "overview: everything loaded", overview.loadedMs);
        std::printf("%-44s %8.1f ms   (target <= 50)\n", "overview: longest GUI-thread stall", overview.stallMs);
        std::fflush(stdout);
    }

    ui::DatabaseWorker worker(ui::ConnectionProfile(QString::fromStdString(server->conninfo())));
    waitFor([&] { return worker.state() == ui::DatabaseWorker::State::Connected; });
    StallProbe probe;

    // The global log in a real table view, as the console shows it.
    auto log = std::make_unique<ui::GlobalLogModel>(&worker);
    auto view = std::make_unique<QTableView>();
    view->setModel(log.get());
    ui::setUpTable(view.get()); // as the console sets it up
    view->resize(1400, 700);
    view->show();
    probe.reset();
    QElapsedTimer clock;
    clock.start();
    log->setFilter({});
    waitFor([&] { return log->isOpen() && log->rowCount() > 0 && log->rowAt(0) && log->rowAt(20); });
    const double firstRows = clock.nsecsElapsed() / 1e6;
    // The count arrives after the first rows; End pressed before it waits for it.
    bool counted = false;
    QObject::connect(log.get(), &ui::GlobalLogModel::opened, [&counted] { counted = true; });
    waitFor([&] { return counted; });
    const double countedAt = firstRows + clock.nsecsElapsed() / 1e6;
    clock.restart();
    view->scrollToBottom();
    const int last = log->rowCount() - 1;
    waitFor([&] { return log->rowAt(last) != nullptr; });
    const double lastRow = clock.nsecsElapsed() / 1e6;
    // Drag the scroll bar through the middle while keys are still arriving.
    for (int step = 1; step < 20; ++step) {
        view->scrollTo(log->index(log->rowCount() * step / 20, 0));
        waitFor([] { return false; }, 15);
    }
    const double logStall = probe.worstMs();

    auto stream = std::make_unique<ui::StreamModel>(&worker);
    auto streamView = std::make_unique<QTableView>();
    streamView->setModel(stream.get());
    ui::setUpTable(streamView.get());
    streamView->show();
    waitFor([] { return false; }, 100); // its first paint, as at the console's start
    probe.reset();
    clock.restart();
    stream->setAggregate(QStringLiteral("big-stream"));
    waitFor([&] { return stream->rowCount() > 0; });
    const double openStream = clock.nsecsElapsed() / 1e6;
    const double streamStall = probe.worstMs();

    // Baseline: the first page of the log with plain SQL, same server, same run.
    double sqlMs = 0;
    {
        auto connection = store::connect(server->conninfo());
        const auto start = std::chrono::steady_clock::now();
        pqxx::nontransaction(*connection)
            .exec("SELECT " + store::recordedEventColumns() + " FROM events ORDER BY tx_id, global_position LIMIT 200");
        sqlMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    waitFor([] { return false; }, 200);
    std::printf("%-44s %8.1f ms   (target <= 150; plain SQL first page: %.1f ms)\n", "global log: first rows on screen",
        firstRows, sqlMs);
    std::printf("%-44s %8.1f ms   (after the count, known %.0f ms after opening)\n", "global log: jump to the last row",
        lastRow, countedAt);
    std::printf("%-44s %8.1f ms   (target <= 150)\n", "open a 100k-event stream: first rows", openStream);
    std::printf("%-44s %8.1f ms   (target <= 50)\n", "longest GUI-thread stall (log, scrolling)", logStall);
    std::printf("%-44s %8.1f ms   (target <= 50)\n", "longest GUI-thread stall (stream)", streamStall);
    std::printf("%-44s %8.1f MB   (target <= 250)\n", "resident memory", residentMb());
    std::fflush(stdout);

    // The log and stream views go: what follows measures the time-travel page alone, not
    // the log's key chunks still arriving in the background.
    view.reset();
    log.reset();
    streamView.reset();
    stream.reset();
    waitFor([] { return false; }, 300);

    // Time travel (issue 5): open the 100k-event stream, then drag the slider across every
    // version in 2000 mouse moves, 4 ms apart (faster than a hand), and watch the GUI thread.
    ui::TimeTravelPage timeTravel(&worker);
    timeTravel.resize(1400, 800);
    timeTravel.show();
    waitFor([] { return false; }, 100);
    int lastVersion = -1;
    QObject::connect(&timeTravel, &ui::TimeTravelPage::loaded, [&lastVersion](int version) { lastVersion = version; });
    probe.reset();
    clock.restart();
    timeTravel.open(QStringLiteral("big-stream"));
    waitFor([&] { return lastVersion > 0 && timeTravel.shownVersion() == lastVersion; }, 120000);
    const double openTimeTravel = clock.nsecsElapsed() / 1e6;
    const double openStall = probe.worstMs();
    waitFor([] { return false; }, 100);
    probe.reset();
    int framesShown = 0;
    QObject::connect(&timeTravel, &ui::TimeTravelPage::frameShown, [&framesShown] { ++framesShown; });
    const int moves = 2000;
    for (int move = 0; move <= moves; ++move) {
        timeTravel.slider()->setValue(
            static_cast<int>(static_cast<long long>(timeTravel.slider()->maximum()) * move / moves));
        waitFor([] { return false; }, 4);
    }
    waitFor([&] { return timeTravel.shownVersion() == lastVersion; });
    const double dragStall = probe.worstMs();
    std::printf("%-44s %8.1f ms   (read + fold on the worker; longest GUI stall %.1f ms)\n",
        "time travel: open a 100k-event aggregate", openTimeTravel, openStall);
    std::printf("%-44s %8.1f ms   (target <= 16; %d of %d positions drawn, the rest skipped as stale)\n",
        "time travel: longest GUI stall, dragging", dragStall, framesShown, moves + 1);
    std::printf("%-44s %8.1f MB\n", "resident memory after time travel", residentMb());
    std::fflush(stdout);

    // Charts (issue 6): replot an event-rate chart of 10,000 points (one line, then stacked).
    {
        ui::EventRateChart chart;
        chart.resize(1400, 500);
        chart.show();
        monitoring::EventRateSeries series;
        series.bucketSeconds = 60;
        series.eventTypes = { "A", "B" };
        series.counts.assign(2, {});
        for (int i = 0; i < 10000; ++i) {
            series.bucketStartsUs.push_back(1'700'000'000'000'000LL + i * 60'000'000LL);
            series.counts[0].push_back(i % 97);
            series.counts[1].push_back(i % 13);
        }
        auto timeReplots = [&chart] {
            std::vector<double> times;
            for (int i = 0; i < 15; ++i) {
                const auto start = std::chrono::steady_clock::now();
                chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
                times.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            }
            std::sort(times.begin(), times.end());
            return times[times.size() / 2];
        };
        auto oneType = series;
        oneType.eventTypes.resize(1);
        oneType.counts.resize(1);
        chart.setSeries(oneType, false);
        waitFor([] { return false; }, 100);
        const double lines = timeReplots();
        chart.setSeries(series, true);
        waitFor([] { return false; }, 100);
        const double bars = timeReplots();
        std::printf("%-44s %8.1f ms   (target <= 16; median of 15)\n", "replot 10,000 points (one line)", lines);
        std::printf("%-44s %8.1f ms   (2 x 10,000 stacked bars)\n", "replot 20,000 stacked bars", bars);
        std::fflush(stdout);
    }

    // A rebuild of user_view (a tenth of the store is users) started from the projections page: the GUI
    // thread while it runs.
    {
        ui::ConnectionSession session(ui::ConnectionProfile(QString::fromStdString(server->conninfo())));
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
        probe.reset();
        clock.restart();
        dialog->startButton()->click();
        waitFor([&] { return dialog->finished(); }, 300000);
        const double rebuildMs = clock.nsecsElapsed() / 1e6;
        const double rebuildStall = probe.worstMs();
        std::printf("%-44s %8.1f ms   (target <= 50; the rebuild took %.0f ms)\n",
            "longest GUI stall during a rebuild from the page", rebuildStall, rebuildMs);
        dialog->close();
    }
    std::fflush(stdout);
    return 0;
}

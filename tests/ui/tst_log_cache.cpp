// The global log model's cache and key layout, against a log held in memory (the model reads
// through store::LogSource; tst_models runs the same model against PostgreSQL). What this
// suite can check and a server cannot make repeatable: replies arriving late or out of
// order, how many reads a scroll costs, and the bound on memory.
#include <QtTest>

#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>

#include <deque>

#include "models/GlobalLogModel.hpp"
#include "pages/LogPage.hpp"
#include "workers/LogAccess.hpp"

using namespace acci;
using namespace acci::ui;

namespace {

// A log in memory: events in position order, of which the first `readable` are below the
// readable head (the rest are "in flight"). Only eventTypes of the filter is honoured.
class MemoryLog final : public store::LogSource {
public:
    std::vector<store::RecordedEvent> events;
    std::size_t readable = 0;
    int pageReads = 0;
    int tailReads = 0;
    int countReads = 0;
    bool failNext = false;
    std::optional<std::int64_t> estimateOverride; // the planner's guess; by default it is right
    std::size_t countStep = 5000;

    void append(int count, const std::string& type = "Happened")
    {
        for (int i = 0; i < count; ++i) {
            store::RecordedEvent event;
            const auto n = static_cast<std::int64_t>(events.size()) + 1;
            event.position = { 1000 + static_cast<std::uint64_t>(n / 7), n };
            event.id = "event-" + std::to_string(n);
            event.aggregateId = "agg-" + std::to_string(n % 13);
            event.aggregateType = "Thing";
            event.eventType = type;
            event.version = static_cast<int>(n);
            event.dataJson = "{}";
            event.metadataJson = "{}";
            events.push_back(event);
        }
        readable = events.size();
    }

    store::LogOpening open(const store::LogFilter& filter, int firstKeys, int pageSize) override
    {
        maybeFail();
        store::LogOpening opening;
        opening.bound = head();
        opening.firstKeys = keysAfter(filter, {}, firstKeys, opening.bound);
        opening.firstPage = page(filter, {}, pageSize);
        --pageReads; // part of the opening, not a page of its own
        while (!opening.firstPage.empty() && opening.bound < opening.firstPage.back().position)
            opening.firstPage.pop_back();
        return opening;
    }
    store::LogEstimate estimate(const store::LogFilter& filter, store::LogPosition bound, int lastKeys) override
    {
        maybeFail();
        const auto all = keysAfter(filter, {}, std::numeric_limits<int>::max(), bound);
        store::LogEstimate guess { estimateOverride.value_or(static_cast<std::int64_t>(all.size())), {} };
        const auto from = all.size() > static_cast<std::size_t>(lastKeys) ? all.size() - lastKeys : 0;
        guess.lastKeys.assign(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
        return guess;
    }
    // A "page" of this log holds 100 events; a part of the count is countStep events.
    std::vector<std::int64_t> countCuts(const store::LogFilter&, int) override
    {
        std::vector<std::int64_t> cuts;
        for (std::size_t i = countStep; i < readable; i += countStep)
            cuts.push_back(static_cast<std::int64_t>(i / 100));
        return cuts;
    }
    std::int64_t countPart(const store::LogFilter& filter, std::int64_t from, std::optional<std::int64_t> to,
        store::LogPosition upTo) override
    {
        maybeFail();
        ++countReads;
        std::int64_t counted = 0;
        for (std::size_t i = static_cast<std::size_t>(from) * 100;
             i < readable && (!to || i < static_cast<std::size_t>(*to) * 100); ++i)
            if (!(upTo < events[i].position) && matches(filter, events[i]))
                ++counted;
        return counted;
    }
    std::vector<store::LogPosition> keysAfter(
        const store::LogFilter& filter, store::LogPosition after, int limit, store::LogPosition bound) override
    {
        std::vector<store::LogPosition> keys;
        for (std::size_t i = 0; i < readable && static_cast<int>(keys.size()) < limit; ++i)
            if (after < events[i].position && !(bound < events[i].position) && matches(filter, events[i]))
                keys.push_back(events[i].position);
        return keys;
    }
    std::vector<store::RecordedEvent> page(const store::LogFilter& filter, store::LogPosition first, int limit) override
    {
        maybeFail();
        ++pageReads;
        std::vector<store::RecordedEvent> rows;
        for (std::size_t i = 0; i < readable && static_cast<int>(rows.size()) < limit; ++i)
            if (!(events[i].position < first) && matches(filter, events[i]))
                rows.push_back(events[i]);
        return rows;
    }
    store::LogTail tail(const store::LogFilter& filter, store::LogPosition after, bool following, int limit) override
    {
        ++tailReads;
        store::LogTail tail;
        const auto keys = keysAfter(filter, after, limit, head());
        if (following)
            tail.keys = keys;
        else
            tail.pending = static_cast<std::int64_t>(keys.size());
        return tail;
    }

private:
    store::LogPosition head() const { return readable ? events[readable - 1].position : store::LogPosition {}; }
    static bool matches(const store::LogFilter& filter, const store::RecordedEvent& event)
    {
        return filter.eventTypes.empty()
            || std::find(filter.eventTypes.begin(), filter.eventTypes.end(), event.eventType)
            != filter.eventTypes.end();
    }
    void maybeFail()
    {
        if (std::exchange(failNext, false))
            throw std::runtime_error("The connection to the database was lost; reconnecting.");
    }
};

// Runs each job when told to (or at once when `automatic`), and delivers its result through
// the event loop, as the database worker does: replies can be held back and reordered.
class HeldLogAccess final : public LogAccess {
public:
    explicit HeldLogAccess(MemoryLog& log)
        : m_log(log)
    {
    }
    bool automatic = true;

    void run(QObject* context, Job job, std::function<void(QString)> onError) override
    {
        m_queue.push_back({ context, std::move(job), std::move(onError) });
        if (automatic)
            QMetaObject::invokeMethod(
                context, [this] { runAll(); }, Qt::QueuedConnection);
    }
    void cancel(QObject*) override { }
    int waiting() const { return static_cast<int>(m_queue.size()); }
    // Runs the oldest waiting job only (what it asks for next waits its turn).
    void runNext()
    {
        if (m_queue.empty())
            return;
        Request request = m_queue.front();
        m_queue.pop_front();
        try {
            auto deliver = request.job(m_log);
            if (request.context)
                deliver();
        } catch (const std::exception& error) {
            if (request.context && request.onError)
                request.onError(QString::fromUtf8(error.what()));
        }
    }
    // Runs the waiting jobs, newest first when asked (a late reply to an old request).
    void runAll(bool newestFirst = false)
    {
        while (!m_queue.empty()) {
            Request request = newestFirst ? m_queue.back() : m_queue.front();
            newestFirst ? m_queue.pop_back() : m_queue.pop_front();
            try {
                auto deliver = request.job(m_log);
                if (request.context)
                    deliver();
            } catch (const std::exception& error) {
                if (request.context && request.onError)
                    request.onError(QString::fromUtf8(error.what()));
            }
        }
    }

private:
    struct Request {
        QPointer<QObject> context;
        Job job;
        std::function<void(QString)> onError;
    };
    MemoryLog& m_log;
    std::deque<Request> m_queue;
};

} // namespace

class TestLogCache : public QObject {
    Q_OBJECT

    struct Fixture {
        MemoryLog log;
        HeldLogAccess* access = nullptr;
        std::unique_ptr<GlobalLogModel> model;

        explicit Fixture(int events)
        {
            log.append(events);
            auto owned = std::make_unique<HeldLogAccess>(log);
            access = owned.get();
            model = std::make_unique<GlobalLogModel>(std::move(owned));
        }
        // Asks for a row until it is there (the first ask requests its page).
        const EventRow* rowWhenLoaded(int row)
        {
            const EventRow* loaded = model->rowAt(row);
            for (int i = 0; !loaded && i < 50; ++i) {
                QCoreApplication::processEvents();
                loaded = model->rowAt(row);
            }
            return loaded;
        }
    };

private slots:
    void everyRowOfABigLogIsLaidOutAndReadable()
    {
        Fixture f(25000);
        QSignalSpy opened(f.model.get(), &GlobalLogModel::opened);
        f.model->setFilter({});
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toLongLong(), 25000);
        QCOMPARE(f.model->rowCount(), 25000);
        // The first page came with the opening: no read of its own.
        QVERIFY(f.model->rowAt(0));
        QCOMPARE(f.log.pageReads, 0);
        // Rows at the end (keys from the count) and in the middle (keys loaded in chunks).
        for (const int row : { 24999, 12345, 199, 200 }) {
            const EventRow* loaded = f.rowWhenLoaded(row);
            QVERIFY2(loaded, qPrintable(QString::number(row)));
            QCOMPARE(loaded->event.position.globalPosition, row + 1);
        }
    }

    void memoryStaysBoundedAndAScrollBackCostsOneRead()
    {
        Fixture f(GlobalLogModel::PageSize * 100);
        f.model->setFilter({});
        QTRY_VERIFY(f.model->isOpen() && f.model->rowCount() == GlobalLogModel::PageSize * 100);
        for (int page = 0; page < 100; ++page)
            QVERIFY(f.rowWhenLoaded(page * GlobalLogModel::PageSize));
        QCOMPARE(f.model->cachedPageCount(), GlobalLogModel::MaxCachedPages);
        const int reads = f.log.pageReads;
        // The page shown last is still held; the first ones made room long ago.
        QVERIFY(f.model->rowAt(99 * GlobalLogModel::PageSize + 5));
        QCOMPARE(f.log.pageReads, reads);
        QVERIFY(f.rowWhenLoaded(GlobalLogModel::PageSize + 1));
        QCOMPARE(f.log.pageReads, reads + 1);
        QCOMPARE(f.model->cachedPageCount(), GlobalLogModel::MaxCachedPages);
    }

    void aLateReplyForAnEarlierFilterIsDropped()
    {
        Fixture f(300);
        f.log.append(40, "Other");
        f.access->automatic = false;
        f.model->setFilter({});
        store::LogFilter onlyOther;
        onlyOther.eventTypes = { "Other" };
        f.model->setFilter(onlyOther);
        QCOMPARE(f.access->waiting(), 2);
        f.access->runAll(/*newestFirst=*/true); // the earlier filter's reply arrives last
        f.access->automatic = true;
        QTRY_COMPARE(f.model->rowCount(), 40);
        const EventRow* first = f.rowWhenLoaded(0);
        QVERIFY(first);
        QCOMPARE(QString::fromStdString(first->event.eventType), QStringLiteral("Other"));
    }

    void theTailAppendsWhileFollowingAndCountsWhilePaused()
    {
        Fixture f(10);
        f.model->setFilter({});
        QTRY_COMPARE(f.model->rowCount(), 10);
        f.log.append(3);
        f.model->notifyNewEvents();
        QTRY_COMPARE(f.model->rowCount(), 13);
        QCOMPARE(f.rowWhenLoaded(12)->event.position.globalPosition, 13);

        QSignalSpy pending(f.model.get(), &GlobalLogModel::pendingChanged);
        f.model->setFollowing(false);
        f.log.append(5);
        f.model->notifyNewEvents();
        QTRY_COMPARE(f.model->pendingCount(), 5);
        QCOMPARE(f.model->rowCount(), 13);
        f.model->setFollowing(true);
        QTRY_COMPARE(f.model->rowCount(), 18);
        QCOMPARE(f.model->pendingCount(), 0);
    }

    void aBurstOfNotificationsCostsTwoReads()
    {
        Fixture f(10);
        f.model->setFilter({});
        QTRY_COMPARE(f.model->rowCount(), 10);
        const int before = f.log.tailReads;
        f.access->automatic = false;
        f.log.append(4);
        for (int i = 0; i < 20; ++i)
            f.model->notifyNewEvents();
        QCOMPARE(f.access->waiting(), 1);
        f.access->automatic = true;
        f.access->runAll();
        QTRY_COMPARE(f.model->rowCount(), 14);
        QTRY_COMPARE(f.log.tailReads, before + 2);
    }

    void anEstimateLaysOutTheRowsThenTheExactCountCorrectsThem_data()
    {
        QTest::addColumn<qint64>("estimate");
        QTest::newRow("the planner guesses high") << qint64(40000);
        QTest::newRow("the planner guesses low") << qint64(3000);
    }
    void anEstimateLaysOutTheRowsThenTheExactCountCorrectsThem()
    {
        QFETCH(qint64, estimate);
        Fixture f(25000);
        f.log.estimateOverride = estimate;
        QSignalSpy estimated(f.model.get(), &GlobalLogModel::estimated);
        QSignalSpy progress(f.model.get(), &GlobalLogModel::countProgress);
        QSignalSpy opened(f.model.get(), &GlobalLogModel::opened);
        f.access->automatic = false;
        f.model->setFilter({});
        f.access->runNext(); // the first look
        QCOMPARE(f.model->rowCount(), GlobalLogModel::FirstKeys);
        QVERIFY(f.model->isBusy());
        f.access->runNext(); // the estimate and the last keys
        QCOMPARE(estimated.size(), 1);
        const qint64 laidOut = std::max<qint64>(estimate, GlobalLogModel::FirstKeys + GlobalLogModel::LastKeys);
        QCOMPARE(f.model->rowCount(), laidOut);
        QVERIFY(f.model->isEstimated());
        QVERIFY(!f.model->isCounted());
        // The last row is there before the count: End works at once.
        QVERIFY(!f.model->rowAt(static_cast<int>(laidOut) - 1));
        f.access->runNext(); // the count's cut
        f.access->runNext(); // that page, before any part is counted
        QCOMPARE(f.model->rowAt(static_cast<int>(laidOut) - 1)->event.position.globalPosition, 25000);
        QCOMPARE(f.log.countReads, 0);
        QVERIFY(f.model->isBusy());

        f.access->automatic = true;
        f.access->runAll();
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toLongLong(), 25000);
        QCOMPARE(f.model->rowCount(), 25000);
        QVERIFY(f.model->isCounted() && !f.model->isEstimated() && !f.model->isBusy());
        QCOMPARE(f.log.countReads, 5); // five parts of 5000 …
        QCOMPARE(progress.size(), 4); // … told after each but the last
        QCOMPARE(progress.last().at(0).toInt(), 4);
        QCOMPARE(progress.last().at(1).toInt(), 5);
        // The last rows moved with the count: what was cached for them was dropped.
        for (const int row : { 24999, 24800, 12345, 1000, 999 }) {
            const EventRow* loaded = f.rowWhenLoaded(row);
            QVERIFY2(loaded, qPrintable(QString::number(row)));
            QCOMPARE(loaded->event.position.globalPosition, row + 1);
        }
        // One key per page, not one per row.
        QTRY_VERIFY(f.model->keysHeld() <= 25000 / GlobalLogModel::PageSize + 1);
        f.log.append(3);
        f.model->notifyNewEvents();
        QTRY_COMPARE(f.model->rowCount(), 25003);
        QCOMPARE(f.rowWhenLoaded(25002)->event.position.globalPosition, 25003);
    }

    void millionsOfRowsAreLaidOutInSteps()
    {
        Fixture f(25000);
        f.log.estimateOverride = 1000000;
        QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
        f.access->automatic = false;
        f.model->setFilter({});
        f.access->runNext(); // the first look
        f.access->runNext(); // the estimate: the last rows, then a first step
        QCOMPARE(f.model->total(), 1000000);
        QCOMPARE(
            f.model->rowCount(), GlobalLogModel::FirstKeys + GlobalLogModel::LastKeys + GlobalLogModel::LayoutStep);
        const int last = f.model->rowCount() - 1;
        QVERIFY(!f.model->rowAt(last));
        f.access->runNext(); // the count's cut
        f.access->runNext(); // the last page: shown while the layout grows
        QVERIFY(f.model->rowAt(last));
        QTRY_COMPARE(f.model->rowCount(), 1000000);
        QCOMPARE(inserted.size(), 1 + 3); // the last rows, then 400k, 400k, 198k
        QCOMPARE(f.model->rowAt(999999)->event.position.globalPosition, 25000); // moved with its page
        f.access->automatic = true;
        f.access->runAll();
        QTRY_VERIFY(f.model->isCounted());
        QCOMPARE(f.model->rowCount(), 25000);
        QCOMPARE(f.rowWhenLoaded(24999)->event.position.globalPosition, 25000);
    }

    void theCountRunsToItsEndOnceRowsAreShown()
    {
        // Stop cancels the search for the first rows only: a count stopped half way left a
        // layout with rows that never loaded and a tail that no longer followed.
        Fixture f(25000);
        f.log.estimateOverride = 30000;
        QSignalSpy stopped(f.model.get(), &GlobalLogModel::stopped);
        f.access->automatic = false;
        f.model->setFilter({});
        f.access->runNext(); // the first look
        f.access->runNext(); // the estimate
        f.access->runNext(); // the count's cut
        f.access->runNext(); // its first part
        f.model->stop();
        QCOMPARE(stopped.size(), 0);
        f.access->automatic = true;
        f.access->runAll();
        QTRY_VERIFY(f.model->isCounted());
        QCOMPARE(f.model->rowCount(), 25000);
        QVERIFY(!f.model->isEstimated() && !f.model->isCountStopped() && !f.model->isBusy());
        QCOMPARE(f.rowWhenLoaded(24999)->event.position.globalPosition, 25000);
    }

    void stoppingTheOpeningLeavesTheTableEmpty()
    {
        Fixture f(25000);
        QSignalSpy stopped(f.model.get(), &GlobalLogModel::stopped);
        f.access->automatic = false;
        f.model->setFilter({});
        QVERIFY(f.model->isBusy());
        f.model->stop();
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(stopped.first().first().toBool(), true);
        f.access->runAll(); // its late reply is dropped
        QCOMPARE(f.model->rowCount(), 0);
        QVERIFY(!f.model->isBusy() && !f.model->isOpen());
    }

    void theLogPageSaysAboutWhileTheCountIsAnEstimate()
    {
        MemoryLog log;
        log.append(25000);
        log.estimateOverride = 40000;
        auto owned = std::make_unique<HeldLogAccess>(log);
        auto* access = owned.get();
        access->automatic = false;
        LogPage page(std::move(owned));
        page.show();
        page.reload();
        QVERIFY(page.stopButton()->isVisibleTo(&page));
        QCOMPARE(page.progressBar()->maximum(), 0); // searching: no measure yet
        access->runNext(); // the first look
        access->runNext(); // the estimate
        const QString about = page.countLabel()->text();
        QVERIFY2(about.contains(QStringLiteral("about")), qPrintable(about));
        QVERIFY2(about.contains(QLocale().toString(40000)), qPrintable(about));
        QVERIFY(page.progressBar()->isVisibleTo(&page));
        QCOMPARE(page.progressBar()->maximum(), GlobalLogModel::CountParts);
        access->runNext(); // the count's cut
        access->runNext(); // a part: progress moves
        QCOMPARE(page.progressBar()->value(), 1);
        QCOMPARE(page.progressBar()->maximum(), 5);
        QVERIFY(!page.stopButton()->isVisibleTo(&page)); // rows are shown: the count runs to its end
        access->automatic = true;
        access->runAll();
        QTRY_COMPARE(page.countLabel()->text(), QStringLiteral("%1 events").arg(QLocale().toString(25000)));
        QVERIFY(!page.progressBar()->isVisibleTo(&page));
    }

    void aFailedPageIsAskedForAgainLater()
    {
        Fixture f(GlobalLogModel::PageSize * 3);
        f.model->setFilter({});
        QTRY_COMPARE(f.model->rowCount(), GlobalLogModel::PageSize * 3);
        QSignalSpy failed(f.model.get(), &GlobalLogModel::failed);
        f.log.failNext = true;
        QVERIFY(!f.model->rowAt(GlobalLogModel::PageSize * 2));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("connection")));
        // Nothing is stuck as "requested": the next look loads it.
        QVERIFY(f.rowWhenLoaded(GlobalLogModel::PageSize * 2));
    }
};

QTEST_MAIN(TestLogCache)
#include "tst_log_cache.moc"

#include "pages/OverviewPage.hpp"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "acci/projections/ProjectionAdmin.hpp"
#include "charts/Sparkline.hpp"
#include "models/ProjectionTableModel.hpp"
#include "session/ConnectionSession.hpp"
#include "style/Icons.hpp"
#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "text/HealthText.hpp"
#include "widgets/LatestEventsList.hpp"
#include "widgets/OverviewTile.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/LiveTail.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

namespace {

    constexpr int RefreshMs = 5000;
    constexpr int LiveDelayMs = 400;
    constexpr int RatesEvery = 6; // refreshes: the hour's chart moves by the minute
    constexpr int SparklineTypes = 5;
    constexpr int LatestEvents = 12;

    QLabel* sectionTitle(const QString& text, QWidget* parent)
    {
        auto* label = new QLabel(text, parent);
        QFont font = label->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.1);
        label->setFont(font);
        return label;
    }

    QLabel* emptyState(const QString& objectName, QWidget* parent)
    {
        auto* label = new QLabel(parent);
        label->setObjectName(objectName);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignCenter);
        label->setMinimumHeight(60);
        label->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); padding: 12px; }"));
        return label;
    }

    QString count(std::int64_t value)
    {
        return QLocale().toString(static_cast<qlonglong>(value));
    }

    QString countFigure(const monitoring::CountFigure& figure)
    {
        return figure.estimated ? OverviewPage::tr("≈ %1").arg(count(figure.value)) : count(figure.value);
    }

} // namespace

OverviewPage::OverviewPage(ConnectionSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_timer(new QTimer(this))
    , m_liveDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    auto* content = new QWidget(this);
    content->setObjectName(QStringLiteral("overviewContent"));

    auto* title = new QLabel(tr("Store overview"), content);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_updated = new QLabel(tr("Loading…"), content);
    // An error sentence can be long: it wraps instead of widening the page.
    m_updated->setWordWrap(true);
    m_updated->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_updated->setObjectName(QStringLiteral("overviewUpdated"));
    m_refresh = new QPushButton(ownIcon(QStringLiteral("refresh")), tr("Refresh"), content);
    m_refresh->setToolTip(tr("Read every figure again (they refresh by themselves every few seconds)"));
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(12);
    header->addWidget(m_updated, 1, Qt::AlignBottom);
    header->addWidget(m_refresh);

    m_events = new OverviewTile(QStringLiteral("eventsTile"), tr("Events"), content);
    m_events->setLinkHint(tr("Open the global log"));
    m_aggregates = new OverviewTile(QStringLiteral("aggregatesTile"), tr("Aggregates"), content);
    m_aggregates->setLinkHint(tr("Browse the aggregates by type"));
    m_eventTypes = new OverviewTile(QStringLiteral("eventTypesTile"), tr("Event types"), content);
    m_eventTypes->setLinkHint(tr("See the event rate per type on the Monitoring page"));
    m_newest = new OverviewTile(QStringLiteral("newestEventTile"), tr("Newest event"), content);
    m_newest->setLinkHint(tr("Show this event in the global log"));
    m_healthTile = new OverviewTile(QStringLiteral("healthTile"), tr("Health"), content);
    m_healthTile->setLinkHint(tr("See the health checks and their thresholds on the Monitoring page"));
    m_projectionsTile = new OverviewTile(QStringLiteral("projectionsTile"), tr("Projections"), content);
    m_projectionsTile->setLinkHint(tr("Open the Projections page"));
    m_deadLetters = new OverviewTile(QStringLiteral("deadLettersTile"), tr("Dead letters"), content);
    m_deadLetters->setLinkHint(tr("Retry or skip them on the Projections page"));
    auto* tiles = new QGridLayout;
    tiles->setSpacing(10);
    tiles->addWidget(m_events, 0, 0);
    tiles->addWidget(m_aggregates, 0, 1);
    tiles->addWidget(m_eventTypes, 0, 2);
    tiles->addWidget(m_newest, 0, 3);
    tiles->addWidget(m_healthTile, 1, 0, 1, 2);
    tiles->addWidget(m_projectionsTile, 1, 2);
    tiles->addWidget(m_deadLetters, 1, 3);
    for (int column = 0; column < 4; ++column)
        tiles->setColumnStretch(column, 1);

    // Events per minute over the last hour, one sparkline per busiest type.
    m_ratesBox = new QWidget(content);
    m_ratesBox->setObjectName(QStringLiteral("ratesBox"));
    // A grid: every sparkline starts at the same x and spans the same hour, whatever the width
    // of its type's name, so the rows compare by eye.
    m_ratesLayout = new QGridLayout(m_ratesBox);
    m_ratesLayout->setContentsMargins(0, 0, 0, 0);
    m_ratesLayout->setVerticalSpacing(4);
    m_ratesLayout->setColumnStretch(1, 1);
    m_ratesEmpty = emptyState(QStringLiteral("ratesEmpty"), content);
    m_ratesEmpty->setText(tr("Loading the last hour…"));
    auto* ratesColumn = new QVBoxLayout;
    ratesColumn->addWidget(sectionTitle(tr("Events per minute, last hour"), content));
    ratesColumn->addWidget(m_ratesBox);
    ratesColumn->addWidget(m_ratesEmpty);
    ratesColumn->addStretch();

    m_projections = new QTreeWidget(content);
    m_projections->setObjectName(QStringLiteral("overviewProjections"));
    m_projections->setRootIsDecorated(false);
    m_projections->setHeaderLabels({ tr("Projection"), tr("Status"), tr("Lag"), tr("Dead letters") });
    m_projections->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_projections->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_projections->header()->setStretchLastSection(false);
    m_projections->setToolTip(tr("Click a projection to open it on the Projections page"));

    m_projectionsEmpty = emptyState(QStringLiteral("projectionsEmpty"), content);
    m_projectionsEmpty->setText(tr("Waiting for the projections…"));
    auto* projectionsColumn = new QVBoxLayout;
    projectionsColumn->addWidget(sectionTitle(tr("Projections"), content));
    projectionsColumn->addWidget(m_projections);
    projectionsColumn->addWidget(m_projectionsEmpty);
    projectionsColumn->addStretch();
    auto* middle = new QHBoxLayout;
    middle->setSpacing(24);
    middle->addLayout(ratesColumn, 1);
    middle->addLayout(projectionsColumn, 1);

    m_latest = new LatestEventsList(LatestEvents, content);

    m_latestEmpty = emptyState(QStringLiteral("latestEmpty"), content);
    m_latestEmpty->setText(tr("Loading the latest events…"));
    auto* latestTitle = new QHBoxLayout;
    latestTitle->addWidget(sectionTitle(tr("Latest events"), content));
    auto* liveHint = new QLabel(tr("live: new events appear as they are committed"), content);
    liveHint->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    latestTitle->addWidget(liveHint, 1, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addLayout(tiles);
    layout->addLayout(middle);
    layout->addLayout(latestTitle);
    layout->addWidget(m_latest);
    layout->addWidget(m_latestEmpty);
    layout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_refresh, &QPushButton::clicked, this, &OverviewPage::refresh);
    connect(m_events, &OverviewTile::clicked, this, &OverviewPage::logRequested);
    connect(m_aggregates, &OverviewTile::clicked, this, &OverviewPage::aggregatesRequested);
    connect(m_eventTypes, &OverviewTile::clicked, this, &OverviewPage::monitoringRequested);
    connect(m_healthTile, &OverviewTile::clicked, this, &OverviewPage::monitoringRequested);
    connect(m_projectionsTile, &OverviewTile::clicked, this, [this] { emit projectionRequested({}); });
    connect(m_newest, &OverviewTile::clicked, this, [this] {
        if (m_figures && !m_figures->latest.empty())
            emit eventRequested(m_figures->latest.front().position);
        else
            emit logRequested();
    });
    connect(m_deadLetters, &OverviewTile::clicked, this, [this] {
        // The projection with the most dead letters, where they can be retried or skipped.
        const auto& statuses = m_session->poller()->projections();
        const auto most = std::max_element(statuses.begin(), statuses.end(),
            [](const auto& a, const auto& b) { return a.deadLetters < b.deadLetters; });
        emit projectionRequested(
            most != statuses.end() && most->deadLetters > 0 ? QString::fromStdString(most->name) : QString());
    });
    connect(m_projections, &QTreeWidget::itemClicked, this,
        [this](QTreeWidgetItem* item) { emit projectionRequested(item->text(0)); });
    connect(m_latest, &LatestEventsList::eventRequested, this, &OverviewPage::eventRequested);
    connect(m_latest, &LatestEventsList::aggregateRequested, this, &OverviewPage::aggregateRequested);
    connect(m_session->poller(), &MetricsPoller::failed, this, [this] { showProjections(); });
    connect(m_session->poller(), &MetricsPoller::projectionsUpdated, this, [this] {
        showProjections();
        // The verdict is read again with each poll while shown, so that it never disagrees
        // for long with the projections beside it (one request in flight at a time).
        if (isVisible() && m_health)
            requestHealth();
    });
    // Live: a burst of new events costs one read of the figures (and the latest events).
    m_liveDelay->setSingleShot(true);
    m_liveDelay->setInterval(LiveDelayMs);
    connect(m_liveDelay, &QTimer::timeout, this, &OverviewPage::requestFigures);
    connect(m_session->tail(), &LiveTail::eventsAppended, this, [this] {
        if (isVisible() && !m_liveDelay->isActive())
            m_liveDelay->start();
    });
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        requestFigures();
        requestHealth();
        if (++m_refreshes % RatesEvery == 0)
            requestRates();
    });
    showProjections();
}

OverviewTile* OverviewPage::tile(const QString& objectName) const
{
    return findChild<OverviewTile*>(objectName);
}

QStringList OverviewPage::sparklineTypes() const
{
    return m_rateTypes;
}

void OverviewPage::start()
{
    m_started = true;
    if (isVisible()) {
        m_timer->start();
        refresh();
    }
}

void OverviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_started)
        return;
    m_timer->start();
    refresh();
}

void OverviewPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer->stop(); // nobody looks: no queries
    m_liveDelay->stop();
}

void OverviewPage::refresh()
{
    if (!m_started)
        return; // asked once browsing starts
    m_loadedSaid = false;
    m_ratesIn = false;
    requestFigures();
    requestHealth();
    requestRates();
    m_session->poller()->refreshNow();
}

template <typename Result, typename Read, typename Show, typename Fail>
void OverviewPage::runCoalesced(
    RequestTracker& tracker, void (OverviewPage::*request)(), Read read, Show show, Fail fail)
{
    if (!tracker.start())
        return; // once more when the running read is back
    m_session->poller()->worker()->run<Result>(
        this, std::move(read),
        [this, &tracker, request, show = std::move(show)](Result result) {
            const bool again = tracker.finish();
            show(std::move(result));
            if (again)
                (this->*request)();
        },
        [&tracker, fail = std::move(fail)](const QString& message) {
            tracker.finish();
            fail(message);
        });
}

void OverviewPage::requestFigures()
{
    runCoalesced<monitoring::StoreOverview>(
        m_figuresRequest, &OverviewPage::requestFigures,
        [](pqxx::connection& connection) { return monitoring::storeOverview(connection, LatestEvents); },
        [this](monitoring::StoreOverview figures) {
            m_figures = std::move(figures);
            showFigures();
        },
        [this](const QString& message) { showFiguresUnavailable(message); });
}

void OverviewPage::requestHealth()
{
    const auto thresholds = m_thresholds ? m_thresholds() : monitoring::HealthThresholds {};
    runCoalesced<monitoring::HealthReport>(
        m_healthRequest, &OverviewPage::requestHealth,
        [thresholds](pqxx::connection& connection) {
            return monitoring::checkHealth(connection, thresholds, projections::builtInProjections());
        },
        [this](monitoring::HealthReport report) {
            m_health = std::move(report);
            showHealth();
        },
        [this](const QString& message) {
            // Not a verdict: the assessment itself could not run (a role without the rights,
            // a server gone), and the tile says why instead of keeping an old answer.
            m_healthTile->setFigure(
                tr("Unknown"), tr("Could not assess: %1").arg(message), OverviewTile::Level::Warning);
        });
}

void OverviewPage::requestRates()
{
    monitoring::EventRateQuery query;
    // Whole minutes, the last one included: the line ends now.
    const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    query.bucketSeconds = 60;
    query.toUs = (nowUs / 60'000'000 + 1) * 60'000'000;
    query.fromUs = query.toUs - 3600'000'000LL;
    runCoalesced<monitoring::EventRateSeries>(
        m_ratesRequest, &OverviewPage::requestRates,
        [query](pqxx::connection& connection) { return monitoring::eventRates(connection, query); },
        [this](const monitoring::EventRateSeries& series) { showRates(series); },
        [this](const QString& message) {
            // Said where the sparklines would be, not only in the status bar; old lines stay.
            if (m_rateTypes.isEmpty()) {
                m_ratesBox->hide();
                m_ratesEmpty->show();
                m_ratesEmpty->setText(tr("Could not read the last hour's events: %1").arg(message));
            }
            emit statusMessage(message);
        });
}

void OverviewPage::showFiguresUnavailable(const QString& message)
{
    if (m_figures) {
        // The figures on screen are the last ones read: they stay, marked as possibly old.
        m_updated->setText(tr("Could not read the figures (the ones shown may be old): %1").arg(message));
        return;
    }
    // Nothing read yet (a role that may not read a table the figures come from, a server gone):
    // each figure says why it is missing instead of "Loading…".
    const QString why = tr("could not be read: %1").arg(message);
    for (auto* tile : { m_events, m_aggregates, m_eventTypes, m_newest })
        tile->setFigure(tr("Unavailable"), why, OverviewTile::Level::Warning);
    m_latest->hide();
    m_latestEmpty->show();
    m_latestEmpty->setText(tr("The latest events could not be read: %1").arg(message));
    m_updated->setText(tr("Could not read the figures: %1").arg(message));
}

void OverviewPage::setRowSecurity(bool restricted)
{
    m_rowSecurity = restricted;
    if (m_figures)
        showCounts();
}

void OverviewPage::showCounts()
{
    const auto& figures = *m_figures;
    const bool empty = figures.events.value == 0;
    // Under row-level security an exact count is of the events this role sees, an estimate and
    // the aggregates (a table without the policy) are the whole store's.
    m_events->setFigure(countFigure(figures.events),
        empty && !m_rowSecurity        ? tr("an empty store: append events with acci-admin append, or open the demo")
            : m_rowSecurity            ? (figures.events.estimated
                                 ? tr("estimated for the whole store; row-level security shows this role only some")
                                 : tr("those this role may read (row-level security)"))
            : figures.events.estimated ? tr("estimated from the statistics; the log counts them exactly")
                                       : tr("in the global log"));
    m_aggregates->setFigure(countFigure(figures.aggregates),
        m_rowSecurity ? tr("in the whole store; row-level security hides some events from this role")
            : empty   ? tr("none yet")
                      : tr("streams of events, one per entity"));
}

void OverviewPage::showFigures()
{
    const auto& figures = *m_figures;
    showCounts();
    m_eventTypes->setFigure(count(static_cast<std::int64_t>(figures.eventTypes.size())),
        figures.eventTypes.empty() ? tr("none yet") : QLocale().createSeparatedList([&] {
            QStringList names;
            for (std::size_t i = 0; i < figures.eventTypes.size() && i < 3; ++i)
                names << QString::fromStdString(figures.eventTypes[i]);
            if (figures.eventTypes.size() > 3)
                names << tr("…");
            return names;
        }()));
    if (figures.latest.empty()) {
        m_newest->setFigure(
            tr("none"), tr("no event yet: the first one appended shows here"), OverviewTile::Level::Warning);
    } else {
        const auto& newest = figures.latest.front();
        const double age = std::max<double>(0, static_cast<double>(figures.serverNowUs - newest.timestampUs) / 1e6);
        const double limit = m_thresholds ? m_thresholds().maxEventAgeSeconds : 300;
        // The tile's big figure: short, so that it keeps to one line in every language.
        m_newest->setFigure(age < 1 ? tr("just now") : tr("%1 ago").arg(formatDuration(age)),
            tr("%1 in %2").arg(displayShort(newest.eventType), displayShort(newest.aggregateId)),
            age <= limit ? OverviewTile::Level::Ok : OverviewTile::Level::Warning);
    }

    m_latest->showEvents(figures.latest);
    m_latest->setVisible(!figures.latest.empty());
    m_latestEmpty->setVisible(figures.latest.empty());
    m_latestEmpty->setText(tr("No events yet. They appear here as they are committed; the demo "
                              "(scripts/run-demo) fills a store with a week of them."));
    m_updated->setText(
        tr("the whole store · updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    emit figuresShown();
    checkLoaded();
}

void OverviewPage::showHealth()
{
    const auto& report = *m_health;
    QStringList failing;
    for (const auto& check : report.checks)
        if (!check.ok)
            failing << HealthText::headline(check);
    if (report.healthy)
        m_healthTile->setFigure(tr("Healthy"),
            tr("all %1 checks pass, as acci-admin health says").arg(report.checks.size()), OverviewTile::Level::Ok);
    else
        m_healthTile->setFigure(failing.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(failing.size()),
            QLocale().createSeparatedList(failing), OverviewTile::Level::Problem);
    m_healthTile->setToolTip(HealthText::lines(report) + QStringLiteral("\n\n")
        + tr("See the health checks and their thresholds on the Monitoring page"));
    checkLoaded();
}

void OverviewPage::showRates(const monitoring::EventRateSeries& series)
{
    while (auto* item = m_ratesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rateTypes.clear();
    const int shown = std::min<int>(SparklineTypes, static_cast<int>(series.eventTypes.size()));
    for (int i = 0; i < shown; ++i) {
        const QString type = QString::fromStdString(series.eventTypes[static_cast<std::size_t>(i)]);
        m_rateTypes << type;
        const auto& counts = series.counts[static_cast<std::size_t>(i)];
        std::vector<double> values(counts.begin(), counts.end());
        std::int64_t total = 0;
        for (auto value : counts)
            total += value;
        auto* row = m_ratesBox;
        auto* link = new QPushButton(type, row);
        link->setObjectName(QStringLiteral("rateType"));
        link->setFlat(true);
        link->setCursor(Qt::PointingHandCursor);
        link->setStyleSheet(
            QStringLiteral("QPushButton { text-align: left; color: palette(link); padding: 2px 4px; }"));
        link->setToolTip(tr("Show the %1 events in the global log").arg(type));
        link->setMinimumWidth(150);
        connect(link, &QPushButton::clicked, this, [this, type] { emit eventTypeRequested(type); });
        auto* line = new Sparkline(row);
        line->setValues(values, i);
        line->setToolTip(tr("%1 events in the last hour; busiest minute: %2")
                             .arg(count(total),
                                 count(static_cast<std::int64_t>(
                                     values.empty() ? 0 : *std::max_element(values.begin(), values.end())))));
        auto* figure = new QLabel(tr("%1 / h").arg(count(total)), row);
        figure->setMinimumWidth(70);
        figure->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_ratesLayout->addWidget(link, i, 0);
        m_ratesLayout->addWidget(line, i, 1);
        m_ratesLayout->addWidget(figure, i, 2);
    }
    m_ratesBox->setVisible(shown > 0);
    m_ratesEmpty->setVisible(shown == 0);
    m_ratesEmpty->setText(tr("No events in the last hour. Writers append events as commands run; "
                             "the Monitoring page charts any range."));
    m_ratesIn = true;
    checkLoaded();
}

void OverviewPage::showProjections()
{
    const auto& statuses = m_session->poller()->projections();
    if (m_session->poller()->serverRole().has_value() || !statuses.empty())
        m_projectionsIn = true;
    m_projections->clear();
    std::int64_t deadLetters = 0;
    int faulted = 0;
    int stopped = 0; // with events pending: the read model falls behind
    const projections::ProjectionStatus* worst = nullptr;
    for (const auto& status : statuses) {
        deadLetters += status.deadLetters;
        faulted += status.state == projections::ProjectionState::Faulted ? 1 : 0;
        stopped += status.state == projections::ProjectionState::Stopped ? 1 : 0;
        if (!worst || status.totalLagEvents() > worst->totalLagEvents())
            worst = &status;
        const QString lag = (status.lagEstimated ? tr("≈ %1 events (%2)") : tr("%1 events (%2)"))
                                .arg(count(status.totalLagEvents()), formatDuration(status.totalLagSeconds()));
        auto* item = new QTreeWidgetItem(m_projections,
            { QString::fromStdString(status.name), ProjectionTableModel::stateWord(status), lag,
                count(status.deadLetters) });
        if (const QColor colour = ProjectionTableModel::stateColor(status.state); colour.isValid())
            item->setForeground(1, colour);
        if (status.deadLetters > 0)
            item->setForeground(3, toneColour(Tone::Problem));
        if (!status.lastError.empty())
            item->setToolTip(1, QString::fromStdString(status.lastError));
    }
    m_projections->setVisible(!statuses.empty());
    fitTreeToRows(m_projections, 8);
    m_projectionsEmpty->setVisible(statuses.empty());
    if (m_projectionsIn)
        m_projectionsEmpty->setText(tr("No projections yet. Built-in ones show once they run; external "
                                       "ones once they write a checkpoint."));
    const QString& pollError = m_session->poller()->lastError();
    if (!m_projectionsIn && !pollError.isEmpty()) {
        // Never read (a role that may not read the projection tables, say): each tile says why.
        const QString why = tr("could not be read: %1").arg(pollError);
        m_projectionsTile->setFigure(tr("Unavailable"), why, OverviewTile::Level::Warning);
        m_deadLetters->setFigure(tr("Unavailable"), why, OverviewTile::Level::Warning);
        m_projectionsEmpty->setText(tr("The projections could not be read: %1").arg(pollError));
    } else if (!m_projectionsIn) {
        m_projectionsTile->setFigure(tr("…"), tr("waiting for the first figures"));
        m_deadLetters->setFigure(tr("…"), QString());
    } else if (!worst) {
        m_projectionsTile->setFigure(tr("none"), tr("no projection has run yet"));
        m_deadLetters->setFigure(count(0), tr("No dead letters — nothing is parked"), OverviewTile::Level::Ok);
    } else {
        const QString mostBehind
            = tr("most behind: %1, %2 events").arg(QString::fromStdString(worst->name), count(worst->totalLagEvents()));
        // Green only when every projection runs or has nothing to do: a stopped one falls behind.
        m_projectionsTile->setFigure(count(static_cast<std::int64_t>(statuses.size())),
            faulted > 0       ? tr("faulted: %1. See why on the Projections page").arg(faulted)
                : stopped > 0 ? tr("stopped with events pending: %1; %2").arg(stopped).arg(mostBehind)
                              : mostBehind,
            faulted > 0       ? OverviewTile::Level::Problem
                : stopped > 0 ? OverviewTile::Level::Warning
                              : OverviewTile::Level::Ok);
        m_deadLetters->setFigure(count(deadLetters),
            deadLetters == 0 ? tr("No dead letters — nothing is parked")
                             : tr("events a projection could not apply: retry or skip them"),
            deadLetters == 0 ? OverviewTile::Level::Ok : OverviewTile::Level::Problem);
    }
    checkLoaded();
}

bool OverviewPage::isLoaded() const
{
    return m_figures && m_health && m_ratesIn && m_projectionsIn && !m_figuresRequest.inFlight()
        && !m_healthRequest.inFlight() && !m_ratesRequest.inFlight();
}

void OverviewPage::checkLoaded()
{
    if (!m_loadedSaid && isLoaded()) {
        m_loadedSaid = true;
        emit loaded();
    }
}

} // namespace acci::ui

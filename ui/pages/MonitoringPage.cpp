#include "pages/MonitoringPage.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStringList>
#include <QTimer>
#include <QVBoxLayout>

#include <string_view>

#include "charts/EventRateChart.hpp"
#include "charts/LagChart.hpp"
#include "charts/SnapshotHistogram.hpp"
#include "style/Icons.hpp"
#include "text/Formatting.hpp"
#include "text/HealthText.hpp"
#include "workers/DatabaseWorker.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

namespace {

    enum class Level { Ok, Warning, Problem, Unknown };

    // A tile's detail for figures the role may not read.
    QString refusedFigures(const monitoring::UnreadableFigures& unreadable)
    {
        QStringList relations;
        for (const auto& relation : unreadable.relations)
            relations << QString::fromStdString(relation);
        return MonitoringPage::tr("could not be read: %1")
            .arg(MonitoringPage::tr("role %1 may not read %2")
                     .arg(QString::fromStdString(unreadable.role), relations.join(QStringLiteral(", "))));
    }

    void paintTile(QLabel* tile, Level level, const QString& title, const QString& value, const QString& detail)
    {
        // Translucent tints read on light and dark palettes.
        const char* tint = level == Level::Ok ? "rgba(46,160,67,45)"
            : level == Level::Warning         ? "rgba(230,140,0,60)"
            : level == Level::Problem         ? "rgba(211,47,47,60)"
                                              : "rgba(128,128,128,40)";
        tile->setStyleSheet(
            QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 8px; }").arg(QLatin1String(tint)));
        tile->setText(
            QStringLiteral("<div style='font-size:small'>%1</div><div style='font-size:x-large'><b>%2</b></div>"
                           "<div style='font-size:small'>%3</div>")
                .arg(title.toHtmlEscaped(), value.toHtmlEscaped(), detail.toHtmlEscaped()));
        tile->setProperty("level", static_cast<int>(level));
    }

    struct Checks {
        bool ok = true;
        QString lines; // as acci-admin health prints them
    };

    // The checks whose name starts with `prefix` (all of them for an empty one).
    Checks checksOf(const monitoring::HealthReport& report, std::string_view prefix)
    {
        Checks checks;
        for (const auto& check : report.checks)
            if (check.name.compare(0, prefix.size(), prefix) == 0)
                checks.ok = checks.ok && check.ok;
        checks.lines = HealthText::lines(report, prefix);
        return checks;
    }

    QSpinBox* thresholdBox(int maximum, int value, const QString& suffix, QWidget* parent)
    {
        auto* box = new QSpinBox(parent);
        box->setRange(0, maximum);
        box->setValue(value);
        box->setSuffix(suffix);
        box->setKeyboardTracking(false);
        return box;
    }

} // namespace

MonitoringPage::MonitoringPage(MetricsPoller* poller, QWidget* parent)
    : QWidget(parent)
    , m_poller(poller)
    , m_liveTimer(new QTimer(this))
    , m_rateChart(new EventRateChart(this))
    , m_lagChart(new LagChart(this))
    , m_histogram(new SnapshotHistogram(this))
{
    auto makeTile = [this](const char* name) {
        auto* tile = new QLabel(this);
        tile->setObjectName(QLatin1String(name));
        tile->setTextFormat(Qt::RichText);
        tile->setMinimumWidth(170);
        tile->setWordWrap(true); // a long value or language wraps rather than widening the window
        tile->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        return tile;
    };
    m_connectionTile = makeTile("connectionTile");
    m_newestTile = makeTile("newestEventTile");
    m_lagTile = makeTile("lagTile");
    m_deadLettersTile = makeTile("deadLettersTile");
    m_heldBackTile = makeTile("heldBackTile");
    m_heldBackTile->setCursor(Qt::PointingHandCursor);
    m_heldBackTile->installEventFilter(this); // a click opens the in-flight transactions
    auto* tiles = new QHBoxLayout;
    for (auto* tile : { m_connectionTile, m_newestTile, m_lagTile, m_heldBackTile, m_deadLettersTile })
        tiles->addWidget(tile);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("healthVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);

    const QSettings settings;
    const monitoring::HealthThresholds defaults;
    m_maxEventAge = thresholdBox(7 * 86400,
        settings.value(QStringLiteral("monitoring/maxEventAge"), defaults.maxEventAgeSeconds).toInt(), tr(" s"), this);
    m_maxLagEvents = thresholdBox(100'000'000,
        settings.value(QStringLiteral("monitoring/maxLagEvents"), static_cast<int>(defaults.maxLagEvents)).toInt(),
        tr(" events"), this);
    m_maxLagSeconds = thresholdBox(7 * 86400,
        settings.value(QStringLiteral("monitoring/maxLagSeconds"), defaults.maxLagSeconds).toInt(), tr(" s"), this);
    m_maxDeadLetters = thresholdBox(1'000'000,
        settings.value(QStringLiteral("monitoring/maxDeadLetters"), static_cast<int>(defaults.maxDeadLetters)).toInt(),
        QString(), this);
    m_maxHeldBack = thresholdBox(7 * 86400,
        settings.value(QStringLiteral("monitoring/maxHeldBack"), defaults.maxHeldBackSeconds).toInt(), tr(" s"), this);
    auto* thresholdRow = new QHBoxLayout;
    // The sentence's pieces wrap when the page is narrow (or the language long): the row
    // must not set the window's minimum width (Spanish made it 1652 px).
    const auto piece = [this](const QString& text) {
        auto* label = new QLabel(text, this);
        label->setWordWrap(true);
        return label;
    };
    thresholdRow->addWidget(piece(tr("Warn when the newest event is older than")));
    thresholdRow->addWidget(m_maxEventAge);
    thresholdRow->addWidget(piece(tr(", a projection lags more than")));
    thresholdRow->addWidget(m_maxLagEvents);
    thresholdRow->addWidget(piece(tr("or")));
    thresholdRow->addWidget(m_maxLagSeconds);
    thresholdRow->addWidget(piece(tr(", dead letters exceed")));
    thresholdRow->addWidget(m_maxDeadLetters);
    thresholdRow->addWidget(piece(tr(", events wait longer than")));
    thresholdRow->addWidget(m_maxHeldBack);
    thresholdRow->addStretch();
    for (auto* box : { m_maxEventAge, m_maxLagEvents, m_maxLagSeconds, m_maxDeadLetters, m_maxHeldBack })
        connect(box, &QSpinBox::valueChanged, this, [this] {
            saveThresholds();
            updateTiles();
        });

    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("rateRange"));
    m_range->addItem(tr("Live: last 5 minutes"));
    m_range->addItem(tr("Last hour"));
    m_range->addItem(tr("Last 24 hours"));
    m_range->addItem(tr("Last 7 days"));
    m_range->addItem(tr("Custom range"));
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_to = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    for (auto* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setVisible(false);
    }
    m_stacked = new QCheckBox(tr("Stacked"), this);
    m_stacked->setChecked(true);
    m_stacked->setToolTip(tr("Stack the event types as bars, or draw one line per type"));
    m_refresh = new QPushButton(ownIcon(QStringLiteral("refresh")), tr("Refresh"), this);
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(new QLabel(tr("Event rate:"), this));
    rangeRow->addWidget(m_range);
    rangeRow->addWidget(m_from);
    rangeRow->addWidget(m_to);
    rangeRow->addWidget(m_stacked);
    rangeRow->addWidget(m_refresh);
    rangeRow->addStretch();

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_lagChart);
    lower->addWidget(m_histogram);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* rateBox = new QWidget(this);
    auto* rateLayout = new QVBoxLayout(rateBox);
    rateLayout->setContentsMargins(0, 0, 0, 0);
    rateLayout->addLayout(rangeRow);
    rateLayout->addWidget(m_rateChart, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(rateBox);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(tiles);
    layout->addWidget(m_verdict);
    layout->addLayout(thresholdRow);
    layout->addWidget(splitter, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int index) { setRange(static_cast<Range>(index)); });
    connect(m_stacked, &QCheckBox::toggled, this, [this](bool stacked) {
        auto series = m_rateChart->series();
        m_rateChart->setSeries(std::move(series), stacked);
    });
    connect(m_refresh, &QPushButton::clicked, this, &MonitoringPage::requestRates);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &MonitoringPage::requestRates);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &MonitoringPage::requestRates);
    connect(m_liveTimer, &QTimer::timeout, this, &MonitoringPage::requestRates);
    connect(m_poller, &MetricsPoller::projectionsUpdated, this, [this] {
        updateTiles();
        if (isVisible())
            m_lagChart->setHistory(m_poller->lagHistory(), m_poller->heldBackHistory(), m_poller->replayDelayHistory());
    });
    connect(m_poller, &MetricsPoller::failed, this, &MonitoringPage::updateTiles);
    connect(m_poller, &MetricsPoller::metricsUpdated, this, [this] {
        if (m_poller->metrics())
            m_histogram->setBuckets(m_poller->metrics()->snapshotSizeBuckets);
        updateTiles();
    });
    m_liveTimer->setInterval(1000);
    updateTiles();
}

QLabel* MonitoringPage::tile(const QString& name) const
{
    return findChild<QLabel*>(name);
}

void MonitoringPage::setTenant(const QString& tenant)
{
    m_tenant = tenant.isEmpty() ? std::nullopt : std::optional<std::string>(tenant.toStdString());
    requestRates();
}

void MonitoringPage::setRange(Range range)
{
    if (m_range->currentIndex() != static_cast<int>(range)) {
        const QSignalBlocker block(m_range);
        m_range->setCurrentIndex(static_cast<int>(range));
    }
    const bool custom = range == Range::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    if (range == Range::Live && isVisible())
        m_liveTimer->start();
    else
        m_liveTimer->stop();
    requestRates();
}

void MonitoringPage::setCustomRange(const QDateTime& from, const QDateTime& to)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDateTime(from);
        m_to->setDateTime(to);
    }
    setRange(Range::Custom);
}

void MonitoringPage::setConnectionState(bool connected, const QString& detail)
{
    m_connected = connected;
    m_connectionDetail = detail;
    updateTiles();
}

void MonitoringPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (static_cast<Range>(m_range->currentIndex()) == Range::Live)
        m_liveTimer->start();
    m_lagChart->setHistory(m_poller->lagHistory(), m_poller->heldBackHistory(), m_poller->replayDelayHistory());
    requestRates();
}

void MonitoringPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_liveTimer->stop(); // nobody looks: no queries
}

void MonitoringPage::requestRates()
{
    if (!m_rates.start())
        return; // answered once the running one is back, with the newest settings
    const auto range = static_cast<Range>(m_range->currentIndex());
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    monitoring::EventRateQuery query;
    query.toUs = nowMs * 1000;
    switch (range) {
    case Range::Live:
        query.fromUs = query.toUs - 300'000'000LL;
        query.bucketSeconds = 5;
        break;
    case Range::LastHour:
        query.fromUs = query.toUs - 3600'000'000LL;
        break;
    case Range::LastDay:
        query.fromUs = query.toUs - 86400'000'000LL;
        break;
    case Range::LastWeek:
        query.fromUs = query.toUs - 7 * 86400'000'000LL;
        break;
    case Range::Custom:
        query.fromUs = m_from->dateTime().toMSecsSinceEpoch() * 1000;
        query.toUs = m_to->dateTime().toMSecsSinceEpoch() * 1000;
        break;
    }
    if (query.toUs <= query.fromUs) {
        m_rates.finish();
        emit statusMessage(tr("The range ends before it starts; choose an end after the start."));
        return;
    }
    query.tenantId = m_tenant;
    m_poller->worker()->run<monitoring::EventRateSeries>(
        this, [query](pqxx::connection& connection) { return monitoring::eventRates(connection, query); },
        [this](monitoring::EventRateSeries series) {
            m_rateChart->setSeries(std::move(series), m_stacked->isChecked());
            emit rateSeriesShown();
            if (m_rates.finish())
                requestRates();
        },
        [this](const QString& message) {
            m_rates.finish();
            emit statusMessage(message);
        });
}

monitoring::HealthThresholds MonitoringPage::thresholds() const
{
    monitoring::HealthThresholds t;
    t.maxEventAgeSeconds = m_maxEventAge->value();
    t.maxLagEvents = m_maxLagEvents->value();
    t.maxLagSeconds = m_maxLagSeconds->value();
    t.maxDeadLetters = m_maxDeadLetters->value();
    t.maxHeldBackSeconds = m_maxHeldBack->value();
    return t;
}

void MonitoringPage::saveThresholds()
{
    QSettings settings;
    settings.setValue(QStringLiteral("monitoring/maxEventAge"), m_maxEventAge->value());
    settings.setValue(QStringLiteral("monitoring/maxLagEvents"), m_maxLagEvents->value());
    settings.setValue(QStringLiteral("monitoring/maxLagSeconds"), m_maxLagSeconds->value());
    settings.setValue(QStringLiteral("monitoring/maxDeadLetters"), m_maxDeadLetters->value());
    settings.setValue(QStringLiteral("monitoring/maxHeldBack"), m_maxHeldBack->value());
}

void MonitoringPage::updateTiles()
{
    const auto limits = thresholds();
    const QLocale locale;
    // On a standby the tile says so, with how far its replay is behind the primary.
    QString connectionDetail = m_connectionDetail;
    if (const auto& role = m_poller->serverRole(); m_connected && role) {
        const QString where = !role->standby ? tr("primary")
            : role->replayDelaySeconds ? tr("standby, replay %1 behind").arg(formatDuration(*role->replayDelaySeconds))
                                       : tr("standby");
        connectionDetail = connectionDetail.isEmpty() ? where : where + QStringLiteral(" · ") + connectionDetail;
    }
    paintTile(m_connectionTile, m_connected ? Level::Ok : Level::Problem, tr("Connection"),
        m_connected ? tr("connected") : tr("lost"), connectionDetail);

    // The verdict is acci-admin health's, on the newest figures the poller has: the page only
    // chooses how to show it.
    const auto& metrics = m_poller->metrics();
    const auto& projections = m_poller->projections();
    monitoring::Metrics figures;
    if (metrics)
        figures.newestEventAgeSeconds = metrics->newestEventAgeSeconds;
    figures.projections = projections;
    figures.heldBack = m_poller->heldBack();
    figures.server = m_poller->serverRole(); // the replication check, on a standby
    if (metrics)
        figures.unreadable = metrics->unreadable; // the verdict's rights check names the grant
    const auto report = monitoring::assessHealth(figures, limits);
    // Nothing ever read (a role that may not read the projection tables, say): every tile and
    // the verdict say why, instead of waiting for figures that will not come.
    const QString unread = !metrics && projections.empty() ? m_poller->lastError() : QString();
    if (!unread.isEmpty()) {
        const QString why = tr("could not be read: %1").arg(unread);
        for (auto [tile, title] : { std::pair { m_newestTile, tr("Newest event") }, { m_heldBackTile, tr("Held back") },
                 { m_lagTile, tr("Projection lag") }, { m_deadLettersTile, tr("Dead letters") } })
            paintTile(tile, Level::Warning, title, tr("Unavailable"), why);
        m_verdict->setText(tr("Health: cannot be assessed. %1").arg(unread));
        m_verdict->setProperty("healthy", false);
        m_verdict->setToolTip(unread);
        return;
    }
    showVerdict(report, metrics.has_value());

    // Figures this role may not read (a writer and the projections' tables): those tiles say
    // so, the others show what it may read.
    const auto refused = [&] { return refusedFigures(metrics->unreadable); };
    const auto newest = checksOf(report, "recent-events");
    m_newestTile->setToolTip(newest.lines);
    if (metrics && metrics->unreadable.newestEvent) {
        paintTile(m_newestTile, Level::Warning, tr("Newest event"), tr("Unavailable"), refused());
    } else if (!metrics) {
        paintTile(m_newestTile, Level::Unknown, tr("Newest event"), tr("…"), tr("waiting for the first figures"));
    } else if (!metrics->newestEventAgeSeconds) {
        paintTile(m_newestTile, Level::Warning, tr("Newest event"), tr("none"), tr("the store has no events"));
    } else {
        const double seconds = *metrics->newestEventAgeSeconds;
        paintTile(m_newestTile, newest.ok ? Level::Ok : Level::Warning, tr("Newest event"),
            seconds < 1 ? tr("just now") : tr("%1 ago").arg(formatDuration(seconds)),
            newest.ok ? tr("events are arriving")
                      : tr("older than %1: are the writers running?").arg(formatDuration(limits.maxEventAgeSeconds)));
    }

    showHeldBack(report, limits);

    const auto lag = checksOf(report, "projection:");
    const auto parked = checksOf(report, "dead-letters:");
    m_lagTile->setToolTip(lag.lines);
    m_deadLettersTile->setToolTip(parked.lines);
    if (metrics && metrics->unreadable.projections) {
        paintTile(m_lagTile, Level::Warning, tr("Projection lag"), tr("Unavailable"), refused());
        paintTile(m_deadLettersTile, Level::Warning, tr("Dead letters"), tr("Unavailable"), refused());
        return;
    }
    if (projections.empty()) {
        paintTile(m_lagTile, Level::Unknown, tr("Projection lag"), tr("…"), tr("no projections yet"));
        paintTile(m_deadLettersTile, Level::Unknown, tr("Dead letters"), tr("…"), QString());
        return;
    }
    const projections::ProjectionStatus* worst = &projections.front();
    std::int64_t deadLetters = 0;
    bool faulted = false;
    for (const auto& projection : projections) {
        if (projection.totalLagEvents() > worst->totalLagEvents())
            worst = &projection;
        deadLetters += projection.deadLetters;
        faulted = faulted || projection.state == projections::ProjectionState::Faulted;
    }
    paintTile(m_lagTile,
        faulted       ? Level::Problem
            : !lag.ok ? Level::Warning
                      : Level::Ok,
        tr("Projection lag"),
        (worst->lagEstimated ? tr("about %1 events") : tr("%1 events"))
            .arg(locale.toString(static_cast<qlonglong>(worst->totalLagEvents()))),
        faulted ? tr("a projection is faulted: see Projections")
                : tr("most behind: %1 (%2)")
                      .arg(QString::fromStdString(worst->name), formatDuration(worst->totalLagSeconds())));
    paintTile(m_deadLettersTile, parked.ok ? Level::Ok : Level::Problem, tr("Dead letters"),
        locale.toString(static_cast<qlonglong>(deadLetters)),
        parked.ok ? tr("nothing parked") : tr("events parked: retry or skip them in Projections"));
}

void MonitoringPage::showHeldBack(const monitoring::HealthReport& report, const monitoring::HealthThresholds& limits)
{
    const auto held = m_poller->heldBack();
    const auto check = checksOf(report, "held-back");
    m_heldBackTile->setToolTip(
        (check.lines.isEmpty() ? tr("No committed event waits behind an open transaction.") : check.lines)
        + QLatin1Char('\n') + tr("Click to see the transactions in flight."));
    if (!m_poller->metrics() && m_poller->projections().empty()) {
        paintTile(m_heldBackTile, Level::Unknown, tr("Held back"), tr("…"), tr("waiting for the first figures"));
        return;
    }
    if (const auto& metrics = m_poller->metrics(); metrics && metrics->unreadable.heldBack) {
        paintTile(
            m_heldBackTile, Level::Warning, tr("Held back"), tr("Unavailable"), refusedFigures(metrics->unreadable));
        return;
    }
    if (!m_connected) { // the last figures are stale
        paintTile(m_heldBackTile, Level::Unknown, tr("Held back"), tr("…"), tr("unknown while the connection is lost"));
        return;
    }
    if (!held.held()) {
        paintTile(m_heldBackTile, Level::Ok, tr("Held back"), tr("nothing"), tr("readers see every committed event"));
        return;
    }
    // A busy store has events waiting for a few milliseconds all the time: only a wait that
    // lasts is worth a colour.
    const Level level = held.secondsWaiting > limits.maxHeldBackSeconds ? Level::Problem
        : held.secondsWaiting >= 5                                      ? Level::Warning
                                                                        : Level::Ok;
    paintTile(m_heldBackTile, level, tr("Held back"),
        tr("%1 events").arg(QLocale().toString(static_cast<qlonglong>(held.eventsWaiting))),
        tr("waiting %1 for transaction %2: click for details")
            .arg(formatDuration(held.secondsWaiting), QString::fromStdString(held.holderXid)));
}

bool MonitoringPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_heldBackTile && event->type() == QEvent::MouseButtonRelease) {
        emit inFlightRequested();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void MonitoringPage::showVerdict(const monitoring::HealthReport& report, bool haveFigures)
{
    QStringList failed;
    if (!m_connected)
        failed << tr("the connection is lost");
    for (const auto& check : report.checks)
        if (!check.ok)
            failed << HealthText::sentence(check);
    const QString all = checksOf(report, "").lines;
    if (!haveFigures && failed.isEmpty()) {
        m_verdict->setText(tr("Health: waiting for the first figures"));
    } else {
        m_verdict->setText(
            failed.isEmpty() ? tr("Health: healthy") : tr("Health: unhealthy. %1").arg(failed.join(QLatin1Char(' '))));
    }
    m_verdict->setProperty("healthy", m_connected && report.healthy);
    m_verdict->setToolTip(all);
}

} // namespace acci::ui

#include "dialogs/VerifyDialog.hpp"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "dialogs/RebuildDialog.hpp"
#include "models/VerifyDifferenceModel.hpp"
#include "style/Icons.hpp"
#include "text/Formatting.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/TableSetup.hpp"

namespace acci::ui {

using projections::RowDifference;

namespace {

    QString prettyJson(const std::string& text)
    {
        const auto value = nlohmann::json::parse(text, nullptr, false);
        return QString::fromStdString(value.is_discarded() ? text : value.dump(2));
    }

    qlonglong count(std::int64_t n)
    {
        return static_cast<qlonglong>(n);
    }

} // namespace

VerifyDialog::VerifyDialog(
    const QString& projection, const projections::RebuildPlan& plan, const QString& cannotRebuild, QWidget* parent)
    : QDialog(parent)
    , m_projection(projection)
    , m_cannotRebuild(cannotRebuild)
    , m_text(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_reportArea(new QWidget(this))
    , m_kind(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_model(new VerifyDifferenceModel(this))
    , m_stored(new QPlainTextEdit(this))
    , m_replayed(new QPlainTextEdit(this))
    , m_timeTravel(new QPushButton(tr("Open in Time travel"), this))
    , m_stream(new QPushButton(tr("Open stream"), this))
    , m_csv(new QPushButton(ownIcon(QStringLiteral("export")), tr("Export CSV…"), this))
    , m_json(new QPushButton(ownIcon(QStringLiteral("export")), tr("Export JSON…"), this))
    , m_rebuild(new QPushButton(tr("Rebuild now…"), this))
    , m_start(new QPushButton(tr("Verify"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("verifyDialog"));
    setWindowTitle(tr("Verify %1").arg(projection));
    setMinimumWidth(560);
    const QLocale locale;
    // A verification reads the events by row and compares: about the time of a rebuild.
    const auto estimate = plan.estimatedSeconds();
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setText(
        tr("<p>Compare <b>%1</b> with what its events give, at the table's own checkpoint.</p>"
           "<p>Rows in the table: <b>%2</b><br>Events to replay: <b>%3</b><br>Estimated time: <b>%4</b></p>"
           "<p>Both sides are read from one snapshot, so catch-up and writers running meanwhile cause no false "
           "report. Nothing is written to the table.</p>")
            .arg(projection.toHtmlEscaped(), locale.toString(count(plan.liveRows)),
                locale.toString(count(plan.eventsToReplay)),
                estimatedTimeText(estimate, plan.measuredEventsPerSecond)));
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_rate->hide();

    // The report: hidden until there is one.
    m_kind->setObjectName(QStringLiteral("verifyKindFilter"));
    m_kind->addItem(tr("All differences"), -1);
    m_kind->addItem(tr("Missing from the table"), static_cast<int>(RowDifference::Kind::Missing));
    m_kind->addItem(tr("Extra in the table"), static_cast<int>(RowDifference::Kind::Extra));
    m_kind->addItem(tr("Different values"), static_cast<int>(RowDifference::Kind::Different));
    m_view->setObjectName(QStringLiteral("verifyDifferences"));
    m_view->setModel(m_model);
    setUpTable(m_view);
    setEmptyState(m_view, [this] { return m_finished ? tr("No difference of this kind.") : QString(); });
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // The two sides take the room; the short columns fit their text.
    m_view->horizontalHeader()->setStretchLastSection(false);
    for (const int column : { 0, 1, 2, 5 })
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    for (const int column : { 3, 4 })
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    for (auto* side : { m_stored, m_replayed }) {
        side->setReadOnly(true);
        side->setLineWrapMode(QPlainTextEdit::NoWrap);
        side->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    m_timeTravel->setToolTip(tr("The row's story: its aggregate at the version that last changed it"));
    m_rebuild->setToolTip(
        cannotRebuild.isEmpty() ? tr("Make the table agree with its events (with a pre-flight)") : cannotRebuild);
    m_rebuild->setEnabled(cannotRebuild.isEmpty());
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_kind);
    filterRow->addStretch();
    auto* sides = new QSplitter(Qt::Horizontal, this);
    auto* storedBox = new QWidget(sides);
    auto* storedLayout = new QVBoxLayout(storedBox);
    storedLayout->setContentsMargins(0, 0, 0, 0);
    storedLayout->addWidget(new QLabel(tr("In the table"), storedBox));
    storedLayout->addWidget(m_stored);
    auto* replayedBox = new QWidget(sides);
    auto* replayedLayout = new QVBoxLayout(replayedBox);
    replayedLayout->setContentsMargins(0, 0, 0, 0);
    replayedLayout->addWidget(new QLabel(tr("From the events"), replayedBox));
    replayedLayout->addWidget(m_replayed);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(sides);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* reportActions = new QHBoxLayout;
    reportActions->addWidget(m_timeTravel);
    reportActions->addWidget(m_stream);
    reportActions->addStretch();
    reportActions->addWidget(m_csv);
    reportActions->addWidget(m_json);
    reportActions->addWidget(m_rebuild);
    auto* reportLayout = new QVBoxLayout(m_reportArea);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addLayout(filterRow);
    reportLayout->addWidget(split, 1);
    reportLayout->addLayout(reportActions);
    m_reportArea->hide();

    m_start->setDefault(true);
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_running = true;
        m_start->hide();
        m_progress->show();
        m_rate->show();
        m_rate->setText(tr("Starting…"));
        emit startRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &VerifyDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &VerifyDialog::applyKindFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &VerifyDialog::showSelected);
    connect(m_view, &QTableView::doubleClicked, this, [this] { m_timeTravel->click(); });
    connect(m_timeTravel, &QPushButton::clicked, this, [this] {
        if (const auto* d = selected(); d && !d->aggregateId.empty())
            emit timeTravelRequested(QString::fromStdString(d->aggregateId), d->version);
    });
    connect(m_stream, &QPushButton::clicked, this, [this] {
        if (const auto* d = selected(); d && !d->aggregateId.empty())
            emit streamRequested(QString::fromStdString(d->aggregateId), d->version);
    });
    connect(m_csv, &QPushButton::clicked, this, [this] { askExport(false); });
    connect(m_json, &QPushButton::clicked, this, [this] { askExport(true); });
    connect(m_rebuild, &QPushButton::clicked, this, &VerifyDialog::rebuildRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addWidget(m_reportArea, 1);
    layout->addLayout(buttons);
}

void VerifyDialog::showProgress(const projections::VerifyProgress& progress)
{
    const QLocale locale;
    if (progress.total > 0)
        m_progress->setValue(static_cast<int>(std::min<double>(
            1000.0, 1000.0 * static_cast<double>(progress.processed) / static_cast<double>(progress.total))));
    else
        m_progress->setRange(0, 0); // unknown size: a busy bar
    m_rate->setText(tr("Replaying and comparing · %1 events · %2 events/s · ETA %3")
                        .arg(locale.toString(count(progress.processed)),
                            locale.toString(progress.eventsPerSecond, 'f', 0), formatDuration(progress.etaSeconds)));
}

void VerifyDialog::showReport(const projections::VerifyReport& report)
{
    using Outcome = projections::VerifyReport::Outcome;
    m_running = false;
    m_finished = true;
    m_report = report;
    const QLocale locale;
    m_progress->hide();
    m_rate->hide();
    QString headline;
    switch (report.outcome) {
    case Outcome::Agrees:
        headline = tr("<p><b>%1 agrees with its events.</b></p>").arg(m_projection.toHtmlEscaped());
        break;
    case Outcome::Differs:
        headline = tr("<p><b>%1 differs from its events</b>: %2 missing, %3 extra, %4 different.</p>")
                       .arg(m_projection.toHtmlEscaped(), locale.toString(count(report.missing)),
                           locale.toString(count(report.extra)), locale.toString(count(report.different)));
        break;
    case Outcome::Cancelled:
        headline = tr("<p><b>The verification was cancelled.</b> Nothing was changed.</p>");
        break;
    case Outcome::Failed:
        headline = tr("<p><b>The verification failed</b>: %1<br>Nothing was changed.</p>")
                       .arg(QString::fromStdString(report.error).toHtmlEscaped());
        break;
    }
    QString notes;
    if (report.listTruncated)
        notes += tr("<br>The first %1 differences are listed; the counts are exact.")
                     .arg(locale.toString(static_cast<qlonglong>(report.differences.size())));
    if (!report.advice.empty())
        notes += QStringLiteral("<br>") + QString::fromStdString(report.advice).toHtmlEscaped();
    if (report.replayErrors > 0)
        notes += tr("<br>%1 events could not be folded, for example: %2")
                     .arg(locale.toString(count(report.replayErrors)),
                         QString::fromStdString(report.replayErrorSamples.front()).toHtmlEscaped());
    m_text->setText(headline
        + tr("<p>At checkpoint <b>%1</b>: <b>%2</b> rows in the table, <b>%3</b> from <b>%4</b> events, in %5.%6</p>")
              .arg(QString::fromStdString(report.checkpoint.toString()), locale.toString(count(report.rowsInTable)),
                  locale.toString(count(report.rowsReplayed)), locale.toString(count(report.eventsReplayed)),
                  formatDuration(report.seconds), notes));
    if (report.outcome == Outcome::Differs && !report.differences.empty()) {
        m_reportArea->show();
        applyKindFilter();
        resize(std::max(width(), 1000), std::max(height(), 640));
    }
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
}

void VerifyDialog::showFailure(const QString& message)
{
    projections::VerifyReport report;
    report.outcome = projections::VerifyReport::Outcome::Failed;
    report.error = message.toStdString();
    showReport(report);
}

void VerifyDialog::applyKindFilter()
{
    const int kind = m_kind->currentData().toInt();
    std::vector<RowDifference> shown;
    for (const auto& difference : m_report.differences)
        if (kind < 0 || static_cast<int>(difference.kind) == kind)
            shown.push_back(difference);
    m_model->setRecords(std::move(shown));
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    showSelected();
}

const RowDifference* VerifyDialog::selected() const
{
    return m_model->record(m_view->currentIndex().row());
}

void VerifyDialog::showSelected()
{
    const auto* d = selected();
    m_stored->setPlainText(d && !d->storedJson.empty() ? prettyJson(d->storedJson) : QString());
    m_replayed->setPlainText(d && !d->replayedJson.empty() ? prettyJson(d->replayedJson) : QString());
    m_stored->setPlaceholderText(d ? tr("The table has no such row.") : QString());
    m_replayed->setPlaceholderText(d ? tr("No event gives this row.") : QString());
    const bool traced = d && !d->aggregateId.empty();
    m_timeTravel->setEnabled(traced);
    m_stream->setEnabled(traced);
    if (d && !traced)
        m_timeTravel->setToolTip(tr("No event gives this row: there is no story to open"));
    else
        m_timeTravel->setToolTip(tr("The row's story: its aggregate at the version that last changed it"));
}

bool VerifyDialog::exportTo(const QString& path, bool json, QString* error) const
{
    QFile file(path);
    const std::string text = json ? projections::toJson(m_projection.toStdString(), m_report).dump(2) + "\n"
                                  : projections::toCsv(m_report);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void VerifyDialog::askExport(bool json)
{
    const QString suggested
        = QStringLiteral("%1-verify.%2").arg(m_projection, json ? QStringLiteral("json") : QStringLiteral("csv"));
    const QString path
        = QFileDialog::getSaveFileName(this, json ? tr("Export the report as JSON") : tr("Export the report as CSV"),
            suggested, json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, json, &error)) {
        m_rate->setText(tr("Could not write %1: %2").arg(path, error));
        m_rate->show();
    }
}

void VerifyDialog::reject()
{
    if (m_running) {
        // Cancel asks; the dialog stays until the verification has stopped and reports it.
        m_cancel->setEnabled(false);
        m_rate->setText(tr("Cancelling…"));
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace acci::ui

#include "dialogs/SnapshotAuditDialog.hpp"

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

#include "models/SnapshotMismatchModel.hpp"
#include "style/Icons.hpp"
#include "text/Formatting.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/TableSetup.hpp"

namespace acci::ui {

using timetravel::SnapshotVerdict;

namespace {

    // The kind filter's choices.
    enum Shown { AllMismatches = -1, DifferentOnly = 1, NotFoldableOnly = 2 };

} // namespace

SnapshotAuditDialog::SnapshotAuditDialog(
    const std::vector<std::pair<QString, qlonglong>>& snapshotsByType, const QString& rules, QWidget* parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_text(new QLabel(this))
    , m_typeLabel(new QLabel(tr("Aggregate type:"), this))
    , m_type(new QComboBox(this))
    , m_rate(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_reportArea(new QWidget(this))
    , m_kind(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_model(new SnapshotMismatchModel(this))
    , m_detailTitle(new QLabel(this))
    , m_detail(new QPlainTextEdit(this))
    , m_timeTravel(new QPushButton(tr("Open in Time travel"), this))
    , m_csv(new QPushButton(ownIcon(QStringLiteral("export")), tr("Export CSV…"), this))
    , m_json(new QPushButton(ownIcon(QStringLiteral("export")), tr("Export JSON…"), this))
    , m_start(new QPushButton(tr("Verify"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("snapshotAuditDialog"));
    setWindowTitle(tr("Verify all snapshots"));
    setMinimumWidth(560);
    const QLocale locale;
    qlonglong total = 0;
    for (const auto& entry : snapshotsByType)
        total += entry.second;
    m_type->setObjectName(QStringLiteral("snapshotAuditType"));
    m_type->addItem(tr("All types (%1 snapshots)").arg(locale.toString(total)), QString());
    m_type->setItemData(0, total, Qt::UserRole + 1);
    for (const auto& [type, count] : snapshotsByType) {
        m_type->addItem(tr("%1 (%2 snapshots)").arg(type, locale.toString(count)), type);
        m_type->setItemData(m_type->count() - 1, count, Qt::UserRole + 1);
    }
    m_type->setEnabled(m_type->count() > 2); // one type: "all" is that type
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    showPlan();
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_rate->hide();

    // The report: hidden until there is one.
    m_kind->setObjectName(QStringLiteral("snapshotAuditKindFilter"));
    m_kind->addItem(tr("All mismatches"), static_cast<int>(AllMismatches));
    m_kind->addItem(tr("Different"), static_cast<int>(DifferentOnly));
    m_kind->addItem(tr("Not foldable"), static_cast<int>(NotFoldableOnly));
    m_view->setObjectName(QStringLiteral("snapshotMismatches"));
    m_view->setModel(m_model);
    setUpTable(m_view);
    setEmptyState(m_view, [this] { return m_finished ? tr("No snapshot of this kind.") : QString(); });
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // The first difference takes the room; the short columns fit their text.
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (const int column : { SnapshotMismatchModel::KindColumn, SnapshotMismatchModel::AggregateColumn,
             SnapshotMismatchModel::TypeColumn, SnapshotMismatchModel::VersionColumn })
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_detail->setObjectName(QStringLiteral("snapshotAuditDetail"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detailTitle->setWordWrap(true);
    m_timeTravel->setToolTip(tr("The aggregate at the snapshot's version, with the snapshot's difference shown"));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_kind);
    filterRow->addStretch();
    auto* detailBox = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detail, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* reportActions = new QHBoxLayout;
    reportActions->addWidget(m_timeTravel);
    reportActions->addStretch();
    reportActions->addWidget(m_csv);
    reportActions->addWidget(m_json);
    auto* reportLayout = new QVBoxLayout(m_reportArea);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addLayout(filterRow);
    reportLayout->addWidget(split, 1);
    reportLayout->addLayout(reportActions);
    m_reportArea->hide();

    m_start->setDefault(true);
    m_start->setEnabled(total > 0);
    connect(m_type, &QComboBox::currentIndexChanged, this, &SnapshotAuditDialog::showPlan);
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_running = true;
        m_clock.start();
        m_start->hide();
        m_type->setEnabled(false);
        m_progress->show();
        m_rate->show();
        m_rate->setText(tr("Starting…"));
        emit startRequested(m_type->currentData().toString());
    });
    connect(m_cancel, &QPushButton::clicked, this, &SnapshotAuditDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SnapshotAuditDialog::applyKindFilter);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SnapshotAuditDialog::showSelected);
    connect(m_view, &QTableView::doubleClicked, this, [this] { m_timeTravel->click(); });
    connect(m_timeTravel, &QPushButton::clicked, this, [this] {
        if (const auto* v = selected())
            emit timeTravelRequested(QString::fromStdString(v->aggregateId), v->version);
    });
    connect(m_csv, &QPushButton::clicked, this, [this] { askExport(false); });
    connect(m_json, &QPushButton::clicked, this, [this] { askExport(true); });

    auto* typeRow = new QHBoxLayout;
    typeRow->addWidget(m_typeLabel);
    typeRow->addWidget(m_type);
    typeRow->addStretch();
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addLayout(typeRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addWidget(m_reportArea, 1);
    layout->addLayout(buttons);
}

void SnapshotAuditDialog::showPlan()
{
    const QLocale locale;
    const qlonglong snapshots = m_type->currentData(Qt::UserRole + 1).toLongLong();
    QString text = tr("<p>Check each stored snapshot against the fold of its aggregate's events up to the "
                      "snapshot's version, with the reducer rules of the Time travel page (%1).</p>")
                       .arg(m_rules.toHtmlEscaped());
    text += snapshots > 0
        ? tr("<p>Snapshots to check: <b>%1</b></p>").arg(locale.toString(snapshots))
        : tr("<p><b>The store has no snapshots.</b> Save one with <code>acci-admin snapshot save</code>.</p>");
    text += tr("<p>It only reads, over a few connections of its own: a reader role and a standby can run it. "
               "Nothing is written.</p>");
    m_text->setText(text);
}

void SnapshotAuditDialog::showProgress(const timetravel::SnapshotAuditProgress& progress)
{
    const QLocale locale;
    if (progress.total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::min<double>(
            1000.0, 1000.0 * static_cast<double>(progress.checked) / static_cast<double>(progress.total))));
    }
    const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    const double rate = seconds > 0 ? static_cast<double>(progress.checked) / seconds : 0;
    const double left = static_cast<double>(std::max<long long>(0, progress.total - progress.checked));
    m_rate->setText(tr("%1 of %2 snapshots · %3 snapshots/s · ETA %4")
                        .arg(locale.toString(static_cast<qlonglong>(progress.checked)),
                            locale.toString(static_cast<qlonglong>(progress.total)), locale.toString(rate, 'f', 0),
                            rate > 0 ? formatDuration(left / rate) : tr("unknown")));
}

void SnapshotAuditDialog::showReport(const timetravel::SnapshotAuditReport& report)
{
    m_running = false;
    m_finished = true;
    m_report = report;
    const QLocale locale;
    auto n = [&](long long value) { return locale.toString(static_cast<qlonglong>(value)); };
    m_progress->hide();
    m_rate->hide();
    m_typeLabel->hide();
    m_type->hide();
    const QString type = m_type->currentData().toString();
    QString headline;
    if (report.cancelled)
        headline = tr("<p><b>The check was cancelled</b> after %1 of %2 snapshots. Nothing was changed.</p>")
                       .arg(n(report.checked), n(report.total));
    else if (report.mismatches.empty())
        headline = type.isEmpty()
            ? tr("<p><b>Every snapshot matches the fold of its events.</b></p>")
            : tr("<p><b>Every snapshot of %1 matches the fold of its events.</b></p>").arg(type.toHtmlEscaped());
    else
        headline = tr("<p><b>%1 of %2 snapshots do not match the fold of their events.</b></p>")
                       .arg(n(report.different + report.notFoldable), n(report.checked));
    const QString scope = type.isEmpty() ? tr("all aggregate types") : tr("type %1").arg(type.toHtmlEscaped());
    m_text->setText(headline
        + tr("<table cellspacing='0' cellpadding='1'>"
             "<tr><td>Checked:&nbsp;</td><td align='right'><b>%1</b></td><td>&nbsp;(%2)</td></tr>"
             "<tr><td>Equal:&nbsp;</td><td align='right'><b>%3</b></td></tr>"
             "<tr><td>Different:&nbsp;</td><td align='right'><b>%4</b></td></tr>"
             "<tr><td>Not foldable:&nbsp;</td><td align='right'><b>%5</b></td></tr>"
             "<tr><td>Duration:&nbsp;</td><td colspan='2'>%6</td></tr>"
             "<tr><td>Connections:&nbsp;</td><td colspan='2'>%7</td></tr>"
             "</table>"
             "<p>Reducer rules: %8 (those of the Time travel page)</p>")
              .arg(n(report.checked), scope, n(report.equal), n(report.different), n(report.notFoldable),
                  formatDuration(report.seconds), locale.toString(report.connections), m_rules.toHtmlEscaped()));
    if (!report.mismatches.empty()) {
        m_reportArea->show();
        applyKindFilter();
        resize(std::max(width(), 1000), std::max(height(), 680));
    }
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
}

void SnapshotAuditDialog::showFailure(const QString& message)
{
    m_running = false;
    m_finished = true;
    m_report = {};
    m_progress->hide();
    m_rate->hide();
    m_text->setText(tr("<p><b>The check failed</b>: %1</p><p>Nothing was changed.</p>").arg(message.toHtmlEscaped()));
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
}

void SnapshotAuditDialog::applyKindFilter()
{
    const int shown = m_kind->currentData().toInt();
    std::vector<SnapshotVerdict> rows;
    for (const auto& verdict : m_report.mismatches) {
        const bool different = verdict.kind == SnapshotVerdict::Kind::Different;
        if (shown == AllMismatches || (shown == DifferentOnly) == different)
            rows.push_back(verdict);
    }
    m_model->setRecords(std::move(rows));
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    showSelected();
}

const SnapshotVerdict* SnapshotAuditDialog::selected() const
{
    return m_model->record(m_view->currentIndex().row());
}

void SnapshotAuditDialog::showSelected()
{
    const auto* v = selected();
    m_timeTravel->setEnabled(v != nullptr);
    if (!v) {
        m_detailTitle->clear();
        m_detail->clear();
        return;
    }
    const QString id = QString::fromStdString(v->aggregateId);
    if (v->foldable()) {
        m_detailTitle->setText(
            tr("The snapshot of %1 at version %2 compared with the fold (fold → snapshot):").arg(id).arg(v->version));
        QStringList lines;
        for (const auto& line : v->diff)
            lines << QString::fromStdString(line);
        if (v->diff.size() >= timetravel::SnapshotAuditOptions {}.maxDiffLines)
            lines << tr("(the first %1 differences; Time travel shows them all)").arg(v->diff.size());
        m_detail->setPlainText(lines.join(QLatin1Char('\n')));
    } else {
        m_detailTitle->setText(
            tr("The snapshot of %1 at version %2 (%3): %4")
                .arg(id)
                .arg(v->version)
                .arg(SnapshotMismatchModel::kindName(v->kind), SnapshotMismatchModel::kindExplanation(v->kind)));
        m_detail->setPlainText(QString::fromStdString(v->reason));
    }
}

bool SnapshotAuditDialog::exportTo(const QString& path, bool json, QString* error) const
{
    QFile file(path);
    const std::string text = json ? timetravel::toJson(m_report).dump(2) + "\n" : timetravel::toCsv(m_report);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void SnapshotAuditDialog::askExport(bool json)
{
    const QString suggested
        = QStringLiteral("snapshot-verify.%1").arg(json ? QStringLiteral("json") : QStringLiteral("csv"));
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

void SnapshotAuditDialog::reject()
{
    if (m_running) {
        // Cancel asks; the dialog stays until the check has stopped and reports it.
        m_cancel->setEnabled(false);
        m_rate->setText(tr("Cancelling…"));
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace acci::ui

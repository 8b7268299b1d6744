#include "dialogs/RebuildDialog.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "dialogs/VerifyDialog.hpp"
#include "text/Formatting.hpp"

namespace acci::ui {

namespace {
    QString phaseName(projections::RebuildProgress::Phase phase)
    {
        using Phase = projections::RebuildProgress::Phase;
        switch (phase) {
        case Phase::Reading:
            return RebuildDialog::tr("Replaying events");
        case Phase::Writing:
            return RebuildDialog::tr("Writing the new rows");
        case Phase::Comparing:
            return RebuildDialog::tr("Comparing with the live table");
        case Phase::Applying:
            return RebuildDialog::tr("Applying the differences");
        case Phase::CatchingUp:
            return RebuildDialog::tr("Catching up with new events");
        }
        return {};
    }
} // namespace

QString estimatedTimeText(std::optional<double> seconds, std::optional<double> eventsPerSecond)
{
    if (!seconds || !eventsPerSecond)
        return RebuildDialog::tr("unknown (no earlier rebuild to measure)");
    const QString rate = QLocale().toString(*eventsPerSecond, 'f', 0);
    // "about under a second" reads badly: a short job is just "under a second".
    if (*seconds < 1)
        return RebuildDialog::tr("under a second (at the %1 events/s of the last rebuild)").arg(rate);
    return RebuildDialog::tr("about %1 (at the %2 events/s of the last rebuild)").arg(formatDuration(*seconds), rate);
}

RebuildDialog::RebuildDialog(const QString& projection, const projections::RebuildPlan& plan, QWidget* parent)
    : QDialog(parent)
    , m_projection(projection)
    , m_text(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_start(new QPushButton(tr("Rebuild"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("rebuildDialog"));
    setWindowTitle(tr("Rebuild %1").arg(projection));
    setMinimumWidth(520);
    const QLocale locale;
    const auto estimate = plan.estimatedSeconds();
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setText(
        tr("<p>Rebuild <b>%1</b> from the event log.</p>"
           "<p>Events to replay: <b>%2</b><br>Rows in the live table now: <b>%3</b><br>Estimated time: <b>%4</b></p>"
           "<p>The replay computes every row while the live table keeps serving reads; one transaction then "
           "changes only the rows that differ. The table itself, its grants, policies and views stay as they are. "
           "Cancel (or a failure) leaves it as it is.</p>")
            .arg(projection.toHtmlEscaped(), locale.toString(static_cast<qlonglong>(plan.eventsToReplay)),
                locale.toString(static_cast<qlonglong>(plan.liveRows)),
                estimatedTimeText(estimate, plan.measuredEventsPerSecond)));
    if (plan.runningElsewhere) {
        // Starting would only be refused: say so now, and offer nothing to click.
        m_text->setText(m_text->text()
            + tr("<p><b>It cannot start now.</b> %1</p>")
                  .arg(QString::fromStdString(*plan.runningElsewhere).toHtmlEscaped()));
        m_start->setEnabled(false);
    }
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_rate->hide();
    m_start->setDefault(true);
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_running = true;
        m_start->hide();
        m_progress->show();
        m_rate->show();
        m_rate->setText(tr("Starting…"));
        emit startRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &RebuildDialog::reject);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addLayout(buttons);
}

void RebuildDialog::showProgress(const projections::RebuildProgress& progress)
{
    const QLocale locale;
    if (progress.total > 0)
        m_progress->setValue(static_cast<int>(std::min<double>(
            1000.0, 1000.0 * static_cast<double>(progress.processed) / static_cast<double>(progress.total))));
    else
        m_progress->setRange(0, 0); // unknown size: a busy bar
    m_rate->setText(tr("%1 · %2 events · %3 events/s · ETA %4")
                        .arg(phaseName(progress.phase), locale.toString(static_cast<qlonglong>(progress.processed)),
                            locale.toString(progress.eventsPerSecond, 'f', 0), formatDuration(progress.etaSeconds)));
}

void RebuildDialog::showReport(const projections::RebuildReport& report)
{
    using Outcome = projections::RebuildReport::Outcome;
    m_running = false;
    m_finished = true;
    const QLocale locale;
    m_progress->setRange(0, 1000);
    m_progress->setValue(report.outcome == Outcome::Completed ? 1000 : m_progress->value());
    m_rate->hide();
    QString headline;
    switch (report.outcome) {
    case Outcome::Completed:
        headline = tr("<p><b>%1 was rebuilt.</b></p>").arg(m_projection.toHtmlEscaped());
        break;
    case Outcome::Cancelled:
        headline = tr("<p><b>The rebuild was cancelled.</b> The live table and its checkpoint are unchanged.</p>");
        break;
    case Outcome::Failed:
        headline = tr("<p><b>The rebuild failed</b>: %1<br>The live table and its checkpoint are unchanged.</p>")
                       .arg(QString::fromStdString(report.error).toHtmlEscaped());
        break;
    }
    m_text->setText(headline
        + tr("<p>Events replayed: <b>%1</b><br>Rows the events produce: <b>%2</b><br>"
             "Rows changed in the live table: <b>%3</b> added, <b>%4</b> corrected, <b>%5</b> removed<br>"
             "Caught up afterwards: <b>%6</b> (parked as dead letters: <b>%7</b>)<br>Duration: <b>%8</b></p>")
              .arg(locale.toString(static_cast<qlonglong>(report.processed)),
                  locale.toString(static_cast<qlonglong>(report.rows)),
                  locale.toString(static_cast<qlonglong>(report.inserted)),
                  locale.toString(static_cast<qlonglong>(report.updated)),
                  locale.toString(static_cast<qlonglong>(report.deleted)),
                  locale.toString(static_cast<qlonglong>(report.caughtUp)),
                  locale.toString(static_cast<qlonglong>(report.parked)), formatDuration(report.seconds)));
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
}

void RebuildDialog::reject()
{
    if (m_running) {
        // Cancel asks; the dialog stays until the rebuild has stopped and reports it.
        m_cancel->setEnabled(false);
        m_rate->setText(tr("Cancelling…"));
        emit cancelRequested();
        return;
    }
    if (!m_finished)
        emit cancelRequested(); // closed at the pre-flight: nothing started
    QDialog::reject();
}

} // namespace acci::ui

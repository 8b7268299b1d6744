#include "pages/SchemaPage.hpp"

#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "acci/store/Migrations.hpp"
#include "dialogs/Confirm.hpp"
#include "text/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

SchemaPage::SchemaPage(DatabaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_explanation(new QLabel(tr("Migrating creates the event store's tables, or upgrades them in place. Every "
                                  "existing event is kept. Services that write events keep working."),
          this))
    , m_migrate(new QPushButton(tr("Migrate the database…"), this))
    , m_checkAgain(new QPushButton(tr("Check again"), this))
    , m_step(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
{
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 40, 40, 40);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_explanation);
    layout->addSpacing(12);
    layout->addWidget(m_migrate, 0, Qt::AlignLeft);
    layout->addWidget(m_checkAgain, 0, Qt::AlignLeft);
    layout->addSpacing(12);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addStretch();
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_step->setVisible(false);
    m_progress->setVisible(false);
    m_rate->setVisible(false);
    m_checkAgain->setObjectName(QStringLiteral("checkAgain"));
    m_text->setObjectName(QStringLiteral("schemaProblem"));
    connect(m_migrate, &QPushButton::clicked, this, &SchemaPage::migrate);
    connect(m_checkAgain, &QPushButton::clicked, this, &SchemaPage::checkAgainRequested);
    setProblem({}, true);
}

void SchemaPage::setProblem(const QString& description, bool canMigrate, bool unreadable)
{
    m_title->setText(unreadable ? tr("<h2>This role may not read the event store</h2>")
                                : tr("<h2>This database needs the ACCI schema</h2>"));
    m_text->setText(description);
    m_explanation->setVisible(!unreadable);
    m_migrate->setVisible(canMigrate && !unreadable);
    m_checkAgain->setVisible(unreadable);
}

void SchemaPage::migrate()
{
    confirm(
        this, tr("Migrate the database"), tr("Apply the ACCI migrations to this database now?"), tr("Migrate"), [this] {
            m_migrate->setEnabled(false);
            const QPointer<SchemaPage> page(this);
            m_worker->run<int>(
                this,
                [page](pqxx::connection& connection) {
                    store::MigrateOptions options;
                    options.audit = true;
                    // Called on the worker's thread: the page is only looked at on the GUI thread.
                    options.progress = [page](const store::MigrationProgress& progress) {
                        QMetaObject::invokeMethod(
                            QCoreApplication::instance(),
                            [page, progress] {
                                if (page)
                                    page->showProgress(progress);
                            },
                            Qt::QueuedConnection);
                    };
                    return static_cast<int>(store::migrate(connection, options).size());
                },
                [this](int applied) {
                    migrationEnded();
                    emit statusMessage(tr("Applied %n migration(s).", nullptr, applied));
                    emit migrated();
                },
                [this](const QString& message) {
                    migrationEnded();
                    emit statusMessage(message);
                });
        });
}

void SchemaPage::showProgress(const store::MigrationProgress& progress)
{
    QString step;
    switch (progress.step) {
    case store::UpgradeStep::Waiting:
        step = tr("Waiting for another migration to finish…");
        break;
    case store::UpgradeStep::AddingColumns:
        step = tr("Adding the log columns…");
        break;
    case store::UpgradeStep::Numbering:
        step = tr("Numbering the existing events…");
        break;
    case store::UpgradeStep::Switching:
        step = tr("Switching new events to the store's positions…");
        break;
    case store::UpgradeStep::BuildingIndexes:
        step = tr("Building constraints and indexes (%1)…").arg(QString::fromStdString(progress.detail));
        break;
    case store::UpgradeStep::Migrating:
        step = tr("Applying the migrations…");
        break;
    case store::UpgradeStep::InstallingTrigger:
        step = tr("Installing the trigger…");
        break;
    case store::UpgradeStep::FillingAggregates:
        step = tr("Filling the aggregates list…");
        break;
    case store::UpgradeStep::Done:
        step = tr("Upgrade finished.");
        break;
    }
    m_step->setText(step);
    m_step->setVisible(true);
    const bool counted = progress.total > 0;
    m_progress->setVisible(counted);
    if (counted) {
        // QProgressBar holds an int: show per mille of a count that may pass two billion.
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(progress.done * 1000 / progress.total));
    }
    QString rate;
    if (progress.ratePerSecond > 0) {
        const QLocale locale;
        rate = progress.etaSeconds >= 0
            ? tr("%1 of %2, %3 per second, about %4 left")
                  .arg(locale.toString(progress.done), locale.toString(progress.total),
                      locale.toString(qRound64(progress.ratePerSecond)), formatDuration(progress.etaSeconds))
            : tr("%1 done, %2 per second")
                  .arg(locale.toString(progress.done), locale.toString(qRound64(progress.ratePerSecond)));
    }
    m_rate->setText(rate);
    m_rate->setVisible(!rate.isEmpty());
}

void SchemaPage::migrationEnded()
{
    m_migrate->setEnabled(true);
    m_step->setVisible(false);
    m_progress->setVisible(false);
    m_rate->setVisible(false);
}

QString SchemaPage::progressText() const
{
    return m_step->text() + QLatin1Char('\n') + m_rate->text();
}

} // namespace acci::ui

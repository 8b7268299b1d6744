#include "pages/SchemaPage.hpp"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "acci/store/Migrations.hpp"
#include "dialogs/Confirm.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

SchemaPage::SchemaPage(DatabaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_text(new QLabel(this))
    , m_migrate(new QPushButton(tr("Migrate the database…"), this))
{
    auto* title = new QLabel(tr("<h2>This database needs the ACCI schema</h2>"), this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* explanation = new QLabel(tr("Migrating creates the event store's tables, or upgrades them in place. Every "
                                      "existing event is kept. Services that write events keep working."),
        this);
    explanation->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 40, 40, 40);
    layout->addWidget(title);
    layout->addWidget(m_text);
    layout->addWidget(explanation);
    layout->addSpacing(12);
    layout->addWidget(m_migrate, 0, Qt::AlignLeft);
    layout->addStretch();
    connect(m_migrate, &QPushButton::clicked, this, &SchemaPage::migrate);
}

void SchemaPage::setProblem(const QString& description, bool canMigrate)
{
    m_text->setText(description);
    m_migrate->setVisible(canMigrate);
}

void SchemaPage::migrate()
{
    confirm(
        this, tr("Migrate the database"), tr("Apply the ACCI migrations to this database now?"), tr("Migrate"), [this] {
            m_migrate->setEnabled(false);
            m_worker->run<int>(
                this,
                [](pqxx::connection& connection) { return static_cast<int>(store::migrate(connection, true).size()); },
                [this](int applied) {
                    m_migrate->setEnabled(true);
                    emit statusMessage(tr("Applied %n migration(s).", nullptr, applied));
                    emit migrated();
                },
                [this](const QString& message) {
                    m_migrate->setEnabled(true);
                    emit statusMessage(message);
                });
        });
}

} // namespace acci::ui

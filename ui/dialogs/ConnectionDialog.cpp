#include "dialogs/ConnectionDialog.hpp"

#include "acci/store/Connection.hpp"

#include "session/Conninfo.hpp"
#include "style/Theme.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace acci::ui {

ConnectionDialog::ConnectionDialog(QWidget* parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_recent(new QComboBox(this))
    , m_conninfo(new QLineEdit(this))
    , m_host(new QLineEdit(QStringLiteral("localhost"), this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_sessionAttrs(new QComboBox(this))
    , m_primary(new QLineEdit(this))
    , m_rootCert(new QLineEdit(this))
    , m_password(new QLineEdit(this))
{
    setWindowTitle(tr("Connect to an event store"));
    m_conninfo->setObjectName(QStringLiteral("conninfoEdit"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    m_conninfo->setPlaceholderText(tr("host=db.example.com dbname=events user=ops   or   postgresql://…"));
    m_primary->setObjectName(QStringLiteral("primaryEdit"));
    m_primary->setPlaceholderText(tr("Optional: the primary's connection string, when the server above is a standby"));
    m_primary->setToolTip(tr("Browsing stays on the server above; rebuild, reset, retry, skip, catch-up, "
                             "migrate and terminate go to this primary. Empty: the primary is looked for among "
                             "the hosts of the connection string (target_session_attrs=read-write)."));
    m_conninfo->setMinimumWidth(460);
    auto* stringPage = new QWidget(this);
    auto* stringLayout = new QFormLayout(stringPage);
    stringLayout->addRow(tr("Connection string:"), m_conninfo);
    auto* hint = new QLabel(tr("Empty uses libpq's defaults (PGHOST, PGDATABASE… and ~/.pgpass). Several hosts "
                               "(host=primary,replica) with target_session_attrs=prefer-standby browse a replica "
                               "and send actions to the primary."),
        this);
    hint->setWordWrap(true);
    stringLayout->addRow(hint);

    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    // Safest first: verify-full checks the certificate and the host name; the modes below it
    // say in their tooltip what they give up.
    const std::pair<const char*, QString> modes[] = {
        { "verify-full", tr("Encrypted; the certificate and the host name are verified") },
        { "verify-ca", tr("Encrypted; the certificate is verified, not the host name") },
        { "require", tr("Encrypted, nothing verified: someone in between could pose as the server") },
        { "prefer", tr("Encrypted only if the server agrees: may fall back to plain text") },
        { "disable", tr("Never encrypted") },
    };
    for (const auto& [mode, description] : modes) {
        m_sslMode->addItem(QString::fromLatin1(mode));
        m_sslMode->setItemData(m_sslMode->count() - 1, description, Qt::ToolTipRole);
    }
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Root certificate"), {}, tr("Certificates (*.crt *.pem);;All files (*)"));
        if (!file.isEmpty())
            m_rootCert->setText(file);
    });
    auto* certRow = new QHBoxLayout;
    certRow->addWidget(m_rootCert, 1);
    certRow->addWidget(browse);
    auto* fieldsPage = new QWidget(this);
    auto* fields = new QFormLayout(fieldsPage);
    fields->addRow(tr("Host:"), m_host);
    fields->addRow(tr("Port:"), m_port);
    fields->addRow(tr("Database:"), m_database);
    fields->addRow(tr("User:"), m_user);
    fields->addRow(tr("SSL mode:"), m_sslMode);
    // libpq's target_session_attrs, for a host list ("db1,db2") or to insist on one kind.
    const std::pair<const char*, QString> attrs[] = {
        { "any", tr("Whichever server answers first") },
        { "prefer-standby", tr("A standby if one answers, else the primary: browse a replica") },
        { "standby", tr("Only a standby") },
        { "read-write", tr("Only a server that takes writes (the primary)") },
        { "primary", tr("Only the primary") },
    };
    for (const auto& [value, description] : attrs) {
        m_sessionAttrs->addItem(QString::fromLatin1(value));
        m_sessionAttrs->setItemData(m_sessionAttrs->count() - 1, description, Qt::ToolTipRole);
    }
    m_sessionAttrs->setObjectName(QStringLiteral("sessionAttrs"));
    fields->addRow(tr("Server:"), m_sessionAttrs);
    fields->addRow(tr("Root certificate:"), certRow);

    m_tabs->addTab(stringPage, tr("Connection string"));
    m_tabs->addTab(fieldsPage, tr("Fields"));

    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Only if ~/.pgpass has none; not saved"));
    m_recent->addItem(tr("(new connection)"));
    m_recent->addItems(recentConnections());
    connect(m_recent, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index > 0) {
            m_conninfo->setText(m_recent->itemText(index));
            m_tabs->setCurrentIndex(0);
        }
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_clearTextWarning = new QLabel(this);
    m_clearTextWarning->setObjectName(QStringLiteral("clearTextWarning"));
    m_clearTextWarning->setWordWrap(true);
    m_clearTextWarning->setText(tr("⚠ This password could cross the network unencrypted: the connection uses TCP "
                                   "and its sslmode accepts a plain connection. Choose sslmode verify-full."));
    followPalette(m_clearTextWarning, [this] {
        m_clearTextWarning->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneName(Tone::Problem)));
    });
    m_clearTextWarning->hide();
    for (auto* edit : { m_password, m_conninfo, m_host })
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateWarnings);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateWarnings);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ConnectionDialog::updateWarnings);

    auto* form = new QFormLayout;
    form->addRow(tr("Recent:"), m_recent);
    form->addRow(tr("Password:"), m_password);
    auto* primaryForm = new QFormLayout;
    primaryForm->addRow(tr("Primary for actions:"), m_primary);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_tabs);
    layout->addLayout(primaryForm);
    layout->addWidget(m_clearTextWarning);
    layout->addWidget(buttons);
}

void ConnectionDialog::updateWarnings()
{
    m_clearTextWarning->setVisible(
        !m_password->text().isEmpty() && store::passwordMayTravelInClear(conninfoWithoutPassword().toStdString()));
}

QString ConnectionDialog::fromFields() const
{
    QStringList parts;
    if (!m_host->text().trimmed().isEmpty())
        parts << conninfoPair(QStringLiteral("host"), m_host->text().trimmed());
    parts << conninfoPair(QStringLiteral("port"), QString::number(m_port->value()));
    if (!m_database->text().trimmed().isEmpty())
        parts << conninfoPair(QStringLiteral("dbname"), m_database->text().trimmed());
    if (!m_user->text().trimmed().isEmpty())
        parts << conninfoPair(QStringLiteral("user"), m_user->text().trimmed());
    parts << conninfoPair(QStringLiteral("sslmode"), m_sslMode->currentText());
    if (!m_rootCert->text().trimmed().isEmpty())
        parts << conninfoPair(QStringLiteral("sslrootcert"), m_rootCert->text().trimmed());
    if (m_sessionAttrs->currentIndex() > 0)
        parts << conninfoPair(QStringLiteral("target_session_attrs"), m_sessionAttrs->currentText());
    return parts.join(QLatin1Char(' '));
}

QString ConnectionDialog::primaryConninfo() const
{
    return m_primary->text().trimmed();
}

QString ConnectionDialog::conninfoWithoutPassword() const
{
    return m_tabs->currentIndex() == 0 ? m_conninfo->text().trimmed() : fromFields();
}

QString ConnectionDialog::conninfo() const
{
    return conninfoWithPassword(conninfoWithoutPassword(), m_password->text());
}

QStringList ConnectionDialog::recentConnections()
{
    return QSettings().value(QStringLiteral("connections/recent")).toStringList();
}

void ConnectionDialog::remember(const QString& conninfo)
{
    // Whatever was typed (a URI's user:password@ or a password= included), what is saved never
    // holds a password; a string libpq cannot read is not saved at all.
    const QString saved = QString::fromStdString(store::withoutPassword(conninfo.toStdString()));
    if (saved.isEmpty())
        return;
    QStringList recent = recentConnections();
    recent.removeAll(saved);
    recent.prepend(saved);
    while (recent.size() > 10)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("connections/recent"), recent);
}

} // namespace acci::ui

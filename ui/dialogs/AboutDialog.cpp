#include "dialogs/AboutDialog.hpp"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <libpq-fe.h>
#include <pqxx/nontransaction>
#include <pqxx/version>

#include "session/ConnectionSession.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {

    QLabel* value(QWidget* parent, const QString& objectName)
    {
        auto* label = new QLabel(parent);
        label->setObjectName(objectName);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse); // copied into bug reports
        label->setWordWrap(true);
        return label;
    }

} // namespace

AboutDialog::AboutDialog(ConnectionSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About ACCI Event Console"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    icon->setVisible(!QApplication::windowIcon().isNull());
    auto* title = new QLabel(
        tr("<b style='font-size:large'>ACCI Event Console %1</b>").arg(QStringLiteral(ACCI_VERSION)), this);
    auto* blurb = new QLabel(tr("Explorer and admin console for the ACCI event store: its aggregates, log, "
                                "projections and history."),
        this);
    blurb->setWordWrap(true);

    m_qt = value(this, QStringLiteral("qtVersion"));
    m_qt->setText(tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    m_libpq = value(this, QStringLiteral("libpqVersion"));
    m_libpq->setText(libpqVersion());
    auto* libpqxx = value(this, QStringLiteral("libpqxxVersion"));
    libpqxx->setText(QStringLiteral(PQXX_VERSION));
    m_server = value(this, QStringLiteral("serverVersion"));
    m_connection = value(this, QStringLiteral("connectionName"));

    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(6);
    form->addRow(tr("Qt:"), m_qt);
    form->addRow(tr("libpq:"), m_libpq);
    form->addRow(tr("libpqxx:"), libpqxx);
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("Connection:"), m_connection);

    auto* text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(title);
    text->addWidget(blurb);
    text->addSpacing(4);
    text->addLayout(form);
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon);
    top->addLayout(text, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(m_session, &ConnectionSession::stateChanged, this, [this](DatabaseWorker::State state) {
        if (isVisible() && state == DatabaseWorker::State::Connected)
            askServer();
        else if (state != DatabaseWorker::State::Connected)
            m_server->setText(tr("not connected"));
    });
    askServer();
}

QString AboutDialog::libpqVersion()
{
    const int version = PQlibVersion();
    if (version >= 100000)
        return QStringLiteral("%1.%2").arg(version / 10000).arg(version % 10000);
    return QStringLiteral("%1.%2.%3").arg(version / 10000).arg(version / 100 % 100).arg(version % 100);
}

void AboutDialog::showEvent(QShowEvent* event)
{
    askServer();
    QDialog::showEvent(event);
}

void AboutDialog::askServer()
{
    m_connection->setText(m_session->profile().displayName());
    if (m_session->state() != DatabaseWorker::State::Connected) {
        m_server->setText(tr("not connected"));
        return;
    }
    if (m_server->text().isEmpty() || m_server->text() == tr("not connected"))
        m_server->setText(tr("asking…"));
    m_session->browse()->run<QString>(
        this,
        [](pqxx::connection& connection) {
            pqxx::nontransaction sql(connection);
            return QString::fromStdString(sql.exec1("SHOW server_version")[0].as<std::string>());
        },
        [this](const QString& version) {
            m_server->setText(tr("PostgreSQL %1").arg(version));
            emit serverVersionShown();
        },
        [this](const QString& message) { m_server->setText(tr("could not ask: %1").arg(message)); });
}

} // namespace acci::ui

#include "session/ConnectionSession.hpp"

#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/store/Replication.hpp"
#include "session/Keychain.hpp"
#include "workers/BackgroundJob.hpp"
#include "workers/LiveTail.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

namespace {
    struct ServerDescription {
        QString summary;
        store::TransportSecurity security;
    };
} // namespace

ConnectionSession::ConnectionSession(const ConnectionProfile& profile, QObject* parent)
    : QObject(parent)
    , m_browse(new DatabaseWorker(profile, QStringLiteral("browse"), DatabaseWorker::Connect::AtOnce, this))
    , m_log(new DatabaseWorker(profile, QStringLiteral("log"), DatabaseWorker::Connect::AtOnce, this))
    , m_monitor(new DatabaseWorker(profile, QStringLiteral("monitor"), DatabaseWorker::Connect::AtOnce, this))
    // Opened by the first action-side query (the projections page's audit), not before.
    , m_actions(
          new DatabaseWorker(profile.forWrites(), QStringLiteral("actions"), DatabaseWorker::Connect::OnFirstJob, this))
    , m_poller(new MetricsPoller(m_monitor, this))
    , m_tail(new LiveTail(m_browse, this))
    , m_targetResolver(new BackgroundJob(this))
{
    connect(m_browse, &DatabaseWorker::stateChanged, this, &ConnectionSession::onStateChanged);
    for (auto* worker : { m_log, m_monitor, m_actions })
        connect(worker, &DatabaseWorker::stateChanged, this,
            [this, worker, lost = false](DatabaseWorker::State state, const QString&) mutable {
                if (state == DatabaseWorker::State::Reconnecting)
                    lost = true;
                else if (state == DatabaseWorker::State::Connected && std::exchange(lost, false))
                    emit connectionBack(worker);
            });
    connect(m_tail, &LiveTail::listeningChanged, this, [this](bool listening) {
        emit liveChanged(listening);
        // The tail's socket is the first to notice a server going away: let the browse
        // connection find out too, so the banner shows at once rather than at the next query.
        if (!listening)
            m_browse->run<int>(
                this,
                [](pqxx::connection& connection) {
                    store::ping(connection);
                    return 0;
                },
                [](int) {});
    });
}

ConnectionSession::~ConnectionSession() = default;

void ConnectionSession::onStateChanged(DatabaseWorker::State state, const QString& message)
{
    if (state == DatabaseWorker::State::Connected) {
        if (!m_passwordToRemember.isEmpty())
            rememberPassword(std::exchange(m_passwordToRemember, QString()));
        describeServer();
        checkWriteTarget();
        checkSchema();
        // The server takes connections again: one of ours refused meanwhile (a connection
        // limit, a restart) tries again rather than staying failed.
        for (auto* worker : { m_log, m_monitor, m_actions })
            if (worker->state() == DatabaseWorker::State::Failed)
                worker->reconnect();
    }
    emit stateChanged(state, message);
    // libpq's words when a password is missing or wrong (not the advice every connection
    // failure ends with): the keychain first (once), then ask.
    const bool passwordRefused = message.contains(QLatin1String("password authentication failed"))
        || message.contains(QLatin1String("no password supplied")) || message.contains(QLatin1String("fe_sendauth"));
    if (state == DatabaseWorker::State::Failed && passwordRefused) {
        if (std::exchange(m_keychainTried, true))
            emit passwordNeeded();
        else
            lookUpStoredPassword();
    }
}

void ConnectionSession::submitPassword(const QString& password, bool remember)
{
    if (password.isEmpty())
        return;
    // Stored once the server has accepted it, not before.
    m_passwordToRemember = remember ? password : QString();
    retryEverywhere(password);
}

void ConnectionSession::retryEverywhere(const QString& password)
{
    for (auto* worker : { m_browse, m_log, m_monitor, m_actions })
        worker->retryWithPassword(password);
}

void ConnectionSession::lookUpStoredPassword()
{
    emit statusMessage(tr("Looking in the system keychain…"));
    const std::string conninfo = profile().connectionString();
    m_targetResolver->start([this, conninfo](BackgroundJob& job, const util::CancelToken&) {
        QString key;
        try {
            key = QString::fromStdString(store::resolveTarget(conninfo).key());
        } catch (const std::exception&) {
            // Unreadable: libpq has said so already; ask for the password instead.
        }
        job.post([this, key] {
            if (key.isEmpty()) {
                emit passwordNeeded();
                return;
            }
            keychain::readPassword(key, this, [this](const QString& password) {
                if (password.isEmpty()) {
                    emit passwordNeeded();
                    return;
                }
                retryEverywhere(password);
                emit statusMessage(tr("Connecting with the password from the keychain…"));
            });
        });
    });
}

void ConnectionSession::rememberPassword(const QString& password)
{
    // Keyed by where the accepted connection actually went, as libpq resolved it.
    m_browse->run<std::string>(
        this, [](pqxx::connection& connection) { return store::targetOf(connection).key(); },
        [this, password](const std::string& key) {
            keychain::storePassword(QString::fromStdString(key), password, this, [this](const QString& error) {
                emit statusMessage(error.isEmpty() ? tr("The password is saved in the system keychain.")
                                                   : tr("The system keychain did not take the password (%1); it "
                                                        "is kept in memory for this session only.")
                                                         .arg(error));
            });
        });
}

void ConnectionSession::describeServer()
{
    const std::string conninfo = profile().connectionString();
    m_browse->run<ServerDescription>(
        this,
        [conninfo](pqxx::connection& connection) {
            const auto target = store::targetOf(connection);
            return ServerDescription { QString::fromStdString(target.user + "@" + target.host + "/" + target.dbname),
                store::transportSecurity(connection, conninfo) };
        },
        [this](const ServerDescription& server) { emit serverKnown(server.summary, server.security); });
}

void ConnectionSession::checkWriteTarget()
{
    m_browse->run<bool>(
        this, [](pqxx::connection& connection) { return store::serverRoleOf(connection).standby; },
        [this](bool standby) {
            m_standby = standby;
            emit serverRoleKnown(standby);
            if (!standby) {
                setActionsAvailable(true, {});
                return;
            }
            // Browsing a standby: actions go to the primary, if there is one to reach. Until
            // it has answered, they wait.
            setActionsAvailable(false, tr("Connected to a standby; looking for the primary for actions…"));
            m_actions->run<bool>(
                this, [](pqxx::connection& connection) { return store::serverRoleOf(connection).standby; },
                [this](bool actionsOnStandby) {
                    setActionsAvailable(!actionsOnStandby,
                        actionsOnStandby ? tr("Connected to a standby; actions need the primary. Give the "
                                              "primary in the connection dialog's Primary field (or "
                                              "--primary), or list its host in the connection string.")
                                         : QString());
                },
                [this](const QString& message) {
                    setActionsAvailable(false,
                        tr("Connected to a standby; actions need the primary, which could not be reached: %1")
                            .arg(message));
                });
        },
        [](const QString&) {
            // The connection went away meanwhile: asked again once it is back.
        });
}

void ConnectionSession::setActionsAvailable(bool available, const QString& reason)
{
    m_actionsAvailable = available;
    m_actionsUnavailableReason = reason;
    emit actionsAvailabilityChanged(available, reason);
}

namespace {

    // The core's describe() in the console's language (the same facts, the same advice).
    QString schemaDescription(const store::SchemaStatus& status)
    {
        using State = store::SchemaStatus::State;
        switch (status.state) {
        case State::Empty:
            return ConnectionSession::tr(
                "This database has no event store yet; run 'acci-admin migrate' to create the ACCI schema.");
        case State::PlainGuideSchema:
            if (status.guideUpgradeUnfinished)
                return ConnectionSession::tr("An online upgrade of the guide's event schema has begun and is not "
                                             "finished (it may be running now); run 'acci-admin migrate' to "
                                             "continue it (every event is kept).");
            return ConnectionSession::tr("This database has the guide's plain event schema; run 'acci-admin "
                                         "migrate' to upgrade it in place (every event is kept).");
        case State::Outdated:
            return ConnectionSession::tr("This database's ACCI schema is at version %1 and this program needs %2; "
                                         "run 'acci-admin migrate' to upgrade it.")
                .arg(status.appliedVersion)
                .arg(status.knownVersion);
        case State::Newer:
            return ConnectionSession::tr("This database's ACCI schema is at version %1, newer than this program "
                                         "knows (%2); use a newer release.")
                .arg(status.appliedVersion)
                .arg(status.knownVersion);
        case State::Current:
            return ConnectionSession::tr("The ACCI schema is up to date (version %1).").arg(status.appliedVersion);
        }
        return QString::fromStdString(status.describe());
    }

} // namespace

void ConnectionSession::checkSchema()
{
    m_browse->run<SchemaCheck>(
        this,
        [](pqxx::connection& connection) {
            store::SchemaStatus status;
            try {
                status = store::schemaStatus(connection);
            } catch (const std::exception& error) {
                if (store::classifyError(error) != store::ErrorKind::MissingRights)
                    throw;
                SchemaCheck check;
                check.canMigrate = false;
                check.unreadable = true;
                check.description
                    = tr("Role %1 may not read this database's event store (%2). Ask the store's owner to run "
                         "'acci-admin grant reader %1' (or writer, or operator), then check again; or connect "
                         "as a role that has the grant.")
                          .arg(QString::fromUtf8(connection.username()),
                              QString::fromStdString(store::errorDetail(error)));
                return check;
            }
            SchemaCheck check;
            check.current = status.state == store::SchemaStatus::State::Current;
            check.canMigrate = status.state != store::SchemaStatus::State::Newer;
            check.description = schemaDescription(status);
            check.access = store::accessOf(connection);
            if (check.canMigrate && !check.access.canMigrate) {
                check.canMigrate = false;
                check.description += QLatin1Char(' ')
                    + tr("Your role (%1) cannot change this database's schema: ask its owner to run "
                         "'acci-admin migrate', or connect as the owner.")
                          .arg(QString::fromStdString(check.access.role));
            }
            return check;
        },
        [this](const SchemaCheck& check) { emit schemaChecked(check); },
        [this](const QString& message) { emit statusMessage(message); });
}

bool ConnectionSession::anyReconnecting() const
{
    for (const auto* worker : { m_browse, m_log, m_monitor, m_actions })
        if (worker->state() == DatabaseWorker::State::Reconnecting)
            return true;
    return false;
}

bool ConnectionSession::idle() const
{
    return m_browse->idle() && m_log->idle() && m_monitor->idle() && m_actions->idle();
}

void ConnectionSession::loadTenants()
{
    m_browse->run<QStringList>(
        this,
        [](pqxx::connection& connection) {
            QStringList tenants;
            for (const auto& tenant : store::listTenants(connection))
                tenants << QString::fromStdString(tenant);
            return tenants;
        },
        [this](const QStringList& tenants) { emit tenantsKnown(tenants); },
        [this](const QString& message) { emit statusMessage(message); });
}

void ConnectionSession::startLive()
{
    m_tail->start();
    m_poller->start();
}

} // namespace acci::ui

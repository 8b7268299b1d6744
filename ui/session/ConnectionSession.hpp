#pragma once

#include <QObject>
#include <QString>

#include "acci/store/Connection.hpp"
#include "acci/store/Roles.hpp"
#include "session/ConnectionProfile.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

class BackgroundJob;
class LiveTail;
class MetricsPoller;

// What the window needs to know once connected: is the schema current, what may the role do.
struct SchemaCheck {
    bool current = false;
    bool canMigrate = true;
    store::RoleAccess access;
    QString description; // why the schema is not current, and what to do
    // The role may not read the schema's own tables (schema_migrations, say): not a schema
    // to migrate but a grant to ask for; the page offers to check again once granted.
    bool unreadable = false;
};

// One connection to one store, for the whole window (not a widget: MainWindow draws it).
// It owns the connections by purpose, so that a slow query in one place never delays
// another: browse (aggregates, streams, time travel, the flow, the schema), log (the global
// log's counts and pages), monitor (the metrics poller), actions (projection admin, audit;
// on the primary when the others browse a standby), and the live tail. It runs the password flow (the keychain first,
// once, then the user) and says what the window shows: the state, the server's name, how the connection travels.
class ConnectionSession : public QObject {
    Q_OBJECT
public:
    explicit ConnectionSession(const ConnectionProfile& profile, QObject* parent = nullptr);
    ~ConnectionSession() override;

    // With the password once one was given.
    const ConnectionProfile& profile() const { return m_browse->profile(); }
    DatabaseWorker* browse() const { return m_browse; }
    DatabaseWorker* log() const { return m_log; }
    DatabaseWorker* actions() const { return m_actions; }
    MetricsPoller* poller() const { return m_poller; }
    LiveTail* tail() const { return m_tail; }
    DatabaseWorker::State state() const { return m_browse->state(); }
    // Every connection has answered what it was asked.
    bool idle() const;
    // One of the connections lost its server and is connecting again (the others may be back).
    bool anyReconnecting() const;

    // The user typed a password: every connection tries again with it; remembered in the
    // keychain once the server has accepted it, when asked to.
    void submitPassword(const QString& password, bool remember);
    // Checks the schema and the role's rights again (after a migration).
    void checkSchema();
    // The live parts (tail, poller) start once the schema is known to be current.
    void startLive();
    // The store's tenants (from the aggregates table, never a scan of events): tenantsKnown.
    void loadTenants();

    // Whether actions that write can run: on a primary, yes; on a hot standby, only when the
    // primary the profile names (or libpq finds among its hosts) answers as a primary. The
    // actions connection goes there (ConnectionProfile::forWrites).
    bool onStandby() const { return m_standby; }
    bool actionsAvailable() const { return m_actionsAvailable; }
    QString actionsUnavailableReason() const { return m_actionsUnavailableReason; }

signals:
    // The browse connection's state: the one the banner follows.
    void stateChanged(acci::ui::DatabaseWorker::State state, const QString& message);
    void schemaChecked(const acci::ui::SchemaCheck& check);
    void tenantsKnown(const QStringList& tenants);
    // user@host/dbname as the server reports it, and how the connection travels.
    void serverKnown(const QString& summary, const acci::store::TransportSecurity& security);
    // The server wants a password the keychain does not have: ask the user.
    void passwordNeeded();
    // Something to say in the status bar (the keychain's answers).
    void statusMessage(const QString& message);
    void liveChanged(bool listening);
    // One of the other connections (log, monitor, actions) is back after it was lost: what
    // it serves reloads (the browse connection says so through stateChanged).
    void connectionBack(acci::ui::DatabaseWorker* worker);
    // Known once connected, and again after a reconnect (a failover may turn one into the other).
    void serverRoleKnown(bool standby);
    void actionsAvailabilityChanged(bool available, const QString& reason);

private:
    void onStateChanged(DatabaseWorker::State state, const QString& message);
    void lookUpStoredPassword();
    void rememberPassword(const QString& password);
    void retryEverywhere(const QString& password);
    void describeServer();
    void checkWriteTarget();
    void setActionsAvailable(bool available, const QString& reason);

    DatabaseWorker* m_browse;
    DatabaseWorker* m_log;
    DatabaseWorker* m_monitor;
    DatabaseWorker* m_actions;
    MetricsPoller* m_poller;
    LiveTail* m_tail;
    BackgroundJob* m_targetResolver; // libpq's resolution may wait for DNS: off the GUI thread
    QString m_passwordToRemember; // until the server accepts it
    bool m_keychainTried = false;
    bool m_standby = false;
    bool m_actionsAvailable = true;
    QString m_actionsUnavailableReason;
};

} // namespace acci::ui

#include "workers/DatabaseWorker.hpp"

#include <QMetaObject>
#include <QTimer>

#include <atomic>
#include <mutex>
#include <thread>

#include <pqxx/nontransaction>

#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "text/ErrorText.hpp"

namespace acci::ui {

// The part that lives on the worker thread: the connection, the queue of tasks while it is
// down, and the reconnect timer.
class DatabaseWorker::Engine : public QObject {
public:
    explicit Engine(DatabaseWorker* owner)
        : m_owner(owner)
        , m_profile(owner->m_profile)
        , m_applicationName(QStringLiteral("acci-console %1").arg(owner->m_purpose).toStdString())
        , m_retry(new QTimer(this)) // a child, so it moves to the worker thread with us
    {
        m_retry->setSingleShot(true);
        connect(m_retry, &QTimer::timeout, this, [this] { open(); });
    }

    void open()
    {
        m_openedOnce = true;
        try {
            auto connection = store::connect(m_profile.connectionString(), m_applicationName);
            // The console's reads are short, but a LIMIT over a filter the planner thinks rare
            // (or a stream it thinks long) is costed like a scan, and PostgreSQL would compile
            // it (JIT): 100-250 ms for a read of milliseconds. Nothing it runs gains from JIT.
            pqxx::nontransaction(*connection).exec("SET jit = off");
            {
                std::lock_guard lock(m_connectionMutex);
                m_connection = std::move(connection);
            }
            m_backoffMs = 500;
            setState(State::Connected, {});
        } catch (const std::exception& error) {
            m_lastFailure = describe(error);
            setState(m_everConnected ? State::Reconnecting : State::Failed, m_lastFailure);
            if (m_everConnected) {
                m_retry->start(m_backoffMs);
                m_backoffMs = std::min(m_backoffMs * 2, 30000);
            }
        }
    }

    void execute(const QObject* context, const Task& task)
    {
        if (!m_connection && !m_openedOnce)
            open(); // a worker that connects when first needed
        if (!m_connection) {
            const Ran ran
                = task(nullptr, m_lastFailure.isEmpty() ? tr("Not connected to the database.") : m_lastFailure, true);
            if (ran.report)
                ran.report();
            return;
        }
        {
            std::lock_guard lock(m_stateMutex);
            m_running = context;
            m_cancelTarget = nullptr;
        }
        Ran ran = task(m_connection.get(), {}, false);
        if (ran.outcome == Outcome::Cancelled) {
            bool onPurpose = false;
            {
                std::lock_guard lock(m_stateMutex);
                onPurpose = m_closing || m_cancelTarget == context;
            }
            // A cancel meant for the job before this one can reach the server late and hit
            // this one: run it again, once. One meant for this job (or the console closing)
            // drops it.
            if (!onPurpose)
                ran = task(m_connection.get(), {}, true);
        }
        {
            std::lock_guard lock(m_stateMutex);
            m_running = nullptr;
            m_cancelTarget = nullptr;
        }
        if (ran.outcome == Outcome::ConnectionBroken) {
            {
                std::lock_guard lock(m_connectionMutex);
                m_connection.reset();
            }
            m_lastFailure = tr("The connection to the database was lost; reconnecting.");
            setState(State::Reconnecting, m_lastFailure);
            m_retry->start(m_backoffMs);
        }
        if (ran.report)
            ran.report();
    }

    // From the GUI thread, which must never wait for the network: PQcancel opens a
    // connection of its own to the server and waits for its answer, so it runs on a thread
    // of its own. context nullptr: whatever runs, the console is closing.
    void cancel(const QObject* context)
    {
        {
            std::lock_guard lock(m_stateMutex);
            if (!m_running || (context && m_running != context))
                return;
            m_cancelTarget = context;
            if (!context)
                m_closing = true;
        }
        if (m_cancelling.exchange(true))
            return; // one on its way cancels whatever runs when it arrives
        if (m_canceller.joinable())
            m_canceller.join(); // the previous one has finished (m_cancelling was false)
        m_canceller = std::thread([this] {
            {
                std::lock_guard lock(m_connectionMutex);
                if (m_connection) {
                    try {
                        m_connection->cancel_query(); // PQcancel: safe from another thread
                    } catch (const std::exception&) {
                        // Best effort: a server that went away has nothing left to cancel.
                    }
                }
            }
            m_cancelling = false;
        });
    }

    void close()
    {
        m_retry->stop();
        std::lock_guard lock(m_connectionMutex);
        m_connection.reset();
    }

    ~Engine() override
    {
        if (m_canceller.joinable())
            m_canceller.join();
    }

private:
    void setState(State state, const QString& message)
    {
        if (state == State::Connected)
            m_everConnected = true;
        QMetaObject::invokeMethod(
            m_owner,
            [owner = m_owner, state, message] {
                owner->m_state = state;
                emit owner->stateChanged(state, message);
            },
            Qt::QueuedConnection);
    }

public:
    // A password was given: connect again with it.
    void reconnectWith(const ConnectionProfile& profile)
    {
        m_profile = profile;
        m_retry->stop();
        open();
    }

private:
    DatabaseWorker* m_owner;
    ConnectionProfile m_profile; // the worker thread's own copy
    std::string m_applicationName;
    std::unique_ptr<pqxx::connection> m_connection;
    // Guards m_connection's lifetime against the canceller thread (held through PQcancel:
    // only the worker and canceller threads take it, never the GUI thread).
    std::mutex m_connectionMutex;
    std::mutex m_stateMutex; // guards the three below; held briefly, also by the GUI thread
    const QObject* m_running = nullptr; // the context of the job running now
    const QObject* m_cancelTarget = nullptr; // the context a cancel was asked for
    bool m_closing = false;
    std::atomic<bool> m_cancelling { false };
    std::thread m_canceller;
    QTimer* m_retry;
    int m_backoffMs = 500;
    bool m_everConnected = false;
    bool m_openedOnce = false;
    QString m_lastFailure;
};

DatabaseWorker::DatabaseWorker(ConnectionProfile profile, const QString& purpose, Connect connectWhen, QObject* parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_purpose(purpose)
{
    m_thread.setObjectName(QStringLiteral("acci-database"));
    m_engine = new Engine(this);
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread.start();
    if (connectWhen == Connect::AtOnce)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->open(); }, Qt::QueuedConnection);
}

DatabaseWorker::~DatabaseWorker()
{
    m_engine->cancel(nullptr); // whatever runs: the console is closing
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DatabaseWorker::post(const QObject* context, Task task)
{
    ++m_jobs;
    QMetaObject::invokeMethod(
        m_engine,
        [this, engine = m_engine, context, task = std::move(task)] {
            engine->execute(context, task);
            // Counted down through the GUI thread's queue, after the job's own callback,
            // so that idle() means "its answer has been delivered".
            QMetaObject::invokeMethod(
                this, [this] { --m_jobs; }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void DatabaseWorker::retryWithPassword(const QString& password)
{
    m_profile = m_profile.withPassword(password);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, profile = m_profile] { engine->reconnectWith(profile); }, Qt::QueuedConnection);
}

void DatabaseWorker::reconnect()
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, profile = m_profile] { engine->reconnectWith(profile); }, Qt::QueuedConnection);
}

void DatabaseWorker::cancelRunning(const QObject* context)
{
    if (context)
        m_engine->cancel(context);
}

void DatabaseWorker::deliver(const QPointer<QObject>& context, std::function<void()> callback)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context.data(),
        [context, callback = std::move(callback)] {
            if (context)
                callback();
        },
        Qt::QueuedConnection);
}

QString DatabaseWorker::describe(const std::exception& error)
{
    return ErrorText::describe(error);
}

// The core's classification, so that the console and the CLI agree on what each error means.
bool DatabaseWorker::isCancellation(const std::exception& error)
{
    return store::classifyError(error) == store::ErrorKind::Cancelled;
}

bool DatabaseWorker::isConnectionFailure(const std::exception& error)
{
    return store::connectionIsLost(error);
}

} // namespace acci::ui

#include "workers/LiveTail.hpp"

#include <QSettings>

#include <pqxx/notification>
#include <pqxx/transaction>

#include "acci/store/Connection.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Replication.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {

    class Receiver : public pqxx::notification_receiver {
    public:
        Receiver(pqxx::connection& connection, LiveTail* tail)
            : notification_receiver(connection, "acci_events")
            , m_tail(tail)
        {
        }
        void operator()(const std::string& payload, int) override
        {
            emit m_tail->eventsAppended(QString::fromStdString(payload).toLongLong());
        }

    private:
        LiveTail* m_tail;
    };

} // namespace

// The listening connection and its receiver, made together on the worker thread (the
// receiver's constructor sends LISTEN), then used only on the GUI thread.
struct LiveTail::Listening {
    std::unique_ptr<pqxx::connection> connection;
    std::unique_ptr<Receiver> receiver;
};

LiveTail::LiveTail(DatabaseWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &LiveTail::start);
    m_pollTimer.setInterval(std::max(100, QSettings().value(QStringLiteral("liveTail/pollIntervalMs"), 1000).toInt()));
    connect(&m_pollTimer, &QTimer::timeout, this, &LiveTail::pollHead);
}

void LiveTail::setPollIntervalMs(int milliseconds)
{
    m_pollTimer.setInterval(std::max(100, milliseconds));
}

LiveTail::~LiveTail()
{
    drop();
}

void LiveTail::start()
{
    if (m_listening || m_polling || m_starting)
        return;
    m_starting = true;
    // A standby refuses LISTEN: ask first which kind of server this is.
    m_worker->run<bool>(
        this, [](pqxx::connection& connection) { return store::serverRoleOf(connection).standby; },
        [this](bool standby) {
            m_starting = false;
            if (standby)
                startPolling();
            else
                listen();
        },
        [this](const QString&) {
            m_starting = false;
            emit listeningChanged(false);
            retryLater();
        });
}

void LiveTail::startPolling()
{
    if (!m_pollWorker)
        m_pollWorker
            = new DatabaseWorker(m_worker->profile(), QStringLiteral("tail"), DatabaseWorker::Connect::AtOnce, this);
    m_polling = true;
    m_lastHead.clear();
    m_pollTimer.start();
    emit listeningChanged(true);
    pollHead();
}

void LiveTail::pollHead()
{
    if (m_pollInFlight)
        return; // a slow standby: skip a beat
    m_pollInFlight = true;
    m_pollWorker->run<QString>(
        this,
        [](pqxx::connection& connection) {
            // The readable head (the never-skip rule's bound), as the standby's snapshot sees the
            // primary's transactions: an event committed late on the primary is never passed.
            pqxx::read_transaction tx(connection);
            const auto head = store::readableHead(tx);
            return head ? QString::fromStdString(head->toString()) : QStringLiteral("");
        },
        [this](const QString& head) {
            m_pollInFlight = false;
            if (std::exchange(m_pollFailing, false))
                emit listeningChanged(true);
            const bool first = m_lastHead.isNull();
            const bool moved = head != m_lastHead;
            m_lastHead = head;
            if (!first && moved)
                emit eventsAppended(0);
        },
        [this](const QString&) {
            m_pollInFlight = false; // the worker reconnects; the next tick asks again
            if (!std::exchange(m_pollFailing, true))
                emit listeningChanged(false);
        });
}

void LiveTail::listen()
{
    const std::string conninfo = m_worker->profile().connectionString();
    // Connecting can take a while on a remote server: the worker does it.
    m_worker->run<std::shared_ptr<Listening>>(
        this,
        [conninfo, tail = this](pqxx::connection&) {
            auto listening = std::make_shared<Listening>();
            listening->connection = store::connect(conninfo, "acci-console tail");
            listening->receiver = std::make_unique<Receiver>(*listening->connection, tail);
            return listening;
        },
        [this](std::shared_ptr<Listening> listening) {
            m_listening = std::move(listening);
            m_notifier = new QSocketNotifier(
                static_cast<qintptr>(m_listening->connection->sock()), QSocketNotifier::Read, this);
            connect(m_notifier, &QSocketNotifier::activated, this, &LiveTail::onReadable);
            m_retryMs = FirstRetryMs;
            emit listeningChanged(true);
        },
        [this](const QString&) {
            emit listeningChanged(false); // "not listening" on screen, not a blank
            retryLater();
        });
}

void LiveTail::retryLater()
{
    // Backing off: a server refusing us (a role's connection limit) is not asked every two
    // seconds for the rest of the session, filling its log.
    m_retry.start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, MaxRetryMs);
}

void LiveTail::onReadable()
{
    try {
        m_listening->connection->get_notifs(); // reads what arrived (non-blocking) and calls the receiver
    } catch (const std::exception&) {
        drop();
        emit listeningChanged(false);
        retryLater();
    }
}

void LiveTail::drop()
{
    delete m_notifier;
    m_notifier = nullptr;
    m_listening.reset();
}

} // namespace acci::ui

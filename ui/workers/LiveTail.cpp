#include "workers/LiveTail.hpp"

#include <pqxx/notification>

#include "acci/store/Connection.hpp"
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
}

LiveTail::~LiveTail()
{
    drop();
}

void LiveTail::start()
{
    if (m_listening)
        return;
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

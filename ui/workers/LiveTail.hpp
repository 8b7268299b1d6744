#pragma once

#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

#include <pqxx/connection>

namespace acci::ui {

class DatabaseWorker;

// Follows the head of the log. On a primary it listens for NOTIFY acci_events on a
// connection of its own: the connection is opened and the LISTEN issued on the worker
// thread; then its socket is watched by a QSocketNotifier on the GUI event loop, which reads
// notifications without blocking and without polling. A hot standby refuses LISTEN (and the
// primary's notifications never reach it): there the tail polls the readable head, on a
// connection of its own, every pollIntervalMs, and says events arrived when it moved.
class LiveTail : public QObject {
    Q_OBJECT
public:
    enum class Mode { Listening, Polling };

    explicit LiveTail(DatabaseWorker* worker, QObject* parent = nullptr);
    ~LiveTail() override;

    void start();
    bool isListening() const { return m_listening != nullptr || m_polling; }
    Mode mode() const { return m_polling ? Mode::Polling : Mode::Listening; }
    // How often a standby's head is read (QSettings liveTail/pollIntervalMs, 1000 by default).
    int pollIntervalMs() const { return m_pollTimer.interval(); }
    void setPollIntervalMs(int milliseconds);

signals:
    // New events were committed; the payload is the newest global position.
    void eventsAppended(qint64 newestPosition);
    void listeningChanged(bool listening);

private:
    void listen();
    void startPolling();
    void pollHead();
    void onReadable();
    void drop();
    void retryLater();

    static constexpr int FirstRetryMs = 2000;
    static constexpr int MaxRetryMs = 60000;

    struct Listening;
    DatabaseWorker* m_worker;
    std::shared_ptr<Listening> m_listening;
    QSocketNotifier* m_notifier = nullptr;
    QTimer m_retry;
    int m_retryMs = FirstRetryMs;
    bool m_starting = false;
    // Polling (a standby): a connection of its own, so that a slow browse query never delays
    // the tail; the head last seen; one poll at a time.
    bool m_polling = false;
    DatabaseWorker* m_pollWorker = nullptr;
    QTimer m_pollTimer;
    QString m_lastHead;
    bool m_pollInFlight = false;
    bool m_pollFailing = false;
};

} // namespace acci::ui

#pragma once

#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

#include <pqxx/connection>

namespace acci::ui {

class DatabaseWorker;

// Listens for NOTIFY acci_events on a connection of its own. The connection is opened and
// the LISTEN issued on the worker thread; then its socket is watched by a QSocketNotifier on
// the GUI event loop, which reads notifications without blocking and without polling.
class LiveTail : public QObject {
    Q_OBJECT
public:
    explicit LiveTail(DatabaseWorker* worker, QObject* parent = nullptr);
    ~LiveTail() override;

    void start();
    bool isListening() const { return m_listening != nullptr; }

signals:
    // New events were committed; the payload is the newest global position.
    void eventsAppended(qint64 newestPosition);
    void listeningChanged(bool listening);

private:
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
};

} // namespace acci::ui

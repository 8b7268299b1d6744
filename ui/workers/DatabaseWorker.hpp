#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

#include <pqxx/connection>

#include "session/ConnectionProfile.hpp"

namespace acci::ui {

// The thread that owns the console's database connection. Every query runs here, never on
// the GUI thread; a job is a function of the connection that returns a plain value, and its
// result is delivered to a context object on the GUI thread (dropped if the context died).
// When the server goes away the worker reconnects with backoff and says so.
class DatabaseWorker : public QObject {
    Q_OBJECT
public:
    enum class State { Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    // purpose names the connection to the server (application_name "acci-console <purpose>"),
    // so that a DBA can tell the console's connections apart in pg_stat_activity.
    // AtOnce: connects now. OnFirstJob: connects when the first job comes (a connection
    // few sessions use costs the server nothing until then).
    enum class Connect { AtOnce, OnFirstJob };
    explicit DatabaseWorker(ConnectionProfile profile, const QString& purpose = QStringLiteral("browse"),
        Connect connectWhen = Connect::AtOnce, QObject* parent = nullptr);
    ~DatabaseWorker() override;

    // Runs job(connection) on the worker thread, then onDone(result) or onError(message) on
    // context's thread. A job that fails because the connection broke triggers a reconnect.
    template <typename Result>
    void run(QObject* context, std::function<Result(pqxx::connection&)> job, std::function<void(Result)> onDone,
        std::function<void(QString)> onError = {})
    {
        QPointer<QObject> guard(context);
        post(context,
            [guard, job = std::move(job), onDone = std::move(onDone), onError = std::move(onError)](
                pqxx::connection* connection, const QString& failure, bool lastTry) -> Ran {
                const auto reportError = [guard, onError](const QString& message) {
                    return [guard, onError, message] {
                        deliver(guard, [onError, message] {
                            if (onError)
                                onError(message);
                        });
                    };
                };
                if (!connection)
                    return { Outcome::Done, reportError(failure) };
                try {
                    auto result = std::make_shared<Result>(job(*connection));
                    return { Outcome::Done,
                        [guard, onDone, result] { deliver(guard, [onDone, result] { onDone(std::move(*result)); }); } };
                } catch (const std::exception& error) {
                    // The worker decides: dropped (cancelled on purpose) or run again (a
                    // cancel meant for another job); a second cancel (statement_timeout,
                    // a DBA) is reported like any error.
                    if (isCancellation(error) && !lastTry)
                        return { Outcome::Cancelled, {} };
                    return { isConnectionFailure(error) ? Outcome::ConnectionBroken : Outcome::Done,
                        reportError(describe(error)) };
                }
            });
    }

    // Cancels, on the server, the query that a job of this context is running now, if one
    // is: a view the user has left no longer needs it. Its callbacks are not called.
    void cancelRunning(const QObject* context);

    const ConnectionProfile& profile() const { return m_profile; }
    // Connects again with this password (after a refusal for lack of one). Kept in memory only.
    void retryWithPassword(const QString& password);
    // Tries to connect again now (after a refusal that may have passed: a connection limit).
    void reconnect();
    State state() const { return m_state; }
    // No job queued or running (a busy indicator's question, and a test's).
    bool idle() const { return m_jobs.load() == 0; }

signals:
    void stateChanged(acci::ui::DatabaseWorker::State state, const QString& message);

private:
    enum class Outcome { Done, ConnectionBroken, Cancelled };
    // What a job did, and how to tell its context: the worker sends the report after it has
    // announced a broken connection, so that the GUI knows the server went away before it
    // hears that a job failed (and leaves the saying to the banner).
    struct Ran {
        Outcome outcome;
        std::function<void()> report;
    };
    using Task = std::function<Ran(pqxx::connection*, const QString& failure, bool lastTry)>;
    void post(const QObject* context, Task task);
    static void deliver(const QPointer<QObject>& context, std::function<void()> callback);
    static QString describe(const std::exception& error);
    static bool isConnectionFailure(const std::exception& error);
    static bool isCancellation(const std::exception& error);

    class Engine;
    ConnectionProfile m_profile;
    QString m_purpose;
    QThread m_thread;
    Engine* m_engine = nullptr; // lives on m_thread
    std::atomic<int> m_jobs { 0 }; // queued or running; their callbacks may still be on the way
    State m_state = State::Connecting;
};

} // namespace acci::ui

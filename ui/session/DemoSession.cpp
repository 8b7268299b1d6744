#include "session/DemoSession.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QMetaObject>
#include <QTemporaryDir>

#include <chrono>
#include <filesystem>

#include "acci/demo/DemoData.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/util/Time.hpp"
#include "text/ErrorText.hpp"

namespace acci::ui {

DemoSession::DemoSession(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

DemoSession::~DemoSession()
{
    m_stopping = true;
    if (m_starter.joinable())
        m_starter.join();
    if (m_generator.joinable())
        m_generator.join();
    m_server.reset(); // stops the server
    if (m_ownsDirectory)
        std::filesystem::remove_all(m_options.directory.toStdString());
}

void DemoSession::start()
{
    if (m_options.directory.isEmpty()) {
        // Under /tmp so that, run as root, the server's unprivileged account can reach it.
        m_options.directory = QStringLiteral("/tmp/acci-console-demo-%1").arg(QCoreApplication::applicationPid());
        m_ownsDirectory = true;
    }
    m_starter = std::thread([this] {
        auto report = [this](const QString& message) {
            QMetaObject::invokeMethod(
                this, [this, message] { emit progress(message); }, Qt::QueuedConnection);
        };
        try {
            report(tr("Starting the demo PostgreSQL…"));
            m_server = std::make_unique<local::LocalPostgres>(
                local::LocalPostgres::Options { m_options.directory.toStdString(), "acci" });
            auto connection = store::connect(m_server->conninfo(), "acci-demo");
            store::migrate(*connection);
            store::EventStore eventStore(*connection);
            if (eventStore.statistics().eventCount == 0 && m_options.events > 0) {
                report(tr("Writing %1 demo events…").arg(m_options.events));
                demo::fillDemoData(eventStore, m_options.events, 7, 42, [&](std::int64_t done) {
                    if (done % 5000 < 1000)
                        report(tr("Writing demo events: %1 of %2").arg(done).arg(m_options.events));
                });
            }
            const QString conninfo = QString::fromStdString(m_server->conninfo());
            QMetaObject::invokeMethod(
                this,
                [this, conninfo] {
                    m_conninfo = conninfo;
                    if (m_options.eventsPerSecond > 0)
                        m_generator = std::thread([this] { generate(); });
                    emit ready(conninfo);
                },
                Qt::QueuedConnection);
        } catch (const std::exception& error) {
            const QString message = ErrorText::describe(error);
            QMetaObject::invokeMethod(
                this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
        }
    });
}

void DemoSession::generate()
{
    try {
        auto connection = store::connect(m_server->conninfo(), "acci-demo-generator");
        store::EventStore eventStore(*connection);
        demo::DemoWorld world(static_cast<unsigned>(util::nowUs()));
        int users = 0;
        int orders = 0;
        for (const auto& type : eventStore.aggregateTypes()) {
            if (type.aggregateType == "User")
                users = static_cast<int>(type.count);
            if (type.aggregateType == "Order")
                orders = static_cast<int>(type.count);
        }
        world.continueAfter(users, orders);
        const auto pause = std::chrono::microseconds(static_cast<long long>(1e6 / m_options.eventsPerSecond));
        while (!m_stopping) {
            // A flow's steps happen one after another, a moment apart, as they would live.
            for (auto& step : world.nextFlow(util::nowUs(), 0.0)) {
                if (m_stopping)
                    return;
                const auto count = step.events.size();
                eventStore.append(
                    step.aggregateId, step.aggregateType, store::ExpectedVersion::Any, std::move(step.events));
                std::this_thread::sleep_for(pause * static_cast<long long>(count));
            }
        }
    } catch (const std::exception&) {
        // The server is stopping, or went away: the trickle ends, the console says the rest.
    }
}

} // namespace acci::ui

#include "session/DemoSession.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <chrono>
#include <filesystem>
#include <thread>

#include "acci/demo/DemoData.hpp"
#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/util/Time.hpp"
#include "text/ErrorText.hpp"
#include "workers/BackgroundJob.hpp"

namespace acci::ui {

DemoSession::DemoSession(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_starter(std::make_unique<BackgroundJob>())
    , m_generator(std::make_unique<BackgroundJob>())
{
}

DemoSession::~DemoSession()
{
    m_generator.reset(); // cancels the trickle and waits for it
    m_starter.reset(); // initdb cannot be interrupted: waits for it
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
    m_starter->start([this](BackgroundJob& job, const util::CancelToken&) {
        auto report = [this, &job](const QString& message) { job.post([this, message] { emit progress(message); }); };
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
                report(tr("Catching up the demo's projections…"));
                demo::addShowcase(*connection);
            }
            const QString conninfo = QString::fromStdString(m_server->conninfo());
            job.post([this, conninfo] {
                m_conninfo = conninfo;
                if (m_options.eventsPerSecond > 0)
                    m_generator->start([this](BackgroundJob&, const util::CancelToken& cancel) { generate(cancel); });
                emit ready(conninfo);
            });
        } catch (const std::exception& error) {
            const QString message = ErrorText::describe(error);
            job.post([this, message] { emit failed(message); });
        }
    });
}

void DemoSession::generate(const util::CancelToken& cancel)
{
    try {
        auto connection = store::connect(m_server->conninfo(), "acci-demo-generator");
        store::EventStore eventStore(*connection);
        demo::DemoWorld world(static_cast<unsigned>(util::nowUs()));
        world.continueAfterStore(*connection);
        const auto pause = std::chrono::microseconds(static_cast<long long>(1e6 / m_options.eventsPerSecond));
        while (!cancel.cancelled()) {
            // A flow's steps happen one after another, a moment apart, as they would live.
            for (auto& step : world.nextFlow(util::nowUs(), 0.0)) {
                if (cancel.cancelled())
                    return;
                const auto count = step.events.size();
                eventStore.append(
                    step.aggregateId, step.aggregateType, store::ExpectedVersion::Any, std::move(step.events));
                // In short naps, so that closing the console never waits for a long pause.
                for (auto left = pause * static_cast<long long>(count); left.count() > 0 && !cancel.cancelled();
                     left -= std::chrono::milliseconds(50))
                    std::this_thread::sleep_for(
                        std::min<std::chrono::microseconds>(left, std::chrono::milliseconds(50)));
            }
        }
    } catch (const std::exception&) {
        // The server is stopping, or went away: the trickle ends, the console says the rest.
    }
}

} // namespace acci::ui

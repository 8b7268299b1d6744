#include "acci/write/UserCommandHandler.hpp"

#include <algorithm>

#include "acci/util/Time.hpp"

namespace acci::write {

UserCommandHandler::UserCommandHandler(store::EventStore& store, int snapshotEvery, int conflictAttempts)
    : m_store(store)
    , m_snapshotEvery(snapshotEvery)
    , m_conflictAttempts(std::max(1, conflictAttempts))
{
}

User UserCommandHandler::load(const std::string& userId)
{
    User user;
    if (const auto snapshot = m_store.loadSnapshot(userId); snapshot && snapshot->aggregateType == UserAggregateType)
        user = User::fromSnapshot(snapshot->state, snapshot->version);
    constexpr int page = 1000;
    for (;;) {
        const auto events = m_store.readStream(userId, user.version() + 1, page);
        for (const auto& event : events)
            user.apply(event);
        if (events.size() < page)
            return user;
    }
}

// The events a command appended: consecutive versions of one stream, from its first event.
std::vector<store::RecordedEvent> UserCommandHandler::eventsOfCommand(
    const store::RecordedEvent& first, const std::string& commandId)
{
    std::vector<store::RecordedEvent> events;
    for (auto& event : m_store.readStream(first.aggregateId, first.version, 100)) {
        if (event.metadata().value("command_id", "") != commandId)
            break;
        events.push_back(std::move(event));
    }
    return events;
}

template <typename T, typename Decide>
std::vector<store::RecordedEvent> UserCommandHandler::execute(
    const Command<T>& command, const std::string& userId, Decide decide)
{
    if (command.id.empty())
        throw CommandRejected("The command has no id; give every command a unique id so retries are safe.");
    if (userId.empty())
        throw CommandRejected("The user id is empty; give the id of the user.");

    // Idempotency by command id: if its first event is stored, the command was handled.
    if (const auto done = m_store.readByIds({ eventIdFor(command.id, 0) }); !done.empty())
        return eventsOfCommand(done.front(), command.id);

    for (int attempt = 1;; ++attempt) {
        const User user = load(userId);
        std::vector<store::NewEvent> events = decide(user);
        if (events.empty())
            return {};
        const auto metadata = eventMetadataFor(command.id, command.metadata);
        for (std::size_t i = 0; i < events.size(); ++i) {
            events[i].id = eventIdFor(command.id, i);
            events[i].metadata = metadata;
            if (command.metadata.timestampUs)
                events[i].timestampUs = command.metadata.timestampUs;
        }
        try {
            const auto appended = m_store.append(userId, UserAggregateType, user.version(), events);
            if (m_snapshotEvery > 0 && appended.lastVersion / m_snapshotEvery > user.version() / m_snapshotEvery) {
                User next = user;
                for (std::size_t i = 0; i < events.size(); ++i)
                    next.apply(events[i].eventType, events[i].data, appended.firstVersion + static_cast<int>(i));
                m_store.saveSnapshot({ userId, UserAggregateType, next.version(), next.toJson(), util::nowUs() });
            }
            return m_store.readStream(userId, appended.firstVersion, appended.lastVersion - appended.firstVersion + 1);
        } catch (const store::ConcurrencyError&) {
            if (attempt >= m_conflictAttempts)
                throw;
        }
    }
}

std::vector<store::RecordedEvent> UserCommandHandler::handle(const Command<CreateUser>& command)
{
    return execute(command, command.data.userId, [&](const User& user) { return user.processCreate(command.data); });
}

std::vector<store::RecordedEvent> UserCommandHandler::handle(const Command<UpdateUser>& command)
{
    return execute(command, command.data.userId, [&](const User& user) { return user.processUpdate(command.data); });
}

std::vector<store::RecordedEvent> UserCommandHandler::handle(const Command<DeactivateUser>& command)
{
    return execute(
        command, command.data.userId, [&](const User& user) { return user.processDeactivate(command.data); });
}

} // namespace acci::write

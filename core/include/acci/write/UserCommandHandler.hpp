#pragma once

#include "acci/store/EventStore.hpp"
#include "acci/write/Command.hpp"
#include "acci/write/User.hpp"

namespace acci::write {

// Handles the User commands: validate, load (snapshot + later events), decide, append with
// the expected version. A concurrency conflict reloads and decides again, a few times.
class UserCommandHandler : public CommandHandler<CreateUser>,
                           public CommandHandler<UpdateUser>,
                           public CommandHandler<DeactivateUser> {
public:
    // snapshotEvery: save a snapshot when a command crosses a multiple of this version (0: never).
    // conflictAttempts: how many times a command is decided again after losing a race.
    explicit UserCommandHandler(store::EventStore& store, int snapshotEvery = 100, int conflictAttempts = 3);

    std::vector<store::RecordedEvent> handle(const Command<CreateUser>& command) override;
    std::vector<store::RecordedEvent> handle(const Command<UpdateUser>& command) override;
    std::vector<store::RecordedEvent> handle(const Command<DeactivateUser>& command) override;

    // The current state of a user from the write model.
    User load(const std::string& userId);

private:
    std::vector<store::RecordedEvent> eventsOfCommand(const store::RecordedEvent& first, const std::string& commandId);
    template <typename T, typename Decide>
    std::vector<store::RecordedEvent> execute(const Command<T>& command, const std::string& userId, Decide decide);

    store::EventStore& m_store;
    int m_snapshotEvery;
    int m_conflictAttempts;
};

} // namespace acci::write

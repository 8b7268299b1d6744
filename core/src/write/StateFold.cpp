#include "acci/write/StateFold.hpp"

#include "acci/store/Errors.hpp"
#include "acci/write/User.hpp"

namespace acci::write {

FoldedState foldCurrentState(store::EventStore& store, const std::string& aggregateId)
{
    const auto info = store.aggregate(aggregateId);
    if (!info)
        throw store::InvalidInputError("Aggregate '" + aggregateId + "' has no events; check the id.");
    FoldedState folded;
    folded.aggregateType = info->aggregateType;
    const bool isUser = info->aggregateType == UserAggregateType;
    User user;
    if (const auto snapshot = store.loadSnapshot(aggregateId)) {
        folded.version = snapshot->version;
        folded.state = snapshot->state;
        if (isUser)
            user = User::fromSnapshot(snapshot->state, snapshot->version);
    }
    constexpr int page = 1000;
    for (;;) {
        const auto events = store.readStream(aggregateId, folded.version + 1, page);
        for (const auto& event : events) {
            if (isUser)
                user.apply(event);
            else
                folded.state.merge_patch(event.data());
            folded.version = event.version;
        }
        if (events.size() < page)
            break;
    }
    if (isUser)
        folded.state = user.toJson();
    return folded;
}

} // namespace acci::write

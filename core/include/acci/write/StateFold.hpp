#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "acci/store/EventStore.hpp"

namespace acci::write {

// An aggregate's current state, for snapshots: the User aggregate folds its own events; any
// other type folds by JSON merge patch of each event's data (RFC 7386), the time-travel
// default. Starts from the stored snapshot when there is one.
struct FoldedState {
    nlohmann::json state = nlohmann::json::object();
    int version = 0;
    std::string aggregateType;
};

FoldedState foldCurrentState(store::EventStore& store, const std::string& aggregateId);

} // namespace acci::write

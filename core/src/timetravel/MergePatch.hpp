#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "acci/timetravel/Origins.hpp"
#include "acci/timetravel/ReducerRules.hpp"

namespace acci::timetravel::detail {

// RFC 7386 merge patch of `patch` into `target` (at `pointer` in the state) that keeps the
// provenance of every field it touches in `origins`, as written by `version`: the default
// reducer, and the rules' "merge" op. `hints`, when given, are the fold's (MergeHints).
void mergeWithOrigins(nlohmann::json& target, const nlohmann::json& patch, const std::string& pointer, Origins& origins,
    int version, MergeHints* hints = nullptr);

} // namespace acci::timetravel::detail

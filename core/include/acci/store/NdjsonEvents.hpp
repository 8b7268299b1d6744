#pragma once

#include <istream>
#include <vector>

#include "acci/store/Event.hpp"

namespace acci::store {

// Reads events to append from NDJSON: one JSON object per line with "event_type" (required),
// "data" and "metadata" (objects, default {}) and "id" (a UUID, default generated on append).
// Blank lines are skipped. Every line is checked before any is returned: a bad line throws
// InvalidInputError naming the line and what to do, so that bad input appends nothing.
// A number that would not survive the trip exactly (1e400, 30 significant digits) is refused
// rather than rounded.
std::vector<NewEvent> readNewEventsNdjson(std::istream& in);

} // namespace acci::store

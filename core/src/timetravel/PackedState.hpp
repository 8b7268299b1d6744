#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "acci/timetravel/Origins.hpp"

namespace acci::timetravel::detail {

// A JSON value as one buffer, for checkpoints (issue 13): a tag byte per value, lengths,
// counts and integers as varints (zigzag for signed ones), floats as their 8 bytes, object
// members in the map's order. Exact for every nlohmann::json (types, -0.0, NaN, binary).
// Against a copy of the tree it costs one allocation instead of one per node, about a ninth of
// the memory (a ledger's entry: 11 bytes instead of ~100), and freeing it is one call;
// unpacking builds the tree as a copy would, appending every key at its place (the members
// come sorted).
//
// packInto packs `value` into `out` (replacing what it held) and returns its size in
// StateFolder's units: a load measures and packs a state in one walk, in one buffer it reuses,
// and copies the result out at its size when a checkpoint is due. With `leaves`, it tells them
// each leaf of the state as it packs it (as unpackJson tells a LeafOrderReader), so the
// checkpoint's provenance is found in the same walk.
std::size_t packInto(const nlohmann::json& value, std::string& out, Origins::LeafOrderWriter* leaves = nullptr);
nlohmann::json unpackJson(std::string_view packed);
// The same, telling `leaves` each leaf of the state as it is made (Origins' sense of a leaf:
// a scalar, an array or an empty object, never the root).
nlohmann::json unpackJson(std::string_view packed, Origins::LeafOrderReader& leaves);

} // namespace acci::timetravel::detail

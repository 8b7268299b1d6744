#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::timetravel {

// Provenance: for each leaf of the state (a JSON pointer to a scalar, an array or an empty
// object) the version of the event that last set it. Arrays count as one field.
class Origins {
public:
    // The value at `pointer` was (re)written by `version`: its old leaves go, its new leaves
    // (and the pointer's ancestors, which may have been leaves before) are updated.
    void assign(const std::string& pointer, const nlohmann::json& value, int version);
    // The field at `pointer` and everything under it are gone.
    void erase(const std::string& pointer);
    // The fast path of a merge, which knows more than assign() can: `pointer` now holds a
    // leaf value, its ancestors are objects already (not leaves), and it had descendants
    // only if `hadDescendants`.
    void setLeaf(const std::string& pointer, int version, bool hadDescendants);
    // Ancestors of `pointer` that were leaves (an empty object, a scalar) are leaves no more.
    void eraseAncestors(const std::string& pointer);
    // Only the entry of `pointer` itself goes (a leaf that became an object).
    void eraseExact(const std::string& pointer) { m_byPointer.erase(pointer); }

    const std::map<std::string, int>& byPointer() const { return m_byPointer; }
    // The version that set `pointer` (or the nearest ancestor that is a leaf); for an object,
    // the newest version among its fields; 0 when nothing set it.
    int versionOf(const std::string& pointer) const;

    bool operator==(const Origins&) const = default;

    // The versions of `state`'s leaves in the order a walk of the state meets them: a compact
    // copy (4 bytes a field instead of its pointer) for checkpoints. nullopt when these
    // origins are not exactly the state's leaves, which a compact copy could not restore.
    std::optional<std::vector<int>> versionsInLeafOrder(const nlohmann::json& state) const;
    // The origins versionsInLeafOrder() gave for the same state.
    static Origins fromLeafOrder(const nlohmann::json& state, const std::vector<int>& versions);

private:
    void recordLeaves(const std::string& pointer, const nlohmann::json& value, int version);
    std::map<std::string, int> m_byPointer;
};

// "/a~1b" for the key "a/b" (RFC 6901).
std::string escapePointerToken(const std::string& key);
// Appends the key, escaped, to `pointer` (without the leading "/").
void appendPointerToken(std::string& pointer, const std::string& key);

} // namespace acci::timetravel

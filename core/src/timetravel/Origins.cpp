#include "acci/timetravel/Origins.hpp"

#include <algorithm>

namespace acci::timetravel {

void appendPointerToken(std::string& pointer, const std::string& key)
{
    // find_first_of with a set calls memchr once per character of the key: a plain loop
    // is several times cheaper, and the fold does this for every field it merges.
    if (std::none_of(key.begin(), key.end(), [](char c) { return c == '~' || c == '/'; })) {
        pointer += key; // the common case, in one copy
        return;
    }
    for (char c : key) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer += c;
    }
}

std::string escapePointerToken(const std::string& key)
{
    std::string escaped;
    escaped.reserve(key.size());
    appendPointerToken(escaped, key);
    return escaped;
}

namespace {

    // Calls visit(pointer) for each leaf under `value` in key order: a scalar, an array or an
    // empty object, never the root itself. Stops, returning false, when visit does.
    template <class Visit> bool forEachLeaf(const nlohmann::json& value, std::string& pointer, Visit& visit)
    {
        if (value.is_object() && !value.empty()) {
            const std::size_t length = pointer.size();
            for (const auto& [key, child] : value.items()) {
                pointer += '/';
                appendPointerToken(pointer, key);
                if (!forEachLeaf(child, pointer, visit))
                    return false;
                pointer.resize(length);
            }
            return true;
        }
        return pointer.empty() || visit(pointer);
    }

} // namespace

void Origins::erase(const std::string& pointer)
{
    m_byPointer.erase(pointer);
    // Descendants sort right after "pointer/" ("/" is below every other printable byte that
    // could follow, except those that make a different key, which fail the prefix test).
    const std::string prefix = pointer + "/";
    auto it = m_byPointer.lower_bound(prefix);
    while (it != m_byPointer.end() && it->first.compare(0, prefix.size(), prefix) == 0)
        it = m_byPointer.erase(it);
}

void Origins::eraseAncestors(const std::string& pointer)
{
    for (auto slash = pointer.rfind('/'); slash != std::string::npos && slash > 0;
         slash = pointer.rfind('/', slash - 1))
        m_byPointer.erase(pointer.substr(0, slash));
}

void Origins::setLeaf(const std::string& pointer, int version, bool hadDescendants)
{
    if (hadDescendants)
        erase(pointer);
    m_byPointer.insert_or_assign(pointer, version);
}

void Origins::assign(const std::string& pointer, const nlohmann::json& value, int version)
{
    erase(pointer);
    eraseAncestors(pointer);
    recordLeaves(pointer, value, version);
}

void Origins::recordLeaves(const std::string& pointer, const nlohmann::json& value, int version)
{
    std::string path = pointer;
    auto visit = [&](const std::string& leaf) {
        // Leaves mostly come in pointer order (object keys are sorted): the end is the hint.
        m_byPointer.insert_or_assign(m_byPointer.end(), leaf, version);
        return true;
    };
    forEachLeaf(value, path, visit);
}

int Origins::versionOf(const std::string& pointer) const
{
    std::string current = pointer;
    for (;;) {
        if (const auto it = m_byPointer.find(current); it != m_byPointer.end())
            return it->second;
        const auto slash = current.rfind('/');
        if (slash == std::string::npos || current.empty())
            break;
        current.resize(slash);
    }
    // An object: the newest of its fields.
    int newest = 0;
    const std::string prefix = pointer + "/";
    for (auto it = m_byPointer.lower_bound(prefix);
         it != m_byPointer.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        newest = std::max(newest, it->second);
    return newest;
}

std::optional<std::vector<int>> Origins::versionsInLeafOrder(const nlohmann::json& state) const
{
    std::vector<int> versions;
    versions.reserve(m_byPointer.size());
    std::string pointer;
    // The walk meets the leaves mostly in the map's order: try the entry after the last one
    // found before searching.
    auto next = m_byPointer.begin();
    auto visit = [&](const std::string& leaf) {
        auto it = next != m_byPointer.end() && next->first == leaf ? next : m_byPointer.find(leaf);
        if (it == m_byPointer.end())
            return false;
        versions.push_back(it->second);
        next = std::next(it);
        return true;
    };
    if (!forEachLeaf(state, pointer, visit) || versions.size() != m_byPointer.size())
        return std::nullopt;
    return versions;
}

Origins Origins::fromLeafOrder(const nlohmann::json& state, const std::vector<int>& versions)
{
    Origins origins;
    std::size_t next = 0;
    std::string pointer;
    auto visit = [&](const std::string& leaf) {
        if (next == versions.size())
            return false;
        // Leaves mostly come in pointer order (object keys are sorted): the end is the hint.
        origins.m_byPointer.insert_or_assign(origins.m_byPointer.end(), leaf, versions[next++]);
        return true;
    };
    forEachLeaf(state, pointer, visit);
    return origins;
}

} // namespace acci::timetravel

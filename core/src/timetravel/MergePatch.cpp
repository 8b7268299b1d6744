#include "timetravel/MergePatch.hpp"

#include <algorithm>
#include <iterator>

namespace acci::timetravel {

using nlohmann::json;

namespace {

    // RFC 7386 merge patch that also keeps the provenance of every field it touches.
    // `pointer` is the target's JSON pointer; it is extended in place for each child and
    // restored, so that folding a long stream does not build a new string per field. `hints`
    // (may be null) are forgotten before anything they could point into is destroyed.
    void mergeInto(
        json& target, const json& patch, std::string& pointer, Origins& origins, int version, MergeHints* hints)
    {
        if (!patch.is_object()) {
            if (hints && target.is_structured())
                hints->clear();
            if (pointer.empty()) { // the whole state replaced by a non-object
                target = patch;
                origins.assign(pointer, target, version);
                return;
            }
            const bool hadDescendants = target.is_structured() && !target.empty();
            target = patch;
            // Arrays and scalars are leaves; the ancestors are objects (this recursion made them so).
            origins.setLeaf(pointer, version, hadDescendants);
            return;
        }
        if (!target.is_object()) {
            if (target.is_array() && !target.empty())
                origins.erase(pointer);
            else
                origins.eraseExact(pointer); // a scalar (or null, or []) leaf becomes an object
            if (hints && target.is_array())
                hints->clear();
            target = json::object();
        } else if (target.empty()) {
            origins.eraseExact(pointer); // an empty object was a leaf; it gets fields now
        }
        const std::size_t length = pointer.size();
        auto& members = *target.get_ptr<json::object_t*>();
        for (const auto& [key, value] : *patch.get_ptr<const json::object_t*>()) {
            pointer += '/';
            appendPointerToken(pointer, key);
            if (value.is_null()) {
                if (hints)
                    hints->clear();
                members.erase(key);
                origins.erase(pointer);
            } else {
                // Found before inserting: json's operator[] makes a node (and a copy of the
                // key) for every key, and frees it again when the key is there (issue 13).
                auto at = hints ? hints->lowerBound(members, key) : members.lower_bound(key);
                if (at == members.end() || at->first != key)
                    at = members.emplace_hint(at, key, nullptr);
                mergeInto(at->second, value, pointer, origins, version, hints);
                if (hints)
                    hints->remember(members, at);
            }
            pointer.resize(length);
        }
        if (target.empty() && !pointer.empty())
            origins.setLeaf(pointer, version, false);
    }

} // namespace

namespace detail {

    void mergeWithOrigins(
        json& target, const json& patch, const std::string& pointer, Origins& origins, int version, MergeHints* hints)
    {
        // One buffer per thread for the pointers: a fold merges every event through here, and
        // a fresh string each time was an allocation per event. Not reentrant, and need not be:
        // mergeInto recurses on the buffer it is given, never back into this function.
        thread_local std::string path;
        path = pointer;
        mergeInto(target, patch, path, origins, version, hints);
    }

} // namespace detail

MergeHints::Members::iterator MergeHints::lowerBound(Members& members, const std::string& key) const
{
    for (std::size_t i = 0; i < m_count; ++i) {
        if (m_hints[i].members != &members)
            continue;
        const auto written = m_hints[i].written;
        const int order = written->first.compare(key);
        if (order == 0)
            return written;
        if (order < 0) {
            const auto after = std::next(written);
            if (after == members.end() || key <= after->first)
                return after;
        }
        break; // one hint per object
    }
    return members.lower_bound(key);
}

void MergeHints::remember(Members& members, Members::iterator written)
{
    std::size_t at = 0;
    while (at < m_count && m_hints[at].members != &members)
        ++at;
    if (at == m_count && m_count < kSize)
        ++m_count;
    for (std::size_t i = std::min(at, kSize - 1); i > 0; --i)
        m_hints[i] = m_hints[i - 1];
    m_hints[0] = { &members, written };
}

} // namespace acci::timetravel

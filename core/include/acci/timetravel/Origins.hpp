#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::timetravel {

// Provenance: for each leaf of the state (a JSON pointer to a scalar, an array or an empty
// object) the version of the event that last set it. Arrays count as one field.
//
// Held in two parts (issue 13): the settled entries, sorted, their pointers packed in one
// buffer, and the changes since in a map that overrides them (a tombstone hides a settled
// entry). A jump restores a checkpoint's provenance as one buffer and one array instead of a
// map node per field, copying settled origins is two flat copies, and a jump's replay writes
// to a map of its own changes rather than of every field. settle() merges the changes in:
// the load does it for the checkpoints that keep origins whole, the newest one included.
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
    void eraseExact(const std::string& pointer);

    // Merges the recent changes into the settled entries: a copy is then two flat copies
    // (a checkpoint's, which every jump to it makes).
    void settle()
    {
        if (!m_recent.empty())
            compact();
    }

    // Every leaf's pointer and version, in pointer order (a copy: for printing and tests).
    std::map<std::string, int> byPointer() const;
    std::size_t size() const;
    // At most size(), in constant time: a fold asks it after every event (StateFolder::load).
    std::size_t sizeAtLeast() const;
    // The version that set `pointer` (or the nearest ancestor that is a leaf); for an object,
    // the newest version among its fields; 0 when nothing set it.
    int versionOf(const std::string& pointer) const;

    bool operator==(const Origins& other) const;

    // The versions of `state`'s leaves in the order a walk of the state meets them: a compact
    // copy (4 bytes a field instead of its pointer) for checkpoints. nullopt when these
    // origins are not exactly the state's leaves, which a compact copy could not restore.
    std::optional<std::vector<int>> versionsInLeafOrder(const nlohmann::json& state) const;
    // The origins versionsInLeafOrder() gave for the same state.
    static Origins fromLeafOrder(const nlohmann::json& state, const std::vector<int>& versions);
    // The same, fed leaf by leaf (below).
    class LeafOrderReader;
    // versionsInLeafOrder() told leaf by leaf (below).
    class LeafOrderWriter;

private:
    class Cursor;
    struct Settled {
        std::size_t offset = 0; // of the pointer in m_settledText
        std::size_t length = 0;
        int version = 0;
    };
    // A recent change that hides a settled entry (the field is gone).
    static constexpr int kGone = std::numeric_limits<int>::min();

    std::string_view settledKey(std::size_t index) const
    {
        return { m_settledText.data() + m_settled[index].offset, m_settled[index].length };
    }
    std::size_t settledLowerBound(std::string_view key) const;
    // Whether the settled entry at `at` (a lower bound of `key`) is `key`'s.
    bool isSettledAt(std::size_t at, std::string_view key) const;
    bool isSettled(std::string_view key) const;
    std::optional<int> lookup(std::string_view key) const;
    void set(const std::string& pointer, int version);
    void remove(const std::string& pointer);
    void removeDescendants(const std::string& pointer);
    void clear();
    void compact();
    void rewriteText();
    void recordLeaves(const std::string& pointer, const nlohmann::json& value, int version);
    // Replacing everything with settled entries given in walk order: start (with how many,
    // when known), add each, finish (which puts them in pointer order).
    void startSettling(std::size_t expected);
    void addSettled(std::string_view pointer, int version)
    {
        m_settled.push_back({ m_settledText.size(), pointer.size(), version });
        m_settledText += pointer;
    }
    void finishSettling();

    using Recent = std::map<std::string, int, std::less<>>;

    // Where the last few set() calls wrote. A fold writes the same few places event after
    // event (a balance, the next entry of a ledger): from there the place of the next write
    // is found with two comparisons, where a search of a whole stream's changes took
    // seventeen (a fifth of a 100k-event ledger's load, issue 13). Any erase forgets them; a
    // copy or a move starts without them, and a move leaves none behind (they point into one
    // map). Copying and moving them cannot throw, so Origins still move without throwing.
    class SetHints {
    public:
        SetHints() = default;
        SetHints(const SetHints&) noexcept { }
        // The origins moved from keep no hints either: theirs point into the map that moved.
        SetHints(SetHints&& other) noexcept { other.clear(); }
        SetHints& operator=(const SetHints&) noexcept
        {
            clear();
            return *this;
        }
        SetHints& operator=(SetHints&& other) noexcept
        {
            clear();
            other.clear();
            return *this;
        }
        void clear() noexcept { m_count = 0; }
        struct Near {
            Recent::iterator at;
            bool exact; // `at` is the entry of the pointer; otherwise the place to insert it before
        };
        // The entry of `pointer` if a hint holds it, or the place to insert it before, if
        // a hint is just below it; nullopt when no hint is near.
        std::optional<Near> find(Recent& recent, std::string_view pointer) const;
        void remember(Recent::iterator written);

    private:
        static constexpr std::size_t kSize = 4;
        std::array<Recent::iterator, kSize> m_hints {}; // the newest first
        std::size_t m_count = 0;
    };

    std::string m_settledText;
    std::size_t m_deadText = 0; // bytes of m_settledText no settled entry points to
    std::vector<Settled> m_settled; // sorted by pointer
    Recent m_recent; // overrides m_settled; kGone hides one
    SetHints m_setHints;
};

// Origins::fromLeafOrder() fed leaf by leaf, in the order a walk of the state meets them: a
// jump feeds it while it unpacks a checkpoint, so the state is made and its origins found in
// one pass instead of walking the new state again (issue 13).
class Origins::LeafOrderReader {
public:
    explicit LeafOrderReader(const std::vector<int>& versions)
        : m_versions(versions)
    {
        m_origins.startSettling(versions.size());
    }
    // The next leaf (leaves past the versions' end are ignored).
    void leaf(std::string_view pointer)
    {
        if (m_next < m_versions.size())
            m_origins.addSettled(pointer, m_versions[m_next++]);
    }
    Origins finish() &&
    {
        m_origins.finishSettling();
        return std::move(m_origins);
    }

private:
    const std::vector<int>& m_versions;
    std::size_t m_next = 0;
    Origins m_origins;
};

// versionsInLeafOrder() told leaf by leaf, in the order a walk of the state meets them: the
// load packs a checkpoint's state and finds its leaves' versions in one walk instead of two
// (issue 13).
class Origins::LeafOrderWriter {
public:
    explicit LeafOrderWriter(const Origins& origins);
    ~LeafOrderWriter();
    LeafOrderWriter(const LeafOrderWriter&) = delete;
    LeafOrderWriter& operator=(const LeafOrderWriter&) = delete;
    // The next leaf; false once one was not found (the rest are then ignored).
    bool leaf(std::string_view pointer);
    // nullopt when the leaves told were not exactly these origins' entries.
    std::optional<std::vector<int>> finish() &&;

private:
    const Origins& m_origins;
    std::vector<int> m_versions;
    // The entry after the last one found: the walk meets the leaves mostly in pointer order.
    std::unique_ptr<Cursor> m_next;
    bool m_failed = false;
};

// "/a~1b" for the key "a/b" (RFC 6901).
std::string escapePointerToken(const std::string& key);
// Appends the key, escaped, to `pointer` (without the leading "/").
void appendPointerToken(std::string& pointer, const std::string& key);

} // namespace acci::timetravel

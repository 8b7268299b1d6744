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
            for (const auto& [key, child] : *value.get_ptr<const nlohmann::json::object_t*>()) {
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

// The live entries of both parts in pointer order: a settled entry unless a recent change
// overrides it, the recent ones that are not tombstones.
class Origins::Cursor {
public:
    // At the first entry whose pointer is not below `from`.
    Cursor(const Origins& origins, std::string_view from)
        : m_origins(origins)
        , m_settled(origins.settledLowerBound(from))
        , m_recent(origins.m_recent.lower_bound(from))
    {
        settle();
    }

    bool done() const { return m_done; }
    std::string_view key() const { return m_key; }
    int version() const { return m_version; }
    void next()
    {
        advance();
        settle();
    }

private:
    // Moves past the current entry: the settled one, the recent one, or both when the
    // recent one overrides the settled one.
    void advance()
    {
        const bool settledLeft = m_settled < m_origins.m_settled.size();
        const bool recentLeft = m_recent != m_origins.m_recent.end();
        const std::string_view settledKey = settledLeft ? m_origins.settledKey(m_settled) : std::string_view();
        if (recentLeft && (!settledLeft || std::string_view(m_recent->first) <= settledKey)) {
            if (settledLeft && std::string_view(m_recent->first) == settledKey)
                ++m_settled;
            ++m_recent;
        } else {
            ++m_settled;
        }
    }

    // Stops at the next live entry (or the end), skipping tombstones.
    void settle()
    {
        for (;;) {
            const bool settledLeft = m_settled < m_origins.m_settled.size();
            const bool recentLeft = m_recent != m_origins.m_recent.end();
            if (!settledLeft && !recentLeft) {
                m_done = true;
                return;
            }
            const std::string_view settledKey = settledLeft ? m_origins.settledKey(m_settled) : std::string_view();
            if (recentLeft && (!settledLeft || std::string_view(m_recent->first) <= settledKey)) {
                if (m_recent->second == kGone) {
                    advance();
                    continue;
                }
                m_key = m_recent->first;
                m_version = m_recent->second;
                return;
            }
            m_key = settledKey;
            m_version = m_origins.m_settled[m_settled].version;
            return;
        }
    }

    const Origins& m_origins;
    std::size_t m_settled;
    std::map<std::string, int, std::less<>>::const_iterator m_recent;
    std::string_view m_key;
    int m_version = 0;
    bool m_done = false;
};

std::size_t Origins::settledLowerBound(std::string_view key) const
{
    const auto at = std::partition_point(m_settled.begin(), m_settled.end(), [&](const Settled& entry) {
        return std::string_view(m_settledText.data() + entry.offset, entry.length) < key;
    });
    return static_cast<std::size_t>(at - m_settled.begin());
}

bool Origins::isSettledAt(std::size_t at, std::string_view key) const
{
    return at < m_settled.size() && settledKey(at) == key;
}

bool Origins::isSettled(std::string_view key) const
{
    return isSettledAt(settledLowerBound(key), key);
}

std::optional<int> Origins::lookup(std::string_view key) const
{
    if (const auto it = m_recent.find(key); it != m_recent.end())
        return it->second == kGone ? std::nullopt : std::optional(it->second);
    if (const std::size_t at = settledLowerBound(key); isSettledAt(at, key))
        return m_settled[at].version;
    return std::nullopt;
}

std::optional<Origins::SetHints::Near> Origins::SetHints::find(Recent& recent, std::string_view pointer) const
{
    for (std::size_t i = 0; i < m_count; ++i) {
        const auto hint = m_hints[i];
        const int order = std::string_view(hint->first).compare(pointer);
        if (order == 0)
            return Near { hint, true };
        if (order > 0)
            continue;
        const auto after = std::next(hint);
        if (after == recent.end() || pointer < std::string_view(after->first))
            return Near { after, false };
    }
    return std::nullopt;
}

void Origins::SetHints::remember(Recent::iterator written)
{
    std::size_t at = 0;
    while (at < m_count && m_hints[at] != written)
        ++at;
    if (at == m_count && m_count < kSize)
        ++m_count;
    for (std::size_t i = std::min(at, kSize - 1); i > 0; --i)
        m_hints[i] = m_hints[i - 1];
    m_hints[0] = written;
}

void Origins::set(const std::string& pointer, int version)
{
    Recent::iterator written;
    if (const auto near = m_setHints.find(m_recent, pointer)) {
        if (near->exact) {
            near->at->second = version;
            written = near->at;
        } else {
            written = m_recent.emplace_hint(near->at, pointer, version);
        }
    } else {
        // Leaves mostly come in pointer order (object keys are sorted): the end is the hint.
        written = m_recent.insert_or_assign(m_recent.end(), pointer, version);
    }
    m_setHints.remember(written);
}

void Origins::remove(const std::string& pointer)
{
    if (isSettled(pointer))
        m_recent.insert_or_assign(pointer, kGone);
    else if (const auto it = m_recent.find(pointer); it != m_recent.end()) {
        m_setHints.clear();
        m_recent.erase(it);
    }
}

void Origins::removeDescendants(const std::string& pointer)
{
    // Descendants sort right after "pointer/" ("/" is below every other printable byte that
    // could follow, except those that make a different key, which fail the prefix test).
    const std::string prefix = pointer + "/";
    m_setHints.clear();
    for (auto it = m_recent.lower_bound(prefix); it != m_recent.end() && it->first.starts_with(prefix);)
        it = m_recent.erase(it);
    for (std::size_t at = settledLowerBound(prefix); at < m_settled.size() && settledKey(at).starts_with(prefix); ++at)
        m_recent.insert_or_assign(std::string(settledKey(at)), kGone);
}

void Origins::clear()
{
    m_deadText = 0;
    m_settledText.clear();
    m_settled.clear();
    m_recent.clear();
    m_setHints.clear();
}

void Origins::compact()
{
    // In place and sized exactly, without a second copy of the entries: this may run on a
    // whole state's provenance (a checkpoint kept whole) while the load holds the most. Overrides and
    // tombstones change settled entries where they are; new pointers have their text
    // appended, then are merged in from the back.
    std::vector<bool> isNew(m_recent.size());
    std::size_t added = 0;
    std::size_t addedBytes = 0;
    bool removedAny = false;
    std::size_t index = 0;
    for (const auto& [pointer, version] : m_recent) {
        if (const std::size_t at = settledLowerBound(pointer); isSettledAt(at, pointer)) {
            m_settled[at].version = version;
            removedAny = removedAny || version == kGone;
        } else if (version != kGone) {
            isNew[index] = true;
            ++added;
            addedBytes += pointer.size();
        }
        ++index;
    }
    if (added > 0) {
        m_settledText.reserve(m_settledText.size() + addedBytes);
        index = 0;
        for (const auto& [pointer, version] : m_recent)
            if (isNew[index++])
                m_settledText += pointer;
        const std::size_t old = m_settled.size();
        m_settled.reserve(old + added);
        m_settled.resize(old + added);
        const auto keyOf = [this](const Settled& entry) {
            return std::string_view(m_settledText.data() + entry.offset, entry.length);
        };
        // From the back: the new entries' text ends where the buffer ends, in reverse order.
        std::size_t textEnd = m_settledText.size();
        std::size_t write = old + added;
        std::size_t read = old;
        index = m_recent.size();
        for (auto it = m_recent.rbegin(); it != m_recent.rend(); ++it) {
            if (!isNew[--index])
                continue;
            textEnd -= it->first.size();
            const Settled entry { textEnd, it->first.size(), it->second };
            while (read > 0 && keyOf(m_settled[read - 1]) > keyOf(entry))
                m_settled[--write] = m_settled[--read];
            m_settled[--write] = entry;
        }
    }
    m_recent.clear();
    m_setHints.clear();
    if (removedAny) {
        std::erase_if(m_settled, [](const Settled& entry) { return entry.version == kGone; });
        m_deadText = m_settledText.size();
        for (const auto& entry : m_settled)
            m_deadText -= entry.length;
    }
    // The text of removed pointers stays until it is most of the buffer.
    if (m_deadText > m_settledText.size() / 2)
        rewriteText();
}

void Origins::rewriteText()
{
    std::string text;
    text.reserve(m_settledText.size() - m_deadText);
    for (auto& entry : m_settled) {
        const std::size_t offset = text.size();
        text.append(m_settledText, entry.offset, entry.length);
        entry.offset = offset;
    }
    m_settledText = std::move(text);
    m_deadText = 0;
}

void Origins::erase(const std::string& pointer)
{
    if (pointer.empty()) {
        clear();
        return;
    }
    remove(pointer);
    removeDescendants(pointer);
}

void Origins::eraseExact(const std::string& pointer)
{
    remove(pointer);
}

void Origins::eraseAncestors(const std::string& pointer)
{
    for (auto slash = pointer.rfind('/'); slash != std::string::npos && slash > 0;
         slash = pointer.rfind('/', slash - 1))
        remove(pointer.substr(0, slash));
}

void Origins::setLeaf(const std::string& pointer, int version, bool hadDescendants)
{
    if (hadDescendants)
        removeDescendants(pointer);
    set(pointer, version);
}

void Origins::assign(const std::string& pointer, const nlohmann::json& value, int version)
{
    if (pointer.empty()) {
        // The whole state (a snapshot the fold starts from): settled at once, one buffer
        // rather than a map node per field, which every copy of it would repeat.
        startSettling(0);
        std::string path;
        auto visit = [&](const std::string& leaf) {
            addSettled(leaf, version);
            return true;
        };
        forEachLeaf(value, path, visit);
        finishSettling();
        return;
    }
    erase(pointer);
    eraseAncestors(pointer);
    recordLeaves(pointer, value, version);
}

void Origins::recordLeaves(const std::string& pointer, const nlohmann::json& value, int version)
{
    std::string path = pointer;
    auto visit = [&](const std::string& leaf) {
        set(leaf, version);
        return true;
    };
    forEachLeaf(value, path, visit);
}

std::map<std::string, int> Origins::byPointer() const
{
    std::map<std::string, int> entries;
    for (Cursor cursor(*this, {}); !cursor.done(); cursor.next())
        entries.emplace_hint(entries.end(), cursor.key(), cursor.version());
    return entries;
}

std::size_t Origins::size() const
{
    if (m_settled.empty())
        return m_recent.size(); // tombstones hide settled entries only: there are none
    std::size_t count = m_settled.size();
    for (const auto& [pointer, version] : m_recent) {
        const bool settled = isSettled(pointer);
        if (version == kGone)
            count -= settled ? 1 : 0;
        else
            count += settled ? 0 : 1;
    }
    return count;
}

std::size_t Origins::sizeAtLeast() const
{
    // Each recent entry is a tombstone or an override of one settled entry, or a new leaf:
    // at most settled of them are not new leaves, and at most recent settled ones are hidden.
    const std::size_t settled = m_settled.size();
    const std::size_t recent = m_recent.size();
    return settled > recent ? settled - recent : recent - settled;
}

bool Origins::operator==(const Origins& other) const
{
    Cursor mine(*this, {});
    Cursor theirs(other, {});
    for (; !mine.done() && !theirs.done(); mine.next(), theirs.next())
        if (mine.key() != theirs.key() || mine.version() != theirs.version())
            return false;
    return mine.done() && theirs.done();
}

int Origins::versionOf(const std::string& pointer) const
{
    std::string_view current = pointer;
    for (;;) {
        if (const auto version = lookup(current))
            return *version;
        const auto slash = current.rfind('/');
        if (slash == std::string_view::npos || current.empty())
            break;
        current = current.substr(0, slash);
    }
    // An object: the newest of its fields.
    int newest = 0;
    const std::string prefix = pointer + "/";
    for (Cursor cursor(*this, prefix); !cursor.done() && cursor.key().starts_with(prefix); cursor.next())
        newest = std::max(newest, cursor.version());
    return newest;
}

std::optional<std::vector<int>> Origins::versionsInLeafOrder(const nlohmann::json& state) const
{
    LeafOrderWriter writer(*this);
    std::string pointer;
    auto visit = [&](const std::string& leaf) { return writer.leaf(leaf); };
    forEachLeaf(state, pointer, visit);
    return std::move(writer).finish();
}

Origins::LeafOrderWriter::LeafOrderWriter(const Origins& origins)
    : m_origins(origins)
    , m_next(std::make_unique<Cursor>(origins, std::string_view()))
{
    m_versions.reserve(origins.m_settled.size() + origins.m_recent.size());
}

Origins::LeafOrderWriter::~LeafOrderWriter() = default;

bool Origins::LeafOrderWriter::leaf(std::string_view pointer)
{
    if (m_failed)
        return false;
    if (!m_next->done() && m_next->key() == pointer) {
        m_versions.push_back(m_next->version());
        m_next->next();
        return true;
    }
    const auto version = m_origins.lookup(pointer);
    if (!version) {
        m_failed = true;
        return false;
    }
    m_versions.push_back(*version);
    m_next = std::make_unique<Cursor>(m_origins, pointer);
    m_next->next();
    return true;
}

std::optional<std::vector<int>> Origins::LeafOrderWriter::finish() &&
{
    if (m_failed || m_versions.size() != m_origins.size())
        return std::nullopt;
    return std::move(m_versions);
}

Origins Origins::fromLeafOrder(const nlohmann::json& state, const std::vector<int>& versions)
{
    LeafOrderReader reader(versions);
    std::string pointer;
    auto visit = [&](const std::string& leaf) {
        reader.leaf(leaf);
        return true;
    };
    forEachLeaf(state, pointer, visit);
    return std::move(reader).finish();
}

void Origins::startSettling(std::size_t expected)
{
    clear();
    m_settled.reserve(expected);
    m_settledText.reserve(expected * 16);
}

void Origins::finishSettling()
{
    // A walk meets "/a/b" before "/a-b" (keys sort "a" < "a-b", pointers "/a-b" < "/a/b"):
    // the settled entries must be in pointer order.
    const auto byKey = [&](const Settled& a, const Settled& b) {
        return std::string_view(m_settledText.data() + a.offset, a.length)
            < std::string_view(m_settledText.data() + b.offset, b.length);
    };
    if (!std::is_sorted(m_settled.begin(), m_settled.end(), byKey))
        std::sort(m_settled.begin(), m_settled.end(), byKey);
}

} // namespace acci::timetravel

#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The rows of a user_view rebuild, packed, because a rebuild holds every row until it writes
// them: the strings back to back in large blocks, the rows in a deque (no reallocation
// doubling the peak), and an open-addressing index of row numbers. About 150 bytes a user,
// where a std::unordered_map of std::string rows took 400 (1M users: 411 MB at the peak).
namespace acci::projections::detail {

class UserRebuildRows {
public:
    struct Row {
        std::string_view id; // the strings live in the arena
        std::string_view email;
        std::string_view name;
        std::int64_t createdAtUs = 0;
        std::int64_t updatedAtUs = 0;
        std::int32_t version = 0;
        bool deactivated = false;
    };

    // nullptr when no row has that id.
    Row* find(std::string_view id);
    // A new row with that id; the caller has checked that find(id) is nullptr.
    Row& insert(std::string_view id);
    // A copy of the text in the arena, for a row's field. A replaced value stays there until
    // the rebuild ends: a rebuild's garbage is bounded by the events it reads.
    std::string_view keep(std::string_view text);

    std::size_t size() const { return m_rows.size(); }
    const std::deque<Row>& rows() const { return m_rows; }

private:
    std::size_t slotOf(std::string_view id, std::size_t hash) const;
    void growIndex();

    static constexpr std::size_t BlockSize = 1 << 20;
    std::vector<std::unique_ptr<char[]>> m_blocks; // BlockSize each, the last one filling
    std::vector<std::unique_ptr<char[]>> m_largeValues;
    std::size_t m_blockUsed = BlockSize; // the first keep() starts a block
    std::deque<Row> m_rows;
    // Per slot, the id's hash in the high half and the row number + 1 in the low half (0: an
    // empty slot). A probe compares the hashes first: a row and its id are two cache misses,
    // and a rebuild looks a row up for every event it reads.
    std::vector<std::uint64_t> m_slots;
};

} // namespace acci::projections::detail

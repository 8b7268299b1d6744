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
    std::size_t slotOf(std::string_view id) const;
    void growIndex();

    static constexpr std::size_t BlockSize = 1 << 20;
    std::vector<std::unique_ptr<char[]>> m_blocks; // BlockSize each, the last one filling
    std::vector<std::unique_ptr<char[]>> m_largeValues;
    std::size_t m_blockUsed = BlockSize; // the first keep() starts a block
    std::deque<Row> m_rows;
    std::vector<std::uint32_t> m_slots; // row number + 1; 0 is an empty slot
};

} // namespace acci::projections::detail

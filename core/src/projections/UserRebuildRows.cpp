#include "projections/UserRebuildRows.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace acci::projections::detail {

namespace {

    std::uint64_t hashTag(std::size_t hash)
    {
        return static_cast<std::uint64_t>(hash) & 0xffffffff00000000ULL;
    }

    std::uint32_t rowNumber(std::uint64_t slot)
    {
        return static_cast<std::uint32_t>(slot);
    }

} // namespace

std::size_t UserRebuildRows::slotOf(std::string_view id, std::size_t hash) const
{
    // The table's size is a power of two and at most half full, so the probe ends.
    const std::size_t mask = m_slots.size() - 1;
    const std::uint64_t tag = hashTag(hash);
    std::size_t slot = hash & mask;
    while (m_slots[slot] != 0 && (hashTag(m_slots[slot]) != tag || m_rows[rowNumber(m_slots[slot]) - 1].id != id))
        slot = (slot + 1) & mask;
    return slot;
}

UserRebuildRows::Row* UserRebuildRows::find(std::string_view id)
{
    if (m_slots.empty())
        return nullptr;
    const std::uint32_t number = rowNumber(m_slots[slotOf(id, std::hash<std::string_view> {}(id))]);
    return number == 0 ? nullptr : &m_rows[number - 1];
}

UserRebuildRows::Row& UserRebuildRows::insert(std::string_view id)
{
    if ((m_rows.size() + 1) * 2 > m_slots.size())
        growIndex();
    Row& row = m_rows.emplace_back();
    row.id = keep(id);
    const std::size_t hash = std::hash<std::string_view> {}(row.id);
    m_slots[slotOf(row.id, hash)] = hashTag(hash) | m_rows.size();
    return row;
}

void UserRebuildRows::growIndex()
{
    m_slots.assign(std::max<std::size_t>(1024, m_slots.size() * 2), 0);
    for (std::size_t number = 0; number < m_rows.size(); ++number) {
        const std::size_t hash = std::hash<std::string_view> {}(m_rows[number].id);
        m_slots[slotOf(m_rows[number].id, hash)] = hashTag(hash) | (number + 1);
    }
}

std::string_view UserRebuildRows::keep(std::string_view text)
{
    if (text.empty())
        return {};
    if (text.size() > BlockSize / 4) {
        // A long value gets a block of its own, so the shared blocks stay full.
        auto& block = m_largeValues.emplace_back(std::make_unique<char[]>(text.size()));
        std::memcpy(block.get(), text.data(), text.size());
        return { block.get(), text.size() };
    }
    if (m_blockUsed + text.size() > BlockSize) {
        m_blocks.emplace_back(std::make_unique<char[]>(BlockSize));
        m_blockUsed = 0;
    }
    char* at = m_blocks.back().get() + m_blockUsed;
    std::memcpy(at, text.data(), text.size());
    m_blockUsed += text.size();
    return { at, text.size() };
}

} // namespace acci::projections::detail

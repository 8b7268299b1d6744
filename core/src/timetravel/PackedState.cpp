#include "timetravel/PackedState.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

namespace acci::timetravel::detail {

namespace {

    using nlohmann::json;

    enum Tag : char { Null, False, True, Signed, Unsigned, Float, String, Array, Object, Binary, Discarded };

    void putCount(std::string& out, std::uint64_t n)
    {
        while (n >= 0x80) {
            out.push_back(static_cast<char>((n & 0x7F) | 0x80));
            n >>= 7;
        }
        out.push_back(static_cast<char>(n));
    }

    template <class T> void putRaw(std::string& out, T value)
    {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        out.append(bytes, sizeof(T));
    }

    void putBytes(std::string& out, const char* data, std::size_t size)
    {
        putCount(out, size);
        out.append(data, size);
    }

    // `units`: StateFolder's size units (a value, and a unit per 64 bytes of string or key).
    // With `leaves`, each leaf outside an array is told to it with its pointer, as Unpacker
    // tells them.
    class Packer {
    public:
        Packer(std::string& out, Origins::LeafOrderWriter* leaves)
            : m_out(out)
            , m_leaves(leaves)
        {
        }

        std::size_t units() const { return m_units; }

        void pack(const json& value)
        {
            std::string& out = m_out;
            ++m_units;
            if (m_leaves && !m_pointer.empty() && !(value.is_object() && !value.empty()))
                m_leaves->leaf(m_pointer);
            switch (value.type()) {
            case json::value_t::null:
                out.push_back(Null);
                return;
            case json::value_t::boolean:
                out.push_back(value.get<bool>() ? True : False);
                return;
            case json::value_t::number_integer: {
                // Zigzag varint: small numbers of either sign in a byte or two, not eight (a
                // ledger's entry: 17 -> 11 bytes).
                const auto n = value.get<std::int64_t>();
                out.push_back(Signed);
                putCount(out, (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
                return;
            }
            case json::value_t::number_unsigned:
                out.push_back(Unsigned);
                putCount(out, value.get<std::uint64_t>());
                return;
            case json::value_t::number_float:
                out.push_back(Float);
                putRaw(out, value.get<double>());
                return;
            case json::value_t::string: {
                const auto& text = *value.get_ptr<const json::string_t*>();
                m_units += text.size() / 64;
                out.push_back(String);
                putBytes(out, text.data(), text.size());
                return;
            }
            case json::value_t::array: {
                const auto& elements = *value.get_ptr<const json::array_t*>();
                out.push_back(Array);
                putCount(out, elements.size());
                // An array is one leaf: nothing inside it is told.
                auto* const leaves = std::exchange(m_leaves, nullptr);
                for (const auto& element : elements)
                    pack(element);
                m_leaves = leaves;
                return;
            }
            case json::value_t::object: {
                const auto& members = *value.get_ptr<const json::object_t*>();
                out.push_back(Object);
                putCount(out, members.size());
                for (const auto& [key, member] : members) {
                    m_units += key.size() / 64;
                    putBytes(out, key.data(), key.size());
                    if (!m_leaves) {
                        pack(member);
                        continue;
                    }
                    const std::size_t parent = m_pointer.size();
                    m_pointer += '/';
                    appendPointerToken(m_pointer, key);
                    pack(member);
                    m_pointer.resize(parent);
                }
                return;
            }
            case json::value_t::binary: {
                const auto& bytes = *value.get_ptr<const json::binary_t*>();
                out.push_back(Binary);
                out.push_back(bytes.has_subtype() ? 1 : 0);
                putRaw(out, static_cast<std::uint64_t>(bytes.subtype()));
                putBytes(out, reinterpret_cast<const char*>(bytes.data()), bytes.size());
                return;
            }
            case json::value_t::discarded:
                out.push_back(Discarded);
                return;
            }
        }

    private:
        std::string& m_out;
        Origins::LeafOrderWriter* m_leaves;
        std::string m_pointer; // of the value being packed, while leaves are told
        std::size_t m_units = 0;
    };

    class Unpacker {
    public:
        // With `leaves`, each leaf outside an array is told to it with its pointer.
        Unpacker(std::string_view in, Origins::LeafOrderReader* leaves)
            : m_at(in.data())
            , m_leaves(leaves)
        {
        }

        void value(json& out)
        {
            const Tag tag = static_cast<Tag>(*m_at++);
            if (m_leaves && !m_pointer.empty() && !(tag == Object && *m_at != 0))
                m_leaves->leaf(m_pointer); // a count of 0 is the varint's single 0 byte
            switch (tag) {
            case Null:
                out = nullptr;
                return;
            case False:
                out = false;
                return;
            case True:
                out = true;
                return;
            case Signed: {
                const std::uint64_t zigzag = count();
                out = static_cast<std::int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
                return;
            }
            case Unsigned:
                out = static_cast<std::uint64_t>(count());
                return;
            case Float:
                out = raw<double>();
                return;
            case String: {
                const auto size = count();
                out = json::string_t(m_at, size);
                m_at += size;
                return;
            }
            case Array: {
                out = json::value_t::array;
                auto& elements = *out.get_ptr<json::array_t*>();
                const auto size = count();
                elements.resize(size);
                // An array is one leaf: nothing inside it is told.
                auto* const leaves = std::exchange(m_leaves, nullptr);
                for (auto& element : elements)
                    value(element);
                m_leaves = leaves;
                return;
            }
            case Object: {
                out = json::value_t::object;
                auto& members = *out.get_ptr<json::object_t*>();
                for (auto size = count(); size > 0; --size) {
                    const auto length = count();
                    // The key made in its node: no temporary string to make and move.
                    const auto at = members.emplace_hint(members.end(), std::piecewise_construct,
                        std::forward_as_tuple(m_at, length), std::forward_as_tuple());
                    m_at += length;
                    if (!m_leaves) {
                        value(at->second);
                        continue;
                    }
                    const std::size_t parent = m_pointer.size();
                    m_pointer += '/';
                    appendPointerToken(m_pointer, at->first);
                    value(at->second);
                    m_pointer.resize(parent);
                }
                return;
            }
            case Binary: {
                const bool hasSubtype = *m_at++ != 0;
                const auto subtype = raw<std::uint64_t>();
                const auto size = count();
                const auto* data = reinterpret_cast<const std::uint8_t*>(m_at);
                json::binary_t::container_type bytes(data, data + size);
                out = hasSubtype ? json::binary(std::move(bytes), static_cast<json::binary_t::subtype_type>(subtype))
                                 : json::binary(std::move(bytes));
                m_at += size;
                return;
            }
            case Discarded:
                out = json(json::value_t::discarded);
                return;
            }
        }

    private:
        std::size_t count()
        {
            std::uint64_t n = 0;
            for (int shift = 0;; shift += 7) {
                const auto byte = static_cast<unsigned char>(*m_at++);
                n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
                if (byte < 0x80)
                    return static_cast<std::size_t>(n);
            }
        }

        template <class T> T raw()
        {
            T value;
            std::memcpy(&value, m_at, sizeof(T));
            m_at += sizeof(T);
            return value;
        }

        const char* m_at;
        Origins::LeafOrderReader* m_leaves;
        std::string m_pointer; // of the value being made, while leaves are told
    };

} // namespace

std::size_t packInto(const nlohmann::json& value, std::string& out, Origins::LeafOrderWriter* leaves)
{
    out.clear();
    Packer packer(out, leaves);
    packer.pack(value);
    return packer.units();
}

nlohmann::json unpackJson(std::string_view packed)
{
    nlohmann::json value;
    Unpacker(packed, nullptr).value(value);
    return value;
}

nlohmann::json unpackJson(std::string_view packed, Origins::LeafOrderReader& leaves)
{
    nlohmann::json value;
    Unpacker(packed, &leaves).value(value);
    return value;
}

} // namespace acci::timetravel::detail

#include "acci/util/Uuid.hpp"
#include "util/HexDigit.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <sys/random.h>

namespace acci::util {

namespace {

    using Bytes = std::array<std::uint8_t, 16>;

    std::string toText(const Bytes& bytes)
    {
        static const char* hex = "0123456789abcdef";
        std::string text;
        text.reserve(36);
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                text.push_back('-');
            text.push_back(hex[bytes[i] >> 4]);
            text.push_back(hex[bytes[i] & 0xf]);
        }
        return text;
    }

    Bytes fromText(const std::string& text)
    {
        if (!isUuid(text))
            throw std::invalid_argument("not a UUID: " + text);
        Bytes bytes {};
        std::size_t out = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '-')
                continue;
            bytes[out / 2] = static_cast<std::uint8_t>((bytes[out / 2] << 4) | hexDigitValue(text[i]));
            ++out;
        }
        return bytes;
    }

    // SHA-1 (FIPS 180-1), only for name-based UUIDs; not used for anything secret.
    std::array<std::uint8_t, 20> sha1(const std::string& message)
    {
        std::uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
        std::string padded = message;
        const std::uint64_t bitLength = static_cast<std::uint64_t>(message.size()) * 8;
        padded.push_back(static_cast<char>(0x80));
        while (padded.size() % 64 != 56)
            padded.push_back('\0');
        for (int i = 7; i >= 0; --i)
            padded.push_back(static_cast<char>((bitLength >> (i * 8)) & 0xff));

        auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
        for (std::size_t chunk = 0; chunk < padded.size(); chunk += 64) {
            std::uint32_t w[80];
            for (int i = 0; i < 16; ++i) {
                const auto* p
                    = reinterpret_cast<const std::uint8_t*>(padded.data() + chunk + static_cast<std::size_t>(i) * 4);
                w[i] = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
            }
            for (int i = 16; i < 80; ++i)
                w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
            std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
            for (int i = 0; i < 80; ++i) {
                std::uint32_t f, k;
                if (i < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (i < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (i < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                const std::uint32_t temp = rotl(a, 5) + f + e + k + w[i];
                e = d;
                d = c;
                c = rotl(b, 30);
                b = a;
                a = temp;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
        }
        std::array<std::uint8_t, 20> digest {};
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 4; ++j)
                digest[i * 4 + j] = static_cast<std::uint8_t>((h[i] >> (24 - j * 8)) & 0xff);
        return digest;
    }

} // namespace

namespace {

    // Fills `bytes` straight from the kernel's CSPRNG, in as few calls as it allows.
    void fillRandom(std::uint8_t* bytes, std::size_t size)
    {
        std::size_t filled = 0;
        while (filled < size) {
            const ssize_t got = ::getrandom(bytes + filled, size - filled, 0);
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                throw std::runtime_error(std::string("The system's random generator failed: ") + std::strerror(errno));
            }
            filled += static_cast<std::size_t>(got);
        }
    }

    std::string version4(Bytes bytes)
    {
        bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);
        bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
        return toText(bytes);
    }

} // namespace

std::string newUuid()
{
    // 122 random bits straight from the kernel's CSPRNG: ids that cannot collide or be guessed
    // (a generator seeded with 32 bits could repeat across processes).
    Bytes bytes;
    fillRandom(bytes.data(), bytes.size());
    return version4(bytes);
}

std::vector<std::string> newUuids(std::size_t count)
{
    // One system call for all of them: an append of 100 events spent 8 % of its client time
    // asking the kernel 16 bytes at a time.
    std::vector<std::uint8_t> random(count * sizeof(Bytes));
    fillRandom(random.data(), random.size());
    std::vector<std::string> ids;
    ids.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Bytes bytes;
        std::copy_n(random.begin() + static_cast<std::ptrdiff_t>(i * bytes.size()), bytes.size(), bytes.begin());
        ids.push_back(version4(bytes));
    }
    return ids;
}

std::string nameUuid(const std::string& namespaceUuid, const std::string& name)
{
    const Bytes ns = fromText(namespaceUuid);
    std::string input(reinterpret_cast<const char*>(ns.data()), ns.size());
    input += name;
    const auto digest = sha1(input);
    Bytes bytes;
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = digest[i];
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x50);
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
    return toText(bytes);
}

bool isUuid(const std::string& text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
        if (dash ? text[i] != '-' : hexDigitValue(text[i]) < 0)
            return false;
    }
    return true;
}

} // namespace acci::util

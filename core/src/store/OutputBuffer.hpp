#pragma once

#include <ostream>
#include <string>

namespace acci::store::detail {

// Lines gathered into large writes: one stream call per few hundred kilobytes instead of
// one per line (std::cout is unbuffered when synced with stdio).
class OutputBuffer {
public:
    explicit OutputBuffer(std::ostream& out)
        : m_out(out)
    {
        m_text.reserve(Capacity + Capacity / 4);
    }
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;
    ~OutputBuffer() { flush(); }

    std::string& text() { return m_text; }
    void flushIfFull()
    {
        if (m_text.size() >= Capacity)
            flush();
    }
    void flush()
    {
        if (!m_text.empty())
            m_out.write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
        m_text.clear();
    }

private:
    static constexpr std::size_t Capacity = std::size_t { 256 } * 1024;
    std::ostream& m_out;
    std::string m_text;
};

} // namespace acci::store::detail

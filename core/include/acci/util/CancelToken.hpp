#pragma once

#include <atomic>

namespace acci::util {

// Asks a long operation to stop at its next safe point. Shared between the thread that
// runs the operation and the one that may cancel it, so the flag is atomic.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled { false };
};

} // namespace acci::util

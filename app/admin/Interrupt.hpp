#pragma once

#include <csignal>

#include "acci/util/CancelToken.hpp"

namespace acci::admin {

// While it lives, Ctrl-C or SIGTERM asks the running operation to stop at its next safe point
// (through `token`) instead of ending the process. One at a time.
class InterruptScope {
public:
    explicit InterruptScope(util::CancelToken& token)
    {
        current() = &token;
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptScope()
    {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        current() = nullptr;
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    static util::CancelToken*& current()
    {
        static util::CancelToken* token = nullptr;
        return token;
    }
    static void onInterrupt(int)
    {
        if (auto* token = current())
            token->cancel();
    }
};

} // namespace acci::admin

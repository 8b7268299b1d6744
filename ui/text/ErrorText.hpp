#pragma once

#include <QCoreApplication>
#include <QString>

#include <exception>

namespace acci::ui {

// Errors as the console shows them: one sentence in the user's language around the
// technical detail (the core words them in English for the CLI; see store::classifyError).
// The core's own sentences (validation, concurrency) stay as the core wrote them.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString describe(const std::exception& error);
};

} // namespace acci::ui

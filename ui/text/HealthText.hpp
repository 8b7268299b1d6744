#pragma once

#include <QCoreApplication>
#include <QString>

#include "acci/monitoring/Health.hpp"

namespace acci::ui {

// The health checks in the console's language: the same sentences acci-admin health prints
// in English, worded here from the check's figures (HealthCheck::sentence). A check the core
// gives no figures for (a database error) keeps the core's sentence.
class HealthText {
    Q_DECLARE_TR_FUNCTIONS(HealthText)
public:
    static QString sentence(const monitoring::HealthCheck& check);
    // A failing check in a few words, for a list of what is wrong ("order_summary has dead letters").
    static QString headline(const monitoring::HealthCheck& check);
    // "✓ sentence" or "✗ sentence", one per line: the tooltips that list every check.
    static QString lines(const monitoring::HealthReport& report, std::string_view namePrefix = {});
};

} // namespace acci::ui

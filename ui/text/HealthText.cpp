#include "text/HealthText.hpp"

#include <QStringList>

#include "acci/projections/ProjectionAdmin.hpp"
#include "models/ProjectionTableModel.hpp"

namespace acci::ui {

namespace {

    using monitoring::HealthSentence;

    QString figure(const monitoring::HealthCheck& check, std::size_t index)
    {
        return index < check.figures.size() ? QString::fromStdString(check.figures[index]) : QString();
    }

    // The projection's state in the console's words (another program's own word stays).
    QString stateWord(const std::string& text)
    {
        projections::ProjectionStatus status;
        status.state = projections::parseProjectionState(text);
        status.unknownState = text;
        return ProjectionTableModel::stateWord(status);
    }

    QString pausedSentence(const monitoring::HealthCheck& check, std::size_t index)
    {
        return figure(check, index) == QLatin1String("1") ? QLatin1Char(' ')
                + HealthText::tr("Replay is paused: %1 resumes it.")
                      .arg(QLatin1String(monitoring::ResumeReplayStatement))
                                                          : QString();
    }

} // namespace

QString HealthText::headline(const monitoring::HealthCheck& check)
{
    switch (check.sentence) {
    case HealthSentence::Projection:
        return tr("%1 is behind or faulted").arg(figure(check, 0));
    case HealthSentence::DeadLetters:
        return tr("%1 has dead letters").arg(figure(check, 1));
    case HealthSentence::NoEvents:
    case HealthSentence::NewestEvent:
        return tr("no recent events");
    case HealthSentence::HeldBack:
        return tr("events held back by an open transaction");
    case HealthSentence::StandbyNotReceiving:
    case HealthSentence::StandbyReplaying:
    case HealthSentence::StandbyNothingReplayed:
        return tr("the standby is behind its primary");
    case HealthSentence::MissingRights:
        return tr("this role may not read what some checks need");
    default:
        break;
    }
    if (check.name == "schema")
        return tr("the schema is not current");
    // "database": the server did not answer, or refused a read; the full sentence says which.
    return tr("the checks could not read the database");
}

QString HealthText::sentence(const monitoring::HealthCheck& check)
{
    const auto f = [&check](std::size_t index) { return figure(check, index); };
    switch (check.sentence) {
    case HealthSentence::Other:
        break;
    case HealthSentence::DatabaseAnswers:
        return f(0) == QLatin1String("1") ? tr("The database answers (a standby).")
                                          : tr("The database answers (the primary).");
    case HealthSentence::SchemaCurrent:
        return tr("The ACCI schema is up to date (version %1).").arg(f(0));
    case HealthSentence::NoEvents:
        return tr("No events yet.");
    case HealthSentence::NewestEvent:
        return check.ok ? tr("The newest event is %1 s old (limit %2 s).").arg(f(0), f(1))
                        : tr("The newest event is %1 s old (limit %2 s): no recent events processed.").arg(f(0), f(1));
    case HealthSentence::Projection: {
        QString text = tr("%1 is %2, %3 events (%4 s) behind").arg(f(0), stateWord(f(1).toStdString()), f(2), f(3));
        if (f(4) != QLatin1String("0"))
            text += tr(" (%1 of them held back)").arg(f(4));
        return f(5).isEmpty() ? text + QLatin1Char('.') : tr("%1: %2").arg(text, f(5));
    }
    case HealthSentence::DeadLetters:
        return f(0) == QLatin1String("1") ? tr("1 dead letter for %1.").arg(f(1))
                                          : tr("%1 dead letters for %2.").arg(f(0), f(1));
    case HealthSentence::NothingHeldBack:
        return tr("No committed event waits behind an open transaction.");
    case HealthSentence::HeldBack:
        return tr("%1 committed events have waited %2 s (limit %3 s). %4").arg(f(0), f(1), f(2), f(3));
    case HealthSentence::StandbyNotReceiving:
        return (f(0).isEmpty() ? tr("This is a standby that receives nothing from its primary (no WAL receiver is "
                                    "streaming): what it shows stays that old. Check primary_conninfo, the primary "
                                    "and the network (pg_stat_wal_receiver, the standby's log).")
                               : tr("This is a standby that receives nothing from its primary (no WAL receiver is "
                                    "streaming); its last replayed transaction committed %1 s ago: what it shows "
                                    "stays that old. Check primary_conninfo, the primary and the network "
                                    "(pg_stat_wal_receiver, the standby's log).")
                                     .arg(f(0)))
            + pausedSentence(check, 1);
    case HealthSentence::StandbyReplaying:
        return (check.ok ? tr("This is a standby, replaying %1 s behind the primary (limit %2 s).").arg(f(0), f(1))
                         : tr("This is a standby, replaying %1 s behind the primary (limit %2 s): what it shows is "
                              "that old; check its replication (pg_stat_wal_receiver).")
                               .arg(f(0), f(1)))
            + pausedSentence(check, 2);
    case HealthSentence::StandbyNothingReplayed:
        return (f(0).isEmpty() ? tr("This is a standby that has replayed no transaction since it started; its delay "
                                    "is not known yet.")
                               : tr("This is a standby that has replayed no transaction since it started (%1 bytes "
                                    "received, not yet replayed); its delay is not known yet.")
                                     .arg(f(0)))
            + pausedSentence(check, 1);
    case HealthSentence::MissingRights:
        // %3 lists the checks by their names (recent-events, projections…): identifiers, as
        // acci-admin health prints them.
        return tr("The role %1 may not read %2, so these checks could not run: %3. Have the store's owner run "
                  "'acci-admin grant reader %1' (README, \"Roles\"), or check health as a role that can read it.")
            .arg(f(0), f(1), f(2));
    }
    return QString::fromStdString(check.detail);
}

QString HealthText::lines(const monitoring::HealthReport& report, std::string_view namePrefix)
{
    QStringList lines;
    for (const auto& check : report.checks)
        if (check.name.compare(0, namePrefix.size(), namePrefix) == 0)
            lines << (check.ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + sentence(check);
    return lines.join(QLatin1Char('\n'));
}

} // namespace acci::ui

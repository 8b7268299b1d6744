#include "models/ProjectionTableModel.hpp"

#include <QColor>
#include <QLocale>

#include "style/Theme.hpp"
#include "text/Formatting.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

using projections::ProjectionState;
using projections::ProjectionStatus;

namespace {

    QString stateText(const ProjectionStatus& p)
    {
        switch (p.state) {
        case ProjectionState::Running:
            return ProjectionTableModel::tr("running");
        case ProjectionState::Rebuilding:
            return ProjectionTableModel::tr("rebuilding");
        case ProjectionState::Faulted:
            return ProjectionTableModel::tr("faulted");
        case ProjectionState::Stopped:
            return ProjectionTableModel::tr("stopped");
        case ProjectionState::Idle:
            return ProjectionTableModel::tr("idle");
        case ProjectionState::Unknown:
            break;
        }
        return QString::fromStdString(p.stateText()); // another program's own word
    }

    QColor stateColour(ProjectionState state)
    {
        switch (state) {
        case ProjectionState::Running:
            return toneColour(Tone::Good);
        case ProjectionState::Rebuilding:
            return toneColour(Tone::Info);
        case ProjectionState::Faulted:
            return toneColour(Tone::Problem);
        case ProjectionState::Stopped:
            return toneColour(Tone::Warning);
        case ProjectionState::Idle:
        case ProjectionState::Unknown:
            break;
        }
        return {};
    }

} // namespace

QString ProjectionTableModel::stateWord(const ProjectionStatus& status)
{
    return stateText(status);
}

QColor ProjectionTableModel::stateColor(ProjectionState state)
{
    return stateColour(state);
}

ProjectionTableModel::ProjectionTableModel(MetricsPoller* poller, QObject* parent)
    : RecordTableModel(
        columns(poller), [](const ProjectionStatus& p) { return QString::fromStdString(p.name); }, parent)
{
}

std::vector<ProjectionTableModel::Column> ProjectionTableModel::columns(MetricsPoller* poller)
{
    const QLocale locale;
    std::vector<Column> list = {
        { ProjectionTableModel::tr("Projection"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(p.name) : QVariant();
            } },
        { ProjectionTableModel::tr("Kind"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ToolTipRole)
                    return p.builtIn ? ProjectionTableModel::tr("Kept by this program: it can run and rebuild it")
                                     : ProjectionTableModel::tr("Kept by another program; known by its checkpoint");
                return role == Qt::DisplayRole
                    ? (p.builtIn ? ProjectionTableModel::tr("built-in") : ProjectionTableModel::tr("external"))
                    : QVariant();
            } },
        { ProjectionTableModel::tr("Status"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                const bool interrupted = p.lastRebuild && p.lastRebuild->outcome == "interrupted";
                if (role == Qt::ForegroundRole && stateColour(p.state).isValid())
                    return stateColour(p.state);
                if (role == Qt::ToolTipRole && p.lastRebuild) {
                    const QString who = QString::fromStdString(p.lastRebuild->dbUser)
                        + (p.lastRebuild->osUser.empty()
                                ? QString()
                                : QStringLiteral(" (%1)").arg(QString::fromStdString(p.lastRebuild->osUser)));
                    if (p.state == ProjectionState::Rebuilding)
                        return ProjectionTableModel::tr("Rebuilding since %1, by %2")
                            .arg(formatTime(p.lastRebuild->startedAtUs), who);
                    if (interrupted)
                        return ProjectionTableModel::tr("The rebuild started at %1 by %2 was interrupted: its process "
                                                        "ended without finishing. The live table was left as it was.")
                            .arg(formatTime(p.lastRebuild->startedAtUs), who);
                }
                if (role != Qt::DisplayRole)
                    return {};
                return interrupted && p.state != ProjectionState::Rebuilding
                    ? ProjectionTableModel::tr("%1 · rebuild interrupted").arg(stateText(p))
                    : stateText(p);
            } },
        { ProjectionTableModel::tr("Checkpoint"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(p.checkpoint.toString()) : QVariant();
            } },
        { ProjectionTableModel::tr("Head"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole && p.head ? QString::fromStdString(p.head->toString()) : QVariant();
            } },
        { ProjectionTableModel::tr("Lag (events)"),
            [locale](const ProjectionStatus& p, int role) -> QVariant {
                // Events held back behind an open transaction count: they are committed and
                // the projection has not applied them, even if it cannot see them yet.
                if (role == Qt::UserRole)
                    return static_cast<qlonglong>(p.totalLagEvents());
                if (role == Qt::ToolTipRole && p.heldBack.held())
                    return ProjectionTableModel::tr("%1 readable, %2 held back: %3")
                        .arg(locale.toString(static_cast<qlonglong>(p.lagEvents)),
                            locale.toString(static_cast<qlonglong>(p.heldBack.eventsWaiting)),
                            QString::fromStdString(p.heldBack.cause));
                if (role == Qt::ForegroundRole && p.heldBack.held())
                    return toneColour(Tone::Warning);
                if (role == Qt::ToolTipRole && p.lagEstimated)
                    return ProjectionTableModel::tr("More than %1 events behind: estimated from the positions, not "
                                                    "counted")
                        .arg(locale.toString(static_cast<qlonglong>(projections::ExactLagUpTo)));
                QString text = p.heldBack.held()
                    ? ProjectionTableModel::tr("%1 (%2 held back)")
                          .arg(locale.toString(static_cast<qlonglong>(p.totalLagEvents())),
                              locale.toString(static_cast<qlonglong>(p.heldBack.eventsWaiting)))
                    : locale.toString(static_cast<qlonglong>(p.lagEvents));
                if (p.lagEstimated)
                    text = ProjectionTableModel::tr("about %1").arg(text);
                return alignedRight(role, text);
            } },
        { ProjectionTableModel::tr("Lag (time)"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ToolTipRole)
                    return ProjectionTableModel::tr("Age of the oldest event the projection has not applied yet");
                return alignedRight(
                    role, p.totalLagEvents() > 0 ? formatDuration(p.totalLagSeconds()) : QStringLiteral("–"));
            } },
        { ProjectionTableModel::tr("Trend"),
            [poller](const ProjectionStatus& p, int role) -> QVariant {
                const auto trend = poller->trend(p.name);
                if (role == Qt::ForegroundRole)
                    return trend == LagTrend::Rising ? toneColour(Tone::Problem)
                        : trend == LagTrend::Falling ? toneColour(Tone::Good)
                                                     : QVariant();
                if (role == Qt::ToolTipRole)
                    return trend == LagTrend::Unknown
                        ? ProjectionTableModel::tr("Measuring: the trend shows after a few polls (about 10 s)")
                        : ProjectionTableModel::tr("How the lag moved over the last 10 seconds or so");
                if (role != Qt::DisplayRole)
                    return {};
                switch (trend) {
                case LagTrend::Rising:
                    return ProjectionTableModel::tr("↑ rising");
                case LagTrend::Falling:
                    return ProjectionTableModel::tr("↓ falling");
                case LagTrend::Steady:
                    return ProjectionTableModel::tr("→ steady");
                case LagTrend::Unknown:
                    break;
                }
                return ProjectionTableModel::tr("measuring");
            } },
        { ProjectionTableModel::tr("Dead letters"),
            [locale](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ForegroundRole && p.deadLetters > 0)
                    return toneColour(Tone::Problem);
                return alignedRight(role, locale.toString(static_cast<qlonglong>(p.deadLetters)));
            } },
        { ProjectionTableModel::tr("Last error"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                    return {};
                if (p.lastError == projections::ParkedEventsNote)
                    return ProjectionTableModel::tr("events parked as dead letters");
                return QString::fromStdString(p.lastError);
            } },
    };
    return list;
}

} // namespace acci::ui

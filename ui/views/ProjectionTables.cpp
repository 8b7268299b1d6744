#include "views/ProjectionTables.hpp"

#include <QColor>
#include <QLocale>

#include "models/Formatting.hpp"
#include "views/ProjectionsPage.hpp"
#include "workers/MetricsPoller.hpp"

namespace acci::ui {

namespace {

    using projections::DeadLetter;
    using projections::ProjectionState;
    using projections::ProjectionStatus;

    QVariant rightAligned(int role, const QVariant& value)
    {
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return role == Qt::DisplayRole ? value : QVariant();
    }

    QString stateText(const ProjectionStatus& p)
    {
        switch (p.state) {
        case ProjectionState::Running:
            return ProjectionsPage::tr("running");
        case ProjectionState::Rebuilding:
            return ProjectionsPage::tr("rebuilding");
        case ProjectionState::Faulted:
            return ProjectionsPage::tr("faulted");
        case ProjectionState::Stopped:
            return ProjectionsPage::tr("stopped");
        case ProjectionState::Idle:
            return ProjectionsPage::tr("idle");
        case ProjectionState::Unknown:
            break;
        }
        return QString::fromStdString(p.stateText()); // another program's own word
    }

    QColor stateColour(ProjectionState state)
    {
        switch (state) {
        case ProjectionState::Running:
            return { 46, 160, 67 };
        case ProjectionState::Rebuilding:
            return { 30, 136, 229 };
        case ProjectionState::Faulted:
            return { 211, 47, 47 };
        case ProjectionState::Stopped:
            return { 230, 140, 0 };
        case ProjectionState::Idle:
        case ProjectionState::Unknown:
            break;
        }
        return {};
    }

} // namespace

RecordTableModel<ProjectionStatus>* makeProjectionsModel(MetricsPoller* poller, QObject* parent)
{
    using Model = RecordTableModel<ProjectionStatus>;
    const QLocale locale;
    std::vector<Model::Column> columns = {
        { ProjectionsPage::tr("Projection"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(p.name) : QVariant();
            } },
        { ProjectionsPage::tr("Kind"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ToolTipRole)
                    return p.builtIn ? ProjectionsPage::tr("Kept by this program: it can run and rebuild it")
                                     : ProjectionsPage::tr("Kept by another program; known by its checkpoint");
                return role == Qt::DisplayRole
                    ? (p.builtIn ? ProjectionsPage::tr("built-in") : ProjectionsPage::tr("external"))
                    : QVariant();
            } },
        { ProjectionsPage::tr("Status"),
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
                        return ProjectionsPage::tr("Rebuilding since %1, by %2")
                            .arg(formatTime(p.lastRebuild->startedAtUs), who);
                    if (interrupted)
                        return ProjectionsPage::tr("The rebuild started at %1 by %2 was interrupted: its process "
                                                   "ended without finishing. The live table was left as it was.")
                            .arg(formatTime(p.lastRebuild->startedAtUs), who);
                }
                if (role != Qt::DisplayRole)
                    return {};
                return interrupted && p.state != ProjectionState::Rebuilding
                    ? ProjectionsPage::tr("%1 · rebuild interrupted").arg(stateText(p))
                    : stateText(p);
            } },
        { ProjectionsPage::tr("Checkpoint"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(p.checkpoint.toString()) : QVariant();
            } },
        { ProjectionsPage::tr("Head"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                return role == Qt::DisplayRole && p.head ? QString::fromStdString(p.head->toString()) : QVariant();
            } },
        { ProjectionsPage::tr("Lag (events)"),
            [locale](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::UserRole)
                    return static_cast<qlonglong>(p.lagEvents);
                return rightAligned(role, locale.toString(static_cast<qlonglong>(p.lagEvents)));
            } },
        { ProjectionsPage::tr("Lag (time)"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ToolTipRole)
                    return ProjectionsPage::tr("Age of the oldest event the projection has not applied yet");
                return rightAligned(role, p.lagEvents > 0 ? formatDuration(p.lagSeconds) : QStringLiteral("–"));
            } },
        { ProjectionsPage::tr("Trend"),
            [poller](const ProjectionStatus& p, int role) -> QVariant {
                const auto trend = poller->trend(p.name);
                if (role == Qt::ForegroundRole)
                    return trend == LagTrend::Rising ? QColor(211, 47, 47)
                        : trend == LagTrend::Falling ? QColor(46, 160, 67)
                                                     : QVariant();
                if (role != Qt::DisplayRole)
                    return {};
                switch (trend) {
                case LagTrend::Rising:
                    return ProjectionsPage::tr("↑ rising");
                case LagTrend::Falling:
                    return ProjectionsPage::tr("↓ falling");
                case LagTrend::Steady:
                    return ProjectionsPage::tr("→ steady");
                case LagTrend::Unknown:
                    break;
                }
                return QStringLiteral("…");
            } },
        { ProjectionsPage::tr("Dead letters"),
            [locale](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::ForegroundRole && p.deadLetters > 0)
                    return QColor(211, 47, 47);
                return rightAligned(role, locale.toString(static_cast<qlonglong>(p.deadLetters)));
            } },
        { ProjectionsPage::tr("Last error"),
            [](const ProjectionStatus& p, int role) -> QVariant {
                if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
                    return QString::fromStdString(p.lastError);
                return {};
            } },
    };
    return new Model(
        std::move(columns), [](const ProjectionStatus& p) { return QString::fromStdString(p.name); }, parent);
}

RecordTableModel<DeadLetter>* makeDeadLettersModel(QObject* parent)
{
    using Model = RecordTableModel<DeadLetter>;
    std::vector<Model::Column> columns = {
        { ProjectionsPage::tr("Id"),
            [](const DeadLetter& d, int role) { return rightAligned(role, static_cast<qlonglong>(d.id)); } },
        { ProjectionsPage::tr("Parked at"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? formatTime(d.parkedAtUs) : QVariant();
            } },
        { ProjectionsPage::tr("Event type"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.eventType) : QVariant();
            } },
        { ProjectionsPage::tr("Aggregate"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.aggregateId) : QVariant();
            } },
        { ProjectionsPage::tr("Position"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole ? QString::fromStdString(d.position.toString()) : QVariant();
            } },
        { ProjectionsPage::tr("Attempts"),
            [](const DeadLetter& d, int role) { return rightAligned(role, d.attempts); } },
        { ProjectionsPage::tr("Blocks"),
            [](const DeadLetter& d, int role) -> QVariant {
                if (role == Qt::ToolTipRole && d.blocking)
                    return ProjectionsPage::tr("The projection stopped at this event; it waits for a retry or a skip");
                return role == Qt::DisplayRole ? (d.blocking ? ProjectionsPage::tr("yes") : QString()) : QVariant();
            } },
        { ProjectionsPage::tr("Error"),
            [](const DeadLetter& d, int role) -> QVariant {
                return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QString::fromStdString(d.error)
                                                                          : QVariant();
            } },
    };
    return new Model(
        std::move(columns), [](const DeadLetter& d) { return QString::number(d.id); }, parent);
}

RecordTableModel<store::AuditRecord>* makeAuditModel(QObject* parent)
{
    using Model = RecordTableModel<store::AuditRecord>;
    auto text = [](std::string store::AuditRecord::*field) {
        return [field](const store::AuditRecord& a, int role) -> QVariant {
            return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QString::fromStdString(a.*field) : QVariant();
        };
    };
    std::vector<Model::Column> columns = {
        { ProjectionsPage::tr("When"),
            [](const store::AuditRecord& a, int role) -> QVariant {
                return role == Qt::DisplayRole ? formatTime(a.atUs) : QVariant();
            } },
        { ProjectionsPage::tr("Action"), text(&store::AuditRecord::action) },
        { ProjectionsPage::tr("Target"), text(&store::AuditRecord::target) },
        { ProjectionsPage::tr("Outcome"), text(&store::AuditRecord::outcome) },
        { ProjectionsPage::tr("Database role"), text(&store::AuditRecord::dbUser) },
        { ProjectionsPage::tr("OS user"), text(&store::AuditRecord::osUser) },
    };
    return new Model(
        std::move(columns), [](const store::AuditRecord& a) { return QString::number(a.id); }, parent);
}

} // namespace acci::ui

// snapshot verify --all: every stored snapshot against the fold at its version.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Interrupt.hpp"
#include "Output.hpp"
#include "acci/timetravel/SnapshotAudit.hpp"

namespace acci::admin {

namespace {

    const char* kindText(timetravel::SnapshotVerdict::Kind kind)
    {
        switch (kind) {
        case timetravel::SnapshotVerdict::Kind::Equal:
            return "equal";
        case timetravel::SnapshotVerdict::Kind::Different:
            return "different";
        case timetravel::SnapshotVerdict::Kind::OutOfRange:
            return "out of range";
        case timetravel::SnapshotVerdict::Kind::FoldError:
            return "fold error";
        case timetravel::SnapshotVerdict::Kind::Unreadable:
            return "unreadable";
        }
        return "";
    }

    void printReport(std::ostream& out, const timetravel::SnapshotAuditReport& report)
    {
        char summary[300];
        if (report.cancelled)
            std::snprintf(summary, sizeof summary,
                "Cancelled after checking %lld of %lld snapshots: %lld equal, %lld different, %lld not foldable.",
                report.checked, report.total, report.equal, report.different, report.notFoldable);
        else
            std::snprintf(summary, sizeof summary,
                "Checked %lld snapshots in %.1f s over %d %s: %lld equal, %lld different, %lld not foldable.",
                report.checked, report.seconds, report.connections,
                report.connections == 1 ? "connection" : "connections", report.equal, report.different,
                report.notFoldable);
        out << summary << '\n';
        if (report.total == 0 && !report.cancelled)
            out << "No stored snapshot to check (of that type, with --type); 'acci-admin snapshot save ID' stores "
                   "one.\n";
        for (const auto& verdict : report.mismatches) {
            out << kindText(verdict.kind) << "  " << verdict.aggregateId << " (" << verdict.aggregateType << ") v"
                << verdict.version << ": ";
            if (!verdict.foldable()) {
                out << verdict.reason << '\n';
                continue;
            }
            for (std::size_t i = 0; i < verdict.diff.size(); ++i)
                out << (i ? "; " : "") << verdict.diff[i];
            out << '\n';
        }
    }

} // namespace

int verifyAllSnapshots(Context& context, const std::vector<std::string>& words)
{
    const auto& spec = command("snapshot verify");
    Arguments args(words, spec);
    args.requirePositionalCount(0);
    const std::string format = chooseFormat(args, spec, context);
    const auto rules = reducerRules(args);
    timetravel::SnapshotAuditOptions options;
    options.aggregateType = args.value("type");
    // The schema check (and a clear sentence when the database is not a store); that connection
    // then counts the snapshots and joins the pool.
    auto connection = context.connectToStore();

    const bool showProgress = ::isatty(STDERR_FILENO) == 1;
    bool progressShown = false;
    util::CancelToken cancel;
    InterruptScope interrupt(cancel);
    const auto report = timetravel::auditSnapshots(
        std::move(connection), context.conninfo, rules, options,
        [&](const timetravel::SnapshotAuditProgress& progress) {
            if (!showProgress)
                return;
            char line[120];
            std::snprintf(line, sizeof line, "\rChecked %lld / %lld snapshots", progress.checked, progress.total);
            context.err << line << std::flush;
            progressShown = true;
        },
        &cancel);
    if (progressShown)
        context.err << '\n';
    if (format == "json")
        context.out << timetravel::toJson(report).dump() << '\n';
    else
        printReport(context.out, report);
    return report.cancelled || report.different > 0 || report.notFoldable > 0 ? 1 : 0;
}

} // namespace acci::admin

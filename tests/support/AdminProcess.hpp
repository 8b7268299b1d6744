#pragma once

// acci-admin as a user runs it: a real process, real stdin/stdout, exit statuses. Header-only
// because the support library links the core alone; the tests that use it link Qt.
#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace acci::testing {

struct AdminRun {
    int status = -1;
    QString out;
    QString err;
};

// Runs the acci-admin at `program` with --db conninfo and the arguments; `input` is its stdin.
inline AdminRun runAdmin(
    const QString& program, const std::string& conninfo, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    QStringList all = { QStringLiteral("--db"), QString::fromStdString(conninfo) };
    all += arguments;
    process.start(program, all);
    process.waitForStarted();
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace acci::testing

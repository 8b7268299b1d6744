// acci-console: the desktop console. Composition only: arguments, translations, the demo
// session or the connection dialog, then the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSocketNotifier>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>

#include "dialogs/ConnectionDialog.hpp"
#include "session/ConnectionProfile.hpp"
#include "session/ConnectionSession.hpp"
#include "session/DemoSession.hpp"
#include "style/Theme.hpp"
#include "window/MainWindow.hpp"
#include "workers/LiveTail.hpp"

namespace {

// Ctrl-C or SIGTERM ends the console like closing its window, so that the demo server is
// stopped rather than left running. The handler only writes to a pipe (async-signal-safe);
// the event loop reads it.
int g_signalPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

void quitOnTerminationSignals(QApplication& app)
{
    // Close-on-exec: the server programs the demo starts must not inherit our signal pipe.
    if (::pipe2(g_signalPipe, O_CLOEXEC) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte;
        [[maybe_unused]] const auto read = ::read(g_signalPipe[0], &byte, 1);
        QApplication::quit();
    });
    std::signal(SIGINT, onTerminationSignal);
    std::signal(SIGTERM, onTerminationSignal);
}

// English is the source language; any other comes from the embedded .qm files, Qt's own
// translations included so that standard dialogs speak it too.
void installTranslations(QApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto* qt = new QTranslator(&app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("acci_console"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
}

// The command line. Options are looked up by name (parser.isSet("demo")), so that --help can
// be answered before the QApplication exists.
void describeOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QStringLiteral("ACCI Event Console"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("conninfo"), QStringLiteral("libpq connection string or URI"));
    parser.addOptions({
        { QStringLiteral("demo"), QStringLiteral("Start a private demo database and open it.") },
        { QStringLiteral("demo-events"), QStringLiteral("Events in the demo data."), QStringLiteral("n"),
            QStringLiteral("20000") },
        { QStringLiteral("demo-rate"), QStringLiteral("Live demo events per second."), QStringLiteral("n"),
            QStringLiteral("3") },
        { QStringLiteral("lang"), QStringLiteral("Language (en, es); default: the system's."), QStringLiteral("code") },
        { QStringLiteral("primary"),
            QStringLiteral("The primary, for actions that write, when conninfo is a standby (default: "
                           "ACCI_PRIMARY_URL, else looked for among conninfo's hosts)."),
            QStringLiteral("conninfo") },
        { QStringLiteral("poll-interval"),
            QStringLiteral("On a standby (no LISTEN), read the log's head every ms milliseconds (default 1000, "
                           "or the setting liveTail/pollIntervalMs)."),
            QStringLiteral("ms") },
    });
}

// --help and --version need no display (a terminal over ssh, a packaging check); a
// QApplication would refuse to start without one.
bool asksForHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("acci-console"));
        QCoreApplication::setApplicationVersion(QStringLiteral(ACCI_VERSION));
        QCommandLineParser parser;
        describeOptions(parser);
        parser.process(core); // prints, and exits
        return 0;
    }
    QApplication app(argc, argv);
    quitOnTerminationSignals(app);
    QApplication::setOrganizationName(QStringLiteral("ACCI"));
    QApplication::setApplicationName(QStringLiteral("acci-console"));
    QApplication::setApplicationVersion(QStringLiteral(ACCI_VERSION));
    // The AppStream id, which names the installed .desktop file: docks match the window to it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.acci.EventConsole"));
    QIcon icon;
    for (int size : { 32, 64, 128, 256 })
        icon.addFile(QStringLiteral(":/icons/acci-console-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    int pollIntervalMs = 0; // for this run only; 0: the setting's
    if (parser.isSet(QStringLiteral("poll-interval"))) {
        bool ok = false;
        pollIntervalMs = parser.value(QStringLiteral("poll-interval")).toInt(&ok);
        if (!ok || pollIntervalMs < 100) {
            std::fprintf(stderr, "acci-console: --poll-interval takes milliseconds, at least 100.\n");
            return 2;
        }
    }

    QString lang = parser.value(QStringLiteral("lang"));
    if (lang.isEmpty())
        lang = QSettings().value(QStringLiteral("ui/language")).toString();
    installTranslations(app, lang);
    acci::ui::applySavedTheme(); // View → Theme

    std::unique_ptr<acci::ui::MainWindow> window;
    if (parser.isSet(QStringLiteral("demo"))) {
        auto* session = new acci::ui::DemoSession({ {}, parser.value(QStringLiteral("demo-events")).toLongLong(),
                                                      parser.value(QStringLiteral("demo-rate")).toDouble() },
            &app);
        auto* progress = new QProgressDialog(QObject::tr("Starting the demo…"), {}, 0, 0);
        progress->setWindowTitle(QObject::tr("ACCI Event Console"));
        progress->setMinimumDuration(0);
        progress->show();
        QObject::connect(session, &acci::ui::DemoSession::progress, progress, &QProgressDialog::setLabelText);
        QObject::connect(session, &acci::ui::DemoSession::ready, &app, [&, progress](const QString& conninfo) {
            progress->deleteLater();
            window = std::make_unique<acci::ui::MainWindow>(
                conninfo, QObject::tr("DEMO DATABASE — private, deleted on exit"));
            window->show();
        });
        QObject::connect(session, &acci::ui::DemoSession::failed, &app, [&app, progress](const QString& message) {
            progress->hide();
            QMessageBox::critical(nullptr, QObject::tr("The demo could not start"), message);
            app.exit(1);
        });
        session->start();
        const int status = app.exec();
        window.reset();
        delete session; // stops the generator and the server
        return status;
    }

    QString conninfo;
    QString primaryConninfo = parser.isSet(QStringLiteral("primary")) ? parser.value(QStringLiteral("primary"))
                                                                      : qEnvironmentVariable("ACCI_PRIMARY_URL");
    if (!parser.positionalArguments().isEmpty()) {
        conninfo = parser.positionalArguments().constFirst();
    } else if (qEnvironmentVariableIsSet("ACCI_DATABASE_URL")) {
        conninfo = qEnvironmentVariable("ACCI_DATABASE_URL");
    } else {
        acci::ui::ConnectionDialog dialog;
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        acci::ui::ConnectionDialog::remember(dialog.conninfoWithoutPassword());
        conninfo = dialog.conninfo();
        if (!dialog.primaryConninfo().isEmpty())
            primaryConninfo = dialog.primaryConninfo();
    }
    window = std::make_unique<acci::ui::MainWindow>(acci::ui::ConnectionProfile(conninfo).withPrimary(primaryConninfo));
    if (pollIntervalMs > 0)
        window->session()->tail()->setPollIntervalMs(pollIntervalMs);
    window->show();
    return app.exec();
}

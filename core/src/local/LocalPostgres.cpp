#include "acci/local/LocalPostgres.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "acci/store/Connection.hpp"

namespace fs = std::filesystem;

namespace acci::local {

namespace {

    const char* superuser = "acci";

    std::string binDirectory()
    {
        if (const char* configured = std::getenv("ACCI_PG_BINDIR"))
            return configured;
        for (const char* version : { "17", "16", "15" }) {
            std::string candidate = std::string("/usr/lib/postgresql/") + version + "/bin";
            if (fs::exists(candidate + "/pg_ctl"))
                return candidate;
        }
        throw std::runtime_error("PostgreSQL's server programs were not found in /usr/lib/postgresql/*/bin; "
                                 "install the postgresql package (scripts/setup does) or set ACCI_PG_BINDIR.");
    }

    // Who runs the server: ourselves, or an unprivileged account when we are root.
    struct RunAs {
        bool switchUser = false;
        uid_t uid = 0;
        gid_t gid = 0;
        std::string name;
    };

    RunAs runAs()
    {
        RunAs who;
        if (geteuid() != 0)
            return who;
        for (const char* name : { "postgres", "nobody" }) {
            if (const passwd* pw = getpwnam(name)) {
                who = { true, pw->pw_uid, pw->pw_gid, name };
                return who;
            }
        }
        throw std::runtime_error("Running as root, and there is no 'postgres' or 'nobody' account to run the "
                                 "server as; create one or run as a normal user.");
    }

    std::string tail(const std::string& path, std::size_t maxBytes = 1500)
    {
        std::ifstream in(path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        if (text.size() > maxBytes)
            text = "..." + text.substr(text.size() - maxBytes);
        return text;
    }

    // What a server program gets of our environment: nothing secret (no PGPASSWORD, no
    // tokens), nothing that steers it (no PG* variables): a path, a home, a locale, the time zone.
    std::vector<std::string> serverEnvironment(const RunAs& who)
    {
        std::vector<std::string> environment { "PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8" };
        const char* home = std::getenv("HOME");
        environment.push_back(std::string("HOME=") + (who.switchUser || !home ? "/tmp" : home));
        if (const char* tz = std::getenv("TZ"))
            environment.push_back(std::string("TZ=") + tz);
        return environment;
    }

    // The groups of the account the server runs as, looked up before any fork (see run()).
    std::vector<gid_t> groupsOf(const RunAs& who)
    {
        std::vector<gid_t> groups;
        if (!who.switchUser)
            return groups;
        int count = 32;
        groups.resize(static_cast<std::size_t>(count));
        while (::getgrouplist(who.name.c_str(), who.gid, groups.data(), &count) < 0)
            groups.resize(static_cast<std::size_t>(count));
        groups.resize(static_cast<std::size_t>(count));
        return groups;
    }

    // Starts a PostgreSQL program directly (no shell) with output to logPath, as the
    // unprivileged account when root, with the minimal environment; in a session of its own
    // when asked (a server that must not get our terminal's signals). Returns its pid.
    pid_t launch(const RunAs& who, const std::vector<std::string>& args, const std::string& logPath,
        const std::string& what, bool ownSession)
    {
        const int logFd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (logFd < 0)
            throw std::runtime_error("Cannot write " + logPath + ": " + std::strerror(errno) + ".");
        if (who.switchUser && ::fchown(logFd, who.uid, who.gid) != 0) {
            // Not fatal: the log stays root's, the child writes through the inherited descriptor.
        }
        std::vector<char*> argv;
        argv.reserve(args.size() + 1);
        for (const auto& arg : args)
            argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        // Everything the child needs is prepared here: between fork() and exec() a
        // multithreaded program may only call async-signal-safe functions (initgroups and
        // setenv take locks another thread may hold at the fork, and the child would hang).
        const std::vector<gid_t> groups = groupsOf(who);
        std::vector<std::string> environment = serverEnvironment(who);
        std::vector<char*> envp;
        envp.reserve(environment.size() + 1);
        for (auto& variable : environment)
            envp.push_back(variable.data());
        envp.push_back(nullptr);
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

        const pid_t pid = ::fork();
        if (pid == 0) {
            if (ownSession)
                ::setsid();
            ::dup2(logFd, STDOUT_FILENO);
            ::dup2(logFd, STDERR_FILENO);
            if (devNull >= 0)
                ::dup2(devNull, STDIN_FILENO);
            if (who.switchUser
                && (::setgroups(groups.size(), groups.data()) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0))
                ::_exit(126);
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        const int forkError = errno;
        ::close(logFd);
        if (devNull >= 0)
            ::close(devNull);
        if (pid < 0)
            throw std::runtime_error("Cannot start " + what + ": " + std::strerror(forkError) + ".");
        return pid;
    }

    // Runs a PostgreSQL program to its end; throws with its log's tail when it fails.
    void run(
        const RunAs& who, const std::vector<std::string>& args, const std::string& logPath, const std::string& what)
    {
        const pid_t pid = launch(who, args, logPath, what, false);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error(what + " failed (exit "
                + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "); its log " + logPath
                + " ends with:\n" + tail(logPath));
    }

    int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return 54321;
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        int port = 54321;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        ::close(fd);
        return port;
    }

    // The port the server of dataDir last ran on, or 0: postmaster.opts keeps its command line
    // after it stops. A restarted demo keeps its address, so the consoles and runners pointed at
    // it reconnect; the socket lives in the demo's own directory, so the port clashes with no
    // other server.
    int lastPort(const std::string& dataDir)
    {
        std::ifstream opts(dataDir + "/postmaster.opts");
        const std::string line((std::istreambuf_iterator<char>(opts)), std::istreambuf_iterator<char>());
        const std::string flag = "\"-p\" \"";
        const auto at = line.find(flag);
        if (at == std::string::npos)
            return 0;
        const int port = std::atoi(line.c_str() + at + flag.size());
        return port > 0 && port < 65536 ? port : 0;
    }

    // The port of the live server whose postmaster.pid is in dataDir, or 0.
    int runningPort(const std::string& dataDir)
    {
        std::ifstream pidFile(dataDir + "/postmaster.pid");
        if (!pidFile)
            return 0;
        std::string pidLine, dirLine, startLine, portLine;
        std::getline(pidFile, pidLine);
        std::getline(pidFile, dirLine);
        std::getline(pidFile, startLine);
        std::getline(pidFile, portLine);
        const pid_t pid = static_cast<pid_t>(std::atol(pidLine.c_str()));
        if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH))
            return 0;
        return std::atoi(portLine.c_str());
    }

    std::string conninfoOf(const std::string& directory, int port, const std::string& database)
    {
        return "host=" + store::conninfoValue(directory) + " port=" + std::to_string(port) + " user=" + superuser
            + " dbname=" + database;
    }

    // A directory we may put a server in: created 0700 when missing; when it exists, refused
    // unless it is a real directory (not a symlink) that the caller (or, as root, the server
    // account) owns and that no group or other user may write. A predictable path like
    // /tmp/acci-demo-0 could otherwise have been planted by anyone.
    // Makes the directory, or checks the one given, and hands it to the server account: the
    // checks and the chown go through one descriptor opened without following a link, so
    // that neither "link/", "link/." nor a swap between check and use reaches another place.
    // Returns the path without trailing "/" or ".".
    std::string prepareDirectory(const std::string& given, const RunAs& who)
    {
        fs::path path = fs::path(given).lexically_normal();
        if (!path.has_filename() && path.has_parent_path() && path != path.root_path())
            path = path.parent_path(); // "dir/" names "dir"
        std::string directory = path.string();
        const auto refuse = [&](const std::string& why) {
            throw std::runtime_error("Refusing to use " + directory + " for the private PostgreSQL: " + why
                + ". Remove it or choose another directory (--dir).");
        };
        if (directory.find(',') != std::string::npos)
            refuse("its name has a comma, which libpq reads as a list of hosts");
        const fs::path parent = path.parent_path();
        if (!parent.empty())
            fs::create_directories(parent);
        if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST)
            throw std::runtime_error("Cannot create " + directory + ": " + std::strerror(errno) + ".");
        const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            struct stat link { };
            if (errno == ELOOP || (errno == ENOTDIR && ::lstat(directory.c_str(), &link) == 0 && S_ISLNK(link.st_mode)))
                refuse("it is a symbolic link");
            if (errno == ENOTDIR)
                refuse("it is not a directory");
            throw std::runtime_error("Cannot open " + directory + ": " + std::strerror(errno) + ".");
        }
        struct stat info { };
        const bool inspected = ::fstat(fd, &info) == 0;
        const auto closeAndRefuse = [&](const std::string& why) {
            ::close(fd);
            refuse(why);
        };
        if (!inspected)
            closeAndRefuse(std::string("it cannot be inspected (") + std::strerror(errno) + ")");
        if (info.st_uid != ::geteuid() && !(who.switchUser && info.st_uid == who.uid))
            closeAndRefuse("it belongs to another user (uid " + std::to_string(info.st_uid) + ")");
        if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
            closeAndRefuse("other users may write to it");
        // As root, the server account owns it; 0700 keeps the socket private to it (and root).
        if (who.switchUser && (::fchown(fd, who.uid, who.gid) != 0 || ::fchmod(fd, 0700) != 0)) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            throw std::runtime_error("Cannot hand " + directory + " to user '" + who.name + "': " + why + ".");
        }
        ::close(fd);
        return directory;
    }

    bool alive(pid_t pid)
    {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return false; // our child, and it has ended
        return ::kill(pid, 0) == 0 || errno != ESRCH;
    }

} // namespace

LocalPostgres::LocalPostgres(Options options)
    : m_options(std::move(options))
{
    if (m_options.directory.empty())
        throw std::runtime_error("No directory given for the private PostgreSQL server.");
    const RunAs owner = runAs();
    m_options.directory = fs::canonical(prepareDirectory(m_options.directory, owner)).string();
    const std::string dataDir = m_options.directory + "/data";
    const std::string logPath = m_options.directory + "/server.log";
    const RunAs& who = owner;
    const std::string bin = binDirectory();

    if (who.switchUser) {
        // Root can always enter; the server account needs every parent directory searchable.
        for (fs::path parent = fs::path(m_options.directory).parent_path(); parent != parent.root_path();
             parent = parent.parent_path()) {
            const auto perms = fs::status(parent).permissions();
            struct stat owner { };
            // A standby inside its primary's directory (demo start --standby): that parent is
            // the server account's own.
            const bool ownParent = ::stat(parent.c_str(), &owner) == 0 && owner.st_uid == who.uid
                && (perms & fs::perms::owner_exec) != fs::perms::none;
            if (!ownParent && (perms & fs::perms::others_exec) == fs::perms::none)
                throw std::runtime_error("User '" + who.name + "', which runs the server because we are root, "
                    + "cannot reach " + m_options.directory + " (" + parent.string()
                    + " is closed to others); choose a directory under /tmp or /var/tmp.");
        }
    }

    m_port = runningPort(dataDir);
    if (m_port == 0) {
        if (isStandby() && !fs::exists(dataDir + "/PG_VERSION")) {
            std::error_code error;
            const std::string primaryDirectory = fs::canonical(m_options.standbyOf, error).string();
            const int primaryPort = error ? 0 : runningPort(primaryDirectory + "/data");
            if (primaryPort == 0)
                throw std::runtime_error(
                    "No PostgreSQL runs in " + m_options.standbyOf + " to make a standby of; start the primary first.");
            // A copy of the primary taken over its socket, with standby.signal and
            // primary_conninfo written (-R) so that the server starts as its standby.
            run(who,
                { bin + "/pg_basebackup", "-h", primaryDirectory, "-p", std::to_string(primaryPort), "-U", superuser,
                    "-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync" },
                m_options.directory + "/basebackup.log", "pg_basebackup");
        }
        if (!fs::exists(dataDir + "/PG_VERSION")) {
            run(who,
                { bin + "/initdb", "-D", dataDir, "-U", superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                    "--no-sync" },
                m_options.directory + "/initdb.log", "initdb");
        }
        m_port = m_options.port > 0 ? m_options.port : lastPort(dataDir);
        if (m_port == 0)
            m_port = freePort();
        std::string socketDirectory = "\"";
        for (const char c : m_options.directory)
            socketDirectory += c == '"' ? std::string("\"\"") : std::string(1, c);
        socketDirectory += '"';
        std::vector<std::string> args { bin + "/postgres", "-D", dataDir, "-p", std::to_string(m_port), "-c",
            "listen_addresses=", "-c", "unix_socket_directories=" + socketDirectory, "-c",
            "unix_socket_permissions=0700",
            // A few prepared transactions, so that the in-flight view can be shown (and tested)
            // with the kind an operator forgets most easily.
            "-c", "max_prepared_transactions=8" };
        if (isStandby())
            args.insert(args.end(), { "-c", "hot_standby=on", "-c", "hot_standby_feedback=on" });
        if (!m_options.durable)
            args.insert(
                args.end(), { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" });
        for (const auto& setting : m_options.settings)
            args.insert(args.end(), { "-c", setting });
        // The postmaster runs as our child, started directly: pg_ctl would hand our paths to a shell.
        const pid_t postmaster = launch(who, args, logPath, "PostgreSQL", true);
        // Ready when it accepts a connection; gone if it exits first.
        for (int waited = 0;; waited += 100) {
            if (!alive(postmaster))
                throw std::runtime_error(
                    "PostgreSQL did not start; its log " + logPath + " ends with:\n" + tail(logPath));
            try {
                pqxx::connection probe(conninfoOf(m_options.directory, m_port, "postgres"));
                break;
            } catch (const std::exception&) {
                if (waited >= 60000) {
                    ::kill(postmaster, SIGQUIT);
                    throw std::runtime_error("PostgreSQL did not accept connections within 60 s; its log " + logPath
                        + " ends with:\n" + tail(logPath));
                }
            }
            ::usleep(100000);
        }
    }
    m_running = true;

    if (isStandby())
        return; // read-only: its databases are the primary's
    try {
        pqxx::connection admin(conninfoOf(m_options.directory, m_port, "postgres"));
        pqxx::nontransaction query(admin);
        if (query.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", m_options.database).empty())
            query.exec("CREATE DATABASE " + query.quote_name(m_options.database));
    } catch (...) {
        if (m_owned)
            stop();
        throw;
    }
}

LocalPostgres::~LocalPostgres()
{
    if (m_owned && m_running) {
        try {
            stop();
        } catch (...) {
            // A destructor cannot report; the server log says what happened.
        }
    }
}

std::string LocalPostgres::conninfoFor(const std::string& database) const
{
    return conninfoOf(m_options.directory, m_port, database);
}

void LocalPostgres::stop()
{
    if (!m_running)
        return;
    m_running = false;
    stopIn(m_options.directory);
}

std::optional<std::string> LocalPostgres::runningConninfo(const std::string& directory, const std::string& database)
{
    std::error_code error;
    const auto canonical = fs::canonical(directory, error);
    if (error)
        return std::nullopt;
    const int port = runningPort(canonical.string() + "/data");
    if (port == 0)
        return std::nullopt;
    return conninfoOf(canonical.string(), port, database);
}

bool LocalPostgres::stopIn(const std::string& directory)
{
    std::error_code error;
    const auto canonical = fs::canonical(directory, error);
    if (error)
        return false;
    const std::string dataDir = canonical.string() + "/data";
    if (runningPort(dataDir) == 0)
        return false;
    std::ifstream pidFile(dataDir + "/postmaster.pid");
    std::string pidLine;
    std::getline(pidFile, pidLine);
    const pid_t pid = static_cast<pid_t>(std::atol(pidLine.c_str()));
    if (pid <= 0)
        return false;
    // SIGINT is PostgreSQL's fast shutdown: sessions end, the data is written, the server exits.
    ::kill(pid, SIGINT);
    for (int waited = 0; alive(pid); waited += 50) {
        if (waited == 60000)
            ::kill(pid, SIGQUIT); // immediate shutdown: recovery replays the WAL on the next start
        if (waited > 70000)
            throw std::runtime_error("PostgreSQL in " + canonical.string() + " (pid " + std::to_string(pid)
                + ") did not stop; stop it by hand.");
        ::usleep(50000);
    }
    return true;
}

void waitForReplay(
    const std::string& primaryConninfo, const std::string& standbyConninfo, std::chrono::milliseconds timeout)
{
    std::string target;
    {
        pqxx::connection primary(primaryConninfo);
        pqxx::nontransaction query(primary);
        target = query.exec1("SELECT pg_current_wal_lsn()::text")[0].c_str();
    }
    pqxx::connection standby(standbyConninfo);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        pqxx::nontransaction query(standby);
        const auto row = query.exec_params1(
            "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false), pg_last_wal_replay_lsn()::text,"
            " pg_is_in_recovery()",
            target);
        if (!row[2].as<bool>())
            throw std::runtime_error("The server at " + store::displayName(standbyConninfo)
                + " is not a standby (pg_is_in_recovery() is false); nothing to wait for.");
        if (row[0].as<bool>())
            return;
        if (std::chrono::steady_clock::now() >= deadline)
            throw std::runtime_error("The standby has replayed the WAL up to "
                + std::string(row[1].is_null() ? "nothing" : row[1].c_str()) + ", not yet up to the primary's " + target
                + ", after " + std::to_string(timeout.count())
                + " ms; is replay paused (pg_wal_replay_pause) or streaming broken (see the standby's server.log)?");
        ::usleep(20000);
    }
}

} // namespace acci::local

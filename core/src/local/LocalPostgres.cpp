#include "acci/local/LocalPostgres.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/connection>
#include <pqxx/nontransaction>

namespace fs = std::filesystem;

namespace acci::local {

namespace {

    const char* superuser = "acci";

    std::string binDirectory()
    {
        if (const char* configured = std::getenv("ACCI_PG_BINDIR"))
            return configured;
        for (const char* version : { "17", "16", "15" }) {
            const std::string candidate = std::string("/usr/lib/postgresql/") + version + "/bin";
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

    // Runs a PostgreSQL program with output to logPath, as the unprivileged account when root.
    void run(
        const RunAs& who, const std::vector<std::string>& args, const std::string& logPath, const std::string& what)
    {
        const int logFd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (logFd < 0)
            throw std::runtime_error("Cannot write " + logPath + ": " + std::strerror(errno) + ".");
        if (who.switchUser && ::fchown(logFd, who.uid, who.gid) != 0) {
            // Not fatal: the log stays root's, the child writes through the inherited descriptor.
        }
        std::vector<char*> argv;
        for (const auto& arg : args)
            argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        // Everything the child needs is prepared here: between fork() and exec() a
        // multithreaded program may only call async-signal-safe functions (initgroups and
        // setenv take locks another thread may hold at the fork, and the child would hang).
        std::vector<gid_t> groups;
        if (who.switchUser) {
            int count = 32;
            groups.resize(static_cast<std::size_t>(count));
            while (::getgrouplist(who.name.c_str(), who.gid, groups.data(), &count) < 0)
                groups.resize(static_cast<std::size_t>(count));
            groups.resize(static_cast<std::size_t>(count));
        }
        std::vector<std::string> environment;
        for (char** variable = environ; variable && *variable; ++variable)
            if (!who.switchUser || std::strncmp(*variable, "HOME=", 5) != 0)
                environment.emplace_back(*variable);
        if (who.switchUser)
            environment.emplace_back("HOME=/tmp");
        std::vector<char*> envp;
        for (auto& variable : environment)
            envp.push_back(variable.data());
        envp.push_back(nullptr);
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

        const pid_t pid = ::fork();
        if (pid < 0) {
            ::close(logFd);
            if (devNull >= 0)
                ::close(devNull);
            throw std::runtime_error(std::string("Cannot start ") + what + ": " + std::strerror(errno) + ".");
        }
        if (pid == 0) {
            ::dup2(logFd, STDOUT_FILENO);
            ::dup2(logFd, STDERR_FILENO);
            if (devNull >= 0)
                ::dup2(devNull, STDIN_FILENO);
            if (who.switchUser) {
                if (::setgroups(groups.size(), groups.data()) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0)
                    ::_exit(126);
            }
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        if (devNull >= 0)
            ::close(devNull);
        ::close(logFd);
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
        return "host=" + directory + " port=" + std::to_string(port) + " user=" + superuser + " dbname=" + database;
    }

} // namespace

LocalPostgres::LocalPostgres(Options options)
    : m_options(std::move(options))
{
    if (m_options.directory.empty())
        throw std::runtime_error("No directory given for the private PostgreSQL server.");
    fs::create_directories(m_options.directory);
    m_options.directory = fs::canonical(m_options.directory).string();
    const std::string dataDir = m_options.directory + "/data";
    const std::string logPath = m_options.directory + "/server.log";
    const RunAs who = runAs();
    const std::string bin = binDirectory();

    if (who.switchUser) {
        // The server account owns the directory; 0700 keeps the socket private to it (and root).
        if (::chown(m_options.directory.c_str(), who.uid, who.gid) != 0)
            throw std::runtime_error(
                "Cannot hand " + m_options.directory + " to user '" + who.name + "': " + std::strerror(errno) + ".");
        fs::permissions(m_options.directory, fs::perms::owner_all, fs::perm_options::replace);
        // Root can always enter; the server account needs every parent directory searchable.
        for (fs::path parent = fs::path(m_options.directory).parent_path(); parent != parent.root_path();
             parent = parent.parent_path()) {
            const auto perms = fs::status(parent).permissions();
            if ((perms & fs::perms::others_exec) == fs::perms::none)
                throw std::runtime_error("User '" + who.name + "', which runs the server because we are root, "
                    + "cannot reach " + m_options.directory + " (" + parent.string()
                    + " is closed to others); choose a directory under /tmp or /var/tmp.");
        }
    }

    m_port = runningPort(dataDir);
    if (m_port == 0) {
        if (!fs::exists(dataDir + "/PG_VERSION")) {
            run(who,
                { bin + "/initdb", "-D", dataDir, "-U", superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                    "--no-sync" },
                m_options.directory + "/initdb.log", "initdb");
        }
        m_port = m_options.port > 0 ? m_options.port : freePort();
        std::string settings = "-c listen_addresses='' -c unix_socket_directories='" + m_options.directory
            + "' -c unix_socket_permissions=0700 -p " + std::to_string(m_port);
        if (!m_options.durable)
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(who, { bin + "/pg_ctl", "-D", dataDir, "-l", logPath, "-o", settings, "-w", "-t", "60", "start" },
            m_options.directory + "/pg_ctl.log", "Starting PostgreSQL");
    }
    m_running = true;

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
    run(runAs(), { binDirectory() + "/pg_ctl", "-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop" },
        canonical.string() + "/pg_ctl.log", "Stopping PostgreSQL");
    return true;
}

} // namespace acci::local

#include "BenchSupport.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <libpq-fe.h>
#include <pqxx/nontransaction>
#include <sys/wait.h>
#include <unistd.h>

namespace acci::bench {

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double medianSeconds(int repeat, const std::function<void()>& setup, const std::function<void()>& fn)
{
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        if (setup)
            setup();
        const auto start = std::chrono::steady_clock::now();
        fn();
        times.push_back(seconds(std::chrono::steady_clock::now() - start));
    }
    return median(times);
}

void printRate(
    const std::string& what, double ours, const std::string& baselineName, double baseline, const std::string& target)
{
    std::printf("%-44s %12.0f ev/s   %-30s %12.0f ev/s   ratio %.2f   (target %s)\n", what.c_str(), ours,
        baselineName.c_str(), baseline, ours / baseline, target.c_str());
    std::fflush(stdout);
}

void printValue(const std::string& what, const std::string& value)
{
    std::printf("%-44s %s\n", what.c_str(), value.c_str());
    std::fflush(stdout);
}

long long copyOut(const std::string& conninfo, const std::string& query, bool binary)
{
    PGconn* connection = PQconnectdb(conninfo.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(connection);
        PQfinish(connection);
        throw std::runtime_error(message);
    }
    PGresult* started
        = PQexec(connection, ("COPY (" + query + ") TO STDOUT" + (binary ? " (FORMAT binary)" : "")).c_str());
    if (PQresultStatus(started) != PGRES_COPY_OUT) {
        const std::string message = PQerrorMessage(connection);
        PQclear(started);
        PQfinish(connection);
        throw std::runtime_error(message);
    }
    PQclear(started);
    long long rows = 0;
    char* buffer = nullptr;
    int length = 0;
    while ((length = PQgetCopyData(connection, &buffer, 0)) > 0) {
        ++rows;
        PQfreemem(buffer);
    }
    while (PGresult* rest = PQgetResult(connection))
        PQclear(rest);
    PQfinish(connection);
    return rows;
}

void exec(pqxx::connection& connection, const std::string& sql)
{
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
}

long long runPiped(const std::vector<std::string>& argv)
{
    int pipeEnds[2];
    if (::pipe(pipeEnds) != 0)
        throw std::runtime_error("pipe failed");
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0)
        throw std::runtime_error("fork failed");
    if (child == 0) {
        ::dup2(pipeEnds[1], STDOUT_FILENO);
        ::close(pipeEnds[0]);
        ::close(pipeEnds[1]);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(pipeEnds[1]);
    long long lines = 0;
    std::vector<char> buffer(1 << 16);
    for (;;) {
        const ssize_t got = ::read(pipeEnds[0], buffer.data(), buffer.size());
        if (got <= 0)
            break;
        for (const char* at = buffer.data();
             (at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(buffer.data() + got - at))));
             ++at)
            ++lines;
    }
    ::close(pipeEnds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(argv[0] + " failed (status " + std::to_string(status) + ")");
    return lines;
}

std::string psqlPath()
{
    if (std::filesystem::exists("/usr/lib/postgresql/15/bin/psql"))
        return "/usr/lib/postgresql/15/bin/psql";
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error))
        if (std::filesystem::exists(entry.path() / "bin/psql"))
            return (entry.path() / "bin/psql").string();
    return "psql";
}

} // namespace acci::bench

#include "BenchSupport.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <libpq-fe.h>
#include <pqxx/nontransaction>

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

long long copyOut(const std::string& conninfo, const std::string& query)
{
    PGconn* connection = PQconnectdb(conninfo.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(connection);
        PQfinish(connection);
        throw std::runtime_error(message);
    }
    PGresult* started = PQexec(connection, ("COPY (" + query + ") TO STDOUT").c_str());
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

} // namespace acci::bench

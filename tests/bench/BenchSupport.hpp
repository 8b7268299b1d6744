#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace acci::bench {

struct Options {
    long long events = 1'000'000; // size of the store for the log and append figures
    int streamEvents = 100'000; // size of the single stream
    int repeat = 3; // runs per figure; the median is printed
    std::string conninfo; // the benchmark database
};

double seconds(std::chrono::steady_clock::duration d);
double median(std::vector<double> values);

// Runs fn `repeat` times (setup before each, not timed) and returns the median seconds.
double medianSeconds(int repeat, const std::function<void()>& setup, const std::function<void()>& fn);

// One printed row: what, our rate, the baseline's rate, the ratio and the target.
void printRate(
    const std::string& what, double ours, const std::string& baselineName, double baseline, const std::string& target);
void printValue(const std::string& what, const std::string& value);

// Rows read by COPY (query) TO STDOUT through libpq: the fastest way out of the server.
// COPY (query) TO STDOUT, each row received and dropped; `binary`: FORMAT binary.
long long copyOut(const std::string& conninfo, const std::string& query, bool binary = false);

void exec(pqxx::connection& connection, const std::string& sql);

// Runs a program (argv[0] a path, or a name looked up in PATH) with its standard output into
// a pipe that this process drains, as `program | consumer` would. Returns the lines it wrote;
// throws when it cannot start or exits with an error.
long long runPiped(const std::vector<std::string>& argv);

// psql: PostgreSQL 15's, else any in /usr/lib/postgresql, else the one in PATH.
std::string psqlPath();

} // namespace acci::bench

#include "BenchStore.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <stdexcept>

#include <libpq-fe.h>

namespace acci::bench {

namespace {

    constexpr long long RowsPerCopy = 1'000'000;
    constexpr long long WeekUs = 7LL * 24 * 3600 * 1'000'000;

    void check(PGconn* connection, PGresult* result, ExecStatusType expected)
    {
        const bool ok = PQresultStatus(result) == expected;
        PQclear(result);
        if (!ok)
            throw std::runtime_error(std::string("bench store: ") + PQerrorMessage(connection));
    }

    class Rows {
    public:
        Rows(long long events, int streamEvents, long long endUs)
            : m_events(events)
            , m_stream(streamEvents)
            , m_startUs(endUs - WeekUs)
        {
        }

        // Appends row g as a line of COPY text: no field needs escaping.
        void append(std::string& out, long long g)
        {
            char line[640];
            const long long us = m_startUs + static_cast<long long>(static_cast<double>(WeekUs) * g / m_events);
            char when[96];
            timestamp(when, us);
            char id[37];
            uuid(id);
            int n = 0;
            if (g < m_stream) {
                n = std::snprintf(line, sizeof line,
                    "%s\tbig-stream\tBench\tTick\t%lld\t{\"n\": %lld}\t{\"tenant_id\": \"tenant-0\"}\t%s\n", id, g + 1,
                    g, when);
            } else if (g % 10 == 9) {
                const long long user = g / 10;
                n = std::snprintf(line, sizeof line,
                    "%s\tbench-user-%lld\tUser\tUserCreated\t1\t{\"name\": \"User %lld\", \"email\": "
                    "\"user%lld@example.com\", \"user_id\": \"bench-user-%lld\"}\t{\"tenant_id\": "
                    "\"tenant-%lld\"}\t%s\n",
                    id, user, user, user, user, user % 3, when);
            } else {
                static const char* types[] = { "ItemAdded", "ItemRemoved", "PriceChanged", "Shipped", "Paid" };
                const long long aggregate = g / 10;
                n = std::snprintf(line, sizeof line,
                    "%s\tagg-%lld\tBench\t%s\t%lld\t{\"n\": %lld, \"sku\": \"SKU-%lld\", \"amount_cents\": %lld}\t"
                    "{\"user_id\": \"u%lld\", \"tenant_id\": \"tenant-%lld\", \"correlation_id\": \"c%lld\"}\t%s\n",
                    id, aggregate, types[g % 5], g % 10 + 1, g, g % 50, g % 10000, g % 1000, aggregate % 3, aggregate,
                    when);
            }
            out.append(line, static_cast<std::size_t>(n));
        }

    private:
        void uuid(char* out)
        {
            const auto high = m_random();
            const auto low = m_random();
            std::snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
        }
        static void timestamp(char* out, long long us)
        {
            const std::time_t seconds = static_cast<std::time_t>(us / 1'000'000);
            std::tm utc {};
            ::gmtime_r(&seconds, &utc);
            std::snprintf(out, 96, "%04d-%02d-%02d %02d:%02d:%02d.%06lld+00", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, us % 1'000'000);
        }

        long long m_events;
        long long m_stream;
        long long m_startUs;
        std::mt19937_64 m_random { 15 };
    };

} // namespace

double fillBenchStore(const std::string& conninfo, long long events, int streamEvents)
{
    const auto start = std::chrono::steady_clock::now();
    PGconn* connection = PQconnectdb(conninfo.c_str());
    try {
        if (PQstatus(connection) != CONNECTION_OK)
            throw std::runtime_error(PQerrorMessage(connection));
        const long long nowUs
            = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
        Rows rows(events, streamEvents, nowUs);
        std::string buffer;
        for (long long first = 0; first < events; first += RowsPerCopy) {
            check(connection,
                PQexec(connection,
                    "COPY events (id, aggregate_id, aggregate_type, event_type, version, data, metadata, timestamp)"
                    " FROM STDIN"),
                PGRES_COPY_IN);
            const long long last = std::min(events, first + RowsPerCopy);
            for (long long g = first; g < last; ++g) {
                rows.append(buffer, g);
                if (buffer.size() > (1 << 20) || g + 1 == last) {
                    if (PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) != 1)
                        throw std::runtime_error(PQerrorMessage(connection));
                    buffer.clear();
                }
            }
            if (PQputCopyEnd(connection, nullptr) != 1)
                throw std::runtime_error(PQerrorMessage(connection));
            check(connection, PQgetResult(connection), PGRES_COMMAND_OK);
            while (PGresult* rest = PQgetResult(connection))
                PQclear(rest);
        }
        check(connection, PQexec(connection, "VACUUM ANALYZE events"), PGRES_COMMAND_OK);
        check(connection, PQexec(connection, "VACUUM ANALYZE aggregates"), PGRES_COMMAND_OK);
    } catch (...) {
        PQfinish(connection);
        throw;
    }
    PQfinish(connection);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace acci::bench

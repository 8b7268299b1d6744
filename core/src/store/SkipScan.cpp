#include "store/SkipScan.hpp"

#include <pqxx/result>

namespace acci::store::detail {

namespace {

    void replaceAll(std::string& text, const std::string& from, const std::string& to)
    {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    }

} // namespace

std::vector<std::string> distinctValues(
    pqxx::transaction_base& tx, const std::string& table, const std::string& column, int limit)
{
    // Each step asks the index for the first value after the previous one.
    std::string sql = R"SQL(
WITH RECURSIVE t(v) AS (
    (SELECT {c} FROM {t} WHERE {c} IS NOT NULL ORDER BY {c} LIMIT 1)
    UNION ALL
    SELECT (SELECT x.{c} FROM {t} x WHERE x.{c} > t.v ORDER BY x.{c} LIMIT 1) FROM t WHERE t.v IS NOT NULL)
SELECT v FROM t WHERE v IS NOT NULL LIMIT $1)SQL";
    replaceAll(sql, "{t}", tx.quote_name(table));
    replaceAll(sql, "{c}", tx.quote_name(column));
    std::vector<std::string> values;
    for (const auto& row : tx.exec_params(sql, limit))
        values.emplace_back(row[0].c_str());
    return values;
}

} // namespace acci::store::detail

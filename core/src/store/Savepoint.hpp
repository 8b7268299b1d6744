#pragma once

#include <string>

#include <pqxx/subtransaction>

namespace acci::store::detail {

// A savepoint that is open from its construction. libpqxx 6.4's subtransaction opens its
// SAVEPOINT lazily, on the first exec(): a statement sent with exec_params() before that runs
// outside it, and when it fails the whole enclosing transaction is lost. (Plain SAVEPOINT
// statements do not help either: a failed exec() makes libpqxx roll the transaction back.)
// Statements go through tx() while it lives; destroyed without commit() it rolls back to the
// savepoint and the enclosing transaction goes on.
class Savepoint {
public:
    Savepoint(pqxx::dbtransaction& parent, const std::string& name)
        : m_sub(parent, name)
    {
        m_sub.exec("SELECT 1");
    }
    pqxx::transaction_base& tx() { return m_sub; }
    void commit() { m_sub.commit(); }

private:
    pqxx::subtransaction m_sub;
};

} // namespace acci::store::detail

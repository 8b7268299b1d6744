#include "ReplicaPair.hpp"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <unistd.h>

#include <pqxx/nontransaction>

#include "acci/local/LocalPostgres.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Migrations.hpp"
#include "acci/store/Roles.hpp"

namespace acci::testing {

namespace {

    // The two servers of this process, started on first use and stopped at exit (static
    // destruction): the standby first, so that it does not retry a primary that is gone.
    struct PrivatePair {
        std::string directory;
        std::unique_ptr<local::LocalPostgres> primary;
        std::unique_ptr<local::LocalPostgres> standby;
        ~PrivatePair()
        {
            standby.reset();
            primary.reset();
            std::error_code ignored;
            if (!directory.empty())
                std::filesystem::remove_all(directory, ignored);
        }
    };

    PrivatePair& pair()
    {
        static std::mutex mutex;
        static PrivatePair instance;
        std::lock_guard lock(mutex);
        if (!instance.primary) {
            instance.directory = "/tmp/acci-replica-" + std::to_string(::getpid());
            local::LocalPostgres::Options primary { instance.directory + "/primary", "postgres" };
            // A commit is in the WAL that pg_current_wal_lsn() reports once it returns, so that
            // waitForReplay() after it always covers it.
            primary.settings = { "synchronous_commit=on" };
            instance.primary = std::make_unique<local::LocalPostgres>(primary);
            local::LocalPostgres::Options standby { instance.directory + "/standby", "postgres" };
            standby.standbyOf = instance.primary->directory();
            instance.standby = std::make_unique<local::LocalPostgres>(standby);
        }
        return instance;
    }

    const char* suffix(ReplicaPair::Role role)
    {
        switch (role) {
        case ReplicaPair::Role::Owner:
            return "_owner";
        case ReplicaPair::Role::Writer:
            return "_writer";
        case ReplicaPair::Role::Reader:
            return "_reader";
        case ReplicaPair::Role::Operator:
            return "_operator";
        case ReplicaPair::Role::Superuser:
            break;
        }
        return "";
    }

} // namespace

std::string ReplicaPair::primaryDirectory()
{
    return pair().primary->directory();
}

std::string ReplicaPair::standbyDirectory()
{
    return pair().standby->directory();
}

int ReplicaPair::primaryPort()
{
    return pair().primary->port();
}

int ReplicaPair::standbyPort()
{
    return pair().standby->port();
}

ReplicaPair::ReplicaPair()
{
    static std::atomic<int> counter { 0 };
    m_name = "acci_replica_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    auto& servers = pair();
    {
        pqxx::connection admin(servers.primary->conninfo());
        pqxx::nontransaction query(admin);
        query.exec("DROP DATABASE IF EXISTS " + query.quote_name(m_name) + " WITH (FORCE)");
        for (const Role role : { Role::Owner, Role::Writer, Role::Reader, Role::Operator }) {
            query.exec("DROP ROLE IF EXISTS " + query.quote_name(roleName(role)));
            query.exec("CREATE ROLE " + query.quote_name(roleName(role)) + " LOGIN");
        }
        query.exec("CREATE DATABASE " + query.quote_name(m_name) + " OWNER " + query.quote_name(roleName(Role::Owner)));
    }
    {
        // As the README's "Roles" says: the owner migrates, then grants each kind its rights.
        auto owner = store::connect(primary(Role::Owner), "acci-test");
        store::migrate(*owner);
        store::grantAccess(*owner, store::AccessRole::Writer, roleName(Role::Writer));
        store::grantAccess(*owner, store::AccessRole::Reader, roleName(Role::Reader));
        store::grantAccess(*owner, store::AccessRole::Operator, roleName(Role::Operator));
    }
    waitForReplay();
}

ReplicaPair::~ReplicaPair()
{
    try {
        pqxx::connection admin(pair().primary->conninfo());
        pqxx::nontransaction query(admin);
        query.exec("DROP DATABASE IF EXISTS " + query.quote_name(m_name) + " WITH (FORCE)");
        for (const Role role : { Role::Owner, Role::Writer, Role::Reader, Role::Operator })
            query.exec("DROP ROLE IF EXISTS " + query.quote_name(roleName(role)));
    } catch (...) {
        // The servers may be gone already; the database goes with them.
    }
}

std::string ReplicaPair::roleName(Role role) const
{
    return role == Role::Superuser ? std::string("acci") : m_name + suffix(role);
}

std::string ReplicaPair::primary(Role role) const
{
    return pair().primary->conninfoFor(m_name) + " user=" + roleName(role);
}

std::string ReplicaPair::standby(Role role) const
{
    return pair().standby->conninfoFor(m_name) + " user=" + roleName(role);
}

std::string ReplicaPair::multiHost(Role role, const std::string& targetSessionAttrs) const
{
    const auto& servers = pair();
    return "host=" + store::conninfoValue(servers.primary->directory() + "," + servers.standby->directory())
        + " port=" + std::to_string(servers.primary->port()) + "," + std::to_string(servers.standby->port())
        + " user=" + roleName(role) + " dbname=" + m_name + " target_session_attrs=" + targetSessionAttrs;
}

std::unique_ptr<pqxx::connection> ReplicaPair::connectPrimary(Role role) const
{
    return store::connect(primary(role), "acci-test");
}

std::unique_ptr<pqxx::connection> ReplicaPair::connectStandby(Role role) const
{
    return store::connect(standby(role), "acci-test");
}

void ReplicaPair::execOnPrimary(const std::string& sql) const
{
    auto connection = connectPrimary();
    pqxx::nontransaction query(*connection);
    query.exec(sql);
}

void ReplicaPair::waitForReplay(std::chrono::milliseconds timeout) const
{
    const auto& servers = pair();
    local::waitForReplay(servers.primary->conninfo(), servers.standby->conninfo(), timeout);
}

} // namespace acci::testing

#pragma once

// A store set up the way the README's "Roles" section says: a schema owner that is not a
// superuser migrates, then grants writer, reader and operator rights with acci-admin. Shared
// by tst_roles (what each role may do) and tst_rebuild_rights (a rebuild under those roles).
#include <QtTest>

#include <QProcess>

#include <atomic>
#include <thread>

#include <pqxx/pqxx>

#include "AdminProcess.hpp"
#include "TestDatabase.hpp"
#include "UserViewCheck.hpp"
#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/projections/ProjectionEngine.hpp"
#include "acci/projections/ProjectionRebuild.hpp"
#include "acci/projections/UserProjection.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"
#include "acci/store/Roles.hpp"

namespace acci {
namespace {

    testing::AdminRun admin(const std::string& conninfo, const QStringList& arguments, const QByteArray& input = {})
    {
        return testing::runAdmin(QStringLiteral(ACCI_ADMIN_PATH), conninfo, arguments, input);
    }

    // A database owned by a login role that is not a superuser, migrated by it, with one login
    // role per kind granted by it through acci-admin, as the README's "Roles" section does.
    class RoleStore {
    public:
        RoleStore()
            : m_db(std::make_unique<testing::TestDatabase>(testing::TestDatabase::Schema::Empty))
        {
            for (const char* kind : { "owner", "writer", "reader", "operator" })
                m_db->exec("CREATE ROLE " + role(kind) + " LOGIN");
            m_db->exec("ALTER DATABASE " + m_db->name() + " OWNER TO " + role("owner"));
            require(admin(as("owner"), { "migrate" }), "migrate");
            for (const char* kind : { "writer", "reader", "operator" })
                require(admin(as("owner"), { "grant", kind, QString::fromStdString(role(kind)) }), "grant");
        }
        ~RoleStore()
        {
            const std::string prefix = m_db->name();
            m_db.reset(); // the database first: the roles own objects in it
            pqxx::connection superuser(testing::testServerConninfo());
            pqxx::nontransaction query(superuser);
            for (const auto& row :
                query.exec_params("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)", prefix))
                query.exec("DROP ROLE IF EXISTS " + query.quote_name(row[0].c_str()));
        }

        // UserCreated and UserUpdated events, written as the superuser (a bulk loader would).
        void load(int users, int updates)
        {
            auto connection = m_db->connect();
            testing::insertUserEvents(*connection, users, updates);
        }

        // Statements of the schema owner, one after the other.
        void asOwner(const std::vector<std::string>& statements) const
        {
            auto owner = connect("owner");
            pqxx::nontransaction query(*owner);
            for (const auto& statement : statements)
                query.exec(statement);
        }

        std::string role(const std::string& kind) const { return m_db->name() + "_" + kind; }
        // The connection string of the test database, as the role of that kind.
        std::string as(const std::string& kind) const { return m_db->conninfo() + " user=" + role(kind); }
        std::unique_ptr<pqxx::connection> connect(const std::string& kind) const
        {
            return store::connect(as(kind), "acci-test");
        }
        // As the test server's superuser: fixtures and the facts a test checks.
        testing::TestDatabase& db() { return *m_db; }
        std::string text(const std::string& sql) const
        {
            auto connection = m_db->connect();
            pqxx::nontransaction query(*connection);
            const auto row = query.exec1(sql);
            return row[0].is_null() ? std::string() : row[0].c_str();
        }

    private:
        static void require(const testing::AdminRun& run, const char* what)
        {
            if (run.status != 0)
                qFatal("%s failed: %s", what, qPrintable(run.err));
        }

        std::unique_ptr<testing::TestDatabase> m_db;
    };

} // namespace
} // namespace acci

// The guide's commands and queries end to end: UserCommandHandler on the store, and
// UserQueryHandler on user_view.
#include <QtTest>

#include <atomic>
#include <thread>

#include "TestDatabase.hpp"
#include "acci/read/UserQueryHandler.hpp"
#include "acci/store/EventStore.hpp"
#include "acci/write/UserCommandHandler.hpp"

using namespace acci;
using namespace acci::write;

namespace {
CommandMetadata meta(const std::string& correlation = "")
{
    return { "admin", correlation, "acme", 0 };
}
} // namespace

class TestWriteSide : public QObject {
    Q_OBJECT
    std::unique_ptr<testing::TestDatabase> m_db;
    std::unique_ptr<pqxx::connection> m_connection;
    std::unique_ptr<store::EventStore> m_store;

private slots:
    void init()
    {
        m_db = std::make_unique<testing::TestDatabase>();
        m_connection = m_db->connect();
        m_store = std::make_unique<store::EventStore>(*m_connection);
    }
    void cleanup()
    {
        m_store.reset();
        m_connection.reset();
        m_db.reset();
    }

    void createUpdateDeactivate()
    {
        UserCommandHandler handler(*m_store);
        const auto created
            = handler.handle(Command<CreateUser> { "cmd-1", { "u1", "ana@example.com", "Ana" }, meta("flow-1") });
        QCOMPARE(created.size(), std::size_t(1));
        QCOMPARE(created[0].eventType, std::string("UserCreated"));
        QCOMPARE(created[0].version, 1);
        const auto metadata = created[0].metadata();
        QCOMPARE(metadata["correlation_id"].get<std::string>(), std::string("flow-1"));
        QCOMPARE(metadata["causation_id"].get<std::string>(), std::string("cmd-1"));
        QCOMPARE(metadata["tenant_id"].get<std::string>(), std::string("acme"));
        QCOMPARE(metadata["user_id"].get<std::string>(), std::string("admin"));

        handler.handle(Command<UpdateUser> { "cmd-2", { "u1", std::string("ana@new.example"), std::nullopt }, meta() });
        handler.handle(Command<DeactivateUser> { "cmd-3", { "u1", "left" }, meta() });
        const User user = handler.load("u1");
        QCOMPARE(user.email(), std::string("ana@new.example"));
        QCOMPARE(user.status(), User::Status::Deactivated);
        QCOMPARE(user.version(), 3);
        QCOMPARE(m_store->aggregate("u1")->aggregateType, std::string("User"));
    }

    void rulesRejectAndStoreNothing()
    {
        UserCommandHandler handler(*m_store);
        QVERIFY_THROWS_EXCEPTION(
            CommandRejected, handler.handle(Command<CreateUser> { "c1", { "u1", "bad-email", "Ana" }, meta() }));
        QVERIFY_THROWS_EXCEPTION(
            CommandRejected, handler.handle(Command<CreateUser> { "c2", { "u1", "a@example.com", "" }, meta() }));
        QVERIFY_THROWS_EXCEPTION(CommandRejected,
            handler.handle(Command<UpdateUser> { "c3", { "ghost", std::nullopt, std::string("X") }, meta() }));
        QVERIFY_THROWS_EXCEPTION(
            CommandRejected, handler.handle(Command<DeactivateUser> { "c4", { "ghost", "" }, meta() }));
        QVERIFY_THROWS_EXCEPTION(
            CommandRejected, handler.handle(Command<CreateUser> { "", { "u1", "a@example.com", "A" }, meta() }));
        QCOMPARE(m_db->count("SELECT count(*) FROM events"), 0LL);

        handler.handle(Command<CreateUser> { "c5", { "u1", "a@example.com", "Ana" }, meta() });
        handler.handle(Command<DeactivateUser> { "c6", { "u1", "" }, meta() });
        QVERIFY_THROWS_EXCEPTION(CommandRejected,
            handler.handle(Command<UpdateUser> { "c7", { "u1", std::nullopt, std::string("New") }, meta() }));
        QCOMPARE(m_db->count("SELECT count(*) FROM events"), 2LL);
    }

    void sameCommandTwiceHasOneEffect()
    {
        UserCommandHandler handler(*m_store);
        const Command<CreateUser> create { "cmd-same", { "u1", "ana@example.com", "Ana" }, meta() };
        const auto first = handler.handle(create);
        // A retry (same id) is not "user already exists": it returns what the first did.
        const auto second = handler.handle(create);
        QCOMPARE(second.size(), std::size_t(1));
        QCOMPARE(second[0].id, first[0].id);
        const Command<UpdateUser> update { "cmd-upd", { "u1", std::nullopt, std::string("Ana María") }, meta() };
        handler.handle(update);
        handler.handle(update);
        QCOMPARE(m_db->count("SELECT count(*) FROM events"), 2LL);
    }

    void loadsFromSnapshotPlusLaterEvents()
    {
        UserCommandHandler handler(*m_store, 5); // snapshot every 5 versions
        handler.handle(Command<CreateUser> { "c0", { "u1", "ana@example.com", "Name 0" }, meta() });
        for (int i = 1; i <= 11; ++i)
            handler.handle(Command<UpdateUser> {
                "c" + std::to_string(i), { "u1", std::nullopt, "Name " + std::to_string(i) }, meta() });
        const auto snapshot = m_store->loadSnapshot("u1");
        QVERIFY(snapshot);
        QCOMPARE(snapshot->version, 10);
        QCOMPARE(snapshot->state["name"].get<std::string>(), std::string("Name 9"));
        // Prove the snapshot is used: doctor it, and the loaded state follows it (plus v11, v12).
        auto doctored = *snapshot;
        doctored.state["email"] = "from-snapshot@example.com";
        m_store->saveSnapshot(doctored);
        const User user = handler.load("u1");
        QCOMPARE(user.version(), 12);
        QCOMPARE(user.name(), std::string("Name 11"));
        QCOMPARE(user.email(), std::string("from-snapshot@example.com"));
    }

    void concurrentCommandsOnOneUserAllLand()
    {
        {
            UserCommandHandler handler(*m_store);
            handler.handle(Command<CreateUser> { "c0", { "u1", "ana@example.com", "Start" }, meta() });
        }
        std::vector<std::thread> threads;
        std::atomic<int> failures { 0 };
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                auto connection = m_db->connect();
                store::EventStore store(*connection);
                // 20 commands in all: a command can lose at most 15 races (one per other
                // command), so 16 attempts guarantee that every command lands.
                UserCommandHandler handler(store, 100, 16);
                for (int i = 0; i < 5; ++i) {
                    try {
                        handler.handle(Command<UpdateUser> { "t" + std::to_string(t) + "-" + std::to_string(i),
                            { "u1", std::nullopt, "Name " + std::to_string(t * 10 + i) }, meta() });
                    } catch (const store::ConcurrencyError&) {
                        ++failures;
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        const long long events = m_db->count("SELECT count(*) FROM events");
        QCOMPARE(failures.load(), 0);
        QCOMPARE(events, 21LL);
        QCOMPARE(m_db->count("SELECT max(version) - count(*) FROM events"), 0LL); // no gap
    }

    void queryHandlerReadsUserViewSafely()
    {
        // user_view is the projection's table; rows are written here as the projection would.
        m_db->exec("INSERT INTO user_view (id, email, name, status, created_at, version) VALUES "
                   "('u1', 'ana@example.com', 'Ana López', 'active', now(), 1),"
                   "('u2', 'bob@example.com', 'Bob 100%', 'active', now(), 1),"
                   "('u3', 'carla_x@example.com', 'Carla', 'deactivated', now(), 2)");
        read::UserQueryHandler queries(*m_connection);
        const auto ana = queries.getUser("u1");
        QVERIFY(ana);
        QCOMPARE(ana->name, std::string("Ana López"));
        QCOMPARE(ana->version, 1);
        QVERIFY(!queries.getUser("nobody"));

        QCOMPARE(queries.searchUsers("ANA").size(), std::size_t(1)); // case-insensitive, name
        QCOMPARE(queries.searchUsers("example.com").size(), std::size_t(3)); // email
        QCOMPARE(queries.searchUsers("%").size(), std::size_t(1)); // literal %, only Bob
        QCOMPARE(queries.searchUsers("_").size(), std::size_t(1)); // literal _, only carla_x
        QCOMPARE(queries.searchUsers("'; DROP TABLE user_view; --").size(), std::size_t(0));
        const auto page1 = queries.searchUsers("example", 2, 0);
        const auto page2 = queries.searchUsers("example", 2, 2);
        QCOMPARE(page1.size(), std::size_t(2));
        QCOMPARE(page2.size(), std::size_t(1));
        QCOMPARE(page1[0].name, std::string("Ana López")); // ordered by name
        QCOMPARE(page2[0].name, std::string("Carla"));
    }
};

QTEST_GUILESS_MAIN(TestWriteSide)
#include "tst_write_side.moc"

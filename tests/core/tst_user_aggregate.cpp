// The guide's User aggregate and its rules, without a database.
#include <QtTest>

#include "acci/write/Command.hpp"
#include "acci/write/User.hpp"

using namespace acci;
using write::CommandRejected;

class TestUserAggregate : public QObject {
    Q_OBJECT

    static write::User activeUser()
    {
        write::User user;
        user.apply("UserCreated", { { "user_id", "u1" }, { "email", "ana@example.com" }, { "name", "Ana" } }, 1);
        return user;
    }

private slots:
    void emailValidation_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "ana@example.com" << true;
        QTest::newRow("plus and subdomain") << "ana+shop@mail.example.es" << true;
        QTest::newRow("no at") << "ana.example.com" << false;
        QTest::newRow("two ats") << "ana@@example.com" << false;
        QTest::newRow("no domain dot") << "ana@localhost" << false;
        QTest::newRow("space") << "ana lopez@example.com" << false;
        QTest::newRow("empty local") << "@example.com" << false;
        QTest::newRow("double dot") << "ana@example..com" << false;
        QTest::newRow("trailing dot") << "ana@example.com." << false;
        QTest::newRow("empty") << "" << false;
    }
    void emailValidation()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        QCOMPARE(write::isValidEmail(email.toStdString()), valid);
    }

    void createProducesUserCreated()
    {
        const write::User nobody;
        const auto events = nobody.processCreate({ "u1", "ana@example.com", "  Ana López " });
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].eventType, std::string("UserCreated"));
        QCOMPARE(events[0].data["name"].get<std::string>(), std::string("Ana López"));
        QCOMPARE(events[0].data["user_id"].get<std::string>(), std::string("u1"));
    }

    void createRejectsBadInput()
    {
        const write::User nobody;
        QVERIFY_THROWS_EXCEPTION(CommandRejected, nobody.processCreate({ "u1", "not-an-email", "Ana" }));
        QVERIFY_THROWS_EXCEPTION(CommandRejected, nobody.processCreate({ "u1", "ana@example.com", "   " }));
        QVERIFY_THROWS_EXCEPTION(CommandRejected, activeUser().processCreate({ "u1", "ana@example.com", "Ana" }));
    }

    void updateRules()
    {
        const write::User nobody;
        QVERIFY_THROWS_EXCEPTION(
            CommandRejected, nobody.processUpdate({ "u1", std::string("x@example.com"), std::nullopt }));
        const auto user = activeUser();
        QVERIFY_THROWS_EXCEPTION(CommandRejected, user.processUpdate({ "u1", std::nullopt, std::nullopt }));
        QVERIFY_THROWS_EXCEPTION(CommandRejected, user.processUpdate({ "u1", std::string("bad"), std::nullopt }));
        // Only what changes is recorded; no change at all records nothing.
        const auto events = user.processUpdate({ "u1", std::string("ana@example.com"), std::string("Ana María") });
        QCOMPARE(events.size(), std::size_t(1));
        QVERIFY(!events[0].data.contains("email"));
        QCOMPARE(events[0].data["name"].get<std::string>(), std::string("Ana María"));
        QVERIFY(user.processUpdate({ "u1", std::string("ana@example.com"), std::nullopt }).empty());
    }

    void deactivatedUserIsFrozen()
    {
        auto user = activeUser();
        const auto events = user.processDeactivate({ "u1", "left the company" });
        QCOMPARE(events[0].eventType, std::string("UserDeactivated"));
        user.apply(events[0].eventType, events[0].data, 2);
        QCOMPARE(user.status(), write::User::Status::Deactivated);
        QCOMPARE(user.version(), 2);
        QVERIFY_THROWS_EXCEPTION(CommandRejected, user.processUpdate({ "u1", std::nullopt, std::string("Ana") }));
        QVERIFY_THROWS_EXCEPTION(CommandRejected, user.processDeactivate({ "u1", "" }));
    }

    void snapshotRoundTrip()
    {
        auto user = activeUser();
        user.apply("UserUpdated", { { "user_id", "u1" }, { "email", "new@example.com" } }, 2);
        const auto restored = write::User::fromSnapshot(user.toJson(), user.version());
        QCOMPARE(restored.email(), std::string("new@example.com"));
        QCOMPARE(restored.name(), std::string("Ana"));
        QCOMPARE(restored.status(), write::User::Status::Active);
        QCOMPARE(restored.version(), 2);
    }

    void metadataCarriesCorrelationAndCausation()
    {
        const auto fresh = write::eventMetadataFor("cmd-1", { "admin", "", "acme", 0 });
        QCOMPARE(fresh["correlation_id"].get<std::string>(), std::string("cmd-1"));
        QCOMPARE(fresh["causation_id"].get<std::string>(), std::string("cmd-1"));
        QCOMPARE(fresh["tenant_id"].get<std::string>(), std::string("acme"));
        const auto chained = write::eventMetadataFor("cmd-2", { "admin", "flow-9", "acme", 0 });
        QCOMPARE(chained["correlation_id"].get<std::string>(), std::string("flow-9"));
        QCOMPARE(write::eventIdFor("cmd-2", 0), write::eventIdFor("cmd-2", 0));
        QVERIFY(write::eventIdFor("cmd-2", 0) != write::eventIdFor("cmd-2", 1));
    }
};

QTEST_GUILESS_MAIN(TestUserAggregate)
#include "tst_user_aggregate.moc"

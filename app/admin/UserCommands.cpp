// The guide's User commands and queries: user create|update|deactivate|get|search.
#include <iostream>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Output.hpp"
#include "acci/read/UserQueryHandler.hpp"
#include "acci/store/Errors.hpp"
#include "acci/util/Uuid.hpp"
#include "acci/write/UserCommandHandler.hpp"

namespace acci::admin {

using nlohmann::json;

namespace {

    write::CommandMetadata metadataFrom(const Arguments& args)
    {
        write::CommandMetadata metadata;
        if (const auto as = args.value("as"))
            metadata.userId = *as;
        else if (const char* login = std::getenv("USER"))
            metadata.userId = login;
        metadata.tenantId = args.value("tenant").value_or("default");
        metadata.correlationId = args.value("correlation").value_or("");
        return metadata;
    }

    std::string requiredId(const Arguments& args)
    {
        const auto id = args.value("id");
        if (!id || id->empty())
            throw UsageError("This user command needs --id USER_ID.");
        return *id;
    }

    template <typename T> int send(Context& context, const Arguments& args, T data)
    {
        auto connection = context.connectForWrites();
        store::EventStore eventStore(*connection);
        write::UserCommandHandler handler(eventStore);
        write::Command<T> command { args.value("command-id").value_or(util::newUuid()), std::move(data),
            metadataFrom(args) };
        const auto events = handler.handle(command);
        if (events.empty())
            context.err << "Nothing changed: the user already has those values.\n";
        for (const auto& event : events)
            context.out << event.toJson().dump() << '\n';
        return 0;
    }

} // namespace

int runUser(Context& context, const std::vector<std::string>& words)
{
    if (words.empty())
        throw UsageError("user needs an action: create, update, deactivate, get or search.");
    const std::string& action = words.front();
    const std::vector<std::string> rest(words.begin() + 1, words.end());

    if (action == "create" || action == "update" || action == "deactivate") {
        Arguments args(rest, command("user " + action));
        args.requirePositionalCount(0);
        if (action == "create") {
            const auto email = args.value("email");
            const auto name = args.value("name");
            if (!email || !name)
                throw UsageError("user create needs --id, --email and --name.");
            return send(context, args, write::CreateUser { requiredId(args), *email, *name });
        }
        if (action == "update")
            return send(context, args, write::UpdateUser { requiredId(args), args.value("email"), args.value("name") });
        return send(context, args, write::DeactivateUser { requiredId(args), args.value("reason").value_or("") });
    }
    if (action == "get") {
        const auto& spec = command("user get");
        Arguments args(rest, spec);
        args.requirePositionalCount(1);
        const std::string id = args.positional(0, "user id (acci-admin user get ID)");
        const std::string format = chooseFormat(args, spec, context);
        auto connection = context.connectToStore();
        read::UserQueryHandler queries(*connection);
        const auto user = queries.getUser(id);
        if (!user)
            throw store::StoreError("User '" + id
                + "' is not in user_view: either it does not exist, or the user "
                  "projection has not processed it yet.");
        printObject(context.out, format, user->toJson());
        return 0;
    }
    if (action == "search") {
        const auto& spec = command("user search");
        Arguments args(rest, spec);
        args.requirePositionalCount(1);
        RecordWriter writer(context.out, chooseFormat(args, spec, context),
            { { "id", "id", 36 }, { "name", "name", 32 }, { "email", "email", 40 }, { "status", "status", 12 },
                { "version", "version", 8, true }, { "created", "created_at", 32 } },
            terminalColumns());
        const std::string text = args.positional(0, "search text (acci-admin user search TEXT)");
        const int limit = static_cast<int>(args.integer("limit", 1, 10000).value_or(50));
        const int offset = static_cast<int>(args.integer("offset", 0, std::numeric_limits<int>::max()).value_or(0));
        auto connection = context.connectToStore();
        read::UserQueryHandler queries(*connection);
        for (const auto& user : queries.searchUsers(text, limit, offset))
            writer.add(user.toJson());
        writer.finish();
        return 0;
    }
    throw UsageError("Unknown user action '" + action + "'; use create, update, deactivate, get or search.");
}

} // namespace acci::admin

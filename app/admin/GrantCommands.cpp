// grant reader|writer|operator ROLE [--print]: the minimal grants of one of the README's roles.
#include <iostream>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "acci/store/Roles.hpp"

namespace acci::admin {

int runGrant(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words, command("grant"));
    args.requirePositionalCount(2);
    const std::string kind = args.positional(0, "role kind: reader, writer or operator");
    const auto role = store::parseAccessRole(kind);
    if (!role)
        throw UsageError("Unknown role kind '" + kind + "'; use reader, writer or operator.");
    const std::string grantee = args.positional(1, "database role to grant to");
    // --print only reads the catalog (a standby will do); granting writes on the primary.
    auto connection = args.flag("print") ? context.connectToStore() : context.connectForWrites();
    if (args.flag("print")) {
        for (const auto& statement : store::grantStatements(*connection, *role, grantee))
            context.out << statement << ";\n";
        return 0;
    }
    store::grantAccess(*connection, *role, grantee);
    context.err << "Granted " << kind << " rights to " << grantee << ".\n";
    return 0;
}

} // namespace acci::admin

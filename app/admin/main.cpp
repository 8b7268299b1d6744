// acci-admin: the ACCI event store from the command line. Composition only: parse the global
// options, pick the command from the command table (or print its help), turn errors into one line
// and an exit status.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "acci/store/Connection.hpp"
#include "acci/store/Errors.hpp"

int main(int argc, char** argv)
{
    using namespace acci;
    std::vector<std::string> words(argv + 1, argv + argc);
    std::string db;
    std::string primary;
    std::string hintPath; // the command whose --help a usage error points to
    std::size_t i = 0;
    try {
        for (; i < words.size() && words[i].rfind('-', 0) == 0; ++i) {
            if (words[i] == "--help" || words[i] == "-h") {
                admin::printGlobalHelp(std::cout);
                return 0;
            }
            if (words[i] == "--version") {
                std::cout << "acci-admin " << ACCI_VERSION << '\n';
                return 0;
            }
            if (words[i] == "--man") { // hidden: the build writes the man page with it
                admin::printManPage(std::cout, ACCI_VERSION);
                return 0;
            }
            if (words[i] == "--db" && i + 1 < words.size())
                db = words[++i];
            else if (words[i].rfind("--db=", 0) == 0)
                db = words[i].substr(5);
            else if (words[i] == "--primary" && i + 1 < words.size())
                primary = words[++i];
            else if (words[i].rfind("--primary=", 0) == 0)
                primary = words[i].substr(10);
            else if (words[i] == "--db" || words[i] == "--primary")
                throw admin::UsageError("Option " + words[i] + " needs a value.");
            else
                throw admin::UsageError("Unknown option " + words[i] + ".");
        }
        if (i >= words.size())
            throw admin::UsageError("No command given.");
        const std::string command = words[i];
        const std::vector<std::string> rest(words.begin() + static_cast<long>(i) + 1, words.end());
        const admin::CommandHelp* entry = admin::findCommand(command);
        if (!entry || !entry->run)
            throw admin::UsageError("Unknown command '" + command + "'.");
        // A group's action has help of its own: 'projections rebuild --help'.
        const admin::CommandHelp* target = entry;
        if (entry->isGroup() && !rest.empty())
            if (const auto* action = admin::findCommand(command + ' ' + rest.front()))
                target = action;
        hintPath = target->path;
        // --help anywhere after the command, as gh and kubectl take it; before any connection.
        if (std::find_if(
                rest.begin(), rest.end(), [](const std::string& word) { return word == "--help" || word == "-h"; })
            != rest.end()) {
            admin::printCommandHelp(std::cout, *target);
            return 0;
        }
        if (primary.empty())
            if (const char* fromEnvironment = std::getenv("ACCI_PRIMARY_URL"))
                primary = fromEnvironment;
        admin::Context context { store::resolveConninfo(db), std::cin, std::cout, std::cerr, primary,
            ::isatty(STDOUT_FILENO) == 1 };
        return entry->run(context, rest);
    } catch (const admin::UsageError& error) {
        std::cerr << "acci-admin: " << error.what() << " Try 'acci-admin " << (hintPath.empty() ? "" : hintPath + " ")
                  << "--help'.\n";
        return 2;
    } catch (const store::ConcurrencyError& error) {
        std::cerr << "acci-admin: " << error.what() << '\n';
        return 3;
    } catch (const std::exception& error) {
        std::cerr << "acci-admin: " << store::describeError(error) << '\n';
        return 1;
    }
}

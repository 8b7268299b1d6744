#pragma once

// The one description of acci-admin's command line: every command, its options and what they
// mean. The dispatcher runs from it, Arguments accepts exactly its options, and --help, the
// global listing, the man page and the shell completions are printed from it, so none of
// them can drift from what the commands take.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace acci::admin {

struct Context;

// What a shell completes for an option's value or a positional word.
enum class Complete { Nothing, File, Directory, Projection, Command, Choices };

struct OptionHelp {
    std::string name; // without the leading dashes
    std::string value; // the value's placeholder ("N", "TX:POS"); empty for a flag
    std::string text; // what it does, with its default
    Complete complete = Complete::Nothing;
    std::vector<std::string> choices = {};
    bool repeatable = false;
};

struct PositionalHelp {
    std::string name; // as in the synopsis: "ID", "NAME"
    Complete complete = Complete::Nothing;
    std::vector<std::string> choices = {};
};

struct Example {
    std::string command; // after "acci-admin "
    std::string comment;
};

using Runner = int (*)(Context&, const std::vector<std::string>&);

struct CommandHelp {
    std::string path; // "log", "projections rebuild"
    std::string synopsis; // the arguments after "acci-admin PATH"
    std::string summary; // one line, for listings
    std::string description; // a paragraph: what it does, what it prints
    std::vector<OptionHelp> options = {};
    std::vector<PositionalHelp> positionals = {};
    std::string exitStatus = "0 ok, 1 error, 2 usage.";
    std::vector<Example> examples = {};
    // --format: what is printed when it is not given, on a terminal and into a pipe or file.
    std::string formatOnTerminal = {};
    std::string formatPiped = {};
    Runner run = nullptr; // the commands (a group's actions are run by the group's runner)

    bool isGroup() const; // has actions ("projections", "user")
    const OptionHelp* option(std::string_view name) const;
};

// Every command and action, in the order of the listing; groups before their actions.
const std::vector<CommandHelp>& commandTable();
// The options before the command (--db, --primary, --help, --version).
const std::vector<OptionHelp>& globalOptions();
// The entry for a path; nullptr when there is none.
const CommandHelp* findCommand(std::string_view path);
// The entry for a path the code itself names; a missing one is a programming error.
const CommandHelp& command(std::string_view path);
// The actions of a group, in table order.
std::vector<const CommandHelp*> actionsOf(const CommandHelp& group);

// Renderings, all from the table.
void printGlobalHelp(std::ostream& out);
void printCommandHelp(std::ostream& out, const CommandHelp& command);
void printManPage(std::ostream& out, const std::string& version);
void printHelpJson(std::ostream& out);
void printBashCompletion(std::ostream& out);
void printZshCompletion(std::ostream& out);

} // namespace acci::admin

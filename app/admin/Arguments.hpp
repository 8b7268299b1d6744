#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace acci::admin {

// Wrong command-line usage: exit status 2, with the message and a hint to --help.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line after the subcommand words: positional words and --name value options.
// Each command declares the options it accepts; anything else is a usage error.
struct CommandHelp;

class Arguments {
public:
    // The options are those of the command's entry in the command table (CommandTable.hpp):
    // an option without an entry there, and so without help, is not accepted. Those with a
    // value placeholder take one (--limit 10 or --limit=10); the others are flags (--all).
    Arguments(const std::vector<std::string>& words, const CommandHelp& command);

    const std::vector<std::string>& positional() const { return m_positional; }
    std::string positional(std::size_t index, const std::string& what) const; // required
    void requirePositionalCount(std::size_t max) const;

    std::optional<std::string> value(const std::string& name) const;
    std::optional<long long> integer(const std::string& name, long long min, long long max) const;
    std::vector<std::string> values(const std::string& name) const; // repeatable or comma-separated
    bool flag(const std::string& name) const;

private:
    std::vector<std::string> m_positional;
    std::multimap<std::string, std::string> m_values;
    std::vector<std::string> m_flags;
};

} // namespace acci::admin

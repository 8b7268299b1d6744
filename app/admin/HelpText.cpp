// --help, 'acci-admin help', the man page and the machine-readable table: renderings of the
// command table, so that none of them says something the commands do not do.
#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "Arguments.hpp"
#include "CommandTable.hpp"
#include "Commands.hpp"
#include "Output.hpp"

namespace acci::admin {

namespace {

    constexpr std::size_t lineWidth = 100;

    const char* const globalSynopsis = "[--db CONNINFO] [--primary CONNINFO] COMMAND [ARGS]";
    const char* const globalDescription
        = "Connects with --db, else ACCI_DATABASE_URL, else libpq's PG* variables and ~/.pgpass. CONNINFO may name "
          "several hosts and target_session_attrs, such as a replica first: \"host=replica,primary port=5432,5432 "
          "dbname=acci target_session_attrs=prefer-standby\". Reads run on that connection, a hot standby included. "
          "Commands that write (migrate, append, user create|update|deactivate, snapshot save, projections "
          "rebuild|reset|run, dead-letters retry|skip, grant) go to the primary: --primary CONNINFO (else "
          "ACCI_PRIMARY_URL; what it leaves out, such as dbname and user, comes from --db), else the same hosts "
          "with target_session_attrs=read-write. With only a standby to reach they change nothing and exit 1: "
          "\"Connected to a standby; actions need the primary.\"";
    const char* const formatDescription
        = "Commands that print records take --format: table (aligned columns for people; long cells are cut "
          "with …, the last column to the terminal's width), ndjson (one JSON object a line, for jq and scripts) "
          "or json (one JSON document). Without --format they print a table on a terminal and NDJSON into a pipe "
          "or a file, as they always did, so existing scripts keep working. Reports that were text (health, "
          "in-flight, the verifications, blame) stay text unless --format json is given; --json is kept as its "
          "alias; metrics stays in the Prometheus format unless asked otherwise.";
    const char* const exitDescription = "0 ok, 1 error, 2 usage, 3 concurrency conflict (append's "
                                        "--expected-version). Each command's help says what its statuses mean.";

    // Words wrapped to `width`, every line after the first starting with `indent` blanks.
    std::string wrap(const std::string& text, std::size_t width, std::size_t indent, std::size_t firstUsed = 0)
    {
        std::istringstream words(text);
        std::string word;
        std::string out;
        std::size_t used = firstUsed;
        bool lineStart = true;
        while (words >> word) {
            const std::size_t wordWidth = displayWidth(word);
            if (!lineStart && used + 1 + wordWidth > width) {
                out += '\n' + std::string(indent, ' ');
                used = indent;
                lineStart = true;
            }
            if (!lineStart) {
                out += ' ';
                ++used;
            }
            out += word;
            used += wordWidth;
            lineStart = false;
        }
        return out;
    }

    // A synopsis wrapped between its bracketed groups, never inside one ("[--format F]").
    std::string wrapSynopsis(const std::string& synopsis, std::size_t indent)
    {
        std::istringstream words(synopsis);
        std::string word;
        std::string unit;
        std::string units;
        int depth = 0;
        while (words >> word) {
            unit += (unit.empty() ? "" : "\x01") + word; // \x01: a blank that does not break
            for (const char c : word)
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth <= 0) {
                units += (units.empty() ? "" : " ") + unit;
                unit.clear();
                depth = 0;
            }
        }
        if (!unit.empty())
            units += (units.empty() ? "" : " ") + unit;
        std::string wrapped = wrap(units, lineWidth, indent, indent);
        for (auto& c : wrapped)
            if (c == '\x01')
                c = ' ';
        return wrapped;
    }

    std::string optionLabel(const OptionHelp& option)
    {
        return "--" + option.name + (option.value.empty() ? "" : " " + option.value);
    }

    // The --format option's text with the default the entry really has.
    std::string optionText(const CommandHelp& command, const OptionHelp& option)
    {
        if (option.name != "format" || command.formatOnTerminal.empty())
            return option.text;
        if (command.formatOnTerminal == command.formatPiped)
            return option.text + " Default: " + command.formatOnTerminal + ".";
        return option.text + " Default: " + command.formatOnTerminal + " on a terminal, " + command.formatPiped
            + " when piped.";
    }

    void printTwoColumns(std::ostream& out, const std::string& label, const std::string& text, std::size_t column)
    {
        out << "  " << label;
        if (label.size() + 2 + 2 > column)
            out << '\n' << std::string(column, ' ');
        else
            out << std::string(column - 2 - label.size(), ' ');
        out << wrap(text, lineWidth, column, column) << '\n';
    }

    // Plain ASCII for roff: man(1) reads a page in the locale's charset (often C), so every
    // other character is written as its \[uXXXX] escape.
    std::string roffText(const std::string& text)
    {
        std::string out;
        for (std::size_t at = 0; at < text.size();) {
            const auto byte = static_cast<unsigned char>(text[at]);
            if (byte < 0x80) {
                // A '-' is a minus sign (\-): options, ids and connection strings copy as typed.
                out += byte == '\\' ? std::string("\\e")
                    : byte == '-'   ? std::string("\\-")
                                    : std::string(1, static_cast<char>(byte));
                ++at;
                continue;
            }
            const int length = (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 1;
            char32_t point = length == 1 ? 0xFFFD : byte & (0x7F >> length);
            for (int i = 1; i < length && at + static_cast<std::size_t>(i) < text.size(); ++i)
                point = (point << 6) | (static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]) & 0x3F);
            at += static_cast<std::size_t>(length);
            char escape[16];
            std::snprintf(escape, sizeof escape, "\\[u%04X]", static_cast<unsigned>(point));
            out += escape;
        }
        if (!out.empty() && (out[0] == '.' || out[0] == '\''))
            out = "\\&" + out;
        return out;
    }

    // Commands and options (roffText writes every dash as a minus sign already).
    std::string roffCode(const std::string& text)
    {
        return roffText(text);
    }

    nlohmann::ordered_json optionJson(const CommandHelp* command, const OptionHelp& option)
    {
        static const char* const kinds[] = { "nothing", "file", "directory", "projection", "command", "choices" };
        nlohmann::ordered_json out = { { "name", option.name }, { "value", option.value },
            { "text", command ? optionText(*command, option) : option.text },
            { "complete", kinds[static_cast<int>(option.complete)] }, { "choices", option.choices },
            { "repeatable", option.repeatable } };
        return out;
    }

} // namespace

void printGlobalHelp(std::ostream& out)
{
    out << "Usage: acci-admin " << globalSynopsis << "\n       acci-admin COMMAND --help\n\n"
        << wrap(globalDescription, lineWidth, 0) << "\n\nCommands:\n";
    std::size_t column = 0;
    for (const auto& entry : commandTable())
        if (!entry.isGroup())
            column = std::max(column, entry.path.size() + 4);
    column = std::min<std::size_t>(column, 28);
    for (const auto& entry : commandTable())
        if (!entry.isGroup())
            printTwoColumns(out, entry.path, entry.summary, column);
    out << "\nGlobal options (before the command):\n";
    for (const auto& option : globalOptions())
        printTwoColumns(out, option.name == "help" ? "-h, --help" : optionLabel(option), option.text, column);
    out << '\n'
        << wrap(formatDescription, lineWidth, 0) << "\n\nExit status: " << wrap(exitDescription, lineWidth, 0, 13)
        << "\n\n"
        << wrap("Run 'acci-admin COMMAND --help' (or 'acci-admin help COMMAND') for a command's options, defaults "
                "and examples; 'man acci-admin' for all of them.",
               lineWidth, 0)
        << '\n';
}

void printCommandHelp(std::ostream& out, const CommandHelp& command)
{
    const std::string usage = "Usage: acci-admin " + command.path + (command.synopsis.empty() ? "" : " ");
    out << usage << wrapSynopsis(command.synopsis, usage.size()) << "\n\n"
        << wrap(command.description, lineWidth, 0) << '\n';
    constexpr std::size_t column = 26;
    if (command.isGroup()) {
        out << "\nActions:\n";
        for (const auto* action : actionsOf(command))
            printTwoColumns(out, action->path.substr(command.path.size() + 1), action->summary, column);
        out << "\nRun 'acci-admin " << command.path << " ACTION --help' for an action's options.\n";
    } else {
        out << "\nOptions:\n";
        for (const auto& option : command.options)
            printTwoColumns(out, optionLabel(option), optionText(command, option), column);
        printTwoColumns(out, "-h, --help", "Print this help and exit.", column);
        out << "The global options (--db, --primary) go before the command; see 'acci-admin --help'.\n";
    }
    out << "\nExit status: " << wrap(command.exitStatus, lineWidth, 13, 13) << '\n';
    if (!command.examples.empty()) {
        out << "\nExamples:\n";
        for (const auto& example : command.examples) {
            out << "  acci-admin " << example.command << '\n';
            if (!example.comment.empty())
                out << "      " << wrap(example.comment, lineWidth, 6, 6) << '\n';
        }
    }
}

void printManPage(std::ostream& out, const std::string& version)
{
    out << ".\\\" Generated by 'acci-admin --man' from acci-admin's command table; do not edit.\n"
        << ".TH ACCI\\-ADMIN 1 \"\" \"acci-admin " << roffText(version)
        << "\" \"ACCI Event Console\"\n"
        // No hyphenation, ragged right: a word broken by man would paste as another
        // (db-name=acci, target_session_at-trs).
        << ".nh\n.ad l\n"
        << ".SH NAME\nacci\\-admin \\- the ACCI event store from the command line\n"
        << ".SH SYNOPSIS\n.B acci\\-admin\n"
        << roffCode(globalSynopsis) << "\n.br\n.B acci\\-admin\n"
        << "COMMAND \\-\\-help\n"
        << ".SH DESCRIPTION\n"
        << roffText(globalDescription) << '\n'
        << ".SH GLOBAL OPTIONS\n";
    for (const auto& option : globalOptions())
        out << ".TP\n"
            << (option.name == "help" ? "\\fB\\-h\\fR, " : "") << "\\fB" << roffCode("--" + option.name) << "\\fR"
            << (option.value.empty() ? "" : " \\fI" + roffCode(option.value) + "\\fR") << '\n'
            << roffText(option.text) << '\n';
    out << ".SH COMMANDS\n";
    for (const auto& command : commandTable()) {
        out << ".SS \"" << roffCode("acci-admin " + command.path) << "\"\n"
            << ".B " << roffCode("acci-admin " + command.path) << '\n'
            << roffCode(command.synopsis) << "\n.PP\n"
            << roffText(command.description) << '\n';
        if (command.isGroup()) {
            out << ".PP\nActions:";
            for (const auto* action : actionsOf(command))
                out << ' ' << roffCode(action->path.substr(command.path.size() + 1));
            out << ".\n";
        }
        for (const auto& option : command.options)
            out << ".TP\n\\fB" << roffCode("--" + option.name) << "\\fR"
                << (option.value.empty() ? "" : " \\fI" + roffCode(option.value) + "\\fR") << '\n'
                << roffText(optionText(command, option)) << '\n';
        out << ".PP\nExit status: " << roffText(command.exitStatus) << '\n';
        if (!command.examples.empty()) {
            out << ".PP\nExamples:\n.RS\n.nf\n";
            for (const auto& example : command.examples)
                out << roffCode("acci-admin " + example.command)
                    << (example.comment.empty() ? "" : "    # " + roffText(example.comment)) << '\n';
            out << ".fi\n.RE\n";
        }
    }
    out << ".SH OUTPUT FORMATS\n"
        << roffText(formatDescription) << '\n'
        << ".SH ENVIRONMENT\n"
        << ".TP\n.B ACCI_DATABASE_URL\nThe connection string when \\fB\\-\\-db\\fR is not given.\n"
        << ".TP\n.B ACCI_PRIMARY_URL\nWhere writes go when \\fB\\-\\-primary\\fR is not given.\n"
        << ".TP\n.B PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSFILE, ...\nlibpq's defaults, when neither names "
           "them.\n"
        << ".TP\n.B COLUMNS\nThe width tables fit on a terminal (else the terminal's own).\n"
        << ".SH EXIT STATUS\n"
        << roffText(exitDescription) << '\n'
        << ".SH FILES\n"
        << ".TP\n.I /usr/share/bash\\-completion/completions/acci\\-admin\nbash completion "
           "('acci\\-admin completion bash').\n"
        << ".TP\n.I /usr/share/zsh/vendor\\-completions/_acci\\-admin\nzsh completion ('acci\\-admin completion "
           "zsh').\n"
        << ".SH SEE ALSO\n.BR psql (1)\n";
}

void printHelpJson(std::ostream& out)
{
    nlohmann::ordered_json commands = nlohmann::ordered_json::array();
    for (const auto& command : commandTable()) {
        nlohmann::ordered_json options = nlohmann::ordered_json::array();
        for (const auto& option : command.options)
            options.push_back(optionJson(&command, option));
        nlohmann::ordered_json positionals = nlohmann::ordered_json::array();
        for (const auto& positional : command.positionals)
            positionals.push_back({ { "name", positional.name }, { "choices", positional.choices } });
        nlohmann::ordered_json examples = nlohmann::ordered_json::array();
        for (const auto& example : command.examples)
            examples.push_back({ { "command", "acci-admin " + example.command }, { "comment", example.comment } });
        commands.push_back({ { "path", command.path }, { "group", command.isGroup() }, { "synopsis", command.synopsis },
            { "summary", command.summary }, { "description", command.description }, { "options", options },
            { "positionals", positionals }, { "exit_status", command.exitStatus }, { "examples", examples },
            { "format_on_terminal", command.formatOnTerminal }, { "format_piped", command.formatPiped } });
    }
    nlohmann::ordered_json globals = nlohmann::ordered_json::array();
    for (const auto& option : globalOptions())
        globals.push_back(optionJson(nullptr, option));
    out << nlohmann::ordered_json { { "global_options", globals }, { "commands", commands } }.dump(2) << '\n';
}

int runHelp(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words, command("help"));
    const std::string format = chooseFormat(args, command("help"), context);
    if (format == "json") {
        args.requirePositionalCount(0);
        printHelpJson(context.out);
        return 0;
    }
    args.requirePositionalCount(2);
    if (args.positional().empty()) {
        printGlobalHelp(context.out);
        return 0;
    }
    std::string path = args.positional()[0];
    if (args.positional().size() == 2)
        path += ' ' + args.positional()[1];
    const CommandHelp* entry = findCommand(path);
    if (!entry)
        throw UsageError("No command '" + path + "'.");
    printCommandHelp(context.out, *entry);
    return 0;
}

int runCompletion(Context& context, const std::vector<std::string>& words)
{
    const Arguments args(words, command("completion"));
    args.requirePositionalCount(1);
    const std::string shell = args.positional(0, "shell: bash or zsh");
    if (shell == "bash")
        printBashCompletion(context.out);
    else if (shell == "zsh")
        printZshCompletion(context.out);
    else
        throw UsageError("completion takes bash or zsh, not '" + shell + "'.");
    return 0;
}

} // namespace acci::admin

#include "Arguments.hpp"

#include <algorithm>
#include <charconv>

#include "CommandTable.hpp"

namespace acci::admin {

Arguments::Arguments(const std::vector<std::string>& words, const CommandHelp& command)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.rfind("--", 0) != 0 || word == "--") {
            m_positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        const OptionHelp* option = command.option(name);
        if (!option)
            throw UsageError("Unknown option --" + name + ".");
        if (option->value.empty()) {
            if (inlineValue)
                throw UsageError("Option --" + name + " takes no value.");
            m_flags.push_back(name);
        } else {
            if (!inlineValue) {
                if (i + 1 >= words.size())
                    throw UsageError("Option --" + name + " needs a value.");
                inlineValue = words[++i];
            }
            m_values.emplace(name, *inlineValue);
        }
    }
}

std::string Arguments::positional(std::size_t index, const std::string& what) const
{
    if (index >= m_positional.size())
        throw UsageError("Missing " + what + ".");
    return m_positional[index];
}

void Arguments::requirePositionalCount(std::size_t max) const
{
    if (m_positional.size() > max)
        throw UsageError("Unexpected argument '" + m_positional[max] + "'.");
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const auto range = m_values.equal_range(name);
    if (range.first == range.second)
        return std::nullopt;
    return std::prev(range.second)->second; // the last one wins, as usual for options
}

std::optional<long long> Arguments::integer(const std::string& name, long long min, long long max) const
{
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    long long number = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size())
        throw UsageError("Option --" + name + " needs a whole number, not '" + *text + "'.");
    if (number < min || number > max)
        throw UsageError(
            "Option --" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
    return number;
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    std::vector<std::string> all;
    const auto range = m_values.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
        std::size_t start = 0;
        const std::string& text = it->second;
        while (start <= text.size()) {
            const auto comma = text.find(',', start);
            const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!part.empty())
                all.push_back(part);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return all;
}

bool Arguments::flag(const std::string& name) const
{
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end();
}

} // namespace acci::admin

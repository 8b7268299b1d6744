#include "acci/timetravel/JsonDiff.hpp"

namespace acci::timetravel {

std::string shortJson(const nlohmann::json& value, std::size_t maxBytes)
{
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() <= maxBytes)
        return text;
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // never inside a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

StateDiff diffStates(const nlohmann::json& before, const nlohmann::json& after)
{
    StateDiff diff;
    diff.patch = nlohmann::json::diff(before, after);
    for (const auto& operation : diff.patch) {
        const std::string op = operation.at("op").get<std::string>();
        FieldChange change;
        change.pointer = operation.at("path").get<std::string>();
        const nlohmann::json::json_pointer pointer(change.pointer);
        if (op == "add") {
            change.kind = FieldChange::Kind::Added;
            change.after = operation.at("value");
        } else if (op == "remove") {
            change.kind = FieldChange::Kind::Removed;
            if (before.contains(pointer))
                change.before = before.at(pointer);
        } else {
            change.kind = FieldChange::Kind::Changed;
            if (before.contains(pointer))
                change.before = before.at(pointer);
            change.after = operation.value("value", nlohmann::json());
        }
        diff.changes.push_back(std::move(change));
    }
    return diff;
}

std::vector<std::string> StateDiff::summary(std::size_t maxValueLength) const
{
    std::vector<std::string> lines;
    for (const auto& change : changes) {
        const std::string where = change.pointer.empty() ? "/" : change.pointer;
        switch (change.kind) {
        case FieldChange::Kind::Added:
            lines.push_back("+ " + where + " = " + shortJson(change.after, maxValueLength));
            break;
        case FieldChange::Kind::Removed:
            lines.push_back("- " + where + " (was " + shortJson(change.before, maxValueLength) + ")");
            break;
        case FieldChange::Kind::Changed:
            lines.push_back("~ " + where + ": " + shortJson(change.before, maxValueLength) + " → "
                + shortJson(change.after, maxValueLength));
            break;
        }
    }
    return lines;
}

} // namespace acci::timetravel

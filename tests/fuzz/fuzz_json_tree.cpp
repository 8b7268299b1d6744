// The console's JSON tree: any stored value (first line), with the fields a previous value
// (second line) differs in marked, builds a tree whose every cell can be drawn, and every
// row's pointer leads back to that row.

#include <QGuiApplication>

#include "FuzzSupport.hpp"
#include "acci/store/StoredJson.hpp"
#include "acci/timetravel/JsonDiff.hpp"
#include "models/JsonTreeModel.hpp"

using namespace acci;

namespace {

QGuiApplication& application()
{
    static int argc = 1;
    static char name[] = "fuzz_json_tree";
    static char* argv[] = { name, nullptr };
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(argc, argv);
    return app;
}

void visit(const ui::JsonTreeModel& model, const QModelIndex& parent, std::size_t& budget)
{
    for (int row = 0; row < model.rowCount(parent) && budget > 0; ++row, --budget) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const auto index = model.index(row, column, parent);
            ACCI_FUZZ_CHECK(index.isValid());
            for (int role : { Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::BackgroundRole, Qt::FontRole })
                (void)model.data(index, role);
            ACCI_FUZZ_CHECK(model.parent(index) == parent);
        }
        const auto first = model.index(row, 0, parent);
        ACCI_FUZZ_CHECK(model.indexForPointer(model.pointerOf(first)) == first);
        visit(model, first, budget);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)application();
    const auto parts = fuzz::splitLines(fuzz::asText(data, size), 2);
    const auto document = store::decodeStoredOrderedJson(parts.front()).value;
    QHash<QString, ui::JsonTreeModel::Mark> marks;
    if (parts.size() > 1) {
        const auto previous = store::decodeStoredJson(parts.back()).value;
        for (const auto& change : timetravel::diffStates(previous, nlohmann::json(document)).changes)
            marks.insert(QString::fromStdString(change.pointer),
                change.kind == timetravel::FieldChange::Kind::Added ? ui::JsonTreeModel::Mark::Added
                                                                    : ui::JsonTreeModel::Mark::Changed);
    }
    ui::JsonTreeModel model;
    model.setDocument(document, marks);
    std::size_t budget = 20000; // rows visited per input: keeps each run fast
    visit(model, {}, budget);
    return 0;
}

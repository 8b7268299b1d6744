#pragma once

#include <algorithm>

#include <QGroupBox>
#include <QHeaderView>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acci::ui {

// The look every table of the console shares: whole rows, compact, no grid, resizable.
inline void setUpTable(QTableView* table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
}

// The look of a JSON tree (JsonTreeModel): keys and types fit their text, values take the rest.
inline void setUpJsonTree(QTreeView* tree)
{
    tree->setAlternatingRowColors(true);
    tree->setUniformRowHeights(true);
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents); // key
    tree->header()->setSectionResizeMode(1, QHeaderView::Stretch); // value
    tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents); // type
    tree->header()->setStretchLastSection(false);
}

// As tall as its rows (up to `most`, at least one): a short list reads as figures, not as an
// empty box.
inline void fitTreeToRows(QTreeWidget* tree, int most)
{
    const int rows = std::min(most, std::max(1, tree->topLevelItemCount()));
    const int row = tree->topLevelItemCount() > 0 ? tree->sizeHintForRow(0) : tree->fontMetrics().height() + 4;
    tree->setFixedHeight(tree->header()->sizeHint().height() + rows * row + 2 * tree->frameWidth() + 2);
}

// A widget under a title.
inline QGroupBox* titled(const QString& title, QWidget* content, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace acci::ui

#pragma once

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace acci::ui {

// A JSON document as a collapsible tree: key, value (scalars; a count for containers) and
// type, with values coloured by type.
class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // Marks name fields (by JSON pointer) just added or changed: their rows get a tint and
    // their ancestors a bold key, so that a change deep in a collapsed tree still shows.
    enum class Mark { Added, Changed };
    void setDocument(const nlohmann::ordered_json& document, QHash<QString, Mark> marks = {});
    void setDocument(const nlohmann::json& document, QHash<QString, Mark> marks = {});
    void clear();
    QModelIndex indexForPointer(const QString& pointer) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "/a/b/0" for the item: the JSON pointer of a field.
    QString pointerOf(const QModelIndex& index) const;

private:
    struct Node;
    bool hasMarkedDescendant(const QString& pointer) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Mark> m_marks;
};

} // namespace acci::ui

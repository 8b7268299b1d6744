#pragma once

#include <QAbstractItemModel>

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

    void setDocument(const nlohmann::ordered_json& document);
    void clear();

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
    std::unique_ptr<Node> m_root;
};

} // namespace acci::ui

#include "models/JsonTreeModel.hpp"

#include <QColor>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

#include <functional>

#include "text/Formatting.hpp"

namespace acci::ui {

struct JsonTreeModel::Node {
    QString key;
    QString value;
    QString pointer;
    nlohmann::ordered_json::value_t type = nlohmann::ordered_json::value_t::null;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

    QString escapePointer(const std::string& key)
    {
        QString text = QString::fromStdString(key);
        text.replace(QLatin1Char('~'), QLatin1String("~0"));
        text.replace(QLatin1Char('/'), QLatin1String("~1"));
        return text;
    }

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

namespace {

    QString scalarText(const nlohmann::ordered_json& value)
    {
        if (value.is_string())
            return QString::fromStdString(value.get<std::string>());
        return QString::fromStdString(value.dump());
    }

} // namespace

void JsonTreeModel::clear()
{
    beginResetModel();
    m_marks.clear();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void JsonTreeModel::setDocument(const nlohmann::ordered_json& document, QHash<QString, Mark> marks)
{
    beginResetModel();
    m_marks = std::move(marks);
    m_root = std::make_unique<Node>();
    // Recursion is bounded: stored values nested deeper than store::JsonLimits arrive here as
    // their text (decodeStoredJson), never as a tree.
    std::function<void(Node*, const nlohmann::ordered_json&)> fill
        = [&](Node* node, const nlohmann::ordered_json& value) {
              node->type = value.type();
              if (value.is_object() || value.is_array()) {
                  node->value = value.is_object() ? tr("{%n field(s)}", nullptr, static_cast<int>(value.size()))
                                                  : tr("[%n item(s)]", nullptr, static_cast<int>(value.size()));
                  int row = 0;
                  for (auto it = value.begin(); it != value.end(); ++it, ++row) {
                      auto child = std::make_unique<Node>();
                      child->parent = node;
                      child->row = row;
                      const std::string key = value.is_object() ? it.key() : std::to_string(row);
                      child->key = value.is_object() ? QString::fromStdString(key) : QStringLiteral("[%1]").arg(row);
                      child->pointer = node->pointer + QLatin1Char('/') + escapePointer(key);
                      fill(child.get(), it.value());
                      node->children.push_back(std::move(child));
                  }
              } else {
                  node->value = scalarText(value);
              }
          };
    fill(m_root.get(), document);
    endResetModel();
}

void JsonTreeModel::setDocument(const nlohmann::json& document, QHash<QString, Mark> marks)
{
    setDocument(nlohmann::ordered_json(document), std::move(marks));
}

bool JsonTreeModel::hasMarkedDescendant(const QString& pointer) const
{
    const QString prefix = pointer + QLatin1Char('/');
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it)
        if (it.key().startsWith(prefix))
            return true;
    return false;
}

QModelIndex JsonTreeModel::indexForPointer(const QString& pointer) const
{
    const Node* node = m_root.get();
    QModelIndex found;
    if (!pointer.startsWith(QLatin1Char('/')))
        return found; // "" is the document itself, which has no row
    // Empty tokens are keys too: {"": 1} has the pointer "/" (found by fuzz_json_tree).
    auto tokens = pointer.split(QLatin1Char('/'));
    tokens.removeFirst();
    for (const auto& token : tokens) {
        const Node* next = nullptr;
        for (const auto& child : node->children)
            if (child->pointer == node->pointer + QLatin1Char('/') + token) {
                next = child.get();
                break;
            }
        if (!next)
            return {};
        node = next;
        found = createIndex(node->row, 0, const_cast<Node*>(node));
    }
    return found;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const Node* node = parent.isValid() ? static_cast<Node*>(parent.internalPointer()) : m_root.get();
    if (row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node* node = static_cast<Node*>(child.internalPointer());
    Node* parentNode = node->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row, 0, parentNode);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node* node = parent.isValid() ? static_cast<Node*>(parent.internalPointer()) : m_root.get();
    return static_cast<int>(node->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = static_cast<Node*>(index.internalPointer());
    using T = nlohmann::ordered_json::value_t;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        // Shown display-safe (a bidi override in a value would mirror the row); copied as stored.
        case KeyColumn:
            return displaySafe(node->key);
        case ValueColumn:
            return displaySafe(node->value);
        case TypeColumn:
            switch (node->type) {
            case T::object:
                return tr("object");
            case T::array:
                return tr("array");
            case T::string:
                return tr("string");
            case T::boolean:
                return tr("boolean");
            case T::null:
                return tr("null");
            default:
                return tr("number");
            }
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ValueColumn) {
        // Colours that read on light and dark palettes alike.
        const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
        switch (node->type) {
        case T::string:
            return QColor(dark ? QStringLiteral("#98c379") : QStringLiteral("#2e7d32"));
        case T::number_integer:
        case T::number_unsigned:
        case T::number_float:
            return QColor(dark ? QStringLiteral("#61afef") : QStringLiteral("#1565c0"));
        case T::boolean:
        case T::null:
            return QColor(dark ? QStringLiteral("#c678dd") : QStringLiteral("#8e24aa"));
        default:
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
    }
    if (!m_marks.isEmpty()) {
        const auto mark = m_marks.constFind(node->pointer);
        if (role == Qt::BackgroundRole && mark != m_marks.cend()) {
            // Translucent tints: readable on light and dark palettes.
            return *mark == Mark::Added ? QColor(46, 160, 67, 70) : QColor(230, 160, 0, 80);
        }
        if (role == Qt::FontRole && index.column() == KeyColumn
            && (mark != m_marks.cend() || hasMarkedDescendant(node->pointer))) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
    }
    if (role == Qt::FontRole && index.column() == ValueColumn)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

QString JsonTreeModel::pointerOf(const QModelIndex& index) const
{
    if (!index.isValid())
        return {};
    return static_cast<Node*>(index.internalPointer())->pointer;
}

} // namespace acci::ui

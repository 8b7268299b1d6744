#include "widgets/EmptyState.hpp"

#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>
#include <QPointer>

namespace acci::ui {

namespace {

    const char* const LabelName = "emptyState";

    class EmptyState final : public QObject {
    public:
        EmptyState(QAbstractItemView* view, std::function<QString()> text)
            : QObject(view)
            , m_view(view)
            , m_text(std::move(text))
        {
            setObjectName(QStringLiteral("emptyStateController"));
            m_label = new QLabel(view->viewport());
            m_label->setObjectName(QString::fromLatin1(LabelName));
            m_label->setWordWrap(true);
            m_label->setAlignment(Qt::AlignCenter);
            m_label->setTextFormat(Qt::PlainText);
            m_label->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); padding: 16px; }"));
            m_label->setAttribute(Qt::WA_TransparentForMouseEvents); // the view's menus still work
            m_label->hide();
            view->viewport()->installEventFilter(this);
            watch();
        }

        // The model may be set or replaced after: watch whichever the view has.
        void watch()
        {
            auto* model = m_view->model();
            if (model == m_model)
                return;
            if (m_model)
                disconnect(m_model, nullptr, this, nullptr);
            m_model = model;
            if (m_model) {
                const auto update = [this] { refresh(); };
                connect(m_model, &QAbstractItemModel::rowsInserted, this, update);
                connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
                connect(m_model, &QAbstractItemModel::modelReset, this, update);
                connect(m_model, &QAbstractItemModel::layoutChanged, this, update);
                connect(m_model, &QObject::destroyed, this, [this] { m_model = nullptr; });
            }
            refresh();
        }

        void refresh()
        {
            if (!m_label)
                return;
            watch();
            const bool empty = !m_model || m_model->rowCount() == 0;
            const QString text = empty ? m_text() : QString();
            m_label->setText(text);
            m_label->setVisible(!text.isEmpty());
            place();
        }

        ~EmptyState() override { delete m_label.data(); }

        QLabel* label() const { return m_label; }
        QString shown() const { return m_label->isHidden() ? QString() : m_label->text(); }

    protected:
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            if (event->type() == QEvent::Resize)
                place();
            return QObject::eventFilter(watched, event);
        }

    private:
        void place()
        {
            if (!m_label)
                return;
            // The upper part of the viewport, as wide as it: read first, not lost in a tall view.
            const QRect area = m_view->viewport()->rect();
            const int height = std::min(area.height(), m_label->heightForWidth(area.width()) + 8);
            m_label->setGeometry(area.left(), area.top() + std::min(area.height() / 6, 48), area.width(), height);
        }

        QAbstractItemView* m_view;
        QAbstractItemModel* m_model = nullptr;
        std::function<QString()> m_text;
        QPointer<QLabel> m_label; // the viewport's child: it may go first when the view is destroyed
    };

    EmptyState* controllerOf(const QAbstractItemView* view)
    {
        // Found by name: the controller is a private class, without Q_OBJECT for qobject_cast.
        return view ? static_cast<EmptyState*>(
                   view->findChild<QObject*>(QStringLiteral("emptyStateController"), Qt::FindDirectChildrenOnly))
                    : nullptr;
    }

} // namespace

QLabel* setEmptyState(QAbstractItemView* view, std::function<QString()> text)
{
    delete controllerOf(view);
    return (new EmptyState(view, std::move(text)))->label();
}

void refreshEmptyState(QAbstractItemView* view)
{
    if (auto* state = controllerOf(view))
        state->refresh();
}

QString emptyStateText(const QAbstractItemView* view)
{
    auto* state = controllerOf(view);
    return state ? state->shown() : QString();
}

} // namespace acci::ui

#pragma once

#include <QMessageBox>
#include <QPushButton>

#include <functional>
#include <utility>

namespace acci::ui {

// Asks before an action without a nested event loop (ARCHITECTURE.md forbids exec()): the
// box opens window-modal and onConfirmed runs if the user says yes.
inline void confirm(QWidget* parent, const QString& title, const QString& text, const QString& actionText,
    std::function<void()> onConfirmed)
{
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    auto* yes = box->addButton(actionText, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("confirmBox"));
    // Once only: a closing box may still be clicked before it is deleted.
    QObject::connect(box, &QMessageBox::buttonClicked, box,
        [yes, done = false, onConfirmed = std::move(onConfirmed)](QAbstractButton* clicked) mutable {
            if (clicked == yes && !std::exchange(done, true))
                onConfirmed();
        });
    box->open();
}

} // namespace acci::ui

#include "pages/timetravel/ComparePane.hpp"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "pages/timetravel/DiffText.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"

namespace acci::ui {

ComparePane::ComparePane(TimeTravelSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    auto* compare = new QPushButton(tr("Compare"), this);
    connect(compare, &QPushButton::clicked, this, &ComparePane::compareVersions);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("compareText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Choose two versions and Compare: what changed from the first to the second, "
                                  "then the same as a JSON Patch (RFC 6902)."));
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("From version"), this));
    row->addWidget(m_from);
    row->addWidget(new QLabel(tr("to version"), this));
    row->addWidget(m_to);
    row->addWidget(compare);
    row->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_text, 1);

    connect(m_session, &TimeTravelSession::loaded, this, &ComparePane::showLoaded);
}

void ComparePane::showLoaded()
{
    const auto* folder = m_session->folder();
    m_from->setRange(folder->baseVersion(), folder->lastVersion());
    m_to->setRange(folder->baseVersion(), folder->lastVersion());
    m_from->setValue(folder->baseVersion());
    m_to->setValue(folder->lastVersion());
    m_text->clear();
}

void ComparePane::showSnapshotDifference(const timetravel::SnapshotCheck& check)
{
    m_text->setPlainText(tr("Stored snapshot at version %1 compared with the fold (fold → snapshot):\n\n%2")
                             .arg(check.version)
                             .arg(diffText(check.diff)));
}

void ComparePane::compareVersions()
{
    const auto* folder = m_session->folder();
    if (!folder)
        return;
    const int from = m_from->value();
    const int to = m_to->value();
    // At most two checkpoint distances of folding: quick enough to do here.
    const auto diff = folder->diff(from, to);
    if (diff.empty()) {
        m_text->setPlainText(tr("Versions %1 and %2 have the same state.").arg(from).arg(to));
        return;
    }
    m_text->setPlainText(tr("From version %1 to version %2:\n\n%3\n\nJSON Patch (RFC 6902):\n%4")
                             .arg(from)
                             .arg(to)
                             .arg(diffText(diff), QString::fromStdString(diff.patch.dump(2))));
}

} // namespace acci::ui

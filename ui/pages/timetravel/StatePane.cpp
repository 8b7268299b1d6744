#include "pages/timetravel/StatePane.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "models/JsonTreeModel.hpp"
#include "models/TimelineModel.hpp"
#include "pages/timetravel/TimeTravelSession.hpp"
#include "text/Formatting.hpp"
#include "widgets/TableSetup.hpp"

namespace acci::ui {

StatePane::StatePane(TimeTravelSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new JsonTreeModel(this))
{
    m_whatIfBanner = new QLabel(this);
    m_whatIfBanner->setObjectName(QStringLiteral("whatIfBanner"));
    m_whatIfBanner->setStyleSheet(
        QStringLiteral("QLabel { background: rgba(230,140,0,60); padding: 4px 8px; border-radius: 4px; }"));
    m_whatIfBanner->setWordWrap(true);
    m_whatIfBanner->hide();
    auto* timeline = m_session->timeline();
    auto* resetWhatIf = new QPushButton(tr("Include all events"), this);
    connect(resetWhatIf, &QPushButton::clicked, timeline, &TimelineModel::clearExcluded);
    connect(timeline, &TimelineModel::excludedChanged, resetWhatIf,
        [timeline, resetWhatIf] { resetWhatIf->setVisible(!timeline->excluded().empty()); });
    resetWhatIf->hide();

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("timeTravelState"));
    m_tree->setModel(m_model);
    setUpJsonTree(m_tree);
    connect(m_tree, &QTreeView::expanded, this,
        [this](const QModelIndex& index) { m_expanded.insert(m_model->pointerOf(index)); });
    connect(m_tree, &QTreeView::collapsed, this,
        [this](const QModelIndex& index) { m_expanded.remove(m_model->pointerOf(index)); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &StatePane::showProvenance);

    m_provenance = new QLabel(tr("Select a field to see which event set it."), this);
    m_provenance->setObjectName(QStringLiteral("provenanceLabel"));
    m_provenance->setTextFormat(Qt::RichText);
    m_provenance->setWordWrap(true);
    // Two lines always: a wrapped label in a row otherwise gets cut off.
    m_provenance->setMinimumHeight(m_provenance->fontMetrics().lineSpacing() * 2 + 6);
    m_provenanceJump = new QPushButton(tr("Go to that event"), this);
    m_provenanceJump->setEnabled(false);
    connect(m_provenanceJump, &QPushButton::clicked, this, [this] { m_session->goToVersion(m_provenanceVersion); });
    auto* provenanceRow = new QHBoxLayout;
    provenanceRow->addWidget(m_provenance, 1);
    provenanceRow->addWidget(m_provenanceJump);

    auto* bannerRow = new QHBoxLayout;
    bannerRow->addWidget(m_whatIfBanner, 1);
    bannerRow->addWidget(resetWhatIf);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bannerRow);
    layout->addWidget(m_tree, 1);
    layout->addLayout(provenanceRow);

    // Another aggregate: its tree opens afresh.
    connect(m_session, &TimeTravelSession::loaded, this, [this] { m_expanded.clear(); });
    connect(m_session, &TimeTravelSession::frameReady, this, &StatePane::showFrame);
}

void StatePane::showFrame()
{
    const auto& frame = m_session->shownFrame();
    QHash<QString, JsonTreeModel::Mark> marks;
    for (const auto& change : frame.changes.changes) {
        if (change.kind == timetravel::FieldChange::Kind::Added)
            marks.insert(QString::fromStdString(change.pointer), JsonTreeModel::Mark::Added);
        else if (change.kind == timetravel::FieldChange::Kind::Changed)
            marks.insert(QString::fromStdString(change.pointer), JsonTreeModel::Mark::Changed);
    }

    const QString selected = m_model->pointerOf(m_tree->currentIndex());
    const bool firstFrame = m_model->rowCount() == 0 && m_expanded.isEmpty();
    const auto expanded = m_expanded; // expanding below adds to the set; restore from a copy
    m_model->setDocument(frame.after.state, marks);
    if (firstFrame) {
        m_tree->expandToDepth(1);
    } else {
        for (const auto& pointer : expanded)
            if (const auto index = m_model->indexForPointer(pointer); index.isValid())
                m_tree->expand(index);
    }
    // Reveal what changed: open every marked field and its parents.
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        for (auto index = m_model->indexForPointer(it.key()); index.isValid(); index = index.parent())
            m_tree->expand(index);
    }
    if (!selected.isEmpty())
        m_tree->setCurrentIndex(m_model->indexForPointer(selected));
    showProvenance();

    if (frame.whatIf) {
        m_whatIfBanner->setText(tr("What-if: %n event(s) left out. The state below is recomputed without them; "
                                   "nothing is written.",
            nullptr, static_cast<int>(frame.excludedCount)));
        m_whatIfBanner->show();
    } else {
        m_whatIfBanner->hide();
    }
}

void StatePane::showProvenance()
{
    const QString pointer = m_model->pointerOf(m_tree->currentIndex());
    const auto* folder = m_session->folder();
    m_provenanceVersion
        = pointer.isEmpty() ? 0 : m_session->shownFrame().after.origins.versionOf(pointer.toStdString());
    const auto* event = folder && m_provenanceVersion > 0 ? folder->eventAt(m_provenanceVersion) : nullptr;
    m_provenanceJump->setEnabled(event != nullptr);
    if (pointer.isEmpty()) {
        m_provenance->setText(tr("Select a field to see which event set it."));
        return;
    }
    if (!event) {
        m_provenance->setText(m_provenanceVersion > 0 ? tr("<b>%1</b> comes from the snapshot at version %2.")
                                                            .arg(pointer.toHtmlEscaped())
                                                            .arg(m_provenanceVersion)
                                                      : tr("<b>%1</b>: no event set it.").arg(pointer.toHtmlEscaped()));
        return;
    }
    const QString user = m_session->userAt(m_provenanceVersion);
    m_provenance->setText(
        tr("<b>%1</b> was set by version %2, <b>%3</b>, at %4%5.")
            .arg(pointer.toHtmlEscaped())
            .arg(m_provenanceVersion)
            .arg(QString::fromStdString(event->eventType).toHtmlEscaped(), formatTime(event->timestampUs),
                user.isEmpty() ? QString() : tr(" by %1").arg(user.toHtmlEscaped())));
}

} // namespace acci::ui

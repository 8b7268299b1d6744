#include "dialogs/QuickOpen.hpp"

#include <QKeyEvent>

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "text/Formatting.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

namespace {
    constexpr int TypingPauseMs = 200;
    constexpr int LookupLimit = 8; // matches per kind: a popup, not a list page
} // namespace

QuickOpen::QuickOpen(DatabaseWorker* worker, QWidget* window)
    : QFrame(window, Qt::Popup)
    , m_worker(worker)
    , m_edit(new QLineEdit(this))
    , m_results(new QTreeWidget(this))
    , m_message(new QLabel(this))
    , m_delay(new QTimer(this))
{
    setObjectName(QStringLiteral("quickOpen"));
    setFrameShape(QFrame::StyledPanel);
    // A popup over the page: a visible edge, so it does not melt into the tiles behind it.
    setStyleSheet(
        QStringLiteral("acci--ui--QuickOpen { border: 1px solid palette(dark); background: palette(window); }"));
    m_edit->setObjectName(QStringLiteral("quickOpenEdit"));
    m_edit->setPlaceholderText(tr("Aggregate id, event id, correlation id, tx:position or event type"));
    m_edit->setClearButtonEnabled(true);
    QFont big = m_edit->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_edit->setFont(big);
    m_edit->setMinimumHeight(34);
    m_results->setObjectName(QStringLiteral("quickOpenResults"));
    m_results->setUniformRowHeights(true);
    m_results->setRootIsDecorated(false);
    m_results->setHeaderHidden(true);
    m_results->setColumnCount(3);
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->header()->setStretchLastSection(true);
    m_results->setStyleSheet(QStringLiteral("QTreeWidget::item { padding: 3px 6px; }"));
    m_results->setFocusPolicy(Qt::NoFocus); // typing stays in the box; the arrows move here
    m_results->setMinimumHeight(220);
    m_message->setObjectName(QStringLiteral("quickOpenMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); padding: 4px 2px; }"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 8);
    layout->setSpacing(6);
    layout->addWidget(m_edit);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_message);

    m_delay->setSingleShot(true);
    m_delay->setInterval(TypingPauseMs);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        m_lookups.supersede(); // an answer on its way is for older text
        m_delay->start();
    });
    connect(m_delay, &QTimer::timeout, this, &QuickOpen::lookUp);
    connect(m_results, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { choose(m_results->indexOfTopLevelItem(item)); });
    connect(m_results, &QTreeWidget::itemClicked, this,
        [this](QTreeWidgetItem* item) { choose(m_results->indexOfTopLevelItem(item)); });
    m_edit->installEventFilter(this);
    showMatches({}, {});
}

void QuickOpen::popUp()
{
    auto* window = parentWidget();
    const int width = std::min(720, std::max(420, window->width() - 80));
    resize(width, 340);
    move(window->mapToGlobal(QPoint((window->width() - width) / 2, 60)));
    m_edit->clear();
    show();
    showMatches({}, {});
    raise();
    activateWindow();
    m_edit->setFocus();
}

bool QuickOpen::isSettled() const
{
    return !m_delay->isActive() && !m_lookups.inFlight() && m_answered == m_edit->text().trimmed();
}

void QuickOpen::lookUp()
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty()) {
        showMatches({}, {});
        return;
    }
    const auto ticket = m_lookups.supersede();
    m_lookups.start();
    m_message->setText(tr("Looking up…"));
    m_worker->run<std::vector<store::LookupMatch>>(
        this,
        [key = text.toStdString()](
            pqxx::connection& connection) { return store::lookUp(connection, key, LookupLimit); },
        [this, ticket, text](std::vector<store::LookupMatch> matches) {
            if (!m_lookups.isCurrent(ticket))
                return;
            m_lookups.finish();
            showMatches(text, std::move(matches));
        },
        [this, ticket, text](const QString& error) {
            if (!m_lookups.isCurrent(ticket))
                return;
            m_lookups.finish();
            showMatches(text, {});
            m_message->setText(tr("The lookup failed: %1").arg(error));
        });
}

QStringList QuickOpen::describe(const store::LookupMatch& match)
{
    // Shown only (navigation uses the match itself): store text made safe for a cell.
    const QString key = displaySafe(match.key);
    const QString aggregate = displaySafe(match.aggregateId);
    const QString type = displaySafe(match.eventType);
    switch (match.kind) {
    case store::LookupKind::Aggregate:
        return { tr("Aggregate"), key, tr("%1, version %2").arg(displaySafe(match.aggregateType)).arg(match.version) };
    case store::LookupKind::Event:
        return { tr("Event"), key, tr("%1 in %2, version %3").arg(type, aggregate).arg(match.version) };
    case store::LookupKind::Correlation:
        return { tr("Correlation"), key,
            match.count == 1 ? tr("a flow of one event") : tr("a flow of %1 events").arg(match.count) };
    case store::LookupKind::Position:
        return { tr("Log position"), key, tr("%1 in %2, version %3").arg(type, aggregate).arg(match.version) };
    case store::LookupKind::EventType:
        return { tr("Event type"), key, tr("the global log filtered by it") };
    }
    return { key };
}

void QuickOpen::showMatches(const QString& text, std::vector<store::LookupMatch> matches)
{
    m_answered = text;
    // What was typed, as the sentences below quote it: short enough to read in one line.
    const QString quoted = text.size() > 60 ? text.left(57) + QStringLiteral("…") : text;
    m_matches = std::move(matches);
    m_results->clear();
    QFont bold = m_results->font();
    bold.setBold(true);
    for (const auto& match : m_matches) {
        auto* item = new QTreeWidgetItem(m_results, describe(match));
        item->setFont(1, bold);
        item->setForeground(0, m_results->palette().brush(QPalette::PlaceholderText));
    }
    if (!m_matches.empty())
        m_results->setCurrentItem(m_results->topLevelItem(0));
    // No list to show: the sentence takes its place, right under the box (the popup keeps
    // its size: a top-level window resized while shown moves under the pointer).
    m_results->setVisible(!m_matches.empty());
    static_cast<QVBoxLayout*>(layout())->setStretchFactor(m_message, m_matches.empty() ? 1 : 0);
    if (text.isEmpty())
        m_message->setText(tr("Enter opens the selected match, Shift+Enter opens an aggregate in Time travel, "
                              "Escape closes."));
    else if (m_matches.empty())
        m_message->setText(tr("Nothing matches “%1”: no aggregate id starts with it, no event, correlation id or "
                              "log position (TX:POS) is exactly it, and no event type contains it.")
                               .arg(displaySafe(quoted)));
    else {
        // A kind at the read's limit has more: say so rather than count only the shown ones.
        const auto aggregates = std::count_if(m_matches.begin(), m_matches.end(),
            [](const store::LookupMatch& match) { return match.kind == store::LookupKind::Aggregate; });
        const QString shown = aggregates >= LookupLimit
            ? tr("The first %1 aggregates whose id starts with “%2”; type more of the id to narrow them.")
                  .arg(aggregates)
                  .arg(displaySafe(quoted))
            : m_matches.size() == 1 ? tr("One match.")
                                    : tr("%1 matches.").arg(m_matches.size());
        m_message->setText(shown + QLatin1Char(' ')
            + tr("Enter opens the selected one; Shift+Enter opens an aggregate in Time travel."));
    }
}

void QuickOpen::choose(int row, bool timeTravel)
{
    if (row < 0 || row >= static_cast<int>(m_matches.size()))
        return;
    const auto match = m_matches[static_cast<std::size_t>(row)];
    hide();
    emit chosen(match, timeTravel);
}

QList<KeyHelp> QuickOpen::keyHelp()
{
    // Keep in step with eventFilter below.
    return { { QKeySequence(Qt::Key_Down), tr("Next match") }, { QKeySequence(Qt::Key_Up), tr("Previous match") },
        { QKeySequence(Qt::Key_Return), tr("Go to the match") },
        { QKeySequence(Qt::SHIFT | Qt::Key_Return), tr("Open the match in time travel") },
        { QKeySequence(Qt::Key_Escape), tr("Close") } };
}

bool QuickOpen::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int count = m_results->topLevelItemCount();
            if (count > 0) {
                const int step = key->key() == Qt::Key_Down ? 1 : -1;
                const int row = m_results->indexOfTopLevelItem(m_results->currentItem());
                m_results->setCurrentItem(m_results->topLevelItem((row + step + count) % count));
            }
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (!isSettled()) {
                // Enter typed before the pause ended: look up now, and go when the answer is in.
                m_delay->stop();
                if (m_answered != m_edit->text().trimmed())
                    lookUp();
                return true;
            }
            choose(std::max(0, m_results->indexOfTopLevelItem(m_results->currentItem())),
                key->modifiers().testFlag(Qt::ShiftModifier));
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace acci::ui

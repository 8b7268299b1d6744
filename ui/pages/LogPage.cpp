#include "pages/LogPage.hpp"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "models/GlobalLogModel.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/EventDetailView.hpp"
#include "widgets/HeldBackBanner.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/LogAccess.hpp"

namespace acci::ui {

namespace {
    QLineEdit* filterEdit(const QString& placeholder, const QString& name, QWidget* parent)
    {
        auto* edit = new QLineEdit(parent);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        edit->setObjectName(name);
        return edit;
    }

    std::optional<std::string> optionalText(const QLineEdit* edit)
    {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            return std::nullopt;
        return text.toStdString();
    }
} // namespace

LogPage::LogPage(DatabaseWorker* worker, QWidget* parent)
    : LogPage(std::make_unique<WorkerLogAccess>(worker), parent)
{
}

LogPage::LogPage(std::unique_ptr<LogAccess> access, QWidget* parent)
    : QWidget(parent)
    , m_model(new GlobalLogModel(std::move(access), this))
{
    m_eventTypes = filterEdit(tr("Event types, comma-separated"), QStringLiteral("filterEventTypes"), this);
    m_aggregateType = filterEdit(tr("Aggregate type"), QStringLiteral("filterAggregateType"), this);
    m_tenant = filterEdit(tr("Tenant"), QStringLiteral("filterTenant"), this);
    m_correlation = filterEdit(tr("Correlation id"), QStringLiteral("filterCorrelation"), this);
    m_user = filterEdit(tr("User"), QStringLiteral("filterUser"), this);
    m_dataContains
        = filterEdit(tr("Data contains JSON, e.g. {\"sku\":\"SKU-DOCK\"}"), QStringLiteral("filterData"), this);
    m_useSince = new QCheckBox(tr("From"), this);
    m_since = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_useUntil = new QCheckBox(tr("Until"), this);
    m_until = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_until->setCalendarPopup(true);
    m_until->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setDefault(true);
    m_apply->setObjectName(QStringLiteral("applyFilter"));
    auto* clear = new QPushButton(tr("Clear"), this);

    auto* filters = new QGridLayout;
    filters->addWidget(m_eventTypes, 0, 0, 1, 2);
    filters->addWidget(m_aggregateType, 0, 2);
    filters->addWidget(m_tenant, 0, 3);
    filters->addWidget(m_user, 0, 4);
    filters->addWidget(m_correlation, 1, 0, 1, 2);
    filters->addWidget(m_dataContains, 1, 2, 1, 3);
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(m_useSince);
    timeRow->addWidget(m_since);
    timeRow->addWidget(m_useUntil);
    timeRow->addWidget(m_until);
    timeRow->addStretch();
    timeRow->addWidget(clear);
    timeRow->addWidget(m_apply);
    filters->addLayout(timeRow, 2, 0, 1, 5);
    for (int column = 0; column < 5; ++column)
        filters->setColumnStretch(column, 1);

    m_follow = new QPushButton(this);
    m_follow->setObjectName(QStringLiteral("followTail"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Follow new events as they are committed (Ctrl+T)"));
    m_follow->setAccessibleName(tr("Follow new events")); // its text is its state
    m_pending = new QLabel(this);
    m_pending->setObjectName(QStringLiteral("pendingEvents"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("logCount"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("logProgress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopLogQuery"));
    m_stop->setToolTip(tr("Stop searching: a filter that no index serves reads the whole log"));
    showBusy(false);
    m_heldBack = new HeldBackBanner(this);
    connect(m_heldBack, &HeldBackBanner::inFlightRequested, this, &LogPage::inFlightRequested);
    auto* tailRow = new QHBoxLayout;
    tailRow->addWidget(m_count, 1);
    tailRow->addWidget(m_progress);
    tailRow->addWidget(m_stop);
    tailRow->addWidget(m_heldBack, 3);
    tailRow->addWidget(m_pending);
    tailRow->addWidget(m_follow);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("globalLog"));
    m_table->setModel(m_model);
    setUpTable(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(GlobalLogModel::EventTypeColumn, QHeaderView::Interactive);
    m_table->setColumnWidth(GlobalLogModel::PositionColumn, 110);
    setEmptyState(m_table, [this] {
        if (!m_model->isOpen() || m_model->isBusy())
            return QString();
        return m_model->filter().empty()
            ? tr("The log is empty. Events show here as writers commit them.")
            : tr("No event matches these filters. Widen them (fewer event types, a longer time range) or "
                 "clear them.");
    });
    m_table->setColumnWidth(GlobalLogModel::TimeColumn, 170);
    m_table->setColumnWidth(GlobalLogModel::AggregateTypeColumn, 110);
    m_table->setColumnWidth(GlobalLogModel::AggregateColumn, 140);
    m_table->setColumnWidth(GlobalLogModel::VersionColumn, 60);
    m_table->setColumnWidth(GlobalLogModel::EventTypeColumn, 150);
    m_table->setColumnWidth(GlobalLogModel::UserColumn, 100);
    m_table->setColumnWidth(GlobalLogModel::TenantColumn, 80);

    m_detail = new EventDetailView(this);
    auto* tableArea = new QWidget(this);
    auto* tableLayout = new QVBoxLayout(tableArea);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(tailRow);
    tableLayout->addWidget(m_table, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("logSplitter"));
    split->addWidget(tableArea);
    split->addWidget(titled(tr("Event"), m_detail, this));
    split->setSizes({ 520, 300 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_apply, &QPushButton::clicked, this, &LogPage::applyFilter);
    connect(clear, &QPushButton::clicked, this, &LogPage::clearFilter);
    for (auto* edit : { m_eventTypes, m_aggregateType, m_tenant, m_correlation, m_user, m_dataContains })
        connect(edit, &QLineEdit::returnPressed, this, &LogPage::applyFilter);
    const auto showFollowing = [this](bool on) {
        m_follow->setText(on ? tr("● Following new events") : tr("Paused — click to follow"));
        // setText replaces a button's shortcut with its text's mnemonic (none): Ctrl+T again.
        m_follow->setShortcut(QKeySequence(tr("Ctrl+T")));
    };
    showFollowing(true);
    connect(m_follow, &QPushButton::toggled, this, [this, showFollowing](bool on) {
        showFollowing(on);
        m_model->setFollowing(on);
    });
    connect(m_model, &GlobalLogModel::opened, this, [this](qint64 total) {
        refreshEmptyState(m_table);
        showBusy(false);
        showCount();
        if (m_follow->isChecked() && total > 0)
            m_table->scrollToBottom();
    });
    connect(m_model, &GlobalLogModel::estimated, this, [this] {
        m_progress->setRange(0, GlobalLogModel::CountParts);
        m_progress->setValue(0);
        // Rows are on screen: the count goes on in short parts, never waited for, to its end.
        m_stop->setVisible(false);
        showCount();
    });
    connect(m_model, &GlobalLogModel::countProgress, this, [this](int done, int parts) {
        m_progress->setRange(0, parts);
        m_progress->setValue(done);
    });
    connect(m_model, &GlobalLogModel::stopped, this, [this](bool opening) {
        showBusy(false);
        if (opening)
            m_count->setText(tr("Search stopped; apply the filter again to restart it"));
        else
            showCount();
    });
    connect(m_stop, &QPushButton::clicked, m_model, &GlobalLogModel::stop);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        showCount();
        if (m_follow->isChecked())
            m_table->scrollToBottom();
    });
    connect(m_model, &GlobalLogModel::pendingChanged, this, [this](qint64 pending) {
        m_pending->setText(pending > 0 ? tr("%n new event(s)", nullptr, static_cast<int>(pending)) : QString());
    });
    connect(m_model, &GlobalLogModel::failed, this, [this](const QString& message) {
        showBusy(m_model->isBusy());
        if (m_model->isOpen())
            showCount();
        emit statusMessage(message);
    });
    connect(m_model, &GlobalLogModel::rowsLoaded, this, [this] {
        // The selected row's page may just have arrived.
        if (m_table->currentIndex().isValid())
            showSelectedEvent();
        if (m_target && m_targetRow < 0 && m_table->currentIndex().isValid()) {
            if (const auto* row = m_model->rowAt(m_table->currentIndex().row())) {
                if (row->event.position != *m_target)
                    emit statusMessage(tr("The event at %1 is not in the log as the tenant selector scopes it.")
                                           .arg(QString::fromStdString(m_target->toString())));
                m_target.reset();
            }
        }
    });
    connect(m_model, &GlobalLogModel::located, this, [this](qint64 row) {
        m_targetRow = row;
        selectTarget();
    });
    connect(m_model, &GlobalLogModel::opened, this, &LogPage::selectTarget);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LogPage::selectTarget);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &LogPage::showSelectedEvent);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const auto* row = m_model->rowAt(index.row()))
            emit openAggregateRequested(QString::fromStdString(row->event.aggregateId), row->event.version);
    });
    connect(m_detail, &EventDetailView::correlationRequested, this, &LogPage::correlationRequested);
    connect(m_detail, &EventDetailView::timeTravelRequested, this, &LogPage::timeTravelRequested);
}

store::LogFilter LogPage::currentFilter() const
{
    store::LogFilter filter;
    for (const QString& type : m_eventTypes->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!type.trimmed().isEmpty())
            filter.eventTypes.push_back(type.trimmed().toStdString());
    filter.aggregateType = optionalText(m_aggregateType);
    filter.tenantId = optionalText(m_tenant);
    if (!filter.tenantId && !m_scopeTenant.isEmpty())
        filter.tenantId = m_scopeTenant.toStdString();
    filter.correlationId = optionalText(m_correlation);
    filter.userId = optionalText(m_user);
    filter.dataContains = optionalText(m_dataContains);
    if (m_useSince->isChecked())
        filter.since = m_since->dateTime().toUTC().toString(Qt::ISODate).toStdString();
    if (m_useUntil->isChecked())
        filter.until = m_until->dateTime().toUTC().toString(Qt::ISODate).toStdString();
    return filter;
}

void LogPage::applyFilter()
{
    if (!m_dataContains->text().trimmed().isEmpty()
        && QJsonDocument::fromJson(m_dataContains->text().trimmed().toUtf8()).isNull()) {
        emit statusMessage(tr("The data filter is not valid JSON; write it like {\"sku\": \"SKU-DOCK\"}."));
        return;
    }
    m_detail->clear();
    m_count->setText(tr("Searching…"));
    showBusy(true);
    m_model->setFilter(currentFilter());
}

void LogPage::showBusy(bool busy)
{
    if (busy)
        m_progress->setRange(0, 0); // searching: no measure of how far, until the count's ranges
    m_progress->setVisible(busy);
    m_stop->setVisible(busy);
}

void LogPage::showCount()
{
    const QString number = QLocale().toString(static_cast<qlonglong>(m_model->total()));
    if (!m_model->isEstimated())
        m_count->setText(tr("%1 events").arg(number));
    else if (m_model->isCountStopped())
        m_count->setText(tr("about %1 events (count stopped)").arg(number));
    else
        m_count->setText(tr("about %1 events, counting…").arg(number));
}

void LogPage::clearFields()
{
    for (auto* edit : { m_eventTypes, m_aggregateType, m_tenant, m_correlation, m_user, m_dataContains })
        edit->clear();
    m_useSince->setChecked(false);
    m_useUntil->setChecked(false);
}

void LogPage::clearFilter()
{
    clearFields();
    applyFilter();
}

void LogPage::showPosition(const store::LogPosition& position)
{
    m_follow->setChecked(false); // the tail would scroll away from it
    m_target = position;
    m_targetRow = -1;
    clearFilter();
    m_model->locate(position);
}

void LogPage::filterByEventType(const QString& eventType)
{
    m_target.reset();
    m_targetRow = -1;
    clearFields();
    m_eventTypes->setText(eventType);
    applyFilter();
}

void LogPage::selectTarget()
{
    // Rows past the front keys are placeholders until the count is in: wait for it.
    if (m_targetRow < 0 || !m_model->isCounted() || m_targetRow >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(static_cast<int>(m_targetRow), 0);
    m_targetRow = -1;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    showSelectedEvent();
}

std::optional<store::LogPosition> LogPage::selectedPosition() const
{
    if (!m_table->currentIndex().isValid())
        return std::nullopt;
    if (const auto* row = m_model->rowAt(m_table->currentIndex().row()))
        return row->event.position;
    return std::nullopt;
}

void LogPage::reload()
{
    applyFilter();
}

void LogPage::onEventsAppended()
{
    m_model->notifyNewEvents();
}

void LogPage::setTenant(const QString& tenant)
{
    m_scopeTenant = tenant;
    applyFilter();
}

void LogPage::showSelectedEvent()
{
    const auto* row = m_model->rowAt(m_table->currentIndex().row());
    if (row)
        m_detail->display(*row);
}

} // namespace acci::ui

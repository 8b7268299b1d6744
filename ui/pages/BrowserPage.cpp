#include "pages/BrowserPage.hpp"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <fstream>

#include "acci/store/EventStore.hpp"
#include "acci/store/StreamExport.hpp"
#include "models/AggregateListModel.hpp"
#include "models/AggregateTypesModel.hpp"
#include "models/StreamModel.hpp"
#include "style/Icons.hpp"
#include "text/Formatting.hpp"
#include "widgets/EmptyState.hpp"
#include "widgets/EventDetailView.hpp"
#include "widgets/TableSetup.hpp"
#include "workers/DatabaseWorker.hpp"

namespace acci::ui {

BrowserPage::BrowserPage(DatabaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_types(new AggregateTypesModel(worker, this))
    , m_aggregates(new AggregateListModel(worker, this))
    , m_stream(new StreamModel(worker, this))
{
    // Types.
    m_typesView = new QListView(this);
    m_typesView->setObjectName(QStringLiteral("aggregateTypes"));
    m_typesView->setModel(m_types);
    auto* typesBox = titled(tr("Aggregate types"), m_typesView, this);
    // Said once the store has answered: a blank list while it loads says nothing wrong.
    auto typesLoaded = std::make_shared<bool>(false);
    setEmptyState(m_typesView, [typesLoaded] {
        return *typesLoaded ? tr("No aggregates yet. Writers append events and the aggregates they belong to "
                                 "show here by type; 'acci-console --demo' opens a store with some.")
                            : QString();
    });
    connect(m_types, &AggregateTypesModel::loaded, this, [this, typesLoaded] {
        *typesLoaded = true;
        refreshEmptyState(m_typesView);
    });

    // Aggregates of the type.
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("aggregateSearch"));
    m_search->setPlaceholderText(tr("Search by id…"));
    m_search->setClearButtonEnabled(true);
    m_sort = new QComboBox(this);
    m_sort->addItem(tr("By id"));
    m_sort->addItem(tr("Last changed first"));
    m_aggregatesView = new QTableView(this);
    m_aggregatesView->setObjectName(QStringLiteral("aggregates"));
    m_aggregatesView->setModel(m_aggregates);
    setUpTable(m_aggregatesView);
    m_aggregatesView->setColumnWidth(AggregateListModel::IdColumn, 130);
    setEmptyState(m_aggregatesView, [this] {
        if (m_aggregates->isLoading())
            return QString();
        if (!m_search->text().trimmed().isEmpty())
            return tr("No aggregate id starts with “%1”. Check the id, or clear the search.")
                .arg(m_search->text().trimmed());
        return m_types->rowCount() == 0 ? QString() : tr("No aggregates to show: choose a type above.");
    });
    connect(m_aggregates, &AggregateListModel::pageLoaded, this, [this] { refreshEmptyState(m_aggregatesView); });
    m_aggregatesView->setColumnWidth(AggregateListModel::TypeColumn, 70);
    m_aggregatesView->setColumnWidth(AggregateListModel::VersionColumn, 60);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_sort);
    auto* aggregatesPanel = new QWidget(this);
    auto* aggregatesLayout = new QVBoxLayout(aggregatesPanel);
    aggregatesLayout->setContentsMargins(0, 0, 0, 0);
    aggregatesLayout->addLayout(searchRow);
    aggregatesLayout->addWidget(m_aggregatesView, 1);
    auto* aggregatesBox = titled(tr("Aggregates"), aggregatesPanel, this);

    // The stream.
    m_streamTitle = new QLabel(tr("Choose an aggregate"), this);
    m_streamTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jump = new QSpinBox(this);
    m_jump->setObjectName(QStringLiteral("jumpToVersion"));
    m_jump->setRange(1, std::numeric_limits<int>::max());
    m_jump->setPrefix(tr("v"));
    m_jump->setToolTip(tr("Jump to a version (Enter)"));
    m_jump->setKeyboardTracking(false);
    auto* exportButton = new QPushButton(ownIcon(QStringLiteral("export")), tr("Export…"), this);
    exportButton->setToolTip(tr("Save this stream as NDJSON or JSON"));
    m_streamView = new QTableView(this);
    m_streamView->setObjectName(QStringLiteral("stream"));
    m_streamView->setModel(m_stream);
    setUpTable(m_streamView);
    m_streamView->setColumnWidth(StreamModel::VersionColumn, 70);
    setEmptyState(m_streamView, [this] {
        return m_stream->aggregateId().isEmpty()
            ? tr("Choose an aggregate on the left, a pinned or recent one, or press Ctrl+K to find one: its "
                 "events show here.")
            : QString();
    });
    m_streamView->setColumnWidth(StreamModel::TypeColumn, 170);
    m_streamView->setColumnWidth(StreamModel::TimeColumn, 180);
    m_streamView->setColumnWidth(StreamModel::UserColumn, 110);
    auto* streamHeader = new QHBoxLayout;
    streamHeader->addWidget(m_streamTitle, 1);
    streamHeader->addWidget(new QLabel(tr("Go to"), this));
    streamHeader->addWidget(m_jump);
    streamHeader->addWidget(exportButton);
    auto* timeTravelButton = new QPushButton(ownIcon(QStringLiteral("time-travel")), tr("Time travel"), this);
    timeTravelButton->setToolTip(tr("Scrub through this aggregate's versions and see its state at each"));
    streamHeader->addWidget(timeTravelButton);
    m_pin = new QPushButton(this);
    m_pin->setObjectName(QStringLiteral("pinAggregate"));
    m_pin->setCheckable(true);
    m_pin->setEnabled(false);
    streamHeader->addWidget(m_pin);
    connect(m_pin, &QPushButton::clicked, this, [this](bool pin) {
        if (!m_stream->aggregateId().isEmpty())
            emit pinRequested(m_stream->aggregateId(), pin);
    });
    m_aggregatesView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_aggregatesView, &QWidget::customContextMenuRequested, this, &BrowserPage::showAggregateMenu);
    connect(timeTravelButton, &QPushButton::clicked, this, [this] {
        if (!m_stream->aggregateId().isEmpty())
            emit timeTravelRequested(m_stream->aggregateId(), -1);
    });
    auto* streamPanel = new QWidget(this);
    auto* streamLayout = new QVBoxLayout(streamPanel);
    streamLayout->setContentsMargins(0, 0, 0, 0);
    streamLayout->addLayout(streamHeader);
    streamLayout->addWidget(m_streamView, 1);
    auto* streamBox = titled(tr("Stream"), streamPanel, this);

    m_detail = new EventDetailView(this);
    auto* detailBox = titled(tr("Event"), m_detail, this);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(typesBox);
    left->addWidget(aggregatesBox);
    left->setSizes({ 160, 640 });
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(streamBox);
    right->addWidget(detailBox);
    right->setSizes({ 480, 360 });
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("browserSplitter"));
    main->addWidget(left);
    main->addWidget(right);
    main->setSizes({ 460, 900 });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(main);

    // Typing in the search waits a moment, so each keystroke does not start a query.
    auto* searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this, &BrowserPage::applyQuery);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &BrowserPage::applyQuery);
    connect(
        m_typesView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
            m_selectedType = m_types->typeAt(current.row());
            applyQuery();
        });
    connect(m_aggregatesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                openAggregate(m_aggregates->aggregateIdAt(current.row()));
        });
    connect(
        m_streamView->selectionModel(), &QItemSelectionModel::currentChanged, this, &BrowserPage::showSelectedEvent);
    connect(m_jump, &QSpinBox::valueChanged, this, [this](int version) { m_stream->revealVersion(version); });
    connect(m_stream, &StreamModel::versionReady, this, [this](int row) {
        if (row < 0)
            return;
        const QModelIndex index = m_stream->index(row, 0);
        m_streamView->setCurrentIndex(index);
        m_streamView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });
    connect(m_stream, &StreamModel::pageLoaded, this, [this] {
        const QString id = displaySafe(m_stream->aggregateId()).toHtmlEscaped();
        // None at all: opened from history or a link after its events went (or a role that
        // may not see them), not an aggregate being loaded.
        m_streamTitle->setText(m_stream->rowCount() == 0
                ? tr("<b>%1</b> — no events: this aggregate is not in the store (deleted?), or this role may not "
                     "see its events")
                      .arg(id)
                : tr("<b>%1</b> — %n event(s) loaded", nullptr, m_stream->rowCount()).arg(id));
        if (!m_streamView->currentIndex().isValid() && m_stream->rowCount() > 0)
            m_streamView->setCurrentIndex(m_stream->index(0, 0));
    });
    connect(exportButton, &QPushButton::clicked, this, &BrowserPage::exportStream);
    connect(m_detail, &EventDetailView::correlationRequested, this, &BrowserPage::correlationRequested);
    connect(m_detail, &EventDetailView::timeTravelRequested, this, &BrowserPage::timeTravelRequested);
    connect(m_types, &AggregateTypesModel::failed, this, &BrowserPage::statusMessage);
    connect(m_aggregates, &AggregateListModel::failed, this, &BrowserPage::statusMessage);
    connect(m_stream, &StreamModel::failed, this, &BrowserPage::statusMessage);
}

void BrowserPage::reload()
{
    m_types->reload(m_tenant);
    applyQuery();
}

void BrowserPage::setTenant(const QString& tenant)
{
    m_tenant = tenant;
    reload();
}

void BrowserPage::applyQuery()
{
    m_aggregates->setQuery(m_selectedType, m_search->text(),
        m_sort->currentIndex() == 0 ? store::AggregateSort::ById : store::AggregateSort::ByLastChange, m_tenant);
}

void BrowserPage::openAggregate(const QString& aggregateId, int version)
{
    m_detail->clear();
    m_stream->setAggregate(aggregateId);
    m_streamTitle->setText(tr("<b>%1</b> — loading…").arg(aggregateId.toHtmlEscaped()));
    if (version > 0)
        m_stream->revealVersion(version);
    showPinState();
    emit aggregateOpened(aggregateId, version);
}

void BrowserPage::setPinnedAggregates(const QStringList& ids)
{
    m_pinned = ids;
    showPinState();
}

void BrowserPage::showPinState()
{
    const bool pinned = m_pinned.contains(m_stream->aggregateId());
    m_pin->setEnabled(!m_stream->aggregateId().isEmpty());
    m_pin->setChecked(pinned);
    m_pin->setText(pinned ? tr("★ Pinned") : tr("☆ Pin"));
    m_pin->setToolTip(pinned ? tr("Unpin this aggregate from the navigation")
                             : tr("Keep this aggregate in the navigation, under Pinned"));
}

void BrowserPage::showAggregateMenu(const QPoint& where)
{
    const QModelIndex index = m_aggregatesView->indexAt(where);
    if (!index.isValid())
        return;
    const QString id = m_aggregates->aggregateIdAt(index.row());
    // popup(), not exec(): no nested event loop.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool pinned = m_pinned.contains(id);
    menu->addAction(pinned ? tr("Unpin from the navigation") : tr("Pin to the navigation"), this,
        [this, id, pinned] { emit pinRequested(id, !pinned); });
    menu->addAction(tr("Open in Time travel"), this, [this, id] { emit timeTravelRequested(id, -1); });
    menu->popup(m_aggregatesView->viewport()->mapToGlobal(where));
}

void BrowserPage::showSelectedEvent()
{
    const auto* row = m_stream->rowAt(m_streamView->currentIndex().row());
    if (row)
        m_detail->display(*row);
    else
        m_detail->clear();
}

void BrowserPage::exportStream()
{
    const QString aggregateId = m_stream->aggregateId();
    if (aggregateId.isEmpty())
        return;
    QString selectedFilter;
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export stream"), aggregateId + QStringLiteral(".ndjson"),
            tr("NDJSON, one event per line (*.ndjson);;JSON array (*.json)"), &selectedFilter);
    if (!path.isEmpty())
        exportStreamTo(path);
}

void BrowserPage::exportStreamTo(const QString& path)
{
    const QString aggregateId = m_stream->aggregateId();
    if (aggregateId.isEmpty())
        return;
    const bool array = path.endsWith(QStringLiteral(".json"));
    const std::string id = aggregateId.toStdString();
    const std::string file = QFile::encodeName(path).toStdString();
    // Reading and writing happen on the worker: a stream may have millions of events.
    m_worker->run<long long>(
        this,
        [id, file, array](pqxx::connection& connection) {
            std::ofstream out(file, std::ios::trunc);
            if (!out)
                throw std::runtime_error("Cannot write " + file + "; choose another place.");
            store::StreamExportOptions options;
            options.format
                = array ? store::StreamExportOptions::Format::JsonArray : store::StreamExportOptions::Format::Ndjson;
            options.pageSize = 5000;
            const long long count = store::exportStream(connection, id, out, options);
            out.flush();
            if (!out)
                throw std::runtime_error("Writing " + file + " failed; check the free space.");
            return count;
        },
        [this, path](long long count) {
            emit statusMessage(tr("Exported %n event(s) to %1", nullptr, static_cast<int>(count)).arg(path));
        },
        [this](const QString& message) { emit statusMessage(message); });
}

} // namespace acci::ui

#include "window/MainWindow.hpp"

// MainWindow's navigation: going to a page, an aggregate, an event or a flow (from the pages,
// the overview's links and quick-open), and back and forward through the places visited. The
// window's assembly and its connection state are in MainWindow.cpp.

#include <QAction>
#include <QListWidget>
#include <QMouseEvent>

#include "dialogs/CorrelationView.hpp"
#include "dialogs/InFlightView.hpp"
#include "dialogs/QuickOpen.hpp"
#include "pages/BrowserPage.hpp"
#include "pages/LogPage.hpp"
#include "pages/MonitoringPage.hpp"
#include "pages/OverviewPage.hpp"
#include "pages/ProjectionsPage.hpp"
#include "pages/TimeTravelPage.hpp"
#include "session/ConnectionSession.hpp"
#include "window/NavigationPane.hpp"

namespace acci::ui {

void MainWindow::openTimeTravel(const QString& aggregateId, int version)
{
    showPage(TimeTravelPageIndex);
    m_timeTravel->open(aggregateId, version);
    m_navigationPane->addRecent(aggregateId);
    visit({ TimeTravelPageIndex, aggregateId, version, std::nullopt });
}

void MainWindow::openAggregate(const QString& aggregateId, int version)
{
    showPage(AggregatesPage);
    m_browser->openAggregate(aggregateId, version); // a visit and a recent (aggregateOpened)
}

void MainWindow::showEventInLog(const store::LogPosition& position)
{
    showPage(LogPageIndex);
    m_log->showPosition(position);
    visit({ LogPageIndex, {}, 0, position });
}

void MainWindow::connectOverview()
{
    m_overview->setThresholdsSource([this] { return m_monitoring->thresholds(); });
    connect(m_overview, &OverviewPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_overview, &OverviewPage::logRequested, this, [this] { showPage(LogPageIndex); });
    connect(m_overview, &OverviewPage::aggregatesRequested, this, [this] { showPage(AggregatesPage); });
    connect(m_overview, &OverviewPage::monitoringRequested, this, [this] { showPage(MonitoringPageIndex); });
    connect(m_overview, &OverviewPage::projectionRequested, this, [this](const QString& name) {
        showPage(ProjectionsPageIndex);
        if (!name.isEmpty())
            m_projectionsPage->selectProjection(name);
    });
    connect(m_overview, &OverviewPage::eventRequested, this, &MainWindow::showEventInLog);
    connect(m_overview, &OverviewPage::aggregateRequested, this, &MainWindow::openAggregate);
    connect(m_overview, &OverviewPage::eventTypeRequested, this, [this](const QString& type) {
        showPage(LogPageIndex);
        m_log->filterByEventType(type);
    });
}

void MainWindow::showQuickOpen()
{
    if (!m_quickOpen) {
        m_quickOpen = new QuickOpen(m_session->browse(), this);
        connect(m_quickOpen, &QuickOpen::chosen, this, &MainWindow::goTo);
    }
    m_quickOpen->popUp();
}

void MainWindow::goTo(const store::LookupMatch& match, bool timeTravel)
{
    const QString key = QString::fromStdString(match.key);
    switch (match.kind) {
    case store::LookupKind::Aggregate:
        if (timeTravel)
            openTimeTravel(key, -1);
        else
            openAggregate(key);
        break;
    case store::LookupKind::Event:
    case store::LookupKind::Position:
        if (timeTravel)
            openTimeTravel(QString::fromStdString(match.aggregateId), match.version);
        else
            showEventInLog(match.position);
        break;
    case store::LookupKind::Correlation:
        showFlow(key);
        break;
    case store::LookupKind::EventType:
        showPage(LogPageIndex);
        m_log->filterByEventType(key);
        break;
    }
}

void MainWindow::visit(const Place& place)
{
    if (m_restoring)
        return;
    m_history.visit(place);
    showHistoryState();
}

void MainWindow::goBack()
{
    if (const auto place = m_history.back())
        restore(*place);
}

void MainWindow::goForward()
{
    if (const auto place = m_history.forward())
        restore(*place);
}

void MainWindow::restore(const Place& place)
{
    m_restoring = true;
    showPage(place.page);
    if (!place.aggregateId.isEmpty() && place.page == TimeTravelPageIndex)
        m_timeTravel->open(place.aggregateId, place.version);
    else if (!place.aggregateId.isEmpty())
        m_browser->openAggregate(place.aggregateId, place.version);
    else if (place.position)
        m_log->showPosition(*place.position);
    m_restoring = false;
    showHistoryState();
}

void MainWindow::showHistoryState()
{
    m_back->setEnabled(m_history.canGoBack());
    m_forward->setEnabled(m_history.canGoForward());
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto button = static_cast<QMouseEvent*>(event)->button();
        auto* widget = qobject_cast<QWidget*>(watched);
        if ((button == Qt::BackButton || button == Qt::ForwardButton) && widget && widget->window() == this) {
            if (button == Qt::BackButton)
                goBack();
            else
                goForward();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showPage(int index)
{
    if (index >= 0 && index < NavigablePages)
        m_navigation->setCurrentRow(index);
}

void MainWindow::showInFlight()
{
    if (!m_inFlight)
        m_inFlight = new InFlightView(m_session, this);
    m_inFlight->show();
    m_inFlight->raise();
    m_inFlight->activateWindow();
}

void MainWindow::showFlow(const QString& correlationId, const QString& eventId)
{
    auto* view = new CorrelationView(m_session->browse(), correlationId, eventId, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    connect(view, &CorrelationView::openEventRequested, this, [this](const QString& id, int version) {
        showPage(AggregatesPage);
        m_browser->openAggregate(id, version);
    });
    connect(view, &CorrelationView::timeTravelRequested, this, &MainWindow::openTimeTravel);
    view->show();
}

} // namespace acci::ui

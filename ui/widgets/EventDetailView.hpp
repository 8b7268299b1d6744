#pragma once

#include <QWidget>

#include "models/EventRow.hpp"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace acci::ui {

class JsonTreeModel;

// One event in full: a summary line, its data and metadata as collapsible JSON trees, the
// raw JSON, and copy. Shared by the stream browser and the global log.
class EventDetailView : public QWidget {
    Q_OBJECT
public:
    explicit EventDetailView(QWidget* parent = nullptr);

    void display(const EventRow& row);
    void clear();
    QTreeView* dataTree() const { return m_dataTree; }
    // The time-travel page shows events too, and needs no button that leads to itself.
    void setTimeTravelButtonVisible(bool visible);
    // The flow window shows events too, and needs no button that leads to itself.
    void setFlowButtonVisible(bool visible);

signals:
    // The user asked to follow the event's flow (its correlation id), from this event.
    void correlationRequested(const QString& correlationId, const QString& eventId);
    // The user asked to debug the event's aggregate at the event's version.
    void timeTravelRequested(const QString& aggregateId, int version);

private:
    QLabel* m_summary;
    QTabWidget* m_tabs;
    QTreeView* m_dataTree;
    QTreeView* m_metadataTree;
    QPlainTextEdit* m_raw;
    JsonTreeModel* m_dataModel;
    JsonTreeModel* m_metadataModel;
    QPushButton* m_timeTravel;
    QPushButton* m_flow;
    QString m_correlationId;
    QString m_aggregateId;
    QString m_eventId;
    int m_version = 0;
    QString m_rawText;
};

} // namespace acci::ui

#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;

namespace acci::ui {

class AggregateListModel;
class AggregateTypesModel;
class DatabaseWorker;
class EventDetailView;
class StreamModel;

// Aggregates and their streams: types with counts, the aggregates of a type (search by id,
// sort by id or last change), the chosen aggregate's events, and the selected event in full.
class BrowserPage : public QWidget {
    Q_OBJECT
public:
    explicit BrowserPage(DatabaseWorker* worker, QWidget* parent = nullptr);

    void reload();
    // Scopes the types and aggregates to one tenant (empty: all).
    void setTenant(const QString& tenant);
    // Opens an aggregate's stream, optionally at a version (from the log or elsewhere).
    void openAggregate(const QString& aggregateId, int version = 0);
    // Writes the open stream to a file on the worker (".json": one array, else NDJSON), every
    // event as stored; the outcome arrives as a statusMessage.
    void exportStreamTo(const QString& path);
    // The pinned aggregates (the navigation's): the pin button and the context menu follow them.
    void setPinnedAggregates(const QStringList& ids);
    QPushButton* pinButton() const { return m_pin; }

    AggregateTypesModel* typesModel() const { return m_types; }
    AggregateListModel* aggregatesModel() const { return m_aggregates; }
    StreamModel* streamModel() const { return m_stream; }
    QListView* typesView() const { return m_typesView; }
    QTableView* aggregatesView() const { return m_aggregatesView; }
    QTableView* streamView() const { return m_streamView; }
    EventDetailView* detail() const { return m_detail; }

signals:
    void statusMessage(const QString& message);
    void correlationRequested(const QString& correlationId, const QString& eventId);
    // version -1: the newest
    void timeTravelRequested(const QString& aggregateId, int version);
    // An aggregate's stream was opened (a place for back/forward and the recent list).
    void aggregateOpened(const QString& aggregateId, int version);
    void pinRequested(const QString& aggregateId, bool pin);

private:
    void applyQuery();
    void showSelectedEvent();
    void exportStream();
    void showPinState();
    void showAggregateMenu(const QPoint& where);

    DatabaseWorker* m_worker;
    AggregateTypesModel* m_types;
    AggregateListModel* m_aggregates;
    StreamModel* m_stream;
    QListView* m_typesView;
    QLineEdit* m_search;
    QComboBox* m_sort;
    QTableView* m_aggregatesView;
    QLabel* m_streamTitle;
    QSpinBox* m_jump;
    QTableView* m_streamView;
    EventDetailView* m_detail;
    QString m_selectedType;
    QString m_tenant;
    QPushButton* m_pin;
    QStringList m_pinned;
};

} // namespace acci::ui

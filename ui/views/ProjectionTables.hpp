#pragma once

#include <QObject>

#include "acci/projections/ProjectionAdmin.hpp"
#include "acci/store/Audit.hpp"
#include "models/RecordTableModel.hpp"

namespace acci::ui {

class MetricsPoller;

// The Projections page's three tables: projections (status, lag and its trend from the
// poller), dead letters, and the audit log. Their strings belong to ProjectionsPage.
RecordTableModel<projections::ProjectionStatus>* makeProjectionsModel(MetricsPoller* poller, QObject* parent);
RecordTableModel<projections::DeadLetter>* makeDeadLettersModel(QObject* parent);
RecordTableModel<store::AuditRecord>* makeAuditModel(QObject* parent);

} // namespace acci::ui

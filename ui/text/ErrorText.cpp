#include "text/ErrorText.hpp"

#include "acci/store/Errors.hpp"

namespace acci::ui {

QString ErrorText::describe(const std::exception& error)
{
    QString detail = QString::fromStdString(store::errorDetail(error));
    switch (store::classifyError(error)) {
    case store::ErrorKind::Store:
    case store::ErrorKind::Other:
        return detail;
    case store::ErrorKind::MissingSchema:
        return tr("The database lacks part of the ACCI schema (%1); run 'acci-admin migrate' against it, or connect "
                  "to the right database.")
            .arg(detail);
    case store::ErrorKind::MissingRights:
        return tr("The database role lacks the rights for this (%1); connect with a role that has them, or ask the "
                  "database owner.")
            .arg(detail);
    case store::ErrorKind::ServerGone:
        if (store::sessionTerminated(error))
            return tr("The server ended this session (%1): an administrator terminated it or the server is shutting "
                      "down; retry, and if it fails again check that the server is running.")
                .arg(detail);
        return tr("The database server went away (%1); check that it is running, then retry.").arg(detail);
    case store::ErrorKind::Cancelled:
        if (store::statementTimedOut(error))
            return tr("The server's statement_timeout ended the query (%1); raise it for this role (ALTER ROLE … SET "
                      "statement_timeout) or run this as a role without one.")
                .arg(detail);
        return tr("The query was cancelled (%1).").arg(detail);
    case store::ErrorKind::RejectedValue:
        return tr("The database rejected a value (%1); check the input.").arg(detail);
    case store::ErrorKind::ReadOnlyServer:
        return tr("Connected to a standby; actions need the primary (the server said: %1). Give the primary in the "
                  "connection dialog's Primary field or with --primary, or list its host in the connection string.")
            .arg(detail);
    case store::ErrorKind::RecoveryConflict:
        return tr("The standby cancelled the read because replaying the primary's changes needed the rows it was "
                  "reading (%1); retry it, or have the standby's administrator turn on hot_standby_feedback or raise "
                  "max_standby_streaming_delay.")
            .arg(detail);
    case store::ErrorKind::OtherDatabaseError:
        return tr("The database reported an error: %1.").arg(detail);
    case store::ErrorKind::ConnectionLost:
        return tr("Lost the connection to the database server (%1); check that it is running and reachable, then "
                  "retry.")
            .arg(detail);
    case store::ErrorKind::CommitInDoubt:
        return tr("The connection broke while committing, so the change may or may not be stored (%1); check "
                  "before retrying.")
            .arg(detail);
    case store::ErrorKind::InvalidJson:
        return tr("Invalid JSON: %1.").arg(detail);
    }
    return detail;
}

} // namespace acci::ui

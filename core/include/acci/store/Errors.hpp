#pragma once

#include <stdexcept>
#include <string>

namespace acci::store {

// Base of every error the core raises on purpose. what() is one sentence for a person:
// what failed, why, and what to do.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The guide's ConcurrencyError: the aggregate moved on since the caller read it.
class ConcurrencyError : public StoreError {
public:
    ConcurrencyError(std::string aggregateId, int expectedVersion, int actualVersion);

    const std::string& aggregateId() const { return m_aggregateId; }
    int expectedVersion() const { return m_expectedVersion; }
    int actualVersion() const { return m_actualVersion; }

private:
    std::string m_aggregateId;
    int m_expectedVersion;
    int m_actualVersion;
};

// An event id that is already stored with other content: not a retry, a clash.
class DuplicateEventIdError : public StoreError {
public:
    using StoreError::StoreError;
};

// The caller's input is wrong (malformed JSON, data that is not an object, too large...).
class InvalidInputError : public StoreError {
public:
    using StoreError::StoreError;
};

// The database lacks our schema or has an older one.
class SchemaError : public StoreError {
public:
    using StoreError::StoreError;
};

// The connected role may not do this (it lacks a grant the action needs); nothing was changed.
class PermissionError : public StoreError {
public:
    using StoreError::StoreError;
};

// Someone else is doing this right now (a rebuild of the same projection); nothing was changed.
class BusyError : public StoreError {
public:
    using StoreError::StoreError;
};

// The server is a hot standby (or otherwise read-only) and the action writes; nothing was changed.
class ReadOnlyServerError : public StoreError {
public:
    using StoreError::StoreError;
};

// connect() found no server answering (nothing listens, or it is starting up or shutting
// down), as opposed to one that refuses this login (a wrong password, an unknown database):
// the one a caller may wait out and retry (acci-admin projections run). The sentence is
// connect()'s as for any failure to connect.
class ServerUnreachableError : public StoreError {
public:
    using StoreError::StoreError;
};

// What kind of failure an exception is, so that a user interface can word it in its own
// language around the technical detail (describeError is the English wording).
enum class ErrorKind {
    Store, // the core's own sentence (validation, concurrency, schema): what() says it all
    MissingSchema,
    MissingRights,
    ServerGone,
    Cancelled,
    RejectedValue,
    ReadOnlyServer,
    RecoveryConflict, // a hot standby cancelled a read that replay had to overrun
    OtherDatabaseError,
    ConnectionLost,
    CommitInDoubt,
    InvalidJson,
    Other,
};
ErrorKind classifyError(const std::exception& error);
// Whether the error leaves the connection unusable (the server went away, the link broke,
// a commit's outcome is unknown): the one rule for "reconnect".
bool connectionIsLost(const std::exception& error);
// ServerGone because this session was ended (pg_terminate_backend, a fast shutdown): the
// server may well be up.
bool sessionTerminated(const std::exception& error);
// Cancelled by the role's or session's statement_timeout, not by a person.
bool statementTimedOut(const std::exception& error);
// The technical part: the server's or library's first line, without "ERROR:".
std::string errorDetail(const std::exception& error);

// The table or view a missing-rights error names ("projection_rebuild_history" from "permission
// denied for view projection_rebuild_history"), or errorDetail when it names none.
std::string refusedRelation(const std::exception& error);

// Turns any exception from the core, libpqxx or libpq into one clear sentence.
std::string describeError(const std::exception& error);

} // namespace acci::store

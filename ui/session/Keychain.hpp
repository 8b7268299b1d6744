#pragma once

#include <QObject>
#include <QString>

#include <functional>

#include "acci/store/Connection.hpp"

namespace acci::ui {

// Passwords in the system keychain (Secret Service, KWallet, macOS Keychain… through
// QtKeychain), never in plain settings: there is no insecure fallback. Every call is
// asynchronous; the callback runs on the GUI thread, and not at all if `context` is gone.
namespace keychain {

    // Entries are keyed by store::ConnectionTarget::key(), "user@host:port/dbname" as libpq
    // resolves them (PGHOST, services…), never by the text of the connection string.

    // found is empty when there is no entry or no keychain.
    void readPassword(const QString& key, QObject* context, std::function<void(QString found)> done);
    // error is empty on success, else one sentence saying why it was not stored.
    void storePassword(
        const QString& key, const QString& password, QObject* context, std::function<void(QString error)> done);
    void forgetPassword(const QString& key);

} // namespace keychain

} // namespace acci::ui

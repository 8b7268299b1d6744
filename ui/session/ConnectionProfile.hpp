#pragma once

#include <QString>

#include <string>

namespace acci::ui {

// Where the console connects, as one value: the connection string without its password, and
// the password kept apart (in memory only, never saved). Everything that is shown or saved
// comes from the part without the secret; only the workers ask for the full string.
class ConnectionProfile {
public:
    ConnectionProfile() = default;
    // A password in the string (password=, or a URI's user:password@) is moved apart.
    explicit ConnectionProfile(const QString& conninfo);

    // For libpq: the string with the password. Only code that opens a connection calls this.
    std::string connectionString() const;
    // user@host:port/dbname, never a secret.
    QString displayName() const;
    ConnectionProfile withPassword(const QString& password) const;
    bool hasPassword() const { return !m_password.isEmpty(); }
    // Whether a password for it could cross a network unencrypted (store::passwordMayTravelInClear).
    bool passwordMayTravelInClear() const;

private:
    // A string libpq cannot parse is kept as given (libpq then says what is wrong when
    // connecting); it is never shown.
    QString m_withoutPassword;
    QString m_password;
};

} // namespace acci::ui

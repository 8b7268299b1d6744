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

    // The primary for actions that write, when the string above may lead to a standby: given
    // explicitly (the dialog's "Primary" field, --primary), else derived by libpq's rules
    // (store::primaryConninfo: the same hosts with target_session_attrs=read-write).
    ConnectionProfile withPrimary(const QString& primaryConninfo) const;
    // Where writes go, as a profile of its own (the password follows: the primary's own when
    // its string has one, else this one's).
    ConnectionProfile forWrites() const;
    bool hasExplicitPrimary() const { return !m_primary.m_withoutPassword.isEmpty(); }

private:
    // A string libpq cannot parse is kept as given (libpq then says what is wrong when
    // connecting); it is never shown.
    QString m_withoutPassword;
    QString m_password;
    struct Primary {
        QString m_withoutPassword;
        QString m_password;
    } m_primary;
};

} // namespace acci::ui

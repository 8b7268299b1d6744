#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace acci::ui {

// Where to connect: a libpq connection string or URI, or the usual fields (with SSL modes up
// to verify-full and a root certificate). Recent connections are remembered without their
// passwords; a password typed here is used for this session only (~/.pgpass also works).
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget* parent = nullptr);

    // The connection string to use, password included when one was typed.
    QString conninfo() const;
    // The same without the password: what the recent list keeps.
    QString conninfoWithoutPassword() const;
    // The primary for actions when the connection above leads to a standby; empty: libpq
    // finds it among the hosts (target_session_attrs=read-write), if the string lists it.
    QString primaryConninfo() const;

    static QStringList recentConnections();
    static void remember(const QString& conninfo); // saved without any password

private:
    QString fromFields() const;
    void updateWarnings();

    QTabWidget* m_tabs;
    QComboBox* m_recent;
    QLineEdit* m_conninfo;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QComboBox* m_sslMode;
    QComboBox* m_sessionAttrs; // target_session_attrs: which server of several
    QLineEdit* m_primary;
    QLineEdit* m_rootCert;
    QLineEdit* m_password;
    QLabel* m_clearTextWarning; // shown while a typed password could travel unencrypted
};

} // namespace acci::ui

#pragma once

#include <QDialog>

class QLabel;

namespace acci::ui {

class ConnectionSession;

// Help → About: the console's version, the Qt it runs on, libpq's and libpqxx's, and the
// connection: its name as displayed (never the password) and the server's version, asked on
// the browse worker (never on the GUI thread); "not connected" until it can answer.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(ConnectionSession* session, QWidget* parent = nullptr);

    QLabel* qtVersionLabel() const { return m_qt; }
    QLabel* libpqVersionLabel() const { return m_libpq; }
    QLabel* serverVersionLabel() const { return m_server; }
    QLabel* connectionLabel() const { return m_connection; }
    // "15.4" from PQlibVersion()'s 150004 (and "9.6.24" from 90624).
    static QString libpqVersion();

    // Asks the server again (the dialog is kept and shown again).
    void askServer();

signals:
    void serverVersionShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    ConnectionSession* m_session;
    QLabel* m_qt;
    QLabel* m_libpq;
    QLabel* m_server;
    QLabel* m_connection;
};

} // namespace acci::ui

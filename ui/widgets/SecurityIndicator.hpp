#pragma once

#include <QLabel>

#include "acci/store/Connection.hpp"

namespace acci::ui {

// The status bar's padlock: closed and green when the connection is encrypted and the
// server's certificate was verified, closed and amber when encrypted but unverified, open and
// red when a TCP connection is not encrypted, a plug for a local socket. The tooltip says
// the TLS version, the cipher and what was verified, in words.
class SecurityIndicator : public QLabel {
    Q_OBJECT
public:
    enum class Level { Unknown, LocalSocket, Verified, Unverified, Unencrypted };

    explicit SecurityIndicator(QWidget* parent = nullptr);
    void setSecurity(const store::TransportSecurity& security);
    void clear();
    Level level() const { return m_level; }

private:
    void draw();

    Level m_level = Level::Unknown;
};

} // namespace acci::ui

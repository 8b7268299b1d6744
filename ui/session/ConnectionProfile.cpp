#include "session/ConnectionProfile.hpp"

#include "acci/store/Connection.hpp"
#include "acci/store/Replication.hpp"
#include "session/Conninfo.hpp"

namespace acci::ui {

ConnectionProfile::ConnectionProfile(const QString& conninfo)
{
    const std::string text = conninfo.toStdString();
    const std::string password = store::passwordIn(text);
    const std::string rest = store::withoutPassword(text);
    // withoutPassword is empty for a string libpq cannot parse, and for an empty one (libpq's
    // defaults): both are kept as they are.
    m_withoutPassword = rest.empty() ? conninfo : QString::fromStdString(rest);
    m_password = QString::fromStdString(password);
}

std::string ConnectionProfile::connectionString() const
{
    return conninfoWithPassword(m_withoutPassword, m_password).toStdString();
}

QString ConnectionProfile::displayName() const
{
    return QString::fromStdString(store::displayName(m_withoutPassword.toStdString()));
}

ConnectionProfile ConnectionProfile::withPassword(const QString& password) const
{
    ConnectionProfile profile = *this;
    profile.m_password = password;
    return profile;
}

bool ConnectionProfile::passwordMayTravelInClear() const
{
    return store::passwordMayTravelInClear(m_withoutPassword.toStdString());
}

ConnectionProfile ConnectionProfile::withPrimary(const QString& primaryConninfo) const
{
    ConnectionProfile profile = *this;
    const ConnectionProfile primary(primaryConninfo.trimmed());
    profile.m_primary = { primary.m_withoutPassword, primary.m_password };
    return profile;
}

ConnectionProfile ConnectionProfile::forWrites() const
{
    const QString password = m_primary.m_password.isEmpty() ? m_password : m_primary.m_password;
    std::string target;
    try {
        target = store::primaryConninfo(m_withoutPassword.toStdString(), m_primary.m_withoutPassword.toStdString());
    } catch (const std::exception&) {
        // A string libpq cannot read: kept as it is, and libpq says what is wrong on connecting.
        target = m_withoutPassword.toStdString();
    }
    ConnectionProfile profile(QString::fromStdString(target));
    profile.m_password = password;
    return profile;
}

} // namespace acci::ui

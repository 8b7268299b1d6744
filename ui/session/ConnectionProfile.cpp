#include "session/ConnectionProfile.hpp"

#include "acci/store/Connection.hpp"
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

} // namespace acci::ui

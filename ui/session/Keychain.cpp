#include "session/Keychain.hpp"

#include <QPointer>

#include <qt6keychain/keychain.h>

namespace acci::ui::keychain {

namespace {
    const QString Service = QStringLiteral("org.acci.EventConsole");
}

void readPassword(const QString& key, QObject* context, std::function<void(QString)> done)
{
    auto* job = new QKeychain::ReadPasswordJob(Service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, guard, done = std::move(done)] {
        if (guard)
            done(job->error() == QKeychain::NoError ? job->textData() : QString());
    });
    job->start();
}

void storePassword(const QString& key, const QString& password, QObject* context, std::function<void(QString)> done)
{
    auto* job = new QKeychain::WritePasswordJob(Service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(password);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, guard, done = std::move(done)] {
        if (guard)
            done(job->error() == QKeychain::NoError ? QString() : job->errorString());
    });
    job->start();
}

void forgetPassword(const QString& key)
{
    auto* job = new QKeychain::DeletePasswordJob(Service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
}

} // namespace acci::ui::keychain

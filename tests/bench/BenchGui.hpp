#pragma once

// What the console benchmarks measure the GUI thread with.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <string>

namespace acci::bench {

// Measures how late a 5 ms timer fires on the GUI thread: the longest stall.
class StallProbe : public QObject {
public:
    StallProbe()
    {
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last)
                m_worst = std::max(m_worst, (now - m_last) / 1e6 - 5.0);
            m_last = now;
        });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(5);
    }
    void reset() { m_worst = 0, m_last = 0; }
    double worstMs() const { return std::max(0.0, m_worst); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_worst = 0;
};

// Spins the event loop until done() or the timeout; returns the milliseconds it took.
template <typename Done> double waitFor(Done done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    return timer.nsecsElapsed() / 1e6;
}

inline double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

// BigStoreBench.cpp: acci-console-bench with --events above ComparedSize compares the figures
// at ComparedSize with those at --events (compareStoreSizes runs measureStore for each size in
// a child process).
inline constexpr long long ComparedSize = 1'000'000;
int compareStoreSizes(const QString& program, long long events, int streamEvents);
int measureStore(const std::string& conninfo, long long events, int streamEvents);

} // namespace acci::bench

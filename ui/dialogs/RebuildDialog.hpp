#pragma once

#include <QDialog>

#include <optional>

#include "acci/projections/ProjectionRebuild.hpp"

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace acci::ui {

// "about 3 min (at the 72,956 events/s of the last rebuild)": a pre-flight's estimate, for a
// rebuild and a verification (which reads about as much).
QString estimatedTimeText(std::optional<double> seconds, std::optional<double> eventsPerSecond);

// The three steps of a rebuild from the console: the pre-flight (what will be replayed,
// how long it should take), progress (events/s, ETA, Cancel), and the report. It shows; the
// projections page runs the rebuild.
class RebuildDialog : public QDialog {
    Q_OBJECT
public:
    RebuildDialog(const QString& projection, const projections::RebuildPlan& plan, QWidget* parent = nullptr);

    void showProgress(const projections::RebuildProgress& progress);
    void showReport(const projections::RebuildReport& report);
    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* reportLabel() const { return m_text; }
    bool finished() const { return m_finished; }

signals:
    void startRequested();
    void cancelRequested();

protected:
    void reject() override;

private:
    QString m_projection;
    QLabel* m_text;
    QLabel* m_rate;
    QProgressBar* m_progress;
    QPushButton* m_start;
    QPushButton* m_cancel;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace acci::ui

#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace acci::store {
struct MigrationProgress;
}

namespace acci::ui {

class DatabaseWorker;

// Shown when the database lacks the ACCI schema or has an older one: says what was found
// and offers to migrate, after a confirmation. An online upgrade of the guide's schema shows
// its step, a progress bar, the rate and the time left while the worker runs it.
class SchemaPage : public QWidget {
    Q_OBJECT
public:
    explicit SchemaPage(DatabaseWorker* worker, QWidget* parent = nullptr);

    // `unreadable`: the role may not read the schema (a grant to ask for, not a migration).
    void setProblem(const QString& description, bool canMigrate, bool unreadable = false);
    // The upgrade's progress as last shown (the step line, and rate and time left), for tests.
    QString progressText() const;

signals:
    void migrated();
    void checkAgainRequested();
    void statusMessage(const QString& message);

private:
    void migrate();
    void showProgress(const store::MigrationProgress& progress);
    void migrationEnded();

    DatabaseWorker* m_worker;
    QLabel* m_title;
    QLabel* m_text;
    QLabel* m_explanation;
    QPushButton* m_migrate;
    QPushButton* m_checkAgain;
    QLabel* m_step;
    QProgressBar* m_progress;
    QLabel* m_rate;
};

} // namespace acci::ui

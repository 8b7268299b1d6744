#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace acci::ui {

class DatabaseWorker;

// Shown when the database lacks the ACCI schema or has an older one: says what was found
// and offers to migrate, after a confirmation.
class SchemaPage : public QWidget {
    Q_OBJECT
public:
    explicit SchemaPage(DatabaseWorker* worker, QWidget* parent = nullptr);

    void setProblem(const QString& description, bool canMigrate);

signals:
    void migrated();
    void statusMessage(const QString& message);

private:
    void migrate();

    DatabaseWorker* m_worker;
    QLabel* m_text;
    QPushButton* m_migrate;
};

} // namespace acci::ui

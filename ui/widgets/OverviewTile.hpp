#pragma once

#include <QFrame>

class QLabel;

namespace acci::ui {

// One figure of the overview: a title, the number, a line that says what it means or what to
// do. The whole tile is a link (click, or Enter/Space when focused) to the page that explains
// the number.
class OverviewTile : public QFrame {
    Q_OBJECT
public:
    enum class Level { Neutral, Ok, Warning, Problem };

    OverviewTile(const QString& objectName, const QString& title, QWidget* parent = nullptr);

    void setFigure(const QString& value, const QString& detail, Level level = Level::Neutral);
    QString value() const;
    QString detail() const;
    Level level() const { return m_level; }
    // What a click does, said in the tooltip's last line.
    void setLinkHint(const QString& hint);
    void click() { emit clicked(); }

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void restyle();

    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_detail;
    Level m_level = Level::Neutral;
    bool m_hover = false;
};

} // namespace acci::ui

#pragma once

#include <QLabel>

#include "acci/store/InFlight.hpp"

namespace acci::ui {

// One line where events are missing from view because an open transaction holds the
// readable head back: how many, for how long, by which transaction, and a link to the
// in-flight transactions. Hidden while nothing has waited long enough to matter.
class HeldBackBanner : public QLabel {
    Q_OBJECT
public:
    explicit HeldBackBanner(QWidget* parent = nullptr);

    void setHeldBack(const store::HeldBack& heldBack);

    // Events waiting this long or more show the banner: a busy store always has a few for
    // milliseconds, while writers commit.
    static constexpr double ShownAfterSeconds = 2.0;

signals:
    void inFlightRequested();
};

} // namespace acci::ui

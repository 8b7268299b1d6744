#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "charts/ChartPanel.hpp"

namespace acci::ui {

// The guide's snapshot size histogram: how many snapshots fall in each size bucket.
class SnapshotHistogram : public ChartPanel {
    Q_OBJECT
public:
    explicit SnapshotHistogram(QWidget* parent = nullptr);
    // Cumulative counts per upper bound in bytes, +Inf last (as the metrics give them).
    void setBuckets(const std::vector<std::pair<double, std::int64_t>>& cumulative);

private:
    std::vector<QString> m_labels;
    std::vector<std::int64_t> m_counts;
};

} // namespace acci::ui

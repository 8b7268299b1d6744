#pragma once

#include <string>

namespace acci::bench {

// Fills the store with `events` events by COPY FROM STDIN (rows made here, sent in 1M-row
// statements, each fired once at the trigger that keeps `aggregates`), then VACUUM ANALYZE.
// The same store at every size, so figures at 1M and 10M compare:
// - one stream of `streamEvents` Tick events ("big-stream") first;
// - then every 10th event a UserCreated of a new user ("bench-user-N": a tenth of the store
//   is users, what user_view replays), the others Bench aggregates of 9 events each
//   ("agg-N"), five event types, three tenants, 1000 users, a correlation id per aggregate;
// - timestamps spread evenly over the 7 days before now, in log order.
// Returns the seconds it took.
double fillBenchStore(const std::string& conninfo, long long events, int streamEvents);

} // namespace acci::bench

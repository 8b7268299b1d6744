#include "flow/FlowLayout.hpp"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace acci::ui::flow {

namespace {

    // A straight piece of an arrow in a channel (the space between two columns, vertical
    // pieces) or a gutter (between two lanes, horizontal pieces). lo and hi are in grid
    // units: lane l's centre is 2l+1 and gutter g is 2g; column c's centre is 2c+1 and the
    // channel k (left of column k) is 2k. Pieces that overlap in one channel get tracks of
    // their own; the pieces of one cause's fan-out share theirs, like a bus.
    struct Piece {
        int channel = 0;
        int lo = 0;
        int hi = 0;
        int track = 0;
    };

    // Interval colouring, greedy by start: the fewest tracks for pieces on a line.
    // Returns the number of tracks of each channel.
    std::vector<int> assignTracks(std::vector<Piece>& pieces, int channels)
    {
        std::vector<int> order(pieces.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const auto& pa = pieces[static_cast<std::size_t>(a)];
            const auto& pb = pieces[static_cast<std::size_t>(b)];
            return std::tie(pa.channel, pa.lo, pa.hi) < std::tie(pb.channel, pb.lo, pb.hi);
        });
        std::vector<int> counts(static_cast<std::size_t>(channels), 0);
        std::vector<int> trackEnds; // of the channel being filled
        int channel = -1;
        for (int index : order) {
            auto& piece = pieces[static_cast<std::size_t>(index)];
            if (piece.channel != channel) {
                channel = piece.channel;
                trackEnds.clear();
            }
            // Touching counts as overlapping: two pieces meeting end to end on one track would
            // read as one arrow.
            auto free = std::find_if(trackEnds.begin(), trackEnds.end(), [&](int end) { return end < piece.lo; });
            if (free == trackEnds.end()) {
                piece.track = static_cast<int>(trackEnds.size());
                trackEnds.push_back(piece.hi);
            } else {
                piece.track = static_cast<int>(free - trackEnds.begin());
                *free = piece.hi;
            }
            auto& count = counts[static_cast<std::size_t>(channel)];
            count = std::max(count, piece.track + 1);
        }
        return counts;
    }

    double channelSize(int tracks, double minimum, const FlowLayoutOptions& o)
    {
        return tracks == 0 ? minimum : std::max(minimum, 2 * o.channelMargin + (tracks - 1) * o.trackSpacing);
    }

    // The coordinate of a track: the tracks of a channel sit in its middle.
    double trackPosition(double start, double size, int tracks, int track, const FlowLayoutOptions& o)
    {
        return start + (size - (tracks - 1) * o.trackSpacing) / 2 + track * o.trackSpacing;
    }

    // Where a route runs.
    struct Route {
        enum class Kind { Straight, Adjacent, Around };
        Kind kind = Kind::Straight;
        int exit = -1; // vertical piece leaving the cause
        int across = -1; // horizontal piece in a gutter
        int entry = -1; // vertical piece reaching the effect
        int gutter = 0;
    };

} // namespace

FlowDiagram layoutFlow(std::vector<FlowEvent> events, const FlowLayoutOptions& options)
{
    FlowDiagram d;
    // Time order; the log's order (the input's) for equal times.
    std::stable_sort(events.begin(), events.end(),
        [](const FlowEvent& a, const FlowEvent& b) { return a.timestampUs < b.timestampUs; });
    d.events = std::move(events);
    const int count = static_cast<int>(d.events.size());
    const auto at = [](auto& vector, int index) -> decltype(auto) { return vector[static_cast<std::size_t>(index)]; };

    // Causes.
    QHash<QString, int> byId;
    byId.reserve(count);
    for (int i = 0; i < count; ++i)
        byId.insert(at(d.events, i).id, i); // ids are unique in a store; the last would win otherwise
    d.causes.assign(static_cast<std::size_t>(count), Cause::Missing);
    d.causeEvent.assign(static_cast<std::size_t>(count), -1);
    std::vector<char> touched(static_cast<std::size_t>(count), 0); // an arrow starts or ends here
    for (int i = 0; i < count; ++i) {
        const QString& causation = at(d.events, i).causationId;
        if (causation.isEmpty())
            continue;
        const auto found = byId.constFind(causation);
        if (found == byId.cend()) {
            at(d.causes, i) = Cause::Outside;
        } else if (*found == i) {
            at(d.causes, i) = Cause::Itself;
        } else {
            at(d.causes, i) = Cause::InFlow;
            at(d.causeEvent, i) = *found;
            at(touched, i) = 1;
            at(touched, *found) = 1;
        }
    }

    // Lanes, in the order of their first event.
    QHash<QString, int> laneOf;
    std::vector<std::vector<int>> laneEvents;
    std::vector<int> eventLane(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto& e = at(d.events, i);
        auto found = laneOf.constFind(e.aggregateId);
        int lane = 0;
        if (found == laneOf.cend()) {
            lane = static_cast<int>(d.lanes.size());
            laneOf.insert(e.aggregateId, lane);
            d.lanes.push_back({ e.aggregateId, e.aggregateType });
            laneEvents.emplace_back();
        } else {
            lane = *found;
        }
        at(eventLane, i) = lane;
        at(laneEvents, lane).push_back(i);
        ++at(d.lanes, lane).events;
    }
    const int laneCount = static_cast<int>(d.lanes.size());

    // Nodes: events, and runs of events no arrow touches.
    d.nodeOfEvent.assign(static_cast<std::size_t>(count), -1);
    const auto addNode = [&](FlowNode::Kind kind, int lane, std::vector<int> members) {
        FlowNode node;
        node.kind = kind;
        node.lane = lane;
        node.events = std::move(members);
        for (int e : node.events) {
            at(d.nodeOfEvent, e) = static_cast<int>(d.nodes.size());
            if (at(d.causes, e) != Cause::InFlow)
                ++node.outsideCauses;
        }
        if (kind == FlowNode::Kind::Run)
            node.runKey = at(d.events, node.events.front()).id;
        d.nodes.push_back(std::move(node));
    };
    for (int lane = 0; lane < laneCount; ++lane) {
        const auto& members = at(laneEvents, lane);
        std::size_t i = 0;
        while (i < members.size()) {
            std::size_t end = i;
            while (end < members.size() && !at(touched, members[end])
                && !options.pinned.contains(at(d.events, members[end]).id))
                ++end;
            const auto length = static_cast<int>(end - i);
            if (length > 0 && options.collapseRuns && length >= std::max(2, options.minRun)
                && !options.expandedRuns.contains(at(d.events, members[i]).id)) {
                addNode(FlowNode::Kind::Run, lane,
                    std::vector<int>(members.begin() + static_cast<long>(i), members.begin() + static_cast<long>(end)));
                ++d.collapsedRuns;
                d.collapsedEvents += length;
                i = end;
                continue;
            }
            if (length == 0)
                end = i + 1; // an event with arrows
            for (; i < end; ++i)
                addNode(FlowNode::Kind::Event, lane, { members[i] });
        }
    }
    const int nodeCount = static_cast<int>(d.nodes.size());

    // Columns: in time order, each node right of the one before it on its lane and of its
    // cause, never left of a node older than it. A cause later than its effect is placed
    // after it and only drawn (backward).
    {
        std::vector<int> order(static_cast<std::size_t>(nodeCount));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
            [&](int a, int b) { return at(d.nodes, a).events.front() < at(d.nodes, b).events.front(); });
        std::vector<int> laneLast(static_cast<std::size_t>(laneCount), -1);
        std::vector<char> placed(static_cast<std::size_t>(nodeCount), 0);
        int previous = 0;
        for (int n : order) {
            auto& node = at(d.nodes, n);
            int column = std::max(previous, at(laneLast, node.lane) + 1);
            for (int e : node.events) {
                const int cause = at(d.causeEvent, e);
                if (cause >= 0 && at(placed, at(d.nodeOfEvent, cause)))
                    column = std::max(column, at(d.nodes, at(d.nodeOfEvent, cause)).column + 1);
            }
            node.column = column;
            at(laneLast, node.lane) = column;
            at(placed, n) = 1;
            previous = column;
            d.columns = std::max(d.columns, column + 1);
        }
    }

    // Arrows and their pieces.
    std::vector<Piece> vertical; // channel = index of the channel (0 .. columns)
    std::vector<Piece> horizontal; // channel = index of the gutter (0 .. lanes)
    QHash<quint64, int> exits; // (channel, node) -> piece: a cause's fan-out shares one
    QHash<quint64, int> across; // (gutter, node) -> piece
    const auto key = [](int a, int b) { return (static_cast<quint64>(a) << 32) | static_cast<quint32>(b); };
    const auto grow = [](Piece& piece, int a, int b) {
        piece.lo = std::min({ piece.lo, a, b });
        piece.hi = std::max({ piece.hi, a, b });
    };
    const auto shared
        = [&](std::vector<Piece>& pieces, QHash<quint64, int>& index, int channel, int owner, int a, int b) {
              const quint64 k = key(channel, owner);
              auto found = index.constFind(k);
              if (found == index.cend()) {
                  pieces.push_back({ channel, std::min(a, b), std::max(a, b) });
                  found = index.insert(k, static_cast<int>(pieces.size()) - 1);
              }
              grow(pieces[static_cast<std::size_t>(*found)], a, b);
              return *found;
          };
    // A cause whose arrows go down keeps its arrows to later events of its own lane below the
    // lane too (else above): a fan-out then stays on one side.
    std::vector<char> goesDown(static_cast<std::size_t>(nodeCount), 0);
    std::vector<char> goesUp(static_cast<std::size_t>(nodeCount), 0);
    for (int i = 0; i < count; ++i) {
        const int cause = at(d.causeEvent, i);
        if (cause < 0)
            continue;
        const int from = at(d.nodeOfEvent, cause);
        const int lane = at(d.nodes, at(d.nodeOfEvent, i)).lane;
        if (lane > at(d.nodes, from).lane)
            at(goesDown, from) = 1;
        else if (lane < at(d.nodes, from).lane)
            at(goesUp, from) = 1;
    }
    std::vector<Route> routes;
    for (int i = 0; i < count; ++i) {
        const int cause = at(d.causeEvent, i);
        if (cause < 0)
            continue;
        FlowEdge edge;
        edge.causeEvent = cause;
        edge.effectEvent = i;
        edge.from = at(d.nodeOfEvent, cause);
        edge.to = at(d.nodeOfEvent, i);
        edge.backward = cause > i;
        const auto& a = at(d.nodes, edge.from);
        const auto& b = at(d.nodes, edge.to);
        const int yA = 2 * a.lane + 1;
        const int yB = 2 * b.lane + 1;
        Route route;
        if (b.column == a.column + 1 && a.lane == b.lane) {
            route.kind = Route::Kind::Straight;
        } else if (b.column == a.column + 1) {
            route.kind = Route::Kind::Adjacent;
            route.exit = shared(vertical, exits, a.column + 1, edge.from, yA, yB);
        } else {
            route.kind = Route::Kind::Around;
            // The gutter beside the effect's lane, on the cause's side.
            if (b.lane == a.lane)
                route.gutter = at(goesDown, edge.from) && !at(goesUp, edge.from) ? b.lane + 1 : b.lane;
            else
                route.gutter = b.lane > a.lane ? b.lane : b.lane + 1;
            const int yG = 2 * route.gutter;
            route.exit = shared(vertical, exits, a.column + 1, edge.from, yA, yG);
            route.across = shared(horizontal, across, route.gutter, edge.from, 2 * (a.column + 1), 2 * b.column);
            vertical.push_back({ b.column, std::min(yG, yB), std::max(yG, yB) }); // one cause per event
            route.entry = static_cast<int>(vertical.size()) - 1;
        }
        d.edges.push_back(std::move(edge));
        routes.push_back(route);
    }
    const std::vector<int> channelTracks = assignTracks(vertical, d.columns + 1);
    const std::vector<int> gutterTracks = assignTracks(horizontal, laneCount + 1);

    // Geometry.
    const auto& o = options;
    std::vector<double> channelLeft(static_cast<std::size_t>(d.columns + 1));
    std::vector<double> channelWidth(static_cast<std::size_t>(d.columns + 1));
    std::vector<double> columnLeft(static_cast<std::size_t>(d.columns));
    double x = o.headerWidth;
    for (int k = 0; k <= d.columns; ++k) {
        at(channelLeft, k) = x;
        at(channelWidth, k) = channelSize(at(channelTracks, k), o.minGap, o);
        x += at(channelWidth, k);
        if (k < d.columns) {
            at(columnLeft, k) = x;
            x += o.nodeWidth;
        }
    }
    std::vector<double> gutterTop(static_cast<std::size_t>(laneCount + 1));
    std::vector<double> gutterHeight(static_cast<std::size_t>(laneCount + 1));
    double y = o.top;
    for (int g = 0; g <= laneCount; ++g) {
        at(gutterTop, g) = y;
        at(gutterHeight, g) = channelSize(at(gutterTracks, g), o.minGutter, o);
        y += at(gutterHeight, g);
        if (g < laneCount) {
            auto& lane = at(d.lanes, g);
            lane.rowTop = y;
            lane.rowHeight = o.nodeHeight + 2 * o.lanePadding;
            y += lane.rowHeight;
        }
    }
    for (int l = 0; l < laneCount; ++l) {
        auto& lane = at(d.lanes, l);
        lane.bandTop = l == 0 ? at(gutterTop, 0) : lane.rowTop - at(gutterHeight, l) / 2;
        const double bottom = lane.rowTop + lane.rowHeight
            + (l == laneCount - 1 ? at(gutterHeight, l + 1) : at(gutterHeight, l + 1) / 2);
        lane.bandHeight = bottom - lane.bandTop;
    }
    for (auto& node : d.nodes)
        node.rect = QRectF(
            at(columnLeft, node.column), at(d.lanes, node.lane).rowTop + o.lanePadding, o.nodeWidth, o.nodeHeight);
    d.bounds = QRectF(0, 0, x, y);
    d.headerWidth = o.headerWidth;

    const auto channelX = [&](const Piece& piece) {
        return trackPosition(at(channelLeft, piece.channel), at(channelWidth, piece.channel),
            at(channelTracks, piece.channel), piece.track, o);
    };
    const auto gutterY = [&](const Piece& piece) {
        return trackPosition(at(gutterTop, piece.channel), at(gutterHeight, piece.channel),
            at(gutterTracks, piece.channel), piece.track, o);
    };
    for (std::size_t e = 0; e < d.edges.size(); ++e) {
        auto& edge = d.edges[e];
        const auto& route = routes[e];
        const QRectF& a = at(d.nodes, edge.from).rect;
        const QRectF& b = at(d.nodes, edge.to).rect;
        const QPointF start(a.right(), a.center().y());
        const QPointF end(b.left(), b.center().y());
        switch (route.kind) {
        case Route::Kind::Straight:
            edge.path = { start, end };
            break;
        case Route::Kind::Adjacent: {
            const double xe = channelX(at(vertical, route.exit));
            edge.path = { start, { xe, start.y() }, { xe, end.y() }, end };
            break;
        }
        case Route::Kind::Around: {
            const double xe = channelX(at(vertical, route.exit));
            const double yg = gutterY(at(horizontal, route.across));
            const double xn = channelX(at(vertical, route.entry));
            edge.path = { start, { xe, start.y() }, { xe, yg }, { xn, yg }, { xn, end.y() }, end };
            break;
        }
        }
    }
    return d;
}

} // namespace acci::ui::flow

import SlabModel

/// A way into a step to one of its joins, made of concrete values: the state the step starts
/// from, and at each join on the way the state and carried value that lead on to the next.
///
/// Concrete values make every condition known, so a merged run that follows a route is one path
/// and meets exactly the joins the route names, in order. Past a join the step depends only on
/// the state, the carried value and the key (`Oracle.join`'s contract), so any route to a join
/// serves every segment that starts there.
struct Route {
    struct Stop {
        var key: JoinKey
        var state: SlabState<Int>
        var carried: Carried<Int>
    }

    var start: SlabState<Int>
    var stops: [Stop] = []
}

/// One run following a route to `target`, where it installs a segment's start.
final class Lead: CustomStringConvertible {
    let route: Route
    let target: JoinKey
    private let start: (state: SlabState<CircuitValue>, carried: Carried<CircuitValue>)
    private var passed = 0
    /// Whether the run reached `target` and installed the segment's start.
    private(set) var arrived = false

    init(_ route: Route, to target: JoinKey, state: SlabState<CircuitValue>, carried: Carried<CircuitValue>) {
        self.route = route
        self.target = target
        start = (state, carried)
    }

    /// The values to install at the join `key`; nil when the route does not go through it.
    func arrive(at key: JoinKey) -> (state: SlabState<CircuitValue>, carried: Carried<CircuitValue>)? {
        if passed < route.stops.count {
            let stop = route.stops[passed]
            guard stop.key == key else { return nil }
            passed += 1
            return (SlabState(cells: stop.state.cells.map { .constant($0) }), stop.carried.map { .constant($0) })
        }
        guard key == target, !arrived else { return nil }
        arrived = true
        return start
    }

    var description: String { "a route through \(route.stops.count) joins to \(target)" }
}

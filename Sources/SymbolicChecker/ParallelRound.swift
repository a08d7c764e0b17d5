import Dispatch
import SlabModel
import Synchronization
import Z3Kit

/// One round's paths, explored on two threads: half the actions in the analysis' own context, the
/// other half in a worker's context, whose terms are then translated back. The build of
/// small's converged relation goes from 10.5 s to 4.3 s.
///
/// Each action's paths are explored on their own, and a pruner drops only what Z3 refutes, so
/// neither the thread an action runs on nor what its pruner learned from other actions changes
/// its paths (`ParallelRoundTests`). The halves are balanced by each action's paths in the round
/// before: medium's two `growDone(ok: 1)`s have half the paths of a round between them.
struct ParallelRound {
    let model: SlabModel
    let context: Context
    let variables: [Term]
    let width: Int
    let pathLimit: Int
    let deadline: Deadline

    /// The paths of every action of `model.possibleActions` from `box`, the corrupt states marked.
    /// `invariant` (over `variables`) is what the pruners assume; nil: no pruning. What they cost
    /// is added to `pruning`, also when the round ends in an error (a time limit's report says
    /// where the time went). `witnesses` are states the pruners of earlier rounds found, which
    /// this round's start from; the states its own pruners find are added (`carried`).
    func explore(
        from box: Box, invariant: Term?, weights: [Int], pruning: inout Pruning, witnesses: inout [[Int]]
    ) throws(SymbolicError) -> [[PathExplorer.Path]] {
        let actions = model.possibleActions
        let halves = Self.balanced(weights, count: actions.count)
        let worker: Half
        do {
            let workerContext = try Context()
            let workerVariables = try variables.map { v throws(Z3Error) in try v.translated(to: workerContext) }
            worker = Half(
                context: workerContext, variables: workerVariables,
                invariant: try invariant?.translated(to: workerContext),
                actions: halves[1], carried: witnesses)
        } catch {
            throw .z3(error)
        }
        let halvesRun = [
            Half(context: context, variables: variables, invariant: invariant, actions: halves[0], carried: witnesses),
            worker,
        ]
        let stop = Mutex(false)
        let (model, width, pathLimit, deadline) = (model, width, pathLimit, deadline)
        DispatchQueue.concurrentPerform(iterations: halvesRun.count) { i in
            halvesRun[i].run(model: model, box: box, width: width, pathLimit: pathLimit, deadline: deadline, stop: stop)
        }
        var paths = [[PathExplorer.Path]](repeating: [], count: actions.count)
        for half in halvesRun { pruning = pruning + half.pruning }
        witnesses = Self.carried(halvesRun.map(\.witnessStates), before: witnesses)
        for half in halvesRun {
            if let error = half.error { throw error }
            for (a, found) in half.found {
                guard half.context !== context else {
                    paths[a] = found
                    continue
                }
                do {
                    paths[a] = try found.map { p throws(Z3Error) in try p.translated(to: context) }
                } catch {
                    throw .z3(error)
                }
            }
        }
        return paths
    }

    /// How many witness states a round hands on to the next: a pruner makes each of them a
    /// model of the free cells when it starts, and tests it on each term asked until its terms
    /// rule it out. Medium's six rounds find about 6,600.
    static let carriedLimit = 4096

    /// The states the next round's pruners start from: this round's, the latest of each half
    /// first, then the older ones, each once, at most `carriedLimit`.
    static func carried(_ found: [[[Int]]], before older: [[Int]]) -> [[Int]] {
        var seen: Set<[Int]> = []
        var kept: [[Int]] = []
        for state in found.flatMap({ $0 }) + older where kept.count < carriedLimit && seen.insert(state).inserted {
            kept.append(state)
        }
        return kept
    }

    /// The indices of `count` actions in two halves of about equal weight, the heaviest placed
    /// first; an action without a weight (the first round has none) weighs 1.
    static func balanced(_ weights: [Int], count: Int) -> [[Int]] {
        let weight = { (a: Int) in weights.indices.contains(a) ? weights[a] : 1 }
        var halves: [[Int]] = [[], []]
        var load = [0, 0]
        for a in (0..<count).sorted(by: { weight($0) > weight($1) }) {
            let lighter = load[0] <= load[1] ? 0 : 1
            halves[lighter].append(a)
            load[lighter] += weight(a)
        }
        return halves.map { $0.sorted() }
    }
}

/// The actions one thread explores, in its own context, and what it found. Only that thread
/// touches it (and its context) until `concurrentPerform` returns, hence `@unchecked`.
private final class Half: @unchecked Sendable {
    let context: Context
    let variables: [Term]
    let invariant: Term?
    let actions: [Int]
    var found: [(Int, [PathExplorer.Path])] = []
    var error: SymbolicError?
    var pruning = Pruning()
    let carried: [[Int]]
    var witnessStates: [[Int]] = []

    init(context: Context, variables: [Term], invariant: Term?, actions: [Int], carried: [[Int]]) {
        self.context = context
        self.variables = variables
        self.invariant = invariant
        self.actions = actions
        self.carried = carried
    }

    /// Explores `actions` in order. An error ends this half and raises `stop`, at which the other
    /// half ends before its next action: the round is lost either way.
    func run(model: SlabModel, box: Box, width: Int, pathLimit: Int, deadline: Deadline, stop: borrowing Mutex<Bool>) {
        do throws(SymbolicError) {
            let layout = model.layout
            let state = box.state(variables)
            var pruner: PathPruner?
            if let invariant {
                do {
                    pruner = try PathPruner(
                        context: context, invariant: invariant, box: box, variables: variables, cellBits: width,
                        narrowing: box.narrowing(variables, width: width, context), carried: carried, deadline: deadline
                    )
                } catch {
                    throw .z3(error)
                }
            }
            let explorer = PathExplorer(
                context: context, pathLimit: pathLimit, width: width, deadline: deadline, pruner: pruner)
            defer {
                pruning = pruner?.statistics ?? Pruning()
                witnessStates = pruner?.foundStates ?? []
            }
            for a in actions {
                if stop.withLock({ $0 }) { return }
                let action = model.possibleActions[a]
                if deadline.expired { throw .timeLimit("time limit reached before exploring the paths of \(action)") }
                var paths = try explorer.paths(of: action, from: state, layout: layout, variant: model.variant)
                for i in paths.indices {
                    guard var outcome = paths[i].outcome else { continue }
                    IntervalAnalysis.markCorrupt(&outcome.state, layout: layout, codec: model.codec)
                    paths[i].outcome = outcome
                }
                found.append((a, paths))
            }
        } catch {
            self.error = error
            stop.withLock { $0 = true }
        }
    }
}

extension PathExplorer.Path {
    /// The path with its terms in `target`.
    func translated(to target: Context) throws(Z3Error) -> PathExplorer.Path {
        var path = PathExplorer.Path(
            guardParts: try guardParts.map { t throws(Z3Error) in try t.translated(to: target) }, outcome: nil)
        if var outcome {
            outcome.state = SlabState(
                cells: try outcome.state.cells.map { v throws(Z3Error) in try v.translated(to: target) })
            outcome.returned = try outcome.returned.map { r throws(Z3Error) in
                try r.map { v throws(Z3Error) in try v.translated(to: target) }
            }
            path.outcome = outcome
        }
        return path
    }
}

extension SymbolicValue {
    /// The value with its term in `target`; its shape, which only steers the explorer, is dropped.
    func translated(to target: Context) throws(Z3Error) -> SymbolicValue {
        switch self {
        case .constant: self
        case .failed(let error): throw error
        case .term(let t, let range, _): .term(try t.translated(to: target), range, .opaque)
        }
    }
}

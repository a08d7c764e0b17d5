import Dispatch
import Foundation
import ModelKit
import Synchronization

/// Exhaustive breadth-first search over a model's reachable states, level by level on every core,
/// deduplicated on fingerprints of canonical packed states.
///
/// Breadth-first, so the first violation of a property is found at the smallest depth: its trace is
/// a shortest counterexample. Only fingerprints (with their parents') are kept for visited states;
/// full states only for the current and the next level.
public struct ExplicitChecker<M: CompactModel>: Sendable {
    public let model: M
    public let options: ExplicitOptions

    public init(model: M, options: ExplicitOptions) {
        self.model = model
        self.options = options
    }

    public func run() throws -> ExplicitResult<M> {
        let search = Search(model: model, options: options)
        return try search.run()
    }
}

/// A violation as the search first meets it: the canonical fingerprints around the bad step.
struct Sighting: Comparable {
    /// Steps from an initial state to `target`.
    var depth: Int
    /// nil when an initial state itself breaks the property.
    var parent: UInt64?
    var target: UInt64

    /// Shallower first, so the kept sighting is a shortest counterexample; then by fingerprint, so
    /// the choice among equally short ones does not depend on thread timing.
    static func < (a: Sighting, b: Sighting) -> Bool {
        (a.depth, a.parent ?? 0, a.target) < (b.depth, b.parent ?? 0, b.target)
    }
}

/// One run of the search; a class so worker threads can share it.
final class Search<M: CompactModel>: @unchecked Sendable {
    let model: M
    let options: ExplicitOptions
    let words: Int
    let stride: Int
    let visited: VisitedSet
    /// What the process held before the search began (code, libraries, the model): the memory
    /// budget is for the whole process, so the search has only what is left.
    let baseline: Int
    let started = Date()
    let stop = Atomic<Bool>(false)
    let nextWords = Atomic<Int>(0)
    private let lock = NSLock()
    private var stopReason: Bound?
    private var sightings: [Int: Sighting] = [:]
    private var transitions = 0
    private var coverage = BranchCounts()
    /// The greatest depth of a state stored so far (the initial states are at depth 0).
    private var depth = 0
    /// The depth of the successors the current level's expansion makes.
    private var successorDepth = 1
    private var progressThrottle: Throttle

    init(model: M, options: ExplicitOptions) {
        self.model = model
        self.options = options
        words = model.wordCount
        stride = model.wordCount + 1
        baseline = residentBytes()
        visited = VisitedSet(memoryLimit: max(0, options.memoryBytes - baseline) / 4 * 3)
        progressThrottle = Throttle(interval: options.progressInterval)
    }

    func halt(_ reason: Bound) {
        lock.lock()
        if stopReason == nil { stopReason = reason }
        lock.unlock()
        stop.store(true, ordering: .relaxed)
    }

    func sight(_ properties: PropertySet, _ sighting: Sighting) {
        let judged = properties.intersection(options.properties)
        guard !judged.isEmpty else { return }
        lock.lock()
        for p in judged.indices where sightings[p].map({ sighting < $0 }) ?? true {
            sightings[p] = sighting
        }
        lock.unlock()
    }

    func run() throws -> ExplicitResult<M> {
        var frontier: [UInt64] = []
        var buffer = [UInt64](repeating: 0, count: words)
        for state in model.initialStates() {
            buffer.withUnsafeMutableBufferPointer { model.encode(state, symmetry: options.symmetry, into: $0) }
            let fp = buffer.withUnsafeBufferPointer(fingerprint)
            guard visited.insert(fp, parent: 0) == .new else { continue }
            frontier += buffer
            frontier.append(fp)
            sight(model.violations(in: state), Sighting(depth: 0, parent: nil, target: fp))
        }
        var level = 0
        while !frontier.isEmpty, !stop.load(ordering: .relaxed) {
            if allJudgedViolated() { break }
            // Levels can be small and endless (a mutant whose free_objects drifts), so budgets are
            // checked between levels as well as within them.
            checkBudgets(level: frontier.count, worker: 0)
            if stop.load(ordering: .relaxed) { break }
            if let maxDepth = options.maxDepth, level >= maxDepth {
                halt(.depth(maxDepth))
                break
            }
            successorDepth = level + 1
            frontier = expand(frontier)
            level += 1
            if !frontier.isEmpty { depth = level }
        }
        let completion: Completion =
            if let reason = stopReason { .bounded(reason) } else if allJudgedViolated() && !frontier.isEmpty {
                .allViolated
            } else { .exhausted }
        var counterexamples: [Int: Counterexample<M>] = [:]
        if options.threads > 1, let deepest = sightings.values.map(\.depth).max() {
            counterexamples = singleThreaded(PropertySet(sightings.keys.map { PropertySet(index: $0) }), depth: deepest)
        }
        // One thread's search may stop short (a signal, the memory the first search still holds):
        // then this search's own parents give the trace, found all the same.
        for (property, sighting) in sightings where counterexamples[property] == nil {
            counterexamples[property] = try rebuild(property, sighting) ?? research(property, depth: sighting.depth)
        }
        return ExplicitResult(
            completion: completion, counterexamples: counterexamples,
            statistics: statistics(frontier: frontier.count / stride),
            coverage: Coverage(names: model.coverageNames, counts: coverage))
    }

    func allJudgedViolated() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return options.properties.indices.allSatisfy { sightings[$0] != nil }
    }

    func statistics(frontier: Int) -> ExplicitStatistics {
        ExplicitStatistics(
            distinctStates: visited.count, transitions: transitions, depth: depth, frontier: frontier,
            seconds: Date().timeIntervalSince(started), peakMemoryBytes: peakResidentBytes(), wordsPerState: words,
            symmetry: options.symmetry)
    }

    /// Expands one level on `options.threads` threads and returns the next.
    func expand(_ frontier: [UInt64]) -> [UInt64] {
        let count = frontier.count / stride
        let threads = options.threads
        let results = ThreadResults<M>(count: threads)
        frontier.withUnsafeBufferPointer { words in
            let level = ReadOnlyLevel(words: words)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                results.set(worker, work(on: level.words, count: count, worker: worker, of: threads))
            }
        }
        var next: [UInt64] = []
        next.reserveCapacity(results.values.reduce(0) { $0 + $1.next.count })
        for result in results.values {
            next += result.next
            transitions += result.transitions
            coverage.merge(result.coverage)
        }
        nextWords.store(0, ordering: .relaxed)
        return next
    }

    struct WorkerResult {
        var next: [UInt64] = []
        var transitions = 0
        var coverage = BranchCounts()
    }

    func work(on level: UnsafeBufferPointer<UInt64>, count: Int, worker: Int, of threads: Int) -> WorkerResult {
        var result = WorkerResult()
        var successors: [(action: M.Action, successor: Successor<M.State>)] = []
        var buffer = [UInt64](repeating: 0, count: words)
        var index = worker
        var sinceCheck = 0
        while index < count {
            if stop.load(ordering: .relaxed) { break }
            let parentFp = level[index * stride + words]
            let state = model.decode(UnsafeBufferPointer(rebasing: level[(index * stride)..<(index * stride + words)]))
            successors.removeAll(keepingCapacity: true)
            model.successors(of: state, into: &successors)
            var fresh = 0
            for (_, successor) in successors {
                result.transitions += 1
                if successor.coverage != 0 { result.coverage.add(successor.coverage) }
                // A step that changed nothing (a reap with nothing to do) leads back here: only
                // what the step itself broke can be news.
                if model.isSameState(successor.state, state) {
                    sight(successor.violations, Sighting(depth: successorDepth, parent: parentFp, target: parentFp))
                    continue
                }
                buffer.withUnsafeMutableBufferPointer {
                    model.encode(successor.state, symmetry: options.symmetry, into: $0)
                }
                let fp = buffer.withUnsafeBufferPointer(fingerprint)
                sight(successor.violations, Sighting(depth: successorDepth, parent: parentFp, target: fp))
                switch visited.insert(fp, parent: parentFp) {
                case .new:
                    result.next += buffer
                    result.next.append(fp)
                    fresh += 1
                    sight(
                        model.violations(in: successor.state),
                        Sighting(depth: successorDepth, parent: parentFp, target: fp))
                case .seen:
                    break
                case .full:
                    halt(.memory(bytes: options.memoryBytes))
                    return result
                }
            }
            sinceCheck += 1
            if fresh > 0 { nextWords.add(fresh * stride, ordering: .relaxed) }
            if sinceCheck >= 256 {
                sinceCheck = 0
                checkBudgets(level: level.count, worker: worker)
            }
            index += threads
        }
        return result
    }

    func checkBudgets(level: Int, worker: Int) {
        if let signal = Interruption.signal { halt(.signal(signal)) }
        let states = visited.count
        if let maxStates = options.maxStates, states >= maxStates { halt(.states(maxStates)) }
        let elapsed = Date().timeIntervalSince(started)
        if let maxSeconds = options.maxSeconds, elapsed >= maxSeconds { halt(.time(seconds: maxSeconds)) }
        // The next level's per-thread arrays may hold up to twice what they count, and merging
        // them copies it once more: count it three times, so the budget holds at the merge.
        let frontierBytes = (level + 3 * nextWords.load(ordering: .relaxed)) * 8
        if baseline + visited.bytes + frontierBytes > options.memoryBytes || residentBytes() > options.memoryBytes {
            halt(.memory(bytes: options.memoryBytes))
        }
        // Only worker 0 (and the main thread between levels, while no worker runs) reports, so
        // the throttle needs no lock; with no callback, this is one test of an optional.
        if worker == 0, let progress = options.progress, progressThrottle.admits(Date()) {
            progress(statistics(frontier: level / stride))
        }
    }
}

/// A level's packed states, which the workers only read while `expand` keeps them alive.
struct ReadOnlyLevel: @unchecked Sendable {
    let words: UnsafeBufferPointer<UInt64>
}

/// Per-thread results, each slot written by one thread only.
final class ThreadResults<M: CompactModel>: @unchecked Sendable {
    private(set) var values: [Search<M>.WorkerResult]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: .init(), count: count) }

    func set(_ index: Int, _ value: Search<M>.WorkerResult) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}

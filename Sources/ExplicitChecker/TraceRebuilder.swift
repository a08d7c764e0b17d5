import ModelKit

/// Internal inconsistencies of the search, reported as such rather than as a verdict.
public struct ExplicitCheckerError: Error, CustomStringConvertible {
    public var description: String
}

extension Search {
    /// Turns a sighting (canonical fingerprints) into concrete steps: walk the parents back to an
    /// initial state, then replay forwards choosing at each step the successor whose canonical
    /// form is the next on the path. Symmetry makes such a successor exist when the model's
    /// canonical form is one per orbit; nil when it was not (the caller then searches again).
    func rebuild(_ property: Int, _ sighting: Sighting) throws -> Counterexample<M>? {
        var path: [UInt64] = []
        if var fp = sighting.parent {
            path.append(fp)
            while let parent = visited.parent(of: fp) {
                path.append(parent)
                fp = parent
                guard path.count <= 1 << 24 else {
                    throw ExplicitCheckerError(description: "parent chain does not end")
                }
            }
            path.reverse()
        }
        path.append(sighting.target)
        var buffer = [UInt64](repeating: 0, count: words)
        func canonical(_ state: M.State) -> UInt64 {
            buffer.withUnsafeMutableBufferPointer { model.encode(state, symmetry: options.symmetry, into: $0) }
            return buffer.withUnsafeBufferPointer(fingerprint)
        }
        guard let initial = model.initialStates().first(where: { canonical($0) == path[0] }) else {
            throw ExplicitCheckerError(description: "no initial state has the counterexample's first fingerprint")
        }
        var current = initial
        var steps: [(action: M.Action, state: M.State)] = []
        var successors: [(action: M.Action, successor: Successor<M.State>)] = []
        for (i, fp) in path.enumerated().dropFirst() {
            successors.removeAll(keepingCapacity: true)
            model.successors(of: current, into: &successors)
            let last = i == path.count - 1
            let match = successors.first { candidate in
                guard canonical(candidate.successor.state) == fp else { return false }
                guard last else { return true }
                let broken = candidate.successor.violations.union(model.violations(in: candidate.successor.state))
                return broken.contains(PropertySet(index: property))
            }
            guard let match else { return nil }
            steps.append((match.action, match.successor.state))
            current = match.successor.state
        }
        return Counterexample(property: property, initial: initial, steps: steps)
    }

    /// The counterexamples of `properties` as a one-thread search to `depth` finds them.
    ///
    /// With several threads, the parent a state records is the one of whichever thread inserted it
    /// first, and the trace walked back through the parents changes from run to run. One thread
    /// inserts in an order fixed by the model alone, so the same spec gives the same trace, byte
    /// for byte, whatever the thread count: the price is a second search to the violation's depth.
    /// What that search does not find again (it stopped at a signal or the memory budget) is
    /// missing from the result, for the caller to rebuild from its own parents.
    func singleThreaded(_ properties: PropertySet, depth: Int) -> [Int: Counterexample<M>] {
        var options = self.options
        options.properties = properties
        options.threads = 1
        options.maxDepth = depth
        options.maxStates = nil
        options.maxSeconds = nil
        options.progress = nil
        return (try? Search(model: model, options: options).run().counterexamples) ?? [:]
    }

    /// Finds a shortest counterexample for `property` by a fresh search without symmetry, bounded
    /// by the depth at which the first search met it: the fallback when `rebuild` cannot follow
    /// canonical fingerprints back to concrete states.
    func research(_ property: Int, depth: Int) throws -> Counterexample<M> {
        var options = self.options
        options.properties = PropertySet(index: property)
        options.symmetry = .none
        options.maxDepth = depth
        options.maxStates = nil
        options.maxSeconds = nil
        options.progress = nil
        options.threads = 1
        let plain = Search(model: model, options: options)
        guard let found = try plain.run().counterexamples[property] else {
            throw ExplicitCheckerError(
                description:
                    "a violation of \(model.propertyNames[property]) at depth \(depth) could not be traced back (a fingerprint collision?)"
            )
        }
        return found
    }
}

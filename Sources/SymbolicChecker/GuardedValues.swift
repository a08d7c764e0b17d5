import Z3Kit

/// The values paths give one term (a cell's next value, a cell at a join), each with the guards
/// of the paths that give it, as one `ite`: equal values share a test, so the term grows with the
/// distinct values, not with the paths.
struct GuardedValues {
    /// The distinct values, in the order a path first gave them.
    private(set) var order: [Term] = []
    private var guards: [Term: [Term]] = [:]
    /// How many paths gave a value.
    private(set) var count = 0

    mutating func add(_ value: Term, when guardTerm: Term) {
        if guards[value] == nil { order.append(value) }
        guards[value, default: []].append(guardTerm)
        count += 1
    }

    /// The value of whichever path is taken; `otherwise` when none is, or nil when one always is
    /// (then the last value needs no test). Nil when no path gave a value.
    func ite(otherwise: Term?, _ context: Context) throws(Z3Error) -> Term? {
        guard let last = order.last else { return nil }
        var result =
            try otherwise.map { o throws(Z3Error) in
                try context.ite(context.or(guards[last] ?? []), then: last, else: o)
            } ?? last
        for value in order.dropLast().reversed() {
            result = try context.ite(context.or(guards[value] ?? []), then: value, else: result)
        }
        return result
    }
}

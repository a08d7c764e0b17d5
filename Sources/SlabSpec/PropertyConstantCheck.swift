import SlabModel
import SlabProperty

/// A number in a property expression that must be checked against the configuration: a divisor
/// (never a constant zero) or an index (inside the range of what it indexes). Checked once the
/// whole file is read, because `cpus:` may come after the `property:` line.
struct PropertyConstantCheck {
    enum Kind {
        case divisor
        case cpu
        case task
        case object
        case entry(ArraySelector)
    }

    var kind: Kind
    var quantity: Quantity
    /// The first token of the divisor or the index.
    var location: SourceLocation

    /// What is wrong when the configuration fixes the number to a bad value; nil when it is fine
    /// or not fixed.
    func problem(in layout: Layout) -> String? {
        guard let k = quantity.constantValue(in: layout) else { return nil }
        let config = layout.config
        let (count, what): (Int, String)
        switch kind {
        case .divisor:
            return k == 0 ? "division by zero: this divisor is 0 in every state" : nil
        case .cpu: (count, what) = (config.cpus, "`ac[…]` (cpus: \(config.cpus))")
        case .task: (count, what) = (config.tasks, "`task[…]` (tasks: \(config.tasks))")
        case .object: (count, what) = (layout.objects, "`held[…]` (\(layout.objects) objects: num × pages)")
        case .entry(.shared):
            (count, what) = (
                layout.sharedCapacity, "`shared.entries[…]` (the shared array holds \(layout.sharedCapacity))"
            )
        case .entry(.cpu):
            (count, what) = (layout.entryCapacity, "`entries[…]` of a CPU's array (it holds \(layout.entryCapacity))")
        }
        guard !(0..<count).contains(k) else { return nil }
        let range = count == 1 ? "only 0" : "0 to \(count - 1)"
        return "index \(k) is out of range: \(what) takes \(count == 0 ? "no index" : range)"
    }
}

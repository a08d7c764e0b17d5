import SlabModel

extension Quantity {
    /// The value when the configuration alone fixes it (literals, configuration constants and
    /// arithmetic over them, wrapping at 64 bits as `Evaluation` does); nil when it reads the state
    /// or a bound name, or divides by zero. Lets a spec refuse `ac[1]` with one CPU, or a division
    /// by `num - num`, before any search.
    public func constantValue(in layout: Layout) -> Int? {
        switch self {
        case .literal(let k): return k
        case .constant(let c): return c.value(in: layout)
        case .arithmetic(let op, let a, let b):
            guard let x = a.constantValue(in: layout), let y = b.constantValue(in: layout) else { return nil }
            switch op {
            case .add: return x &+ y
            case .subtract: return x &- y
            case .multiply: return x &* y
            case .divide: return y == 0 ? nil : x.dividedReportingOverflow(by: y).partialValue
            }
        default: return nil
        }
    }
}

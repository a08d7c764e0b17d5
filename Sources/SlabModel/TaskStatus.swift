/// What a process context is doing between steps.
///
/// The `irqsOn…` cases exist only for `grow-fail-irqs-on`: after its failed `cache_grow` the rest
/// of the refill runs with interrupts on, and each case is a point where an interrupt may come in
/// before the task's next access to `ac` (Documentation/Model.md, Mutants).
public enum TaskStatus: Int, CaseIterable, Sendable {
    case idle = 0
    case sleepingInGrow
    /// Before `ac = ac_data(cachep)`.
    case irqsOnBeforeReload
    /// Before `if (!x && ac->avail == 0)`.
    case irqsOnBeforeNullTest
    /// Before `if (!ac->avail) goto retry`.
    case irqsOnBeforeRetryTest
    /// Before `ac->touched = 1; --ac->avail`.
    case irqsOnBeforeDecrement
    /// Before reading `ac_entry(ac)[ac->avail]`.
    case irqsOnBeforeRead

    public var runsWithIrqsOn: Bool { rawValue >= TaskStatus.irqsOnBeforeReload.rawValue }
}

/// The end of the refill run with interrupts on (`grow-fail-irqs-on`), one access at a time.
///
/// Each `resume` runs the code up to the next access to `ac`, so an interrupt can come in between
/// any two of them, as Documentation/Model.md (Mutants) requires for the corruption itself to be reachable.
extension Kernel {
    mutating func resume(task t: Int, at status: TaskStatus, ac: ArrayCacheRef) throws {
        switch status {
        case .irqsOnBeforeReload:
            holdAc(t)  // ac = ac_data(cachep);
            setStatus(t, .irqsOnBeforeNullTest)
        case .irqsOnBeforeNullTest:
            try access(ac)
            try flow.when(
                s[ac.avail] == 0,
                {  // if (!x && ac->avail == 0) return NULL;  (x == 0 here)
                    try finish(.null, task: t)
                }, else: { setStatus(t, .irqsOnBeforeRetryTest) })
        case .irqsOnBeforeRetryTest:
            try access(ac)
            try flow.when(
                s[ac.avail] == 0,
                {  // if (!ac->avail) goto retry;
                    try retry(ac, task: t, retries: 0)
                }, else: { setStatus(t, .irqsOnBeforeDecrement) })
        case .irqsOnBeforeDecrement:
            try access(ac)
            s[ac.touched] = 1
            s[ac.avail] = s[ac.avail] - 1
            s[layout.task(t).index] = s[ac.avail]
            setStatus(t, .irqsOnBeforeRead)
        case .irqsOnBeforeRead:
            try access(ac)
            let index = s[layout.task(t).index]
            try flow.ensure(index >= 0, else: .handOutOutOfBounds)
            try flow.ensure(index < s[ac.limit], else: .handOutOutOfBounds)
            try finish(.object(entry(ac, index)), task: t)  // return ac_entry(ac)[index];
        case .idle, .sleepingInGrow:
            return
        }
    }
}

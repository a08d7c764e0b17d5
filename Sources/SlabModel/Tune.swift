/// `do_tune_cpucache`: new, empty arrays everywhere; the old ones' objects go back to their slabs.
extension Kernel {
    mutating func doTuneCpucache(_ tuning: Configuration.Tuning) throws {
        cover(.tune)
        // free_limit is set under the lock before the old arrays are drained.
        s[layout.freeLimit] = V(constant: (1 + config.cpus) * tuning.batchcount + config.num)
        for c in 0..<config.cpus {
            let old = layout.ac(c)
            var count = s[old.avail]
            try freeBlock(old, count: &count)
            s[old.avail] = 0
            s[old.limit] = V(constant: tuning.limit)
            s[old.batchcount] = V(constant: tuning.batchcount)
            s[old.touched] = 0
        }
        let old = layout.shared
        try flow.when(s[old.limit] > 0) {
            var count = s[old.avail]
            try freeBlock(old, count: &count)
        }
        s[old.avail] = 0
        s[old.limit] = V(constant: tuning.batchcount * tuning.sharedFactor)
        s[old.touched] = 0
        // Every `ac` a task still holds now points at freed memory.
        for t in 0..<config.tasks {
            s[layout.task(t).acStale] = 1
        }
    }
}

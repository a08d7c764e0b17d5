import Foundation

/// The states seen so far, as fingerprints with the fingerprint of the state first reached before
/// each (so a counterexample can be walked back), in shards that two threads fill at once.
///
/// Each shard is an open-addressing table behind its own lock: with many shards and two threads,
/// contention is rare, and no shard ever waits on a global resize.
final class VisitedSet: @unchecked Sendable {
    private final class Shard {
        let lock = NSLock()
        /// Pairs of words: fingerprint (0 = empty), parent fingerprint (0 = an initial state).
        var slots: UnsafeMutablePointer<UInt64>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            // A fixed 16 KiB at start; if even that fails, the process has no memory to report in.
            guard let table = Shard.table(capacity) else { fatalError("out of memory creating the visited set") }
            slots = table
        }

        deinit { free(slots) }

        /// A zeroed table of `capacity` slots. Large tables ask for transparent huge pages: probes
        /// land at random, and with 4 KiB pages nearly every one is also a TLB miss.
        static func table(_ capacity: Int) -> UnsafeMutablePointer<UInt64>? {
            let bytes = 2 * capacity * MemoryLayout<UInt64>.size
            let hugePage = 2 << 20
            var raw: UnsafeMutableRawPointer?
            if bytes >= hugePage, posix_memalign(&raw, hugePage, bytes) == 0, let raw {
                _ = madvise(raw, bytes, MADV_HUGEPAGE)
            } else {
                raw = malloc(bytes)
            }
            guard let raw else { return nil }
            memset(raw, 0, bytes)
            return raw.bindMemory(to: UInt64.self, capacity: 2 * capacity)
        }

        func find(_ fp: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: fp >> 8) & (capacity - 1)
            while slots[2 * i] != 0 && slots[2 * i] != fp { i = (i + 1) & (capacity - 1) }
            return i
        }

        /// Doubles the table; false (and nothing changed) when the memory is not there.
        func grow() -> Bool {
            guard let table = Shard.table(2 * capacity) else { return false }
            let old = slots
            let oldCapacity = capacity
            capacity *= 2
            slots = table
            for i in 0..<oldCapacity where old[2 * i] != 0 {
                let j = find(old[2 * i])
                slots[2 * j] = old[2 * i]
                slots[2 * j + 1] = old[2 * i + 1]
            }
            free(old)
            return true
        }
    }

    private let shards: [Shard]
    private let shardMask: UInt64
    /// Bytes the tables may grow to before `insert` refuses to grow them further.
    let memoryLimit: Int
    private let bytesLock = NSLock()
    private var tableBytes = 0

    init(shardCount: Int = 256, memoryLimit: Int) {
        shards = (0..<shardCount).map { _ in Shard(capacity: 1024) }
        shardMask = UInt64(shardCount - 1)
        self.memoryLimit = memoryLimit
        tableBytes = shardCount * 1024 * 16
    }

    enum Insertion { case new, seen, full }

    /// Adds `fp`, reached from `parent`; `.full` when growing the table would pass the memory limit.
    func insert(_ fp: UInt64, parent: UInt64) -> Insertion {
        let shard = shards[Int(fp & shardMask)]
        shard.lock.lock()
        defer { shard.lock.unlock() }
        let i = shard.find(fp)
        if shard.slots[2 * i] == fp { return .seen }
        if 4 * (shard.count + 1) > 3 * shard.capacity {
            guard reserve(shard.capacity * 16), shard.grow() else { return .full }
            return insertUnlocked(shard, fp, parent)
        }
        shard.slots[2 * i] = fp
        shard.slots[2 * i + 1] = parent
        shard.count += 1
        return .new
    }

    private func insertUnlocked(_ shard: Shard, _ fp: UInt64, _ parent: UInt64) -> Insertion {
        let i = shard.find(fp)
        shard.slots[2 * i] = fp
        shard.slots[2 * i + 1] = parent
        shard.count += 1
        return .new
    }

    private func reserve(_ bytes: Int) -> Bool {
        bytesLock.lock()
        defer { bytesLock.unlock() }
        guard tableBytes + bytes <= memoryLimit else { return false }
        tableBytes += bytes
        return true
    }

    /// The fingerprint of the state `fp` was first reached from; nil for an initial state or an
    /// unknown fingerprint.
    func parent(of fp: UInt64) -> UInt64? {
        let shard = shards[Int(fp & shardMask)]
        shard.lock.lock()
        defer { shard.lock.unlock() }
        let i = shard.find(fp)
        guard shard.slots[2 * i] == fp, shard.slots[2 * i + 1] != 0 else { return nil }
        return shard.slots[2 * i + 1]
    }

    var count: Int { shards.reduce(0) { $0 + $1.count } }

    var bytes: Int {
        bytesLock.lock()
        defer { bytesLock.unlock() }
        return tableBytes
    }
}

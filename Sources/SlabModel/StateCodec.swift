/// Packs a state's cells into 64-bit words, each field in the fewest bits its range needs.
///
/// The ranges are what the model can produce, mutants included; a state with a value outside them
/// is one the model marks `corrupt` (and ends) before it is ever packed, so packing never loses a
/// state that can still move.
public struct StateCodec: Sendable {
    struct Field: Sendable {
        let cell: Int
        let lowest: Int
        let width: Int
        var highest: Int { width >= 64 ? Int.max : lowest + (1 << width) - 1 }
    }

    /// The most callers the model follows holding one object (more ends the run as `corrupt`).
    public static let maxHolders = 3

    let fields: [Field]
    public let wordCount: Int
    /// The packed fields in struct-of-arrays form with each one's first bit, for `pack`'s loop.
    let packCells: [Int]
    let packLowest: [Int]
    let packWidth: [Int]
    let packBit: [Int]

    public init(layout: Layout) {
        let config = layout.config
        var fields: [Field] = []
        func field(_ cell: Int, _ lowest: Int, _ highest: Int) {
            let span = highest - lowest
            fields.append(
                Field(cell: cell, lowest: lowest, width: span <= 0 ? 0 : Int.bitWidth - span.leadingZeroBitCount))
        }
        fields.append(Field(cell: layout.freeObjects, lowest: 0, width: 64))
        field(layout.freeTouched, 0, 1)
        let maxBatch = max(config.batchcount, config.tuning.map(\.batchcount).max() ?? 0)
        field(layout.freeLimit, 0, max(config.freeLimit, (1 + config.cpus) * maxBatch + config.num))
        field(layout.crash, 0, Crash.allCases.count - 1)
        for ac in [layout.shared] + (0..<config.cpus).map(layout.ac) {
            field(ac.avail, 0, ac.capacity)
            field(ac.limit, 0, ac.capacity)
            field(ac.batchcount, 0, ac.owner == nil ? 0 : maxBatch)
            field(ac.touched, 0, 1)
            for i in 0..<ac.capacity { field(ac.entries + i, -1, layout.wild) }
        }
        for slot in 0..<config.pages {
            let slab = layout.slab(slot)
            field(slab.live, 0, 1)
            field(slab.inuse, -1, config.num + 1)
            field(slab.free, 0, layout.end)
            for i in 0..<config.num { field(slab.bufctl + i, 0, layout.end) }
        }
        for list in SlabList.allCases {
            let l = layout.list(list)
            field(l.count, 0, config.pages)
            for i in 0..<config.pages { field(l.slots + i, 0, config.pages - 1) }
        }
        for t in 0..<config.tasks {
            let task = layout.task(t)
            field(task.status, 0, TaskStatus.allCases.count - 1)
            field(task.cpu, 0, config.cpus - 1)
            field(task.acCpu, 0, config.cpus - 1)
            field(task.acStale, 0, 1)
            field(task.index, -1, layout.entryCapacity)
        }
        for object in 0..<layout.objects { field(layout.held(object), 0, StateCodec.maxHolders) }
        self.fields = fields
        wordCount = max(1, (fields.reduce(0) { $0 + $1.width } + 63) / 64)
        let packed = fields.filter { $0.width > 0 }
        packCells = packed.map(\.cell)
        packLowest = packed.map(\.lowest)
        packWidth = packed.map(\.width)
        // A running sum: summing each prefix afresh took seconds on the largest configuration.
        var bit = 0
        packBit = packed.map { f in
            defer { bit += f.width }
            return bit
        }
    }

    /// Writes `cells` into `words` (clamping a value out of range, which only a corrupt, final
    /// state can hold).
    public func pack(_ cells: UnsafeBufferPointer<Int>, into words: UnsafeMutableBufferPointer<UInt64>) {
        guard let out = words.baseAddress, let cell = cells.baseAddress else { return }
        for w in 0..<words.count { out[w] = 0 }
        packCells.withUnsafeBufferPointer { cellIndex in
            packLowest.withUnsafeBufferPointer { lowest in
                packWidth.withUnsafeBufferPointer { width in
                    packBit.withUnsafeBufferPointer { bit in
                        for k in 0..<cellIndex.count {
                            let value = cell[cellIndex[k]]
                            let w = width[k]
                            let raw: UInt64
                            if w >= 64 {
                                raw = UInt64(bitPattern: Int64(value))
                            } else {
                                let highest = lowest[k] + (1 << w) - 1
                                raw = UInt64(min(max(value, lowest[k]), highest) - lowest[k])
                            }
                            let word = bit[k] >> 6
                            let offset = bit[k] & 63
                            out[word] |= raw << UInt64(offset)
                            if offset + w > 64 { out[word + 1] |= raw >> UInt64(64 - offset) }
                        }
                    }
                }
            }
        }
    }

    public func unpack(_ words: UnsafeBufferPointer<UInt64>, cellCount: Int) -> [Int] {
        var cells = Array(repeating: 0, count: cellCount)
        var bit = 0
        for f in fields where f.width > 0 {
            let word = bit >> 6
            let offset = bit & 63
            var raw = words[word] >> UInt64(offset)
            if offset + f.width > 64 { raw |= words[word + 1] << UInt64(64 - offset) }
            if f.width < 64 { raw &= (1 << UInt64(f.width)) - 1 }
            cells[f.cell] = f.width >= 64 ? Int(Int64(bitPattern: raw)) : Int(raw) + f.lowest
            bit += f.width
        }
        return cells
    }
}

import Foundation
import SlabModel

/// Reading the ITF form that `SlabTrace.itf` writes.
///
/// Every error names the file and the JSON path of the offending value, in the form
/// `file: states[3].ac[1].avail: expected {"#bigint": "…"}`, so a person can find it in the file.
extension SlabTrace {
    /// Reads and parses the ITF trace at `path`.
    public static func read(path: String) throws(TraceError) -> SlabTrace {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TraceError("\(path): cannot read the file: no such file")
        }
        if isDirectory.boolValue { throw TraceError("\(path): cannot read the file: it is a folder, not a trace file") }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        // A FIFO or a device would block or never end: only a file's contents are a trace.
        guard type == .typeRegular else {
            throw TraceError("\(path): cannot read the file: not a regular file (a pipe, socket or device?)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TraceError("\(path): cannot read the file: permission denied or an I/O error")
        }
        return try SlabTrace(itfData: data, file: path)
    }

    /// Parses ITF text; `file` is the name errors use.
    public init(itfData data: Data, file: String) throws(TraceError) {
        let json: JSON
        do throws(TraceError) {
            json = try JSON.parse(data)
        } catch {
            throw TraceError("\(file): not JSON: \(error.description)")
        }
        try self.init(itf: json, file: file)
    }

    /// Rebuilds a trace from its ITF value.
    public init(itf: JSON, file: String = "trace") throws(TraceError) {
        let reader = ITFReader(file: file)
        self = try reader.trace(itf)
    }
}

/// A JSON path such as `states[3].ac[1].avail`, built as the reader descends.
struct JSONPath: CustomStringConvertible {
    var parts: [String] = []

    func key(_ k: String) -> JSONPath { JSONPath(parts: parts + [parts.isEmpty ? k : "." + k]) }
    func index(_ i: Int) -> JSONPath { JSONPath(parts: parts + ["[\(i)]"]) }

    var description: String { parts.isEmpty ? "(top level)" : parts.joined() }
}

struct ITFReader {
    let file: String

    func fail(_ path: JSONPath, _ message: String) -> TraceError {
        TraceError("\(file): \(path): \(message)")
    }

    // MARK: shapes

    func object(_ value: JSON, _ path: JSONPath) throws(TraceError) -> JSON {
        guard case .object = value else { throw fail(path, "expected an object, found \(kind(value))") }
        return value
    }

    func member(_ value: JSON, _ key: String, _ path: JSONPath) throws(TraceError) -> JSON {
        guard case .object = value else { throw fail(path, "expected an object, found \(kind(value))") }
        guard let found = value[key] else { throw fail(path, "missing \"\(key)\"") }
        return found
    }

    func array(_ value: JSON, _ path: JSONPath) throws(TraceError) -> [JSON] {
        guard case .array(let items) = value else { throw fail(path, "expected an array, found \(kind(value))") }
        return items
    }

    func string(_ value: JSON, _ path: JSONPath) throws(TraceError) -> String {
        guard case .string(let s) = value else { throw fail(path, "expected a string, found \(kind(value))") }
        return s
    }

    /// A plain JSON integer (as `#meta` holds them); a `{"#bigint": …}` is accepted too.
    func plainInt(_ value: JSON, _ path: JSONPath) throws(TraceError) -> Int {
        if case .number(let n) = value { return n }
        if case .object = value, value["#bigint"] != nil { return try bigint(value, path) }
        throw fail(path, "expected an integer, found \(kind(value))")
    }

    func bool(_ value: JSON, _ path: JSONPath) throws(TraceError) -> Bool {
        guard case .bool(let b) = value else { throw fail(path, "expected true or false, found \(kind(value))") }
        return b
    }

    /// The text of a `{"#bigint": "…"}`.
    func bigintText(_ value: JSON, _ path: JSONPath) throws(TraceError) -> String {
        guard case .object(let members) = value, members.count == 1, let text = value["#bigint"] else {
            throw fail(path, "expected {\"#bigint\": \"…\"}, found \(kind(value))")
        }
        guard case .string(let s) = text else {
            throw fail(path, "expected {\"#bigint\": \"…\"} with a string, found \(kind(text))")
        }
        return s
    }

    func bigint(_ value: JSON, _ path: JSONPath) throws(TraceError) -> Int {
        let s = try bigintText(value, path)
        guard let n = Int(s) else {
            throw fail(path, "\"#bigint\" \(quoted(s)) is not an integer (or is out of range)")
        }
        return n
    }

    func bigints(_ value: JSON, _ path: JSONPath) throws(TraceError) -> [Int] {
        var out: [Int] = []
        for (i, item) in try array(value, path).enumerated() { out.append(try bigint(item, path.index(i))) }
        return out
    }

    /// `{"#set": [...]}`.
    func set(_ value: JSON, _ path: JSONPath) throws(TraceError) -> [JSON] {
        guard case .object = value, let items = value["#set"] else {
            throw fail(path, "expected {\"#set\": […]}, found \(kind(value))")
        }
        return try array(items, path.key("#set"))
    }

    func kind(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): "the number \(n)"
        case .decimal(let d): "the number \(d)"
        case .string(let s): "the string \(quoted(s))"
        case .array: "an array"
        case .object(let members):
            members.isEmpty
                ? "an empty object" : "an object with " + members.prefix(3).map { quoted($0.0) }.joined(separator: ", ")
        }
    }

    func quoted(_ s: String) -> String { JSON.string(String(s.prefix(60))).rendered(indent: nil) }

    // MARK: the trace

    func trace(_ json: JSON) throws(TraceError) -> SlabTrace {
        let top = JSONPath()
        guard case .object = json else {
            throw fail(
                top, "not an ITF trace: expected an object with \"#meta\", \"vars\" and \"states\", found \(kind(json))"
            )
        }
        for key in ["#meta", "vars", "states"] where json[key] == nil {
            throw fail(top, "not an ITF trace: missing \"\(key)\"")
        }
        let origin = try self.origin(try member(json, "#meta", top), top.key("#meta"))
        let vars = try array(try member(json, "vars", top), top.key("vars"))
        var names: Set<String> = []
        for (i, v) in vars.enumerated() { names.insert(try string(v, top.key("vars").index(i))) }
        for name in SlabTrace.vars where !names.contains(name) {
            throw fail(top.key("vars"), "missing the state variable \"\(name)\"")
        }
        let statesPath = top.key("states")
        let states = try array(try member(json, "states", top), statesPath)
        guard let first = states.first else {
            throw fail(statesPath, "no states: a trace has at least its initial state")
        }
        let initial = try snapshot(first, statesPath.index(0))
        var steps: [SlabTrace.Step] = []
        for (i, state) in states.enumerated().dropFirst() {
            let path = statesPath.index(i)
            let violatedPath = path.key("violated")
            var violated: [String] = []
            for (k, v) in try set(try member(state, "violated", path), violatedPath).enumerated() {
                violated.append(try string(v, violatedPath.key("#set").index(k)))
            }
            let taken = try action(state, path)
            try checkRange(of: taken, in: origin.configuration, path.key("mbt::nondetPicks"))
            steps.append(
                SlabTrace.Step(
                    action: taken, state: try snapshot(state, path),
                    returned: try returned(try member(state, "returned", path), path.key("returned")),
                    violated: violated))
        }
        return SlabTrace(origin: origin, initial: initial, steps: steps)
    }

    func origin(_ meta: JSON, _ path: JSONPath) throws(TraceError) -> SlabTrace.Origin {
        _ = try object(meta, path)
        if let format = meta["format"], try string(format, path.key("format")) != "ITF" {
            throw fail(path.key("format"), "not an ITF trace: format is \(kind(format))")
        }
        let variantName = try string(try member(meta, "variant", path), path.key("variant"))
        guard let variant = Variant(rawValue: variantName) else {
            throw fail(
                path.key("variant"),
                "unknown variant \(quoted(variantName)) (known: \(Variant.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        var property: String?
        var propertySource: String?
        if let p = meta["property"] {
            let name = try string(p, path.key("property"))
            if let source = meta["propertySource"] {
                propertySource = try string(source, path.key("propertySource"))
            } else if BuiltInProperty(rawValue: name) == nil {
                throw fail(
                    path.key("property"),
                    "unknown property \(quoted(name)): not a built-in one (\(BuiltInProperty.allCases.map(\.rawValue).joined(separator: ", "))), "
                        + "and the trace has no \"propertySource\" that defines it (a `Property.explicitOnly` closure has no text to record)"
                )
            }
            property = name
        }
        var spec = ""
        if let v = meta["source"] { spec = try string(v, path.key("source")) }
        var engine = ""
        if let v = meta["engine"] { engine = try string(v, path.key("engine")) }
        let configuration = try self.configuration(try member(meta, "configuration", path), path.key("configuration"))
        return SlabTrace.Origin(
            spec: spec, configuration: configuration, variant: variant, property: property,
            propertySource: propertySource,
            engine: engine)
    }

    func configuration(_ c: JSON, _ path: JSONPath) throws(TraceError) -> Configuration {
        _ = try object(c, path)
        func int(_ key: String) throws(TraceError) -> Int { try plainInt(try member(c, key, path), path.key(key)) }
        func flag(_ key: String) throws(TraceError) -> Bool { try bool(try member(c, key, path), path.key(key)) }
        var tuning: [Configuration.Tuning] = []
        let tuningPath = path.key("tuning")
        for (k, t) in try array(try member(c, "tuning", path), tuningPath).enumerated() {
            let p = tuningPath.index(k)
            tuning.append(
                Configuration.Tuning(
                    limit: try plainInt(try member(t, "limit", p), p.key("limit")),
                    batchcount: try plainInt(try member(t, "batchcount", p), p.key("batchcount")),
                    sharedFactor: try plainInt(try member(t, "sharedFactor", p), p.key("sharedFactor"))))
        }
        let configuration = Configuration(
            cpus: try int("cpus"), num: try int("num"), limit: try int("limit"), batchcount: try int("batchcount"),
            sharedLimit: try int("sharedLimit"), batchRefillLimit: try int("batchRefillLimit"),
            freeLimit: try int("freeLimit"), pages: try int("pages"), growMayFail: try flag("growMayFail"),
            tasks: try int("tasks"), migration: try flag("migration"), tuning: tuning,
            interrupts: try flag("interrupts"), reap: try flag("reap"))
        if let problem = configuration.problems.first {
            throw fail(path.key(problem.field), "invalid configuration: \(problem.message)")
        }
        return configuration
    }

    func action(_ state: JSON, _ path: JSONPath) throws(TraceError) -> SlabAction {
        let namePath = path.key("mbt::actionTaken")
        let name = try string(try member(state, "mbt::actionTaken", path), namePath)
        let picksPath = path.key("mbt::nondetPicks")
        let picks = try member(state, "mbt::nondetPicks", path)
        guard case .object(let members) = picks else {
            throw fail(picksPath, "expected an object, found \(kind(picks))")
        }
        var arguments: [String: Int] = [:]
        for (key, value) in members {
            let p = picksPath.key(key)
            let tag = try string(try member(value, "tag", p), p.key("tag"))
            switch tag {
            case "Some": arguments[key] = try bigint(try member(value, "value", p), p.key("value"))
            case "None": continue
            default: throw fail(p.key("tag"), "expected \"Some\" or \"None\", found \(quoted(tag))")
            }
        }
        guard let action = SlabAction(name: name, arguments: arguments) else {
            let known = ["alloc", "growDone", "free", "irqAlloc", "irqFree", "migrate", "reap", "tune", "resume"]
            guard known.contains(name) else {
                throw fail(namePath, "unknown action \(quoted(name)) (known: \(known.joined(separator: ", ")))")
            }
            let shown = arguments.keys.sorted().map { "\($0): \(arguments[$0] ?? 0)" }.joined(separator: ", ")
            throw fail(picksPath, "arguments (\(shown)) do not fit the action \(name) (\(Self.signature[name] ?? ""))")
        }
        // A pick the action does not take is a sign of a hand-edited or foreign trace: refused, so
        // that replay never runs a different step from the one its author meant.
        let used = Set(action.arguments.map(\.name))
        if let unused = arguments.keys.sorted().first(where: { !used.contains($0) }) {
            throw fail(
                picksPath.key(unused),
                "the action \(name) does not take \(quoted(unused)) (it takes \(Self.signature[name] ?? "nothing")); a pick it does not use must be None"
            )
        }
        return action
    }

    /// Refuses an argument outside the configuration: a CPU, task, object or tuning triple that
    /// does not exist (which `show` would otherwise draw as a lane of its own).
    func checkRange(of action: SlabAction, in configuration: Configuration, _ path: JSONPath) throws(TraceError) {
        let objects = configuration.num * configuration.pages
        let ranges = [
            "cpu": configuration.cpus, "task": configuration.tasks, "object": objects,
            "tuning": configuration.tuning.count,
        ]
        for (name, value) in action.arguments {
            guard let count = ranges[name], !(0..<count).contains(value) else { continue }
            throw fail(
                path.key(name),
                "\(name) \(value) is outside the configuration (it has \(count) \(name == "tuning" ? "tuning triples" : name + "s"), numbered from 0)"
            )
        }
    }

    static let signature: [String: String] = [
        "alloc": "task", "growDone": "task, ok: 0 or 1", "free": "task, object", "irqAlloc": "cpu, growFails: 0 or 1",
        "irqFree": "cpu, object", "migrate": "task, cpu", "reap": "cpu, full: 0 or 1", "tune": "tuning",
        "resume": "task",
    ]

    func returned(_ value: JSON, _ path: JSONPath) throws(TraceError) -> SlabTrace.Returned? {
        let tag = try string(try member(value, "tag", path), path.key("tag"))
        switch tag {
        case "Object": return .object(try bigint(try member(value, "value", path), path.key("value")))
        case "Null": return .null
        case "None": return nil
        default: throw fail(path.key("tag"), "expected \"Object\", \"Null\" or \"None\", found \(quoted(tag))")
        }
    }

    func arrayCache(_ value: JSON, _ path: JSONPath) throws(TraceError) -> Snapshot.ArrayCache {
        func int(_ key: String) throws(TraceError) -> Int { try bigint(try member(value, key, path), path.key(key)) }
        return Snapshot.ArrayCache(
            avail: try int("avail"), limit: try int("limit"), batchcount: try int("batchcount"),
            touched: try int("touched"),
            entries: try bigints(try member(value, "entries", path), path.key("entries")))
    }

    func snapshot(_ state: JSON, _ path: JSONPath) throws(TraceError) -> Snapshot {
        _ = try object(state, path)
        func int(_ key: String) throws(TraceError) -> Int { try bigint(try member(state, key, path), path.key(key)) }
        func list(_ key: String) throws(TraceError) -> [Int] {
            try bigints(try member(state, key, path), path.key(key))
        }
        let freeObjectsPath = path.key("freeObjects")
        let freeText = try bigintText(try member(state, "freeObjects", path), freeObjectsPath)
        // Written as C's unsigned long; a negative value (another writer's view of a wrapped count)
        // is accepted as its 64-bit pattern.
        guard let freeObjects = UInt64(freeText) ?? Int64(freeText).map({ UInt64(bitPattern: $0) }) else {
            throw fail(freeObjectsPath, "\"#bigint\" \(quoted(freeText)) is not a 64-bit integer")
        }
        var acs: [Snapshot.ArrayCache] = []
        for (c, ac) in try array(try member(state, "ac", path), path.key("ac")).enumerated() {
            acs.append(try arrayCache(ac, path.key("ac").index(c)))
        }
        var slabs: [Snapshot.Slab] = []
        for (i, slab) in try array(try member(state, "slabs", path), path.key("slabs")).enumerated() {
            let p = path.key("slabs").index(i)
            let slot = try bigint(try member(slab, "slot", p), p.key("slot"))
            if slabs.contains(where: { $0.slot == slot }) { throw fail(p.key("slot"), "slab \(slot) is listed twice") }
            slabs.append(
                Snapshot.Slab(
                    slot: slot,
                    inuse: try bigint(try member(slab, "inuse", p), p.key("inuse")),
                    freeList: try bigints(try member(slab, "freeList", p), p.key("freeList"))))
        }
        var tasks: [Snapshot.Task] = []
        for (t, task) in try array(try member(state, "tasks", path), path.key("tasks")).enumerated() {
            let p = path.key("tasks").index(t)
            tasks.append(
                Snapshot.Task(
                    status: try string(try member(task, "status", p), p.key("status")),
                    cpu: try bigint(try member(task, "cpu", p), p.key("cpu"))))
        }
        let held = try bigints(try member(state, "held", path), path.key("held"))
        return Snapshot(
            freeObjects: freeObjects, freeTouched: try int("freeTouched"), freeLimit: try int("freeLimit"),
            crash: try string(try member(state, "crash", path), path.key("crash")), ac: acs,
            shared: try arrayCache(try member(state, "shared", path), path.key("shared")), slabs: slabs,
            slabsPartial: try list("slabsPartial"), slabsFull: try list("slabsFull"), slabsFree: try list("slabsFree"),
            tasks: tasks, held: held)
    }
}

import SlabModel

/// The Informal Trace Format of Apalache and Quint (ADR-015): `vars`, `states`, every integer as
/// `{"#bigint": "…"}`, the step in `mbt::actionTaken` and its arguments in `mbt::nondetPicks`, and
/// `#meta` naming where it came from and the type of every variable.
///
/// As Quint writes them, the two `mbt::` variables are listed in `vars` and every state holds every
/// pick, `{"tag": "Some", "value": …}` where its step takes the argument and
/// `{"tag": "None", "value": {"#tup": []}}` where it does not: each variable then has one type
/// throughout, which is what lets Apalache read the trace back.
extension SlabTrace {
    /// The model's state variables: what a reader requires, in files written before the `mbt::`
    /// variables were listed too.
    public static let vars = [
        "freeObjects", "freeTouched", "freeLimit", "ac", "shared", "slabs", "slabsPartial", "slabsFull",
        "slabsFree", "tasks", "held", "crash", "returned", "violated",
    ]

    /// Every argument name any step takes, in the order the picks are written.
    public static let pickNames = ["task", "cpu", "object", "ok", "growFails", "full", "tuning"]

    /// Each variable's type in Apalache's type syntax (`#meta.varTypes`).
    static var varTypes: [(String, JSON)] {
        let array = "{ avail: Int, limit: Int, batchcount: Int, touched: Int, entries: Seq(Int) }"
        let types = [
            ("freeObjects", "Int"), ("freeTouched", "Int"), ("freeLimit", "Int"), ("ac", "Seq(\(array))"),
            ("shared", array), ("slabs", "Seq({ slot: Int, inuse: Int, freeList: Seq(Int) })"),
            ("slabsPartial", "Seq(Int)"), ("slabsFull", "Seq(Int)"), ("slabsFree", "Seq(Int)"),
            ("tasks", "Seq({ status: Str, cpu: Int })"), ("held", "Seq(Int)"), ("crash", "Str"),
            ("returned", "Object(Int) | Null(UNIT) | None(UNIT)"), ("violated", "Set(Str)"),
            ("mbt::actionTaken", "Str"),
            (
                "mbt::nondetPicks",
                "{ " + pickNames.map { "\($0): Some(Int) | None(UNIT)" }.joined(separator: ", ") + " }"
            ),
        ]
        return types.map { ($0.0, JSON.string($0.1)) }
    }

    public var itf: JSON {
        let c = origin.configuration
        var meta: [(String, JSON)] = [
            ("format", .string("ITF")),
            ("format-description", .string("https://apalache-mc.org/docs/adr/015adr-trace.html")),
            ("source", .string(origin.spec)),
            ("engine", .string(origin.engine)),
            ("variant", .string(origin.variant.rawValue)),
        ]
        if let property = origin.property { meta.append(("property", .string(property))) }
        if let source = origin.propertySource { meta.append(("propertySource", .string(source))) }
        meta.append(
            (
                "configuration",
                .object([
                    ("cpus", .number(c.cpus)), ("num", .number(c.num)), ("limit", .number(c.limit)),
                    ("batchcount", .number(c.batchcount)), ("sharedLimit", .number(c.sharedLimit)),
                    ("batchRefillLimit", .number(c.batchRefillLimit)), ("freeLimit", .number(c.freeLimit)),
                    ("pages", .number(c.pages)), ("tasks", .number(c.tasks)), ("growMayFail", .bool(c.growMayFail)),
                    ("migration", .bool(c.migration)), ("interrupts", .bool(c.interrupts)), ("reap", .bool(c.reap)),
                    (
                        "tuning",
                        .array(
                            c.tuning.map {
                                .object([
                                    ("limit", .number($0.limit)), ("batchcount", .number($0.batchcount)),
                                    ("sharedFactor", .number($0.sharedFactor)),
                                ])
                            })
                    ),
                ])
            ))
        meta.append(("varTypes", .object(SlabTrace.varTypes)))
        var states: [JSON] = [
            SlabTrace.state(initial, index: 0, action: "init", picks: [], returned: nil, violated: [])
        ]
        for (i, step) in steps.enumerated() {
            states.append(
                SlabTrace.state(
                    step.state, index: i + 1, action: step.action.name, picks: step.action.arguments,
                    returned: step.returned, violated: step.violated))
        }
        return .object([
            ("#meta", .object(meta)),
            ("vars", .array((SlabTrace.vars + ["mbt::actionTaken", "mbt::nondetPicks"]).map(JSON.string))),
            ("states", .array(states)),
        ])
    }

    static func bigint(_ n: Int) -> JSON { .object([("#bigint", .string(String(n)))]) }

    static func list(_ items: [Int]) -> JSON { .array(items.map(bigint)) }

    static func array(_ ac: Snapshot.ArrayCache) -> JSON {
        .object([
            ("avail", bigint(ac.avail)), ("limit", bigint(ac.limit)), ("batchcount", bigint(ac.batchcount)),
            ("touched", bigint(ac.touched)), ("entries", list(ac.entries)),
        ])
    }

    static func state(
        _ s: Snapshot, index: Int, action: String, picks: [(name: String, value: Int)], returned: Returned?,
        violated: [String]
    ) -> JSON {
        let returnedValue: JSON =
            switch returned {
            case .object(let o): .object([("tag", .string("Object")), ("value", bigint(o))])
            case .null: .object([("tag", .string("Null")), ("value", .object([("#tup", .array([]))]))])
            case nil: .object([("tag", .string("None")), ("value", .object([("#tup", .array([]))]))])
            }
        return .object([
            ("#meta", .object([("index", .number(index))])),
            ("freeObjects", .object([("#bigint", .string(String(s.freeObjects)))])),
            ("freeTouched", bigint(s.freeTouched)),
            ("freeLimit", bigint(s.freeLimit)),
            ("ac", .array(s.ac.map(array))),
            ("shared", array(s.shared)),
            (
                "slabs",
                .array(
                    s.slabs.map {
                        .object([
                            ("slot", bigint($0.slot)), ("inuse", bigint($0.inuse)), ("freeList", list($0.freeList)),
                        ])
                    })
            ),
            ("slabsPartial", list(s.slabsPartial)),
            ("slabsFull", list(s.slabsFull)),
            ("slabsFree", list(s.slabsFree)),
            (
                "tasks",
                .array(s.tasks.map { .object([("status", .string($0.status)), ("cpu", bigint($0.cpu))]) })
            ),
            ("held", list(s.held)),
            ("crash", .string(s.crash)),
            ("returned", returnedValue),
            ("violated", .object([("#set", .array(violated.map(JSON.string)))])),
            ("mbt::actionTaken", .string(action)),
            (
                "mbt::nondetPicks",
                .object(
                    pickNames.map { name in
                        guard let pick = picks.first(where: { $0.name == name }) else {
                            return (
                                name, .object([("tag", .string("None")), ("value", .object([("#tup", .array([]))]))])
                            )
                        }
                        return (name, .object([("tag", .string("Some")), ("value", bigint(pick.value))]))
                    })
            ),
        ])
    }
}

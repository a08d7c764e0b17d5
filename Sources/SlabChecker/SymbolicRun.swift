import ExplicitChecker
import ModelKit
import SlabModel
import SlabProperty
import SlabSpec
import SlabTrace
import SymbolicChecker
import Z3Kit

/// Checks a spec with the Z3 engines: bounded model checking (`bmc`) or k-induction (`induction`).
public enum SymbolicRun {
    static func check(
        _ request: CheckRequest, engine: Engine, depth: Int, timeout: Double?,
        progress: ((SymbolicProgress) -> Void)?
    ) throws -> Checking.Outcome {
        let spec = request.spec
        let model = try PropertyModel(
            SlabModel(configuration: spec.configuration, variant: spec.variant),
            properties: spec.userProperties.map(\.property))
        let started = ContinuousClock.now
        let system = try TransitionSystem(model: model.base, context: Context())
        var notes: [String] = []
        let properties: [PropertyResult]
        do {
            properties = try judge(
                builtIns: spec.properties, model: model, system: system, engine: engine, depth: depth,
                deadline: Deadline(seconds: timeout), budget: EvaluationBudget(seconds: timeout), spec: spec.path,
                progress: progress, notes: &notes)
        } catch {
            // A signal cancels Z3 wherever it is, and a call outside a check then fails with
            // "canceled": the run was stopped, not broken, so every property is bounded by it.
            guard let signal = Interruption.signal else { throw error }
            let names = spec.properties.map(\.rawValue) + model.extra.map(\.name)
            properties = names.map { PropertyResult(property: $0, verdict: .bounded(.signal(signal))) }
        }
        notes.insert(contentsOf: describe(system.report, bits: system.width.bits), at: 0)
        let d = ContinuousClock.now - started
        let statistics = ExplicitStatistics(
            seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, depth: depth)
        let result = SpecResult(
            request: request, engine: engine, properties: properties, statistics: statistics, completion: .exhausted)
        return Checking.Outcome(result: result, notes: notes)
    }

    /// The relation as far as the run built it: paths per step, the fixpoint, and where a slow
    /// build spends its paths (the actions whose atomic step branches most).
    public static func describe(_ report: TransitionSystem.BuildReport, bits: Int) -> [String] {
        var steps = report.roundPaths.enumerated().map { "\($0.offset + 1): \($0.element)" }
        if let f = report.fixpoint, !steps.isEmpty {
            steps[steps.count - 1] = "\(f) and on: \(report.roundPaths[f - 1])"
        }
        return [
            "transition relation, paths per step: " + (steps.isEmpty ? "none built" : steps.joined(separator: ", "))
                + (report.fixpoint == nil ? " (not converged)" : " (converged)")
                + String(
                    format: "; %d of %d cells free, built in %.2f s, %d-bit cells", report.freeCells, report.cells,
                    report.seconds, bits),
            "most paths: " + report.mostPaths.map { "\($0.action) \($0.paths)" }.joined(separator: ", "),
            report.assumed.isEmpty
                ? "built for every state in the box"
                : "built for the states that satisfy " + report.assumed.map(\.rawValue).joined(separator: ", ")
                    + " (shown at the shallower depths or assumed by induction): \(report.pruning.dropped) alternatives dropped, "
                    + String(
                        format: "%d solver calls (%d satisfiable) taking %.1f s", report.pruning.calls,
                        report.pruning.satisfiable,
                        report.pruning.seconds),
        ]
    }

    static func describe(_ check: Induction.StepCheck) -> String {
        let answer =
            switch check.answer {
            case .unsat: "cleared"
            case .sat: "broken"
            case .unknown(let reason): reason.explanation
            }
        let parts =
            switch (check.parts, check.answer) {
            case (1, _): ""
            case (_, .unsat): " (\(check.parts) parts)"
            default: " (\(check.cleared) of \(check.parts) parts cleared)"
            }
        return String(format: "%@ at k = %d %@ in %.2f s%@", check.conjunct, check.k, answer, check.seconds, parts)
    }

    /// The engine's verdict on each built-in property and each of `model`'s own, judged together
    /// in one run; every counterexample is replayed on the concrete model (with the user's
    /// properties) before it is reported, and a run that does not break its property there is an
    /// internal error.
    static func judge(
        builtIns: [BuiltInProperty], model: PropertyModel, system: TransitionSystem, engine: Engine, depth: Int,
        deadline: Deadline, budget: EvaluationBudget, spec: String, progress: ((SymbolicProgress) -> Void)?,
        notes: inout [String]
    ) throws -> [PropertyResult] {
        var named: [SymbolicProperty] = []
        for p in builtIns { named.append(try system.symbolic(p)) }
        for p in model.extra { named.append(try SymbolicProperty(p, in: system, budget: budget)) }
        func trace(_ actions: [SlabAction], breaking name: String) throws(SymbolicError) -> SlabTrace {
            let origin = SlabTrace.Origin(
                spec: spec, configuration: model.layout.config, variant: model.base.variant, property: name,
                engine: engine.rawValue)
            // A run of no steps breaks the property in the initial state, which has no step to
            // record it on.
            let brokenInitially = model.index(of: name).map {
                model.violations(in: SlabState.initial(model.layout)).contains(PropertySet(index: $0))
            }
            guard case .success(let trace) = SlabTrace.run(actions, on: model, origin: origin),
                trace.steps.last?.violated.contains(name) ?? brokenInitially ?? false
            else {
                throw .internalError(
                    "Z3 counterexample for \(name) in \(actions.count) steps does not break it on the concrete model: "
                        + actions.map(\.description).joined(separator: "; "))
            }
            return trace
        }
        let confirm = { (actions: [SlabAction], name: String) throws(SymbolicError) in
            _ = try trace(actions, breaking: name)
        }
        let verdicts: [String: SymbolicVerdict]
        switch engine {
        case .bmc:
            let checker = BoundedModelChecker(system: system)
            checker.progress = progress
            let r = try checker.run(named, depth: depth, deadline: deadline, confirm: confirm)
            verdicts = r.verdicts
            notes.append(String(format: "BMC reached depth %d in %.2f s", r.depthReached, r.seconds))
        case .explicit:
            throw SymbolicError.internalError("the explicit engine has no symbolic run")
        case .induction:
            let induction = Induction(system: system)
            induction.progress = progress
            let r = try induction.run(named, maxK: depth, deadline: deadline, confirm: confirm)
            verdicts = r.verdicts
            notes.append(
                "strengthening (each proved with the properties, not assumed): "
                    + (r.strengthening.isEmpty ? "none" : r.strengthening.joined(separator: ", ")))
            if !r.dropped.isEmpty {
                notes.append("strengthening refuted by the base case and dropped: " + r.dropped.joined(separator: ", "))
            }
            notes.append(String(format: "induction stopped at k = %d after %.2f s", r.k, r.seconds))
            if !r.stepChecks.isEmpty {
                notes.append(
                    "step case, one check per conjunct: " + r.stepChecks.map(Self.describe).joined(separator: ", "))
            }
            if let cti = r.counterexampleToInduction {
                notes.append(contentsOf: CounterexampleToInductionText.lines(cti, layout: model.layout))
            }
        }
        var properties: [PropertyResult] = []
        for name in named.map(\.name) {
            let verdict = verdicts[name] ?? .unknown(reason: "not judged")
            notes.append("\(name): \(verdict)")
            switch verdict {
            case .holds:
                properties.append(PropertyResult(property: name, verdict: .holds))
            case .violated(let actions):
                var result = PropertyResult(
                    property: name, verdict: .violated(depth: actions.count), trace: try trace(actions, breaking: name))
                result.dividesByZero = model.dividesByZero(name, after: actions)
                properties.append(result)
            case .bounded(let d, let bound):
                properties.append(PropertyResult(property: name, verdict: .bounded(bound, cleared: d)))
            case .unknown(let reason):
                properties.append(PropertyResult(property: name, verdict: .unknown(reason)))
            }
        }
        return properties
    }

    /// Where two engines' verdicts on the same spec contradict each other (a bug in slabcheck):
    /// one says violated at depth d and the other holds, or a different shortest depth where both
    /// are shortest (explicit and bmc), or violated within the other's clean bound.
    public static func disagreements(_ a: SpecResult, _ b: SpecResult) -> [String] {
        var found: [String] = []
        for pa in a.properties {
            guard let pb = b.properties.first(where: { $0.property == pa.property }) else { continue }
            switch (pa.verdict, pb.verdict) {
            case (.holds, .violated(let d)), (.violated(let d), .holds):
                found.append(
                    "\(pa.property): \(a.engine) says \(pa.verdict.word), \(b.engine) says \(pb.verdict.word) (depth \(d))"
                )
            case (.violated(let x), .violated(let y)) where x != y && a.engine != .induction && b.engine != .induction:
                found.append("\(pa.property): shortest counterexample \(x) steps by \(a.engine), \(y) by \(b.engine)")
            default: break
            }
        }
        return found
    }
}

import Foundation
import SlabChecker
import SlabModel
import SlabProperty
import SlabSpec
import SlabTrace
import TestSupport
import Testing

/// Traces of users' properties carry the property's text, so `show` and `replay` judge them with
/// no spec and no Swift code at hand.
@Suite struct UserPropertyTraceTests {
    @Test func showAndReplayTheTraceOfASpecsPropertyLine() throws {
        let folder = try temporaryFolder()
        let check = try runSlabcheck(["check", "--out", folder, spec("task-naming")])
        #expect(check.status == 0, "\(check.stderr)")
        let file = "\(folder)/task-naming-asleep-on-the-other-cpu.itf.json"
        let trace = try SlabTrace.read(path: file)
        #expect(
            trace.origin.propertySource
                == "not (task[0].status == 1 and task[0].cpu == 1 and task[1].status == 0 and task[1].cpu == 0)")
        let show = try runSlabcheck(["show", "--color", "never", file])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("asleep-on-the-other-cpu"))
        let replay = try runSlabcheck(["replay", file])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("reproduced asleep-on-the-other-cpu at step 5"))
    }

    @Test func showAndReplayTheTraceOfASwiftTestingProperty() throws {
        let heldNotCached = Property("held-not-cached") {
            forAll(.objects) { o in held[o] > 0 ==> forAll(.cpus) { c in !o.isOn(ac[c]) } }
        }
        let outcome = try PropertyRun.check(
            [heldNotCached], configuration: .tiny, variant: .growFailIrqsOn, engine: .explicit)
        let trace = try #require(outcome.properties.first?.trace)
        #expect(
            trace.origin.propertySource
                == "(forall o1 in objects: ((held[o1] > 0) implies (forall c2 in cpus: (not (o1 in ac[c2])))))")
        let file = try temporaryFolder() + "/held-not-cached.itf.json"
        try (trace.itf.rendered() + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let show = try runSlabcheck(["show", "--color", "never", file])
        #expect(show.status == 0, "\(show.stderr)")
        let replay = try runSlabcheck(["replay", file])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("reproduced held-not-cached at step \(trace.steps.count)"))
    }

    @Test func aTraceNamingAPropertyItDoesNotDefineIsRefusedWithAReason() throws {
        let folder = try temporaryFolder()
        let shipped = try SlabTrace.read(
            path: packageRoot.appendingPathComponent("Counterexamples/stale-ac-ac-current.itf.json").path)
        var undefined = shipped
        undefined.origin.property = "my-own"
        try (undefined.itf.rendered()).write(toFile: "\(folder)/undefined.itf.json", atomically: true, encoding: .utf8)
        for command in ["show", "replay"] {
            let run = try runSlabcheck([command, "\(folder)/undefined.itf.json"])
            #expect(run.status == 2)
            #expect(
                run.stderr.contains("#meta.property: unknown property \"my-own\": not a built-in one"), "\(run.stderr)")
        }
        var unparsable = shipped
        unparsable.origin.property = "my-own"
        unparsable.origin.propertySource = "forall o in objectz: held[o] <= 1"
        try (unparsable.itf.rendered()).write(
            toFile: "\(folder)/unparsable.itf.json", atomically: true, encoding: .utf8)
        let show = try runSlabcheck(["show", "\(folder)/unparsable.itf.json"])
        #expect(show.status == 2)
        #expect(show.stderr.contains("#meta.propertySource: column 13: unknown domain"), "\(show.stderr)")
    }

    @Test func aBuilderPropertyIsWrittenInSpecSyntaxThatReadsBackTheSame() throws {
        let partial = Property.step("partial-after-alloc") {
            step.is("alloc", "irqAlloc") ==> sum(.slabs, where: { $0.isLive }) { s in num - s.inuse } <= old(
                freeObjects) + num
        }
        let text = try #require(partial.specText)
        var trace = try SlabTrace.read(
            path: packageRoot.appendingPathComponent("Counterexamples/stale-ac-ac-current.itf.json").path)
        trace.origin.property = "partial-after-alloc"
        trace.origin.propertySource = text
        let read = try #require(try trace.userProperty(file: "t"))
        guard case .step(let formula) = read.kind else {
            Issue.record("\(text) was read back as a state property")
            return
        }
        #expect(formula.specSyntax == text)
        #expect(Property("no-text", kind: .explicitOnly { _ in true }).specText == nil)
    }
}

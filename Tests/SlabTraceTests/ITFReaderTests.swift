import Foundation
import SlabModel
import SlabTrace
import TestSupport
import Testing

@Suite("ITF reader")
struct ITFReaderTests {
    /// A short run of the seed on small: grow, refill, free, migrate, reap, tune.
    func read(_ json: JSON) throws(TraceError) -> SlabTrace {
        try SlabTrace(itfData: Data(json.rendered().utf8), file: "t.itf.json")
    }

    func error(_ json: JSON) -> String {
        do {
            _ = try read(json)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("writing a trace and reading it back gives the same trace")
    func roundTrip() throws {
        let trace = try sampleTrace()
        #expect(try read(trace.itf) == trace)
        let counterexample = try counterexample(.growFailIrqsOn, .conservation, Configuration.small)
        #expect(try read(counterexample.itf) == counterexample)
        #expect(trace.steps[1].returned == .null)
        #expect(trace.steps[4].returned == .object(0))
    }

    @Test("a wrapped free_objects (above Int64.max) survives the round trip")
    func wrappedFreeObjects() throws {
        var wrapped = try sampleTrace()
        wrapped.steps[0].state.freeObjects = UInt64.max - 1
        #expect(try read(wrapped.itf).steps[0].state.freeObjects == UInt64.max - 1)
    }

    @Test("a file that is not JSON, or is cut short, is an error naming the file")
    func notJSON() throws {
        let text = try sampleTrace().itf.rendered()
        let cut = String(text.prefix(text.count / 2))
        #expect(throws: TraceError.self) { try SlabTrace(itfData: Data(cut.utf8), file: "cut.itf.json") }
        do {
            _ = try SlabTrace(itfData: Data(cut.utf8), file: "cut.itf.json")
        } catch {
            #expect(error.description.hasPrefix("cut.itf.json: not JSON"), "\(error)")
        }
        let missing = "/nonexistent/dir/x.itf.json"
        do {
            _ = try SlabTrace.read(path: missing)
            Issue.record("read a file that does not exist")
        } catch {
            #expect(error.description.hasPrefix("\(missing): cannot read the file"), "\(error)")
        }
    }

    @Test("JSON that is not ITF names what is missing")
    func notITF() throws {
        let itf = try sampleTrace().itf
        #expect(
            error(.array([]))
                == "t.itf.json: (top level): not an ITF trace: expected an object with \"#meta\", \"vars\" and \"states\", found an array"
        )
        #expect(error(edit(itf, ["states"], nil)) == "t.itf.json: (top level): not an ITF trace: missing \"states\"")
        #expect(error(edit(itf, ["#meta"], nil)) == "t.itf.json: (top level): not an ITF trace: missing \"#meta\"")
        #expect(error(edit(itf, ["vars"], nil)) == "t.itf.json: (top level): not an ITF trace: missing \"vars\"")
        #expect(
            error(edit(itf, ["vars"], .array([.string("ac")])))
                == "t.itf.json: vars: missing the state variable \"freeObjects\"")
        #expect(
            error(edit(itf, ["states"], .array([])))
                == "t.itf.json: states: no states: a trace has at least its initial state")
    }

    @Test("an unknown variant is named with the variants there are")
    func unknownVariant() throws {
        let e = error(edit(try sampleTrace().itf, ["#meta", "variant"], .string("stale-acc")))
        #expect(e.hasPrefix("t.itf.json: #meta.variant: unknown variant \"stale-acc\" (known: seed, stale-ac,"), "\(e)")
    }

    @Test("an invalid configuration is refused with Configuration.problems' message at the field")
    func invalidConfiguration() throws {
        let itf = try sampleTrace().itf
        #expect(
            error(edit(itf, ["#meta", "configuration", "batchcount"], .number(5)))
                == "t.itf.json: #meta.configuration.batchcount: invalid configuration: batchcount must be in 1...limit (slabinfo_write), got 5 with limit 2"
        )
        #expect(
            error(edit(itf, ["#meta", "configuration", "cpus"], .string("two")))
                == "t.itf.json: #meta.configuration.cpus: expected an integer, found the string \"two\"")
        #expect(
            error(edit(itf, ["#meta", "configuration", "pages"], nil))
                == "t.itf.json: #meta.configuration: missing \"pages\"")
    }

    @Test("an unknown action or arguments that do not fit it are refused at the state that takes it")
    func badActions() throws {
        let itf = try sampleTrace().itf
        #expect(
            error(edit(itf, ["states", 3, "mbt::actionTaken"], .string("kmalloc")))
                == "t.itf.json: states[3].mbt::actionTaken: unknown action \"kmalloc\" (known: alloc, growDone, free, irqAlloc, irqFree, migrate, reap, tune, resume)"
        )
        // growDone's ok must be 0 or 1.
        #expect(
            error(edit(itf, ["states", 5, "mbt::nondetPicks", "ok", "value"], bigint("2")))
                == "t.itf.json: states[5].mbt::nondetPicks: arguments (ok: 2, task: 0) do not fit the action growDone (task, ok: 0 or 1)"
        )
        #expect(
            error(edit(itf, ["states", 1, "mbt::nondetPicks", "task"], nil))
                == "t.itf.json: states[1].mbt::nondetPicks: arguments () do not fit the action alloc (task)")
    }

    @Test("a #bigint that is not an integer, or a number where a #bigint belongs, is refused at its path")
    func badBigints() throws {
        let itf = try sampleTrace().itf
        #expect(
            error(edit(itf, ["states", 3, "ac", 1, "avail"], bigint("1.5")))
                == "t.itf.json: states[3].ac[1].avail: \"#bigint\" \"1.5\" is not an integer (or is out of range)")
        #expect(
            error(edit(itf, ["states", 3, "ac", 1, "avail"], .number(1)))
                == "t.itf.json: states[3].ac[1].avail: expected {\"#bigint\": \"…\"}, found the number 1")
        #expect(
            error(edit(itf, ["states", 2, "ac", 0, "entries"], .array([bigint("x")])))
                == "t.itf.json: states[2].ac[0].entries[0]: \"#bigint\" \"x\" is not an integer (or is out of range)")
        #expect(
            error(edit(itf, ["states", 0, "freeObjects"], bigint("99999999999999999999999")))
                == "t.itf.json: states[0].freeObjects: \"#bigint\" \"99999999999999999999999\" is not a 64-bit integer")
    }
}

import Foundation
import SlabModel
import SlabTrace
import TestSupport
import Testing
import TraceView

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SwimlaneTests {
    @Test func thereAreCommittedTracesToShow() {
        #expect(committedTraceNames.count >= 10)
    }

    @Test(arguments: committedTraceNames)
    func plainTextShowsEveryStepInItsLaneAndMarksTheBreakingStep(name: String) throws {
        let trace = try committedTrace(name)
        let lanes = Swimlanes(trace)
        let text = TextRenderer(color: false).render(lanes)
        #expect(!text.contains("\u{1B}"), "no ANSI escapes in plain mode")
        for cpu in 0..<trace.origin.configuration.cpus { #expect(text.contains("cpu\(cpu)")) }
        let step = try #require(lanes.breakingStep, "every committed trace is a counterexample")
        let property = try #require(trace.origin.property)
        #expect(lanes.rows[step - 1].broken.contains(property))
        #expect(text.contains("✗" + String(repeating: " ", count: 4 - String(step).count) + "\(step)"))
        #expect(text.contains("✗ broken here: ") && text.contains(property))
        for row in lanes.rows { #expect(text.contains(row.action), "\(row.action)") }
    }

    @Test(arguments: committedTraceNames)
    func theSVGIsWellFormedWithALanePerCPUAndABoxPerStep(name: String) throws {
        let trace = try committedTrace(name)
        let svg = SVGRenderer().render(Swimlanes(trace))
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.root == "svg")
        #expect(counter.classes["lane"] == trace.origin.configuration.cpus)
        #expect(counter.classes["step"] == trace.steps.count)
        #expect(svg.contains("broken here"))
    }

    @Test func colourIsOnlyUsedWhenAskedFor() throws {
        let lanes = Swimlanes(try committedTrace("stale-ac-ac-current.itf.json"))
        #expect(TextRenderer(color: true).render(lanes).contains("\u{1B}[1;31m"))
        #expect(!TextRenderer(color: false).render(lanes).contains("\u{1B}["))
    }

    @Test func tasksAndInterruptsOnOneCPUAreToldApart() {
        let state = Snapshot(SlabState.initial(Layout(.small)), layout: Layout(.small))
        #expect(Context(.alloc(task: 1), in: state).label == "t1@cpu\(state.tasks[1].cpu)")
        #expect(Context(.irqAlloc(cpu: 1, growFails: false), in: state).label == "irq@cpu1")
        #expect(Context(.reap(cpu: 0, full: true), in: state).label == "reap@cpu0")
        #expect(Context(.tune(0), in: state).cpu == nil)
    }

    @Test func aChangedArrayShowsOnlyTheSubFieldsThatChanged() {
        let change = Change(
            field: "ac[0]", before: "avail=0 limit=2 batchcount=1 touched=0 entries=[]",
            after: "avail=2 limit=2 batchcount=1 touched=1 entries=[3, 1]")
        #expect(change.summary == "ac[0]: avail 0→2, touched 0→1, entries []→[3, 1]")
        #expect(Change(field: "freeObjects", before: "4", after: "2").summary == "freeObjects: 4 → 2")
        #expect(
            Change(field: "slab[1]", before: nil, after: "inuse=0 freeList=[0, 1]").summary
                == "slab[1] = inuse=0 freeList=[0, 1]")
    }
}

/// Counts elements by their `class` attribute while parsing.
final class ElementCounter: NSObject, XMLParserDelegate {
    var root: String?
    var classes: [String: Int] = [:]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = elementName }
        if let name = attributes["class"] { classes[name, default: 0] += 1 }
    }
}

import ArgumentParser
import Foundation
import SlabProperty
import SlabSpec
import SlabTrace
import TraceView

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a counterexample trace (ITF) as swimlanes: a lane per CPU, a row per step.",
        discussion: """
            Each step sits in the lane of the CPU it ran on, labelled with its context: a task \
            (t0@cpu0), an interrupt (irq@cpu1), cache_reap (reap@cpu0), or tune on every CPU \
            (tune@all). Beneath it are the fields it changed (per-CPU arrays, the shared array, \
            the slab lists, freeObjects, held), and the step that breaks a property is marked ✗.

            Colour is used when standard output is a terminal (--color auto), unless NO_COLOR is set.

            A trace of a user's property carries its text (#meta.propertySource), which is parsed \
            again on the trace's configuration; a trace naming a property it does not define is refused.

            Exit status: 0 when every trace was shown, 2 for bad input (unreadable file, not ITF, a \
            property the trace does not define).

            Examples:
              slabcheck show Counterexamples/shared-wrong-end-conservation.itf.json
              slabcheck show --color never Counterexamples/stale-ac-ac-current.itf.json
              slabcheck show --svg /tmp/a.svg Counterexamples/stale-ac-ac-current.itf.json
            """)

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "An ITF trace file, as `check` writes them.")
    var file: String

    @Option(help: "Also write the swimlanes as SVG to this file.")
    var svg: String?

    @Option(help: "Colour: auto (when standard output is a terminal), always, or never.")
    var color: ColorChoice = .auto

    @Flag(
        help:
            "Print the steps as a JSON document (lane, context, action, outcome, changes, broken properties) instead of swimlanes."
    )
    var json = false

    @Option(help: "Columns the swimlanes may use (default: the terminal's, else $COLUMNS, else 80).")
    var width: Int?

    mutating func validate() throws {
        if let width, width < 20 { throw ValidationError("--width must be at least 20") }
    }

    func run() throws {
        let recorded: SlabTrace
        let property: Property?
        do {
            recorded = try SlabTrace.read(path: file)
            property = try recorded.userProperty(file: file)
        } catch {
            complain(error.description)
            if json {
                let entry: JSON = .object([
                    ("file", .string(file)), ("line", .null), ("column", .null),
                    ("message", .string(error.description)),
                ])
                print(JSON.object([("file", .string(file)), ("errors", .array([entry]))]).rendered())
            }
            throw ExitCode(2)
        }
        let trace: SlabTrace
        switch recorded.judgedByTheModel(with: property) {
        case .success(let judged): trace = judged
        case .failure(let error):
            complain("\(file): \(error.description)")
            throw ExitCode(2)
        }
        let lanes = Swimlanes(trace)
        if json {
            print(document(lanes, trace).rendered())
        } else {
            print(TextRenderer(color: useColor, width: width ?? terminalWidth).render(lanes), terminator: "")
        }
        if let svg {
            do {
                try Data(SVGRenderer().render(lanes).utf8).write(to: URL(fileURLWithPath: svg))
            } catch {
                complain("\(svg): cannot write the SVG: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }

    /// The swimlanes' content for a program: every step with its lane (null: every CPU), who ran
    /// it, what it returned, the fields it changed and the properties it broke.
    func document(_ lanes: Swimlanes, _ trace: SlabTrace) -> JSON {
        .object([
            ("file", .string(file)), ("property", lanes.property.map(JSON.string) ?? .null),
            ("propertySource", trace.origin.propertySource.map(JSON.string) ?? .null),
            ("variant", .string(trace.origin.variant.rawValue)), ("lanes", .array(lanes.lanes.map(JSON.string))),
            ("breakingStep", lanes.breakingStep.map(JSON.number) ?? .null),
            (
                "steps",
                .array(
                    lanes.rows.map { row in
                        .object([
                            ("step", .number(row.step)), ("lane", row.lane.map(JSON.number) ?? .null),
                            ("context", .string(row.context.label)), ("action", .string(row.action)),
                            ("outcome", .string(row.outcome)),
                            (
                                "changes",
                                .array(
                                    row.changes.map {
                                        .object([
                                            ("field", .string($0.field)),
                                            ("before", $0.before.map(JSON.string) ?? .null),
                                            ("after", .string($0.after)),
                                        ])
                                    })
                            ),
                            ("broken", .array(row.broken.map(JSON.string))),
                        ])
                    })
            ),
        ])
    }

    /// The terminal's columns when standard output is one, else `$COLUMNS`, else 80.
    var terminalWidth: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 >= 20 ? $0 : nil } ?? 80
    }

    var useColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

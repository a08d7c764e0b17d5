import ArgumentParser
import Foundation
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

    @Option(help: "Columns the swimlanes may use (default: the terminal's, else $COLUMNS, else 80).")
    var width: Int?

    mutating func validate() throws {
        if let width, width < 20 { throw ValidationError("--width must be at least 20") }
    }

    func run() throws {
        let trace: SlabTrace
        do {
            trace = try SlabTrace.read(path: file)
            _ = try trace.userProperty(file: file)
        } catch {
            complain(error.description)
            throw ExitCode(2)
        }
        let lanes = Swimlanes(trace)
        print(TextRenderer(color: useColor, width: width ?? terminalWidth).render(lanes), terminator: "")
        if let svg {
            do {
                try Data(SVGRenderer().render(lanes).utf8).write(to: URL(fileURLWithPath: svg))
            } catch {
                complain("\(svg): cannot write the SVG: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
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

import ArgumentParser
import Foundation
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

            Exit status: 0 when every trace was shown, 2 for bad input (unreadable file, not ITF).

            Examples:
              slabcheck show Counterexamples/shared-wrong-end-conservation.itf.json
              slabcheck show --color never Counterexamples/stale-ac-ac-current.itf.json > trace.txt
              slabcheck show --svg stale-ac.svg Counterexamples/stale-ac-ac-current.itf.json
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

    func run() throws {
        let recorded: SlabTrace
        do {
            recorded = try SlabTrace.read(path: file)
        } catch {
            complain(error.description)
            throw ExitCode(2)
        }
        let trace: SlabTrace
        switch recorded.judgedByTheModel() {
        case .success(let judged): trace = judged
        case .failure(let error):
            complain("\(file): \(error.description)")
            throw ExitCode(2)
        }
        let lanes = Swimlanes(trace)
        print(TextRenderer(color: useColor).render(lanes), terminator: "")
        if let svg {
            do {
                try Data(SVGRenderer().render(lanes).utf8).write(to: URL(fileURLWithPath: svg))
            } catch {
                complain("\(svg): cannot write the SVG: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }

    var useColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

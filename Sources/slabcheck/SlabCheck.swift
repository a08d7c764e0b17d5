import ArgumentParser
import Foundation

/// `slabcheck`: model-check the SLAB refill.
@main
struct SlabCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slabcheck",
        abstract: "Model-check the Linux 2.6.9 SLAB allocator's per-CPU refill path.",
        discussion: """
            Examples:
              slabcheck check Specs/small.spec
              slabcheck check --coverage Specs/tiny.spec
              slabcheck check --json Specs/tiny.spec Specs/stale-ac.spec
              slabcheck show Counterexamples/shared-wrong-end-conservation.itf.json
              slabcheck show --svg /tmp/a.svg Counterexamples/stale-ac-ac-current.itf.json
              slabcheck bench Specs/tiny.spec
              slabcheck replay Counterexamples/*.itf.json
              slabcheck differential --steps 10000
              slabcheck random Specs/small.spec --runs 100 --steps 50

            Exit status: 0 when every spec met its expectation, 1 when one did not, 2 for bad input or an engine error, 3 when engines disagree (a bug in slabcheck).
            """,
        version: SlabCheck.version,
        subcommands: [
            CheckCommand.self, ShowCommand.self, ReplayCommand.self, BenchCommand.self, BenchSymbolicCommand.self,
            DifferentialCommand.self, RandomCommand.self, FuzzCommand.self,
        ])

    /// The version `--version` prints: the project has no numbered releases yet (CHANGELOG.md),
    /// so this names the format generation of its traces and reports.
    static let version = "slabcheck 0.2.0 (unreleased; ITF traces as ADR-015)"

    /// Argument errors are bad input, so they exit 2 like a bad spec does (ArgumentParser's own
    /// choice would be 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success || error is CleanExit {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Prints to standard error.
func complain(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes to standard error without a newline: a progress line redrawn in place.
func complainInline(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

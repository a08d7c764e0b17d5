import TestSupport
import Testing

@Suite struct HelpTextTests {
    /// A discussion's paragraphs are wrapped by the argument parser to the terminal, so a line
    /// break written in the source shows as a stub line in the middle of a paragraph on an
    /// 80-column terminal (or any output that is not one).
    @Test(arguments: ["check", "replay", "show", "random", "differential", "bench", "bench-symbolic"])
    func helpParagraphsWrapWithoutStubLines(command: String) throws {
        let run = try runSlabcheck([command, "--help"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices.dropFirst().dropLast() {
            let (before, line, after) = (lines[i - 1], lines[i], lines[i + 1])
            let continues = !after.isEmpty && after.first != " "
            #expect(
                !(before.count > 70 && line.count < 40 && !line.isEmpty && continues),
                "\(command): a stub line \"\(line)\" after \"\(before)\"")
        }
    }
}

import Foundation
import SlabTrace
import TestSupport
import Testing
import TraceView

/// The pictures fit: terminal lanes wrap within the terminal's width, and in the SVG every step's
/// label stays inside its box.
@Suite struct FittingTests {
    @Test(arguments: [80, 160])
    func terminalLanesWrapWithinTheTerminalsWidth(width: Int) throws {
        for name in committedTraceNames {
            let trace = try committedTrace(name)
            let lanes = Swimlanes(trace)
            let text = TextRenderer(color: false, width: width).render(lanes)
            let lines = text.split(separator: "\n")
            let longest = lines.map(\.count).max() ?? 0
            #expect(longest <= width, "\(name) at \(width) columns: a line of \(longest)")
            for row in lanes.rows { #expect(text.contains(row.action), "\(name): \(row.action) kept whole") }
            // Every lane's rule sits in the same column on every line that has it.
            let rules = Set(lines.flatMap { line in line.enumerated().filter { $0.element == "│" }.map(\.offset) })
            #expect(
                rules.count <= trace.origin.configuration.cpus,
                "\(name) at \(width): rules in columns \(rules.sorted())")
        }
    }

    @Test func svgStepLabelsStayInsideTheirBoxes() throws {
        let charWidth = 7.3
        for name in committedTraceNames {
            let svg = SVGRenderer().render(Swimlanes(try committedTrace(name)))
            let boxes = matches(
                #"<rect class="step" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)""#, in: svg
            )
            .map { $0.compactMap(Double.init) }
            #expect(!boxes.isEmpty)
            for text in matches(#"<text x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>"#, in: svg) {
                guard let x = Double(text[0]), let y = Double(text[1]) else { continue }
                let visible = text[2].replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                guard let box = boxes.first(where: { x > $0[0] && x < $0[0] + $0[2] && y > $0[1] && y < $0[1] + $0[3] })
                else {
                    continue
                }
                let right = x + Double(visible.count) * charWidth
                #expect(
                    right <= box[0] + box[2], "\(name): \"\(visible)\" ends at \(right), its box at \(box[0] + box[2])")
            }
        }
    }

    func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        }
    }
}

/// Swimlanes for a terminal: a column per CPU, each step in its CPU's column with the fields it
/// changed beneath it, and the breaking step marked. ANSI colour only when asked for, so that
/// text piped to a file or another program stays plain.
public struct TextRenderer: Sendable {
    public var color: Bool
    /// A cell wider than this runs into the next lane rather than widening every lane.
    public var maxLaneWidth = 46

    public init(color: Bool) {
        self.color = color
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "1;31", task = "36", interrupt = "35", reap = "33", tune = "34", header = "1;4"
    }

    func paint(_ text: String, _ style: Style) -> String {
        color && !text.isEmpty ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func style(of context: Context) -> Style {
        switch context.kind {
        case .task: .task
        case .interrupt: .interrupt
        case .reap: .reap
        case .everyCPU: .tune
        }
    }

    static let stepWidth = 6

    public func render(_ lanes: Swimlanes) -> String {
        let cells = lanes.rows.map { cell($0) }
        let widest = max(cells.map(\.count).max() ?? 0, lanes.lanes.map(\.count).max() ?? 0)
        let width = min(widest, maxLaneWidth) + 3
        let count = lanes.lanes.count
        let rule = paint("│", .dim)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        /// A line whose text (`visible` characters wide once painted) sits in `lane`, or spans
        /// every lane: the rules of the lanes around it keep the columns readable.
        func line(_ step: String, _ lane: Int?, _ text: String, visible: Int) -> String {
            let first = lane ?? 0
            var out = step + String(repeating: rule + String(repeating: " ", count: width - 1), count: first)
            out += rule + " " + text
            let rest = lane.map { count - $0 - 1 } ?? 0
            if rest > 0, visible < width - 2 {
                out += String(repeating: " ", count: width - 2 - visible)
                    + String(repeating: rule + String(repeating: " ", count: width - 1), count: rest)
            }
            return out
        }
        let blank = String(repeating: " ", count: Self.stepWidth)
        func note(_ lane: Int?, _ text: String, _ style: Style?) -> String {
            line(blank, lane, style.map { paint("  " + text, $0) } ?? "  " + text, visible: text.count + 2)
        }

        var out = [paint(lanes.title, .bold), lanes.subtitle, ""]
        out.append(pad(" step", Self.stepWidth) + lanes.lanes.map { "  " + paint($0, .header) + String(repeating: " ", count: width - 2 - $0.count) }.joined())
        out.append(line(pad("    0", Self.stepWidth), 0, "initial state", visible: 13))
        for field in lanes.initial { out.append(note(0, "\(field.name) = \(field.value)", .dim)) }
        for (row, text) in zip(lanes.rows, cells) {
            let breaks = !row.broken.isEmpty
            let digits = String(row.step)
            let number = pad((breaks ? "✗" : " ") + String(repeating: " ", count: max(0, 4 - digits.count)) + digits, Self.stepWidth)
            let body = paint(row.context.label, breaks ? .red : style(of: row.context)) + String(text.dropFirst(row.context.label.count))
            out.append(line(breaks ? paint(number, .red) : number, row.lane, body, visible: text.count))
            for change in row.changes { out.append(note(row.lane, change.summary, nil)) }
            if breaks { out.append(note(row.lane, "✗ broken here: " + row.broken.joined(separator: ", "), .red)) }
        }
        out.append(lanes.breakingStep.map { "\(lanes.property ?? "a property") breaks at step \($0)" } ?? "(no step breaks \(lanes.property ?? "a property"))")
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// What a row shows in its lane: `t0@cpu0 alloc(task: 0) → object 2`; a step on every CPU
    /// says so.
    func cell(_ row: Swimlanes.Row) -> String {
        [row.context.label, row.action, row.outcome, row.lane == nil ? "(every cpu)" : ""].filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

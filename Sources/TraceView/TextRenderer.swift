/// Swimlanes for a terminal: a column per CPU, each step in its CPU's column with the fields it
/// changed beneath it, and the breaking step marked. ANSI colour only when asked for, so that
/// text piped to a file or another program stays plain.
///
/// The lanes share the terminal's width, and a cell longer than its lane wraps onto the lines
/// below it, within the lane, rather than running into the next lane or past the terminal's edge.
public struct TextRenderer: Sendable {
    public var color: Bool
    /// No lane is wider than this, however wide the terminal.
    public var maxLaneWidth = 72
    /// No lane is narrower than this (the longest step, `irqAlloc(cpu: 0, growFails: 0)`, fits):
    /// on a terminal too narrow for every lane at this width, the lines run past its edge.
    public static let minLaneWidth = 34
    /// The columns the swimlanes may use: the terminal's.
    public var width: Int

    public init(color: Bool, width: Int = 80) {
        self.color = color
        self.width = width
    }

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "1;31"
        case task = "36"
        case interrupt = "35"
        case reap = "33"
        case tune = "34"
        case header = "1;4"
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
        let count = lanes.lanes.count
        let notes =
            lanes.rows.flatMap { $0.changes.map { $0.summary.count + 2 } }
            + lanes.initial.map { $0.name.count + $0.value.count + 5 }
        let widest = max(cells.map(\.count).max() ?? 0, lanes.lanes.map(\.count).max() ?? 0, notes.max() ?? 0)
        let share = (self.width - Self.stepWidth) / max(count, 1) - 3
        let width = max(Self.minLaneWidth, min(widest, maxLaneWidth, share)) + 3
        /// The visible columns a line of text has in a lane (or across every lane), leaving a
        /// space before the next lane's rule.
        func room(_ lane: Int?) -> Int { (lane == nil ? count * width : width) - 3 }
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
                out +=
                    String(repeating: " ", count: width - 2 - visible)
                    + String(repeating: rule + String(repeating: " ", count: width - 1), count: rest)
            }
            return out
        }
        let blank = String(repeating: " ", count: Self.stepWidth)
        /// A field beneath a step, wrapped in its lane, continuation lines indented further.
        func note(_ lane: Int?, _ text: String, _ style: Style?) -> [String] {
            Self.wrap([text], room(lane) - 4).enumerated().map { i, piece in
                let shown = (i == 0 ? "  " : "    ") + piece
                return line(blank, lane, style.map { paint(shown, $0) } ?? shown, visible: shown.count)
            }
        }

        var out =
            Self.wrap([lanes.title], self.width).map { paint($0, .bold) } + Self.wrap([lanes.subtitle], self.width) + [
                ""
            ]
        out.append(
            pad(" step", Self.stepWidth)
                + lanes.lanes.map { "  " + paint($0, .header) + String(repeating: " ", count: width - 2 - $0.count) }
                .joined())
        out.append(line(pad("    0", Self.stepWidth), 0, "initial state", visible: 13))
        for field in lanes.initial { out += note(0, "\(field.name) = \(field.value)", .dim) }
        for row in lanes.rows {
            let breaks = !row.broken.isEmpty
            let digits = String(row.step)
            let number = pad(
                (breaks ? "✗" : " ") + String(repeating: " ", count: max(0, 4 - digits.count)) + digits, Self.stepWidth)
            let pieces = Self.wrap(cellUnits(row), room(row.lane) - 2)
            for (i, piece) in pieces.enumerated() {
                if i > 0 {
                    out.append(line(blank, row.lane, "  " + piece, visible: piece.count + 2))
                    continue
                }
                let label = row.context.label
                let body =
                    piece.hasPrefix(label)
                    ? paint(label, breaks ? .red : style(of: row.context)) + piece.dropFirst(label.count) : piece
                out.append(line(breaks ? paint(number, .red) : number, row.lane, body, visible: piece.count))
            }
            for change in row.changes { out += note(row.lane, change.summary, nil) }
            if breaks { out += note(row.lane, "✗ broken here: " + row.broken.joined(separator: ", "), .red) }
        }
        out.append(
            lanes.breakingStep.map { "\(lanes.property ?? "a property") breaks at step \($0)" }
                ?? "(no step breaks \(lanes.property ?? "a property"))")
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// What a row shows in its lane: `t0@cpu0 alloc(task: 0) → object 2`; a step on every CPU
    /// says so.
    func cell(_ row: Swimlanes.Row) -> String { cellUnits(row).joined(separator: " ") }

    /// The parts of a row's cell, which a wrap keeps whole where they fit.
    func cellUnits(_ row: Swimlanes.Row) -> [String] {
        [row.context.label, row.action, row.outcome, row.lane == nil ? "(every cpu)" : ""].filter { !$0.isEmpty }
    }

    /// `units` joined by spaces into lines of at most `columns` characters: a unit moves whole to
    /// the next line where it fits there, and one longer than a line breaks at its last space
    /// that fits (or, with none, at the edge).
    static func wrap(_ units: [String], _ columns: Int) -> [String] {
        let columns = max(columns, 8)
        var lines: [String] = []
        var current = ""
        for unit in units {
            if current.isEmpty || current.count + 1 + unit.count <= columns {
                current += (current.isEmpty ? "" : " ") + unit
            } else {
                lines.append(current)
                current = unit
            }
            while current.count > columns {
                let window = current.prefix(columns + 1)
                let cut =
                    window.lastIndex(of: " ").flatMap { $0 > current.startIndex ? $0 : nil }
                    ?? current.index(current.startIndex, offsetBy: columns)
                lines.append(String(current[..<cut]))
                current = String(current[cut...].drop { $0 == " " })
            }
        }
        return lines + [current]
    }
}

/// The same swimlanes as `TextRenderer`, as an SVG a person opens in a browser: a shaded column
/// per CPU, a box per step in its CPU's column (coloured by context), the fields it changed
/// beneath, and the breaking step in red.
public struct SVGRenderer: Sendable {
    public init() {}

    let font = 12.0
    /// DejaVu Sans Mono's advance at 12 px, rounded up: text widths are estimated, not measured.
    let charWidth = 7.3
    let line = 16.0
    let margin = 16.0
    let stepColumn = 44.0
    let maxLaneChars = 46

    struct Palette {
        var fill: String
        var stroke: String
    }

    func palette(_ kind: Context.Kind, breaks: Bool) -> Palette {
        if breaks { return Palette(fill: "#fde2e1", stroke: "#c62828") }
        switch kind {
        case .task: return Palette(fill: "#e0f2f1", stroke: "#00897b")
        case .interrupt: return Palette(fill: "#f3e5f5", stroke: "#8e24aa")
        case .reap: return Palette(fill: "#fff8e1", stroke: "#f9a825")
        case .everyCPU: return Palette(fill: "#e3f2fd", stroke: "#1e88e5")
        }
    }

    public func render(_ lanes: Swimlanes) -> String {
        let cellChars = lanes.rows.map { [$0.context.label, $0.action, $0.outcome].joined(separator: " ").count }
        let laneChars = min(cellChars.max() ?? 20, maxLaneChars)
        let laneWidth = Double(laneChars) * charWidth + 28
        /// Change lines wrap to stay inside their lane.
        let wrapAt = laneChars - 1
        func laneX(_ lane: Int) -> Double { margin + stepColumn + Double(lane) * laneWidth }
        var body: [String] = []
        var widest = laneX(lanes.lanes.count) + margin
        func text(_ x: Double, _ y: Double, _ s: String, _ attributes: String = "") {
            body.append(
                "<text x=\"\(f(x))\" y=\"\(f(y))\"\(attributes.isEmpty ? "" : " " + attributes)>\(escape(s))</text>")
            widest = max(widest, x + Double(s.count) * charWidth + margin)
        }

        var y = margin + font
        text(margin, y, lanes.title, "font-weight=\"bold\" font-size=\"14\"")
        y += line
        text(margin, y, lanes.subtitle, "fill=\"#555\"")
        y += line
        var legendX = margin
        for (name, kind, breaks) in legend {
            let colours = palette(kind, breaks: breaks)
            body.append(
                "<rect x=\"\(f(legendX))\" y=\"\(f(y))\" width=\"10\" height=\"10\" fill=\"\(colours.fill)\" stroke=\"\(colours.stroke)\"/>"
            )
            text(legendX + 14, y + 9, name, "fill=\"#555\"")
            legendX += 14 + Double(name.count + 3) * charWidth
        }
        y += line * 1.5
        let lanesTop = y
        for (i, name) in lanes.lanes.enumerated() {
            text(laneX(i) + 8, y + font, name, "font-weight=\"bold\"")
        }
        text(margin, y + font, "step", "fill=\"#555\"")
        y += line * 1.75

        text(margin, y + font, "0", "fill=\"#555\"")
        text(laneX(0) + 8, y + font, "initial state", "font-style=\"italic\"")
        y += line
        for field in lanes.initial {
            for (i, part) in wrap("\(field.name) = \(field.value)", wrapAt).enumerated() {
                text(laneX(0) + 16 + (i > 0 ? 2 * charWidth : 0), y + font, part, "fill=\"#777\"")
                y += line
            }
        }
        y += line / 2

        for row in lanes.rows {
            let breaks = !row.broken.isEmpty
            let colours = palette(row.context.kind, breaks: breaks)
            let x = row.lane.map(laneX) ?? laneX(0)
            let width = row.lane == nil ? laneWidth * Double(lanes.lanes.count) : laneWidth
            body.append(
                "<line x1=\"\(f(margin))\" y1=\"\(f(y))\" x2=\"\(f(laneX(lanes.lanes.count)))\" y2=\"\(f(y))\" stroke=\"#e0e0e0\"/>"
            )
            y += 4
            // The box's label wraps inside it, as the terminal's does in its lane: context, step
            // and outcome each kept whole where they fit.
            let label = row.context.label
            let boxChars = row.lane == nil ? laneChars * lanes.lanes.count : laneChars - 1
            let pieces = TextRenderer.wrap([label, row.action, row.outcome].filter { !$0.isEmpty }, boxChars)
            body.append(
                "<rect class=\"step\" x=\"\(f(x + 4))\" y=\"\(f(y))\" width=\"\(f(width - 8))\" "
                    + "height=\"\(f(line * Double(pieces.count) + 6))\" rx=\"4\" "
                    + "fill=\"\(colours.fill)\" stroke=\"\(colours.stroke)\" stroke-width=\"\(breaks ? 2 : 1)\"/>")
            text(
                margin, y + font + 3, (breaks ? "✗ " : "") + "\(row.step)",
                breaks ? "fill=\"#c62828\" font-weight=\"bold\"" : "fill=\"#555\"")
            for (i, piece) in pieces.enumerated() {
                var rest = Substring(piece)
                var spans = ""
                if i == 0, rest.hasPrefix(label) {
                    spans += "<tspan font-weight=\"bold\" fill=\"\(colours.stroke)\">\(escape(label))</tspan>"
                    rest = rest.dropFirst(label.count)
                }
                if !row.outcome.isEmpty, rest.hasSuffix(row.outcome) {
                    spans +=
                        escape(String(rest.dropLast(row.outcome.count)))
                        + "<tspan font-weight=\"bold\">\(escape(row.outcome))</tspan>"
                } else {
                    spans += escape(String(rest))
                }
                body.append(
                    "<text x=\"\(f(x + 10))\" y=\"\(f(y + font + 3 + line * Double(i)))\" xml:space=\"preserve\">\(spans)</text>"
                )
            }
            y += line * Double(pieces.count) + 10
            for change in row.changes {
                for (i, part) in wrap(change.summary, wrapAt).enumerated() {
                    text(x + 16 + (i > 0 ? 2 * charWidth : 0), y + font - 2, part, "fill=\"#333\"")
                    y += line
                }
            }
            if breaks {
                for (i, part) in wrap("✗ broken here: " + row.broken.joined(separator: ", "), wrapAt).enumerated() {
                    text(
                        x + 16 + (i > 0 ? 2 * charWidth : 0), y + font - 2, part,
                        "fill=\"#c62828\" font-weight=\"bold\"")
                    y += line
                }
            }
            y += 4
        }
        let height = y + margin
        var lanesSVG: [String] = []
        for i in lanes.lanes.indices {
            lanesSVG.append(
                "<rect class=\"lane\" x=\"\(f(laneX(i)))\" y=\"\(f(lanesTop))\" width=\"\(f(laneWidth))\" "
                    + "height=\"\(f(height - lanesTop - margin))\" fill=\"\(i % 2 == 0 ? "#f5f5f5" : "#fafafa")\" stroke=\"#ddd\"/>"
            )
        }
        let width = widest.rounded(.up)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" \
            font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\(f(font))">
            <title>\(escape(lanes.title))</title>
            <rect width="100%" height="100%" fill="white"/>

            """ + (lanesSVG + body).joined(separator: "\n")
                + "\n</svg>\n"
    }

    let legend: [(name: String, kind: Context.Kind, breaks: Bool)] = [
        ("task", .task(0), false), ("interrupt", .interrupt, false), ("reap", .reap, false),
        ("tune", .everyCPU, false), ("breaks the property", .everyCPU, true),
    ]

    /// `text` in lines of at most `width` characters, broken at spaces outside brackets (a
    /// word longer than `width` keeps its own line); lines after the first are drawn indented.
    func wrap(_ text: String, _ width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in Change.words(text) {
            let room = lines.isEmpty ? width : width - 2
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        return lines + [current]
    }

    func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

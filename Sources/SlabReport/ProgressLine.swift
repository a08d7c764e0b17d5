import ExplicitChecker
import Foundation
import SlabChecker
import SymbolicChecker

/// The one-line progress report of a long search, redrawn in place on a terminal's stderr:
/// `small: 1.23M states  209k states/s  depth 17  queue 3.40M  1m23s  mem 1.2 GiB`.
public enum ProgressLine {
    public static func render(_ s: ExplicitStatistics, label: String) -> String {
        "\(label): \(count(s.distinctStates)) states  \(count(Int(s.statesPerSecond))) states/s  depth \(s.depth)"
            + "  queue \(count(s.frontier))  \(duration(s.seconds))  mem \(bytes(s.peakMemoryBytes))"
    }

    /// `medium: bmc depth 4  checking conservation  last check 2.1s  1m23s  mem 1.2 GiB`: what a
    /// Z3 engine is asking, at which depth (induction's k), and how long its last check took.
    public static func render(_ p: SymbolicProgress, label: String, engine: Engine, peakMemoryBytes: Int) -> String {
        let step = engine == .induction ? "k" : "depth"
        let work =
            switch p.work {
            case .building: "building the relation"
            case .checking(let name): "checking \(name)"
            case .reached: "done"
            }
        let last = p.lastCheckSeconds.map { "  last check \(duration($0))" } ?? ""
        return
            "\(label): \(engine.rawValue) \(step) \(p.depth)  \(work)\(last)  \(duration(p.seconds))  mem \(bytes(peakMemoryBytes))"
    }

    /// The line drawn over the previous one (carriage return, then erase to the end of the line).
    public static func redraw(_ text: String) -> String { "\r\u{1B}[K" + text }

    /// What erases the progress line once the search is done, so the report starts clean.
    public static let erase = "\r\u{1B}[K"

    /// 999, 12.3k, 4.56M, 1.23G.
    static func count(_ n: Int) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where Double(n) >= scale {
            let value = Double(n) / scale
            return String(format: value < 10 ? "%.2f%@" : value < 100 ? "%.1f%@" : "%.0f%@", value, suffix)
        }
        return "\(n)"
    }

    /// 4.2s, 1m23s, 2h05m.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        if whole < 60 { return String(format: "%.1fs", seconds) }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02ds", whole % 60) }
        return "\(whole / 3600)h" + String(format: "%02dm", whole / 60 % 60)
    }

    /// 512 MiB, 1.2 GiB.
    static func bytes(_ n: Int) -> String {
        n >= 1 << 30 ? String(format: "%.1f GiB", Double(n) / Double(1 << 30)) : "\(n >> 20) MiB"
    }
}

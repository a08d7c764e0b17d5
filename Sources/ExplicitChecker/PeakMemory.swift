import Foundation

/// The process's peak resident memory, from `/proc/self/status` (`VmHWM`), in bytes; 0 where
/// there is no such file.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        // "VmHWM:\t  26000 kB", or with no space at all after the tab once the number is long.
        let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

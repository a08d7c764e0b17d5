import Foundation

/// The process's peak resident memory, from `/proc/self/status` (`VmHWM`), in bytes; 0 where
/// there is no such file.
public func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        // "VmHWM:\t  26000 kB", or with no space at all after the tab once the number is long.
        let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

/// The process's resident memory now, from `/proc/self/statm` (its second field, in pages), in
/// bytes; 0 where there is no such file. Cheap enough to read between batches of states.
func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = statm.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

import Foundation

/// Foundation's machine facts, kept in one place so the rest of the module needs no Foundation.
enum ProcessInfoShim {
    static var physicalMemory: UInt64 { ProcessInfo.processInfo.physicalMemory }
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

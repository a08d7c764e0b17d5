import Foundation

/// A pseudo-terminal to hand a child process as its stderr, so that it draws its progress line
/// (drawn only on a terminal), and a test can wait for what that line says instead of a fixed time.
public final class PseudoTerminal {
    /// The side the child writes to.
    public let handle: FileHandle
    private let controller: Int32
    private var subordinate: Int32?
    /// Everything the child has written so far.
    public private(set) var text = ""

    public init() throws {
        var controller: Int32 = -1
        var subordinate: Int32 = -1
        guard openpty(&controller, &subordinate, nil, nil, nil) == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "openpty failed: errno \(errno)"])
        }
        self.controller = controller
        self.subordinate = subordinate
        handle = FileHandle(fileDescriptor: subordinate, closeOnDealloc: false)
    }

    /// Closes this process's copy of the child's side once the child has it, so that reading ends
    /// when the child exits.
    public func childStarted() {
        if let subordinate { close(subordinate) }
        subordinate = nil
    }

    /// Reads what the child wrote, waiting at most `seconds` for the first byte. The child blocks
    /// when the terminal's buffer is full, so a test drains it while it waits.
    @discardableResult public func drain(waiting seconds: Double) -> Bool {
        var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0, poller.revents & Int16(POLLIN) != 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(controller, &buffer, buffer.count)
        guard count > 0 else { return false }
        text += String(decoding: buffer[0..<count], as: UTF8.self)
        return true
    }

    /// Reads what is left once the child has exited.
    public func drainToEnd() {
        while drain(waiting: 0) {}
    }

    deinit {
        if let subordinate { close(subordinate) }
        close(controller)
    }
}

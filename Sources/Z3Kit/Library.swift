import CZ3

/// Facts about the linked libz3 itself, shared by all contexts of the process.
public enum Z3Library {
    /// The version of the libz3 the process runs with, e.g. "Z3 4.8.12.0".
    public static var version: String {
        Z3_get_full_version().map { String(cString: $0) } ?? "unknown"
    }

    /// Z3's own count of the bytes it has allocated, over all contexts of the process. A
    /// steady value across repeated work means no Z3 object is leaking inside a live context
    /// (which LeakSanitizer cannot see: deleting the context frees such objects).
    public static var estimatedAllocatedBytes: Int {
        Int(clamping: Z3_get_estimated_alloc_size())
    }
}

/// LeakSanitizer's suppressions for this test binary: the XCTest harness (which runs before Swift
/// Testing in `swift test`, although this target has no XCTest tests) leaks 144 bytes of its own in
/// XCTMainMisc. Only that library is suppressed; every leak of CSlab is still reported.
@_cdecl("__lsan_default_suppressions")
public func lsanDefaultSuppressions() -> UnsafePointer<CChar> {
    let s: StaticString = "leak:libXCTest.so\n"
    return UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)
}

import CSlab
import Testing

@Suite("AddressSanitizer")
struct SanitizerTests {
    @Test("under ASan, free objects and dead pages are poisoned and held objects are not")
    func poisoning() throws {
        let w = try #require(World(config(num: 4, limit: 2, batchcount: 1, pages: 2, freeLimit: 100)))
        guard cslab_built_with_asan() == 1 else {
            #expect(cslab_object_poisoned(w.w, 0) == -1)
            return
        }
        #expect(cslab_object_poisoned(w.w, 0) == 1)  // dead page
        #expect(w.allocNow(0).object == 0)
        #expect(cslab_object_poisoned(w.w, 0) == 0)  // held
        #expect(cslab_object_poisoned(w.w, 1) == 1)  // on the free chain
        #expect(cslab_object_poisoned(w.w, 4) == 1)  // slot 1 is dead
        w.free(0, 0)
        #expect(cslab_object_poisoned(w.w, 0) == 1)  // in the CPU's array
    }

    #if compiler(>=6.2)
    @Test(
        "under ASan, CSLAB_UAF_REAL lets a stale-ac access to a tuned-away array hit poisoned memory",
        .enabled(if: cslab_built_with_asan() == 1, "needs an AddressSanitizer build (CI's second stage)"))
    func realUseAfterFreeIsCaught() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = World(
                config(num: 2, limit: 2, batchcount: 1, pages: 2, tasks: 1, uaf: CSLAB_UAF_REAL, tunings: [(4, 2, 1)]),
                CSLAB_STALE_AC)!
            _ = w.alloc(0)
            _ = w.tune(0)
            _ = w.growDone(0, true)  // reads the freed array: ASan aborts the process
        }
        let report = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(report.contains("use-after-poison"), "\(report.prefix(2000))")
        #expect(report.contains("cache_alloc_refill"))
    }
    #endif
}

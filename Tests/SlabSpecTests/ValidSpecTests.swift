import Foundation
import SlabModel
import SlabSpec
import Testing

@Suite struct ValidSpecTests {
    @Test func fullSpecParsesToExactlyWhatItSays() throws {
        let text = """
            # tiny: two CPUs, two slabs of two objects
            name: tiny
            cpus: 2
            num: 2
            limit: 2
            batchcount: 1
            sharedLimit: 0
            batchRefillLimit: 16
            freeLimit: 3
            pages: 2
            tasks: 1                 # optional; default = cpus
            variant: stale-ac
            events: interrupts reap grow-failure migration tuning
            tune: limit=4 batchcount=2 sharedFactor=1
            tune: limit=8 batchcount=4 sharedFactor=0
            check: ac-current, no-bug conservation
            bound: depth=20 states=1000000 seconds=60 memory=8GB
            expect: violates ac-current

            """
        let spec = try Spec.parse(text, path: "specs/ignored.spec")
        #expect(spec.name == "tiny")
        #expect(spec.path == "specs/ignored.spec")
        #expect(
            spec.configuration
                == Configuration(
                    cpus: 2, num: 2, limit: 2, batchcount: 1, sharedLimit: 0, batchRefillLimit: 16, freeLimit: 3,
                    pages: 2, growMayFail: true, tasks: 1, migration: true,
                    tuning: [
                        .init(limit: 4, batchcount: 2, sharedFactor: 1),
                        .init(limit: 8, batchcount: 4, sharedFactor: 0),
                    ],
                    interrupts: true, reap: true))
        #expect(spec.variant == .staleAc)
        #expect(spec.properties == [.acCurrent, .noBug, .conservation])
        #expect(spec.bounds == Bounds(depth: 20, states: 1_000_000, seconds: 60, memoryBytes: 8 << 30))
        #expect(spec.expectation == .violates(.acCurrent))
        #expect(spec.locations["cpus"] == at(3, 1))
        #expect(spec.locations["expect"] == at(18, 1))
        #expect(spec.locations["tune"] == at(14, 1))
        #expect(spec.tuneLocations == [at(14, 1), at(15, 1)])
    }

    @Test func omittedOptionalKeysTakeTheirDefaults() throws {
        let spec = try Spec.parse(specText(), path: "specs/base.spec")
        #expect(spec.name == "base")
        #expect(spec.configuration.tasks == 2)
        #expect(!spec.configuration.interrupts && !spec.configuration.reap)
        #expect(!spec.configuration.growMayFail && !spec.configuration.migration)
        #expect(spec.configuration.tuning.isEmpty)
        #expect(spec.bounds == Bounds())
        #expect(spec.expectation == .holds)
        #expect(spec.locations["tasks"] == nil)
    }

    @Test func checkAllResolvesToEveryBuiltInProperty() throws {
        let spec = try Spec.parse(specText(["check": "all"]), path: "a.spec")
        #expect(spec.properties == BuiltInProperty.allCases)
    }

    @Test func eventsNoneSwitchesEverythingOff() throws {
        let spec = try Spec.parse(specText(adding: ["events: none"]), path: "a.spec")
        #expect(!spec.configuration.interrupts && !spec.configuration.reap && !spec.configuration.migration)
    }

    @Test func commentsBlankLinesTabsAndCRLFAreIgnored() throws {
        let text =
            "# header\r\n\r\n" + specText(["cpus": "\t2\t# two # CPUs"]).replacingOccurrences(of: "\n", with: "\r\n")
        let spec = try Spec.parse(text, path: "a.spec")
        #expect(spec.configuration.cpus == 2)
        #expect(spec.locations["cpus"] == at(3, 1))
    }

    @Test(arguments: [
        ("1048576", 1_048_576), ("1KB", 1024), ("512MB", 512 << 20), ("8GB", 8 << 30),
    ])
    func memoryBoundAcceptsBytesAndBinarySuffixes(text: String, bytes: Int) throws {
        let spec = try Spec.parse(specText(adding: ["bound: memory=\(text)"]), path: "a.spec")
        #expect(spec.bounds.memoryBytes == bytes)
    }

    @Test func boundItemsMayBeGivenInAnyOrderAndSubset() throws {
        let spec = try Spec.parse(specText(adding: ["bound: seconds=1.5, depth=0"]), path: "a.spec")
        #expect(spec.bounds == Bounds(depth: 0, seconds: 1.5))
    }

    @Test func violatedPropertyListedInCheckIsAccepted() throws {
        let spec = try Spec.parse(
            specText(["variant": "overrun-slab", "check": "inuse-bounds", "expect": "violates inuse-bounds"]),
            path: "a.spec")
        #expect(spec.variant == .overrunSlab)
        #expect(spec.expectation == .violates(.inuseBounds))
    }

    @Test func errorPrintsLikeACompilerDiagnostic() {
        let error = SpecError(path: "specs/x.spec", location: at(3, 7), message: "boom")
        #expect(error.description == "specs/x.spec:3:7: error: boom")
        #expect(SpecError(path: "x.spec", location: nil, message: "gone").description == "x.spec: error: gone")
    }
}

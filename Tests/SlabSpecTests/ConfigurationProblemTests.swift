import Foundation
import SlabModel
import SlabSpec
import Testing

/// Configurations the kernel (or the model) refuses are errors at the value that set the field.
@Suite struct ConfigurationProblemTests {
    @Test(arguments: [
        ("limit", "0", 3, "limit must be at least 1"),
        ("batchcount", "0", 4, "batchcount must be in 1...limit"),
        ("batchcount", "3", 4, "got 3 with limit 2"),
        ("sharedLimit", "-1", 5, "sharedLimit must be at least 0"),
        ("cpus", "0", 1, "cpus must be at least 1"),
        ("num", "0", 2, "num must be at least 1"),
        ("pages", "0", 8, "pages must be at least 1"),
        ("freeLimit", "-3", 7, "freeLimit must be at least 0"),
        ("batchRefillLimit", "-1", 6, "batchRefillLimit must be at least 0"),
    ])
    func kernelRejectedConfigurationPointsAtTheField(key: String, value: String, line: Int, phrase: String) {
        let found = errors(specText([key: value]))
        #expect(hasError(found, at: at(line, valueColumn(key)), containing: phrase))
        #expect(found.allSatisfy { $0.location?.line == line || $0.message.contains("batchcount") })
    }

    @Test func zeroCpusIsReportedOnceNotAgainForTheDefaultedTasks() {
        let found = errors(specText(["cpus": "0"]))
        #expect(found.count == 1)
    }

    @Test func explicitTasksZeroIsReportedAtTasks() {
        let found = errors(specText(adding: ["tasks: 0"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 8), containing: "tasks must be at least 1"))
    }

    @Test func migrationWithOneCpuPointsAtTheMigrationEvent() {
        let found = errors(specText(["cpus": "1"], adding: ["events: reap migration"]))
        #expect(found.count == 1)
        #expect(hasError(found, at: at(12, 14), containing: "migration needs at least 2 cpus"))
    }

    @Test func badTuningPointsAtItsOwnTuneLine() {
        let found = errors(
            specText(adding: [
                "events: tuning",
                "tune: limit=4 batchcount=2 sharedFactor=1",
                "tune: limit=0 batchcount=1 sharedFactor=-1",
                "tune: limit=2 batchcount=3 sharedFactor=0",
            ]))
        #expect(found.map(\.location) == [at(14, 7), at(14, 7), at(14, 7), at(15, 7)])
        #expect(found[0].message.contains("tuning #2: limit must be at least 1"))
        #expect(found[2].message.contains("tuning #2: sharedFactor must be at least 0"))
        #expect(found[3].message.contains("tuning #3: batchcount must be in 1...limit"))
    }

    /// The format's own example turns on `migration` with one CPU, which the model refuses.
    @Test func briefExampleIsRefusedForMigrationOnOneCpu() {
        let text = """
            # tiny: one CPU, two slabs of two objects; the smallest cache that grows and reaps
            name: tiny
            cpus: 1
            num: 2
            limit: 2
            batchcount: 1
            sharedLimit: 0
            batchRefillLimit: 16
            freeLimit: 3
            pages: 2
            tasks: 1                 # optional; default = cpus
            variant: seed            # or a mutant name from Documentation/Model.md (Mutants)
            events: interrupts reap grow-failure migration tuning    # any subset, space separated; `none` for none
            tune: limit=4 batchcount=2 sharedFactor=1   # repeatable; each adds one Configuration.Tuning; requires `tuning` in events
            check: all               # or space/comma separated property names from §4
            bound: depth=20 states=1000000 seconds=60 memory=8GB   # all optional keys; memory accepts KB/MB/GB suffixes or bytes
            expect: holds            # or: violates <property-name>
            """
        let found = errors(text)
        #expect(found.count == 1)
        #expect(hasError(found, at: at(13, 38), containing: "migration needs at least 2 cpus"))
        #expect(errors(text.replacingOccurrences(of: "cpus: 1", with: "cpus: 2")).isEmpty)
    }
}

import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What pipelines read: one JSON document with numbers as numbers and bad specs as error objects,
/// JUnit XML, and the version.
@Suite struct MachineReadableOutputTests {
    @Test func checkJSONOnGoodAndBadSpecsIsOneValidDocumentWithErrorObjects() throws {
        let folder = try temporaryFolder()
        let bad = "\(folder)/bad.spec"
        try "name: bad\ncpus: 1\nnum: two\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try runSlabcheck(["check", "--json", "--out", folder, "Specs/tiny.spec", bad])
        #expect(run.status == 2)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let entries = try #require(document as? [[String: Any]], "\(run.stdout)")
        #expect(entries.count == 2)
        let tiny = try #require(entries.first { $0["spec"] as? String == "Specs/tiny.spec" })
        #expect(tiny["met"] as? Bool == true)
        let statistics = try #require(tiny["statistics"] as? [String: Any])
        #expect(statistics["seconds"] is NSNumber && !(statistics["seconds"] is String))
        let broken = try #require(entries.first { $0["spec"] as? String == bad })
        let errors = try #require(broken["errors"] as? [[String: Any]])
        let first = try #require(errors.first { ($0["message"] as? String)?.contains("two") == true }, "\(errors)")
        #expect(first["file"] as? String == bad)
        #expect(first["line"] as? Int == 3)
        #expect(first["column"] as? Int == 6)
    }

    /// What the text report says beside a verdict the JSON says too: a counterexample that could
    /// not be written (with its path), a violation that is a division by zero, and which kinds of
    /// names the counts are up to.
    @Test func checkJSONCarriesTheTraceWriteErrorTheDivisionByZeroAndTheRenamedKinds() throws {
        let run = try runSlabcheck([
            "check", "--json", "--out", "/proc/no-such-folder", "--property", "ratio = freeObjects / freeObjects == 1",
            "--expect", "violates ratio", "Specs/tiny.spec",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let entry = try #require((document as? [[String: Any]])?.first, "\(run.stdout)")
        let properties = try #require(entry["properties"] as? [[String: Any]])
        let ratio = try #require(properties.first { $0["property"] as? String == "ratio" })
        #expect(ratio["verdict"] as? String == "violated")
        #expect(ratio["dividesByZero"] as? Bool == true)
        let failure = try #require(ratio["traceWriteError"] as? [String: Any], "\(ratio)")
        #expect((failure["path"] as? String)?.hasPrefix("/proc/no-such-folder/") == true)
        let statistics = try #require(entry["statistics"] as? [String: Any])
        #expect(statistics["renamedKinds"] as? [String] == ["tasks", "cpus", "slots", "objects"])
    }

    @Test func checkJUnitWritesATestCasePerSpecAndPropertyWithFailuresForUnmetExpectations() throws {
        let folder = try temporaryFolder()
        let wrong = "\(folder)/wrong.spec"
        let text = try String(contentsOfFile: spec("stale-ac"), encoding: .utf8)
            .replacingOccurrences(of: "expect: violates ac-current", with: "expect: holds")
        try text.write(toFile: wrong, atomically: true, encoding: .utf8)
        let xml = "\(folder)/report.xml"
        let run = try runSlabcheck(["check", "--quiet", "--junit", xml, "--out", folder, "Specs/tiny.spec", wrong])
        #expect(run.status == 1)
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: xml))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 2)
        let tinyCases = try document.nodes(forXPath: "/testsuites/testsuite[@name='Specs/tiny.spec']/testcase")
        #expect(tinyCases.count == 11, "ten built-in properties and the expectation")
        #expect(try document.nodes(forXPath: "/testsuites/testsuite[@name='Specs/tiny.spec']//failure").isEmpty)
        let failures = try document.nodes(forXPath: "/testsuites/testsuite[@name='\(wrong)']/testcase[failure]/@name")
        #expect(failures.compactMap(\.stringValue).sorted() == ["ac-current", "expect: holds"])
    }

    @Test func randomAndDifferentialPrintOneJSONDocument() throws {
        let random = try runSlabcheck([
            "random", "--json", "Specs/tiny.spec", "--runs", "5", "--steps", "10", "--out", try temporaryFolder(),
        ])
        #expect(random.status == 0, "\(random.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(random.stdout.utf8)) as? [String: Any])
        #expect(report["runsAsked"] as? Int == 5 && report["runs"] as? Int == 5 && report["steps"] as? Int == 50)
        #expect(report["met"] as? Bool == true && report["failure"] is NSNull)
        let differential = try runSlabcheck(["differential", "--json", "--steps", "200", "--only", "tiny"])
        #expect(differential.status == 0, "\(differential.stderr)")
        let lockstep = try #require(
            try JSONSerialization.jsonObject(with: Data(differential.stdout.utf8)) as? [String: Any])
        #expect(lockstep["steps"] as? Int == 200)
        #expect(lockstep["seconds"] is NSNumber)
        let names =
            (lockstep["configurations"] as? [[String: Any]])?.compactMap { $0["configuration"] as? String } ?? []
        #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("tiny") }, "\(names)")
    }

    @Test func showPrintsTheStepsAsOneJSONDocument() throws {
        let run = try runSlabcheck(["show", "--json", "Counterexamples/shared-wrong-end-conservation.itf.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["breakingStep"] as? Int == 9)
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.count == 9)
        #expect(steps.last?["broken"] as? [String] == ["conservation"])
        let bad = try runSlabcheck(["show", "--json", "no/such.itf.json"])
        #expect(bad.status == 2)
        let refused = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        #expect((refused["errors"] as? [[String: Any]])?.first?["file"] as? String == "no/such.itf.json")
    }

    @Test func theRootCommandPrintsItsVersion() throws {
        let run = try runSlabcheck(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("slabcheck "))
    }
}

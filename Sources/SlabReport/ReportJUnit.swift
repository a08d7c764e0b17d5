import Foundation
import SlabChecker
import SlabSpec

/// The JUnit XML report of `check --junit FILE`, so that CI systems show verdicts natively: a test
/// suite per spec, with a test case per checked property and one for the spec's whole `expect:`
/// (its `cover:` line included). A property whose verdict is not the one expected is a failure, a
/// search a command-line budget cut short is skipped (not judged), and a bad spec is an error.
public enum ReportJUnit {
    public static func render(_ results: [SpecResult], errors: [SpecErrors] = []) -> String {
        var suites: [String] = []
        var tests = 0
        var failures = 0
        var errorCount = 0
        var skipped = 0
        for r in results {
            var cases: [String] = []
            var suiteFailures = 0
            var suiteSkipped = 0
            let time = String(format: "%.3f", r.statistics.seconds)
            for p in r.properties {
                var body = ""
                switch judgement(p, in: r) {
                case .met: break
                case .notMet(let message):
                    body = "<failure message=\"\(escape(message))\"/>"
                    suiteFailures += 1
                case .notJudged(let reason):
                    body = "<skipped message=\"not judged: \(escape(reason))\"/>"
                    suiteSkipped += 1
                }
                cases.append(testcase(r.spec.name, p.property, time, body))
            }
            let whole: String =
                switch r.outcome {
                case .met: ""
                case .notMet: "<failure message=\"expected \(escape(r.spec.expectation.text)): NOT MET\"/>"
                case .notJudged(let reason): "<skipped message=\"not judged: \(escape(reason))\"/>"
                }
            if case .notMet = r.outcome { suiteFailures += 1 }
            if case .notJudged = r.outcome { suiteSkipped += 1 }
            cases.append(testcase(r.spec.name, "expect: \(r.spec.expectation.text)", time, whole))
            suites.append(
                "  <testsuite name=\"\(escape(r.spec.path))\" tests=\"\(cases.count)\" failures=\"\(suiteFailures)\" "
                    + "errors=\"0\" skipped=\"\(suiteSkipped)\" time=\"\(time)\">\n" + cases.joined()
                    + "  </testsuite>\n")
            tests += cases.count
            failures += suiteFailures
            skipped += suiteSkipped
        }
        for bad in errors {
            let path = bad.errors.first?.path ?? ""
            let cases = bad.errors.map {
                testcase(path, "spec", "0", "<error message=\"\(escape($0.description))\"/>")
            }
            suites.append(
                "  <testsuite name=\"\(escape(path))\" tests=\"\(cases.count)\" failures=\"0\" errors=\"\(cases.count)\" "
                    + "skipped=\"0\" time=\"0\">\n" + cases.joined() + "  </testsuite>\n")
            tests += cases.count
            errorCount += cases.count
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"slabcheck\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errorCount)\" skipped=\"\(skipped)\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    enum Judgement {
        case met
        case notMet(String)
        case notJudged(String)
    }

    /// One property's verdict against the spec's `expect:`: under `holds` every property must
    /// hold; under `violates P` only P is judged, and must be violated.
    static func judgement(_ p: PropertyResult, in r: SpecResult) -> Judgement {
        if let expected = r.spec.expectation.violatedName {
            guard p.property == expected else { return .met }
            if case .violated = p.verdict { return .met }
            if let cut = r.budgetCut { return .notJudged(cut.description) }
            return .notMet("expected violated, but the verdict is \(p.verdict.word)")
        }
        switch p.verdict {
        case .holds: return .met
        case .violated(let depth):
            return .notMet("violated in \(depth) steps" + (p.traceFile.map { " (trace: \($0))" } ?? ""))
        case .unknown(let reason): return .notMet("unknown: \(reason)")
        case .bounded(let bound, _):
            if r.request.isSpecBound(bound) { return .met }
            if let cut = r.budgetCut { return .notJudged(cut.description) }
            return .notMet("bounded: \(p.verdict.explanation ?? bound.description)")
        }
    }

    static func testcase(_ classname: String, _ name: String, _ time: String, _ body: String) -> String {
        let open = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\" time=\"\(time)\""
        return body.isEmpty ? open + "/>\n" : open + ">" + body + "</testcase>\n"
    }

    /// Text made safe inside an XML attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case _ where c.value < 0x20: out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

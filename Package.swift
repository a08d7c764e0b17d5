// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "slabcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slabcheck", targets: ["slabcheck"]),
        // What a user's own package needs to check its own properties from Swift Testing: the
        // helpers, the property builders and the model's configurations and variants.
        .library(name: "SlabTesting", targets: ["SlabTesting"]),
        .library(name: "SlabProperty", targets: ["SlabProperty"]),
        .library(name: "SlabModel", targets: ["SlabModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation` for the library products' DocC catalogs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The seam between a model and a checker: states, actions, successors, properties.
        .target(name: "ModelKit"),
        // The SLAB refill and its surroundings, written once over a value domain (concrete here,
        // symbolic for Z3).
        .target(name: "SlabModel", dependencies: ["ModelKit"]),
        // Exhaustive breadth-first search over any ModelKit model.
        .target(name: "ExplicitChecker", dependencies: ["ModelKit"]),
        // Debian's libz3 (libz3-dev ships z3.pc, so pkg-config supplies the flags).
        .systemLibrary(name: "CZ3", path: "Sources/CZ3", pkgConfig: "z3", providers: [.apt(["libz3-dev"])]),
        // Safe, reference-counted Swift wrapper over the Z3 C API, for the symbolic checker.
        .target(name: "Z3Kit", dependencies: ["CZ3"]),
        // Bounded model checking and k-induction with Z3, over the transition relation derived by
        // running SlabModel's own step function on symbolic values.
        .target(name: "SymbolicChecker", dependencies: ["SlabModel", "ModelKit", "Z3Kit"]),
        // Traces in the Informal Trace Format (ITF), written by the checkers and read by replay.
        .target(name: "SlabTrace", dependencies: ["SlabModel", "SlabProperty"]),
        // Counterexamples as swimlanes, for a terminal and as SVG.
        .target(name: "TraceView", dependencies: ["SlabModel", "SlabTrace"]),
        // The `.spec` file format.
        .target(name: "SlabSpec", dependencies: ["SlabModel", "SlabProperty", "SlabTrace"]),
        // Users' own properties: one syntax tree (from Swift builders or spec lines) and one
        // evaluator over ModelValue, so both engines judge them.
        .target(name: "SlabProperty", dependencies: ["SlabModel", "ModelKit"]),
        // Runs a spec on an engine and gathers verdicts and counterexamples.
        .target(
            name: "SlabChecker",
            dependencies: [
                "SlabModel", "ExplicitChecker", "SlabSpec", "SlabTrace", "SymbolicChecker", "Z3Kit", "TraceView",
                "SlabProperty",
            ]),
        // What a check found, for people and for pipelines: text, JSON, JUnit, the progress line.
        .target(
            name: "SlabReport",
            dependencies: [
                "SlabChecker", "SlabModel", "SlabSpec", "SlabTrace", "TraceView", "ExplicitChecker", "ModelKit",
                "SymbolicChecker",
            ]),
        // The engines against each other: BMC's shortest violations and Z3's state counts against
        // breadth-first search, for the cross-check tests and `bench-symbolic`.
        .target(
            name: "CrossChecking",
            dependencies: ["ExplicitChecker", "ModelKit", "SlabModel", "SymbolicChecker", "Z3Kit"]),
        // Swift Testing helpers: `expectHolds`/`expectViolates` on any engine, `expectRandomRunsPass`.
        .target(
            name: "SlabTesting",
            dependencies: ["SlabChecker", "SlabReport", "SlabProperty", "SlabModel", "SlabTrace", "Replay"]),
        // The real allocator: a userspace SLAB in C on real memory (Linux 2.6.9 mm/slab.c's per-CPU
        // refill path) with a deterministic scheduler, on which model counterexamples are replayed.
        .target(
            name: "CSlab",
            path: "Sources/CSlab",
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("pthread")]),
        // Seeded fuzzing of specs, property expressions and traces, from the shipped ones.
        .target(
            name: "SlabFuzz",
            dependencies: ["ModelKit", "SlabChecker", "SlabReport", "SlabSpec", "SlabTrace", "Replay", "TraceView"]),
        // Replays model traces on the real allocator and runs the two in lockstep.
        .target(name: "Replay", dependencies: ["ModelKit", "SlabModel", "SlabTrace", "CSlab", "SlabProperty"]),
        .executableTarget(
            name: "slabcheck",
            dependencies: [
                "SlabChecker", "SlabModel", "SlabSpec", "SlabTrace", "Replay", "SymbolicChecker", "Z3Kit", "TraceView",
                "SlabProperty", "ModelKit", "SlabFuzz", "SlabReport", "CrossChecking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Helpers every test target shares: the package's paths, running the built binary,
        // counterexamples found once.
        .target(
            name: "TestSupport", dependencies: ["ExplicitChecker", "ModelKit", "SlabModel", "SlabTrace"],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "SlabPropertyTests",
            dependencies: ["SlabTesting", "SlabProperty", "SlabModel", "SlabChecker", "Replay"]),
        .testTarget(
            name: "SlabModelTests", dependencies: ["SlabModel", "ExplicitChecker", "SlabTrace", "TestSupport"]),
        .testTarget(
            name: "SlabCheckerTests",
            dependencies: [
                "SlabChecker", "SlabReport", "SlabModel", "SlabProperty", "SlabSpec", "SlabTrace", "TestSupport",
            ]),
        .testTarget(name: "SlabSpecTests", dependencies: ["SlabSpec", "SlabProperty", "ModelKit"]),
        .testTarget(name: "SlabTraceTests", dependencies: ["SlabTrace", "SlabModel", "TestSupport"]),
        .testTarget(name: "Z3KitTests", dependencies: ["Z3Kit"]),
        .testTarget(
            name: "SymbolicCheckerTests",
            dependencies: ["SymbolicChecker", "CrossChecking", "SlabChecker", "SlabModel", "Z3Kit", "TestSupport"]),
        .testTarget(name: "CSlabTests", dependencies: ["CSlab"]),
        .testTarget(name: "TraceViewTests", dependencies: ["TraceView", "SlabTrace", "SlabModel", "TestSupport"]),
        .testTarget(name: "SlabFuzzTests", dependencies: ["SlabFuzz", "TestSupport"]),
        .testTarget(
            name: "ReplayTests",
            dependencies: ["Replay", "SlabModel", "SlabTrace", "ExplicitChecker", "ModelKit", "TestSupport"]),
        // The built `slabcheck` run as a user runs it: its commands, exit statuses, output and
        // signals. Depending on the executable builds it before these run.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "slabcheck", "TestSupport", "ExplicitChecker", "SlabChecker", "SlabReport", "SlabModel", "SlabProperty",
                "SlabSpec",
                "SlabTrace", "SymbolicChecker",
            ]),
    ]
)

// Warnings are errors in every target of this package: a warning left in is a question nobody
// answered. (SwiftPM applies this to the package being built and to local dependents only.)
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
    target.cSettings = (target.cSettings ?? []) + [.treatAllWarnings(as: .error)]
}

// swift-tools-version: 6.1
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
                "SlabModel", "ExplicitChecker", "SlabSpec", "SlabTrace", "SymbolicChecker", "Z3Kit", "TraceView", "SlabProperty",
            ]),
        // Swift Testing helpers: `expectHolds`/`expectViolates` on any engine, `expectRandomRunsPass`.
        .target(name: "SlabTesting", dependencies: ["SlabChecker", "SlabProperty", "SlabModel", "SlabTrace", "Replay"]),
        // The real allocator: a userspace SLAB in C on real memory (Linux 2.6.9 mm/slab.c's per-CPU
        // refill path) with a deterministic scheduler, on which model counterexamples are replayed.
        .target(
            name: "CSlab",
            path: "Sources/CSlab",
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("pthread")]),
        // Seeded fuzzing of specs, property expressions and traces, from the shipped ones.
        .target(name: "SlabFuzz", dependencies: ["ModelKit", "SlabChecker", "SlabSpec", "SlabTrace", "Replay", "TraceView"]),
        // Replays model traces on the real allocator and runs the two in lockstep.
        .target(name: "Replay", dependencies: ["ModelKit", "SlabModel", "SlabTrace", "CSlab", "SlabProperty"]),
        .executableTarget(
            name: "slabcheck",
            dependencies: [
                "SlabChecker", "SlabModel", "SlabSpec", "SlabTrace", "Replay", "SymbolicChecker", "Z3Kit", "TraceView",
                "SlabProperty", "ModelKit", "SlabFuzz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "SlabPropertyTests", dependencies: ["SlabTesting", "SlabProperty", "SlabModel", "SlabChecker", "Replay"]),
        .testTarget(name: "SlabModelTests", dependencies: ["SlabModel", "ExplicitChecker", "SlabTrace"]),
        .testTarget(name: "SlabCheckerTests", dependencies: ["SlabChecker", "SlabModel", "SlabProperty", "SlabSpec", "SlabTrace"]),
        .testTarget(name: "SlabSpecTests", dependencies: ["SlabSpec", "SlabProperty", "ModelKit"]),
        .testTarget(name: "Z3KitTests", dependencies: ["Z3Kit"]),
        .testTarget(name: "SymbolicCheckerTests", dependencies: ["SymbolicChecker", "SlabChecker", "SlabModel", "Z3Kit"]),
        .testTarget(name: "CSlabTests", dependencies: ["CSlab"]),
        .testTarget(name: "TraceViewTests", dependencies: ["TraceView", "SlabTrace", "SlabModel"]),
        .testTarget(name: "SlabFuzzTests", dependencies: ["SlabFuzz"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "SlabModel", "SlabTrace", "ExplicitChecker", "ModelKit"]),
    ]
)

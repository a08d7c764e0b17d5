// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "slabcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slabcheck", targets: ["slabcheck"]),
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
        // Traces in the Informal Trace Format (ITF), written by the checkers and read by replay.
        .target(name: "SlabTrace", dependencies: ["SlabModel"]),
        // The `.spec` file format.
        .target(name: "SlabSpec", dependencies: ["SlabModel"]),
        // Runs a spec on an engine and gathers verdicts and counterexamples.
        .target(name: "SlabChecker", dependencies: ["SlabModel", "ExplicitChecker", "SlabSpec", "SlabTrace"]),
        .executableTarget(
            name: "slabcheck",
            dependencies: [
                "SlabChecker", "SlabModel", "SlabSpec", "SlabTrace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "SlabModelTests", dependencies: ["SlabModel", "ExplicitChecker", "SlabTrace"]),
        .testTarget(name: "SlabCheckerTests", dependencies: ["SlabChecker"]),
        .testTarget(name: "SlabSpecTests", dependencies: ["SlabSpec"]),
    ]
)

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
        // The `.spec` file format.
        .target(name: "SlabSpec", dependencies: ["SlabModel"]),
        .executableTarget(
            name: "slabcheck",
            dependencies: [
                "SlabModel", "ExplicitChecker", "SlabSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The real allocator: a userspace SLAB in C on real memory (Linux 2.6.9 mm/slab.c's per-CPU
        // refill path) with a deterministic scheduler, on which model counterexamples are replayed.
        .target(
            name: "CSlab",
            path: "Sources/CSlab",
            exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("pthread")]),
        .testTarget(name: "CSlabTests", dependencies: ["CSlab"]),
        .testTarget(name: "SlabModelTests", dependencies: ["SlabModel", "ExplicitChecker"]),
        .testTarget(name: "SlabSpecTests", dependencies: ["SlabSpec"]),
    ]
)

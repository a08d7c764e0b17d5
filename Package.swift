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
        // Debian's libz3 (libz3-dev ships z3.pc, so pkg-config supplies the flags).
        .systemLibrary(
            name: "CZ3", path: "Sources/CZ3", pkgConfig: "z3", providers: [.apt(["libz3-dev"])]),
        // Safe, reference-counted Swift wrapper over the Z3 C API, for the symbolic checker.
        .target(name: "Z3Kit", dependencies: ["CZ3"]),
        .testTarget(name: "SlabModelTests", dependencies: ["SlabModel", "ExplicitChecker"]),
        .testTarget(name: "SlabSpecTests", dependencies: ["SlabSpec"]),
        .testTarget(name: "Z3KitTests", dependencies: ["Z3Kit"]),
    ]
)

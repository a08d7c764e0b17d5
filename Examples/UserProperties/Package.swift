// swift-tools-version: 6.1
import PackageDescription

// A user's own package: its properties of the SLAB refill, checked by slabcheck from Swift
// Testing. CI builds and tests it from a clean clone (`.ci/run`), so the products it names stay
// the ones a user can depend on.
let package = Package(
    name: "UserProperties",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `name:` because SwiftPM knows a path dependency by its folder's name, and a clone of
        // slabcheck may sit in a folder with another.
        .package(name: "slabcheck", path: "../..")
    ],
    targets: [
        .testTarget(
            name: "UserPropertiesTests",
            dependencies: [
                .product(name: "SlabTesting", package: "slabcheck"),
                .product(name: "SlabProperty", package: "slabcheck"),
                .product(name: "SlabModel", package: "slabcheck"),
            ])
    ]
)

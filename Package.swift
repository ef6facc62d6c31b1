// swift-tools-version: 6.1

import PackageDescription

let package = Package(
    name: "ChipChart",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChipChart", targets: ["ChipChart"]),
        .library(name: "ChipChartTesting", targets: ["ChipChartTesting"]),
        .executable(name: "clinic-day", targets: ["clinic-day"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2")
    ],
    targets: [
        .target(
            name: "ChipChart",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ChipChartTesting",
            dependencies: ["ChipChart"]
        ),
        .executableTarget(
            name: "clinic-day",
            dependencies: ["ChipChart", "ChipChartTesting"],
            path: "Examples/clinic-day"
        ),
        .testTarget(
            name: "ChipChartTests",
            dependencies: ["ChipChart"]
        ),
        .testTarget(
            name: "ChipChartTestingTests",
            dependencies: ["ChipChart", "ChipChartTesting"]
        ),
    ]
)

// Claims and interchange: Decision 130/4750 XML and FHIR R4.
package.products += [
    .library(name: "ChipChartClaims", targets: ["ChipChartClaims"]),
    .library(name: "ChipChartFHIR", targets: ["ChipChartFHIR"]),
    .executable(name: "claims-benchmark", targets: ["claims-benchmark"]),
]
package.targets += [
    .target(name: "ChipChartClaims", dependencies: ["ChipChart"]),
    .target(name: "ChipChartFHIR", dependencies: ["ChipChart"]),
    .executableTarget(
        name: "claims-benchmark",
        dependencies: ["ChipChart", "ChipChartClaims", "ChipChartTesting"],
        path: "Benchmarks/claims-benchmark"
    ),
    .testTarget(
        name: "ChipChartClaimsTests",
        dependencies: ["ChipChart", "ChipChartClaims"],
        exclude: ["Golden"]
    ),
    .testTarget(
        name: "ChipChartFHIRTests",
        dependencies: ["ChipChart", "ChipChartFHIR"],
        exclude: ["Golden"]
    ),
]

// Archives: a store's records as one gzip file of JSON lines.
package.products += [.library(name: "ChipChartArchive", targets: ["ChipChartArchive"])]
package.targets += [
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "ChipChartArchive", dependencies: ["ChipChart", "CZlib"]),
    .testTarget(name: "ChipChartArchiveTests", dependencies: ["ChipChart", "ChipChartArchive", "ChipChartTesting"]),
]

// Upcoming language features, turned on for every target in one place.
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}

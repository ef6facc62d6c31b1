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

// PostgreSQL store: the `PostgreSQL` trait (off by default) brings postgres-nio and builds
// `ChipChartPostgres`; without it the module is empty and its tests are skipped.
package.traits.insert(.trait(name: "PostgreSQL", description: "The PostgreSQL store (ChipChartPostgres)."))
package.dependencies.append(.package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"))
package.products.append(.library(name: "ChipChartPostgres", targets: ["ChipChartPostgres"]))
package.targets += [
    .target(
        name: "ChipChartPostgres",
        dependencies: [
            "ChipChart",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ]
    ),
    .testTarget(
        name: "ChipChartPostgresTests",
        dependencies: [
            "ChipChart",
            "ChipChartTesting",
            "ChipChartPostgres",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ]
    ),
    .executableTarget(
        name: "postgres-benchmark",
        dependencies: [
            "ChipChart",
            "ChipChartTesting",
            "ChipChartPostgres",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
        ],
        path: "Benchmarks/postgres-benchmark"
    ),
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

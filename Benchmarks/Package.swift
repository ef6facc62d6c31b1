// swift-tools-version: 6.1

// ChipChart's benchmarks and the card parsers' fuzzer, kept out of the library's package so that
// building or depending on ChipChart never builds them. Run from the repository's root:
//
//     swift run --package-path Benchmarks -c release sqlite-benchmark
//     swift run --package-path Benchmarks -c release --traits PostgreSQL postgres-benchmark
//
// docs/PERFORMANCE.md has every command and its figures.

import PackageDescription

let chipChart = "ChipChart"
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

func library(_ name: String) -> Target.Dependency {
    .product(name: name, package: chipChart)
}

let package = Package(
    name: "ChipChartBenchmarks",
    platforms: [.macOS(.v15)],
    traits: [
        .trait(name: "PostgreSQL", description: "Builds postgres-benchmark with ChipChart's PostgreSQL store.")
    ],
    dependencies: [
        .package(
            name: chipChart,
            path: "..",
            traits: [.trait(name: "PostgreSQL", condition: .when(traits: ["PostgreSQL"]))]
        ),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // The system SQLite called directly: sqlite-benchmark's baseline.
        .systemLibrary(name: "CSQLiteBaseline", path: "CSQLiteBaseline"),
        // The command-line check every benchmark makes before it starts.
        .target(name: "BenchmarkSupport", path: "BenchmarkSupport"),
        .executableTarget(
            name: "sqlite-benchmark",
            dependencies: [
                "BenchmarkSupport",
                library("ChipChart"), library("ChipChartSQLite"), library("ChipChartTesting"), "CSQLiteBaseline",
                logging,
            ],
            path: "sqlite-benchmark"
        ),
        .executableTarget(
            name: "record-format-benchmark",
            dependencies: [
                "BenchmarkSupport", library("ChipChart"), library("ChipChartSQLite"), library("ChipChartTesting"),
            ],
            path: "record-format-benchmark"
        ),
        .executableTarget(
            name: "archive-benchmark",
            dependencies: [
                "BenchmarkSupport", library("ChipChart"), library("ChipChartArchive"), library("ChipChartSQLite"),
                logging,
            ],
            path: "archive-benchmark"
        ),
        .executableTarget(
            name: "postgres-benchmark",
            dependencies: [
                library("ChipChart"), library("ChipChartTesting"), library("ChipChartPostgres"),
                library("ChipChartArchive"), library("ChipChartSQLite"), logging,
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ],
            path: "postgres-benchmark"
        ),
        .executableTarget(
            name: "claims-benchmark",
            dependencies: [
                "BenchmarkSupport", library("ChipChart"), library("ChipChartClaims"), library("ChipChartTesting"),
            ],
            path: "claims-benchmark"
        ),
        .executableTarget(
            name: "card-benchmark",
            dependencies: ["BenchmarkSupport", library("ChipCard"), library("ChipCardTesting"), library("ChipChart")],
            path: "card-benchmark"
        ),
        .executableTarget(
            name: "card-fuzz",
            dependencies: ["BenchmarkSupport", library("ChipCardTesting")],
            path: "card-fuzz"
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    ]
}

// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Confide",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "confide", targets: ["confide"]),
    .library(name: "ConfideLanguage", targets: ["ConfideLanguage"]),
    .library(name: "ConfideAuthoring", targets: ["ConfideAuthoring"]),
    .library(name: "ConfideStore", targets: ["ConfideStore"]),
    .library(name: "ConfideStatistics", targets: ["ConfideStatistics"]),
    .library(name: "ConfideReports", targets: ["ConfideReports"]),
    .library(name: "ConfideAnalysis", targets: ["ConfideAnalysis"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .target(name: "ConfideDiagnostics", swiftSettings: upcoming),
    .target(name: "ConfideModel", dependencies: ["ConfideDiagnostics"], swiftSettings: upcoming),
    .target(
      name: "ConfideLanguage", dependencies: ["ConfideDiagnostics", "ConfideModel"],
      swiftSettings: upcoming),
    .target(
      name: "ConfideAuthoring",
      dependencies: ["ConfideDiagnostics", "ConfideModel", "ConfideLanguage"],
      swiftSettings: upcoming),
    .target(
      name: "ConfideStore",
      dependencies: [
        "ConfideModel",
        .product(name: "GRDB", package: "GRDB.swift"),
        // The C API, for binding a million rows' values without boxing each one.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: upcoming),
    // Design-based statistics: pure functions over columns, no I/O and no dependencies.
    .target(name: "ConfideStatistics", swiftSettings: upcoming),
    // Reports: the document model, its renderers and disclosure control.
    .target(name: "ConfideReports", dependencies: ["ConfideStatistics"], swiftSettings: upcoming),
    // Runs an analysis plan: reads the store, weights, estimates and builds the report document.
    .target(
      name: "ConfideAnalysis",
      dependencies: ["ConfideModel", "ConfideStore", "ConfideStatistics", "ConfideReports"],
      swiftSettings: upcoming),
    // The statistics benchmark's driver (Benchmarks/statistics-vs-r-svy): the analysis R and svy
    // run, on ConfideStatistics alone.
    .executableTarget(
      name: "StatisticsBenchmark", dependencies: ["ConfideStatistics"],
      path: "Benchmarks/statistics-vs-r-svy/StatisticsBenchmark", swiftSettings: upcoming),
    // Tells glibc's allocator to keep freed memory for reuse (reports make and free many large
    // arrays); C, because Swift cannot see <malloc.h>.
    .target(name: "CAllocatorTuning"),
    .executableTarget(
      name: "confide",
      dependencies: [
        "CAllocatorTuning", "ConfideDiagnostics", "ConfideModel", "ConfideLanguage", "ConfideAuthoring", "ConfideStore",
        "ConfideStatistics", "ConfideReports", "ConfideAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: upcoming),
    .testTarget(
      name: "ConfideLanguageTests",
      dependencies: ["ConfideDiagnostics", "ConfideModel", "ConfideLanguage"],
      resources: [.copy("Fixtures")],
      swiftSettings: upcoming),
    .testTarget(
      name: "ConfideAuthoringTests",
      dependencies: ["ConfideDiagnostics", "ConfideModel", "ConfideLanguage", "ConfideAuthoring"],
      resources: [.copy("Fixtures")],
      swiftSettings: upcoming),
    .testTarget(
      name: "ConfideStoreTests",
      dependencies: ["ConfideModel", "ConfideLanguage", "ConfideStore"],
      resources: [.copy("Fixtures")],
      swiftSettings: upcoming),
    .testTarget(
      name: "ConfideStatisticsTests",
      dependencies: ["ConfideStatistics"],
      resources: [.copy("Fixtures")],
      swiftSettings: upcoming),
    // Golden files are read from the source tree, so that CONFIDE_RECORD=1 can rewrite them.
    .testTarget(
      name: "ConfideReportsTests", dependencies: ["ConfideReports", "ConfideStatistics"], exclude: ["Golden"],
      swiftSettings: upcoming),
    // Runs the shipped plan on a committed simulated sample and compares with R; fixtures are read
    // from the source tree.
    .testTarget(
      name: "ConfideAnalysisTests",
      dependencies: [
        "ConfideAnalysis", "ConfideLanguage", "ConfideModel", "ConfideStore", "ConfideStatistics", "ConfideReports",
      ],
      exclude: ["Fixtures", "Golden"],
      swiftSettings: upcoming),
    // Runs the built `confide` executable; depending on it makes sure it is built first.
    .testTarget(
      name: "ConfideCLITests",
      dependencies: ["confide", "ConfideStore"],
      swiftSettings: upcoming),
  ]
)

import ChipCardTesting
import Foundation
import Testing

/// Seeded mutation fuzzing of every card parser, bounded in time for a debug build.
///
/// `CHIPCARD_FUZZ_ITERATIONS` raises the count per target, `CHIPCARD_FUZZ_TARGETS` (names separated by
/// commas) limits the run to some targets; the `card-fuzz` executable runs a
/// million per target in a release build (docs/PERFORMANCE.md).
/// A hang fails the suite's time limit; the time the runs take depends on what else the machine
/// runs meanwhile (the whole test suite, in parallel), so it is reported, not bounded.
@Suite("Hostile bytes", .timeLimit(.minutes(5)))
struct FuzzTests {
    static let iterations =
        ProcessInfo.processInfo.environment["CHIPCARD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 30_000
    static let targets = ProcessInfo.processInfo.environment["CHIPCARD_FUZZ_TARGETS"].map {
        Set($0.split(separator: ",").map(String.init))
    }

    @Test(arguments: ParserFuzzer.Target.allCases)
    func parserSurvivesMutatedInput(target: ParserFuzzer.Target) async throws {
        if let targets = Self.targets, !targets.contains(target.rawValue) { return }
        let report = try await ParserFuzzer.runYielding(target, iterations: Self.iterations, seed: 0xC0FFEE)
        #expect(report.iterations == Self.iterations)
        #expect(report.rejected > 0, "mutations should produce inputs the parser rejects")
        #expect(report.largestInput <= ParserFuzzer.maximumInputSize)
    }
}

import ChipCardFuzzing
import Foundation
import Testing

/// Seeded mutation fuzzing of every card parser, bounded in time for a debug build.
///
/// `CHIPCARD_FUZZ_ITERATIONS` raises the count per target; the `card-fuzz` executable runs a
/// million per target in a release build (docs/PERFORMANCE.md).
@Suite("Hostile bytes")
struct FuzzTests {
    static let iterations =
        ProcessInfo.processInfo.environment["CHIPCARD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 30_000

    @Test(arguments: ParserFuzzer.Target.allCases)
    func parserSurvivesMutatedInput(target: ParserFuzzer.Target) async throws {
        let report = try await ParserFuzzer.runYielding(target, iterations: Self.iterations, seed: 0xC0FFEE)
        #expect(report.iterations == Self.iterations)
        #expect(report.rejected > 0, "mutations should produce inputs the parser rejects")
        #expect(report.largestInput <= ParserFuzzer.maximumInputSize)
        #expect(report.seconds < 60, "\(report)")
    }
}

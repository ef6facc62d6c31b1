import Foundation
import TestSupport
import Testing

/// The helper that runs the package's executables in tests.
@Suite("Running built executables")
struct BuiltExecutableTests {
    @Test func aMissingExecutableIsAnErrorNotAnotherBuildsCopy() {
        #expect {
            _ = try BuiltExecutable("no-such-executable")
        } throws: { error in
            guard let notFound = error as? BuiltExecutable.NotFound else { return false }
            let elsewhere = notFound.searched.filter {
                $0.contains("/.build/debug/") || $0.contains("/.build/release/")
            }
            return !notFound.searched.isEmpty && elsewhere.isEmpty
        }
    }

    /// A child that fills its standard error before it writes anything on standard output (far
    /// more than a pipe holds) ends, and both are read whole.
    @Test(.timeLimit(.minutes(5)))
    func aChildThatPrintsMuchOnBothPipesEnds() async throws {
        let shell = BuiltExecutable(at: URL(fileURLWithPath: "/bin/sh"))
        let result = try await shell.runInBackground([
            "-c", "head -c 1000000 /dev/zero | tr '\\0' e >&2; head -c 1000000 /dev/zero | tr '\\0' o",
        ])
        #expect(result.status == 0)
        #expect(result.standardError.utf8.count == 1_000_000)
        #expect(result.standardOutput.utf8.count == 1_000_000)
    }

    @Test func theExamplesAreFoundBesideTheTests() throws {
        let records = try BuiltExecutable("records")
        #expect(records.url.lastPathComponent == "records")
        #expect(FileManager.default.isExecutableFile(atPath: records.url.path))
    }
}

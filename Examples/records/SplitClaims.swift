import ChipChart
import ChipChartClaims
import ChipChartSignatures
import ExampleSupport
import Foundation

/// `records claims --split DIR`: one envelope per visit, `<MA_LK>.xml`, each signed when a
/// signer is given, as the insurer's portal takes them one encounter at a time.
struct SplitClaims {
    /// The folder the files go into.
    let folder: String
    /// Whether existing files may be replaced.
    let replace: Bool
    /// The database, which no file may be.
    let database: StoreLocation

    /// Writes each visit's file; returns how many were written.
    func write(
        _ visits: some AsyncSequence<ClaimInput, any Error>,
        envelope: ClaimEnvelope,
        signedBy signer: XMLSigner?
    ) async throws -> Int {
        var count = 0
        for try await input in visits {
            let key = input.visit.key
            guard Self.isFileName(key) else {
                throw Failure.invalid("split", "the visit key (MA_LK) \(key) cannot name a file")
            }
            let output = OutputFile(
                path: URL(fileURLWithPath: folder).appendingPathComponent(key + ".xml").path,
                replace: replace
            )
            try output.check(against: database)
            try await output.write(signedBy: signer) { handle in
                try await Self.export(input, envelope: envelope, to: handle)
            }
            count += 1
        }
        return count
    }

    /// Writes one visit's envelope (`SOLUONGHOSO` 1) to `handle`.
    static func export(_ input: ClaimInput, envelope: ClaimEnvelope, to handle: FileHandle) async throws {
        let one = AsyncStream<ClaimInput> { continuation in
            continuation.yield(input)
            continuation.finish()
        }
        _ = try await ClaimExporter(envelope: envelope).export(one, to: handle, expectedCount: 1)
    }

    /// A key names a file in the folder: no path separator, not hidden, not `..`.
    static func isFileName(_ key: String) -> Bool {
        !key.isEmpty && !key.hasPrefix(".") && !key.contains("/") && !key.contains("\0")
    }
}

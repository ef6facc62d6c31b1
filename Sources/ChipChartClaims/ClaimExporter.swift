import ChipChart
public import Foundation

/// Writes the claims of many visits into one `GIAMDINHHS` envelope as they arrive, so memory
/// stays flat however many visits a date range holds.
///
/// Each claim is built, validated against `Schemas/claims/` and written before the next is read;
/// output is buffered in blocks of ``bufferSize`` bytes. The count `SOLUONGHOSO` comes before the
/// records in the file: pass it when known, or let the exporter write a placeholder and patch it
/// at the end, which needs a seekable file.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: today))
/// try Data().write(to: url)   // FileHandle(forWritingTo:) opens a file that exists
/// let handle = try FileHandle(forWritingTo: url)
/// // visitsOfTheDay: any AsyncSequence of ClaimInput, such as the rows of a store query
/// let summary = try await exporter.export(visitsOfTheDay, to: handle)
/// ```
public struct ClaimExporter: Sendable {
    /// What an export wrote.
    public struct Summary: Hashable, Sendable {
        /// The number of visits (`HOSO`).
        public var claimCount: Int
        /// The number of bytes written.
        public var byteCount: Int
        /// What the claims written add up to.
        public var totals = ClaimTotals()
    }

    /// The facility and date of the envelope.
    public var envelope: ClaimEnvelope
    /// The size of the write buffer in bytes.
    public var bufferSize: Int

    /// An exporter for an envelope.
    public init(envelope: ClaimEnvelope, bufferSize: Int = 1 << 20) {
        self.envelope = envelope
        self.bufferSize = max(4096, bufferSize)
    }

    /// The bytes reserved for the count element: counts up to 10^12 − 1 fit.
    static let countWidth = "<SOLUONGHOSO></SOLUONGHOSO>".utf8.count + 12

    /// Streams claims to a file handle, starting at its current offset.
    ///
    /// - Parameters:
    ///   - inputs: the visits, in the order to write them; `STT` numbers them from 1.
    ///   - handle: where to write; must be seekable when `expectedCount` is `nil`.
    ///   - expectedCount: the number of visits, when known up front (no seeking then).
    /// - Returns: how many visits and bytes were written.
    /// - Throws: ``ClaimsError`` (`invalidClaim` naming the visit and fields, `tooManyDiagnoses`,
    ///   `writeFailed`, `countMismatch`), or what the sequence throws.
    public func export<Inputs: AsyncSequence>(
        _ inputs: Inputs,
        to handle: FileHandle,
        expectedCount: Int? = nil
    ) async throws -> Summary where Inputs.Element == ClaimInput {
        var output = BufferedOutput(handle: handle, capacity: bufferSize)
        try output.write(envelope.headBeforeCount)
        let countOffset = expectedCount == nil ? try output.offset() : 0
        try output.write(
            ClaimEnvelope.countElement(expectedCount ?? 0, width: expectedCount == nil ? Self.countWidth : 0)
        )
        try output.write(ClaimEnvelope.headAfterCount)
        var count = 0
        var totals = ClaimTotals()
        for try await input in inputs {
            try Task.checkCancellation()
            count += 1
            let claim = try Claim(input, sequence: count)
            let violations = claim.violations
            guard violations.isEmpty else {
                throw ClaimsError(
                    code: .invalidClaim,
                    visitKey: claim.key,
                    violations: violations,
                    message: "the claim breaks \(violations.count) field rule(s)"
                )
            }
            try output.write(claim)
            totals += ClaimTotals(claim)
        }
        try output.write(ClaimEnvelope.tail)
        try output.flush()
        if let expectedCount {
            guard expectedCount == count else {
                throw ClaimsError(code: .countMismatch, message: "announced \(expectedCount) claims, wrote \(count)")
            }
        } else {
            try output.patch(ClaimEnvelope.countElement(count, width: Self.countWidth), at: countOffset)
        }
        return Summary(claimCount: count, byteCount: output.written, totals: totals)
    }
}

public import ChipChart

/// A ``CardReader`` that parses QR payloads from a line source, such as a keyboard-wedge scanner
/// on standard input.
///
/// Blank lines (a scanner's stray Enter) are skipped.
///
/// <!-- snippet: mode=compile-only because=it-reads-a-scanner-on-standard-input -->
/// ```swift
/// let reader = QRCodeReader(lines: StandardInputLines())
/// let reading = try await reader.read()
/// ```
public struct QRCodeReader: CardReader {
    private let lines: any LineSource

    /// A reader over a line source.
    public init(lines: any LineSource) { self.lines = lines }

    /// Waits for the next non-blank line and parses it.
    ///
    /// - Throws: `ValidationError` for a malformed payload (see ``ChipChart/CardReading/init(qrCode:)``), or
    ///   `qr` `missing` when the input ends first; the line source's own errors.
    public func read() async throws -> CardReading {
        while let line = try await lines.nextLine() {
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            return try CardReading(qrCode: line)
        }
        throw ValidationError.missing("qr", "the input ended before a QR payload was scanned")
    }
}

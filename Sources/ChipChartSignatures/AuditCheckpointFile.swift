public import Foundation

/// A file of audit checkpoints, one JSON object a line, appended and flushed to disk
/// (`fsync`) one checkpoint at a time: the store's checkpoints kept apart from the store, and
/// exportable as they are.
///
/// Each line holds `sequence` (integer), `headHash` (hex), `atMilliseconds` (integer, since
/// 1970), `certificates` (base64 DER, signing certificate first) and `signature` (base64), with
/// sorted keys.
///
/// <!-- snippet: context=Checkpoints -->
/// ```swift
/// let file = AuditCheckpointFile(url: checkpointsURL)
/// try file.append(checkpoint)
/// let latest = try file.latest()   // nil when the file is empty or absent
/// ```
public struct AuditCheckpointFile: Sendable {
    /// Where the file is.
    public let url: URL

    /// The file at `url` (created by the first ``append(_:)``).
    public init(url: URL) { self.url = url }

    private struct Line: Codable {
        var sequence: Int64
        var headHash: String
        var atMilliseconds: Int64
        var certificates: [String]
        var signature: String
    }

    /// Appends a checkpoint as one line and flushes the file to disk.
    ///
    /// - Throws: ``SignatureError`` `checkpointFileFailed` naming the file when it cannot be
    ///   opened, written or flushed.
    public func append(_ checkpoint: AuditCheckpoint) throws(SignatureError) {
        let line = Line(
            sequence: checkpoint.sequence,
            headHash: checkpoint.headHash,
            atMilliseconds: checkpoint.epochMilliseconds,
            certificates: checkpoint.certificateChain.map(\.base64),
            signature: Data(checkpoint.signature).base64EncodedString()
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(line))
        } catch {
            throw SignatureError(.malformedCheckpoint, "the checkpoint cannot be encoded")
        }
        bytes.append(UInt8(ascii: "\n"))
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw failure("cannot be opened for appending") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw failure("cannot be written") }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw failure("cannot be flushed to disk") }
    }

    /// Every checkpoint of the file, oldest first (none when the file does not exist).
    ///
    /// - Throws: ``SignatureError`` `checkpointFileFailed` when the file cannot be read,
    ///   `malformedCheckpoint` naming the line and the field that cannot be read.
    public func checkpoints() throws(SignatureError) -> [AuditCheckpoint] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw failure("cannot be read")
        }
        var result: [AuditCheckpoint] = []
        for (index, text) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            result.append(try Self.checkpoint(Data(text), line: index + 1))
        }
        return result
    }

    /// The last checkpoint of the file, or `nil` when it has none.
    ///
    /// - Throws: as ``checkpoints()``.
    public func latest() throws(SignatureError) -> AuditCheckpoint? { try checkpoints().last }

    private static func checkpoint(_ text: Data, line number: Int) throws(SignatureError) -> AuditCheckpoint {
        let line: Line
        do {
            line = try JSONDecoder().decode(Line.self, from: text)
        } catch {
            throw SignatureError(.malformedCheckpoint, "line \(number): not a checkpoint (\(error))")
        }
        func base64(_ text: String, _ field: String) throws(SignatureError) -> [UInt8] {
            guard let data = Data(base64Encoded: text) else {
                throw SignatureError(.malformedCheckpoint, "line \(number): \(field) is not base64")
            }
            return Array(data)
        }
        var chain: [Certificate] = []
        for text in line.certificates { chain.append(try Certificate(der: base64(text, "certificates"))) }
        do {
            return try AuditCheckpoint(
                sequence: line.sequence,
                headHash: line.headHash,
                at: Date(timeIntervalSince1970: Double(line.atMilliseconds) / 1000),
                certificateChain: chain,
                signature: base64(line.signature, "signature")
            )
        } catch {
            throw SignatureError(.malformedCheckpoint, "line \(number): \(error.message)")
        }
    }

    private func failure(_ what: String) -> SignatureError {
        SignatureError(.checkpointFileFailed, "the checkpoint file \(url.path) \(what)")
    }
}

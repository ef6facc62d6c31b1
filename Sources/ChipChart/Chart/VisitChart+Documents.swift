import Foundation

extension VisitChart {
    /// The canonical bytes of a document of the chart: its JSON with sorted keys, times in
    /// milliseconds since 1970 and no escaped slashes — for the discharge summary the whole
    /// chart without its signatures, for a result or a note that entry.
    ///
    /// - Throws: ``ValidationError`` naming `signature.document` when the chart holds no such
    ///   document (no discharge yet, no entry at the index).
    public func canonicalBytes(of document: DocumentSignature.Document) throws(ValidationError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let missing = ValidationError(
            field: "signature.document",
            reason: .missing,
            message: "the chart holds no \(document)"
        )
        do {
            switch document {
            case .dischargeSummary:
                guard discharge != nil else { throw missing }
                var summary = self
                summary.signatures = []
                return Array(try encoder.encode(summary))
            case .result(let index):
                guard results.indices.contains(index) else { throw missing }
                return Array(try encoder.encode(results[index]))
            case .note(let index):
                guard notes.indices.contains(index) else { throw missing }
                return Array(try encoder.encode(notes[index]))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError.invalidFormat("signature.document", "\(error)")
        }
    }

    /// The SHA-256 of ``canonicalBytes(of:)``.
    ///
    /// - Throws: as ``canonicalBytes(of:)``.
    public func digest(of document: DocumentSignature.Document) throws(ValidationError) -> [UInt8] {
        SHA256.hash(try canonicalBytes(of: document))
    }
}

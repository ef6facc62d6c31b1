public import Foundation

/// A signature of one document of a visit's chart as of a version of the visit (Circular
/// 13/2025 Art. 3): a clinician's digital signature, or another electronic confirmation — the
/// patient's, by a chip card reading or a PIN pad.
///
/// The signature covers the SHA-256 ``digest`` of the document's canonical bytes
/// (``VisitChart/canonicalBytes(of:)``); read back, ``Charting/signatures(of:verifier:)`` tells
/// whether it still covers the document as it is now (``DocumentSignatureStatus``). Kept in
/// ``VisitChart/signatures``, each in a ``ChartEntry`` naming who signed (or who took the
/// patient's confirmation) and when.
public struct DocumentSignature: Hashable, Sendable, Codable {
    /// A document of a visit.
    public enum Document: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The discharge summary: the whole chart (everything but its signatures), the referral
        /// and the other papers of the discharge included.
        case dischargeSummary
        /// A test or imaging result: the entry at this index of ``VisitChart/results``.
        case result(Int)
        /// A clinical note: the entry at this index of ``VisitChart/notes``.
        case note(Int)

        /// `discharge summary`, `result 0`, `note 2`.
        public var description: String {
            switch self {
            case .dischargeSummary: return "discharge summary"
            case .result(let index): return "result \(index)"
            case .note(let index): return "note \(index)"
            }
        }

        /// The chart section holding the document: its signatures are read and written with it.
        public var section: AccessResource {
            switch self {
            case .dischargeSummary: return .discharge
            case .result: return .results
            case .note: return .clinicalNotes
            }
        }
    }

    /// How the document was signed.
    public enum Method: Hashable, Sendable, Codable {
        /// A digital signature (RSA-SHA256 over the digest's bytes) with this certificate (DER).
        case digitalSignature(certificate: Data, signature: Data)
        /// Another electronic confirmation, and what confirmed it (`chip card reading`, `PIN pad`).
        case confirmation(String)
    }

    /// Who signed: the clinician answerable for the document, or the patient confirming it.
    public enum Signatory: String, Hashable, Sendable, Codable {
        /// The clinician (the entry's author).
        case clinician
        /// The patient, confirmation taken by the entry's author.
        case patient
    }

    /// The document signed.
    public var document: Document
    /// How it was signed.
    public var method: Method
    /// Who signed.
    public var signatory: Signatory
    /// The SHA-256 of the document's canonical bytes when signed, lowercase hex.
    public var digest: String
    /// The visit's version when signed.
    public var visitVersion: Int

    /// A signature of `document`.
    public init(document: Document, method: Method, signatory: Signatory, digest: String, visitVersion: Int) {
        self.document = document
        self.method = method
        self.signatory = signatory
        self.digest = digest
        self.visitVersion = visitVersion
    }
}

/// Whether a stored ``DocumentSignature`` covers its document as it is now.
public enum DocumentSignatureStatus: Hashable, Sendable, CustomStringConvertible {
    /// The document is unchanged and the signature verifies.
    case valid
    /// The document changed after it was signed: the signature covers an earlier version.
    case contentChanged
    /// The signature does not verify over the digest with its certificate.
    case signatureInvalid
    /// The signing certificate is not fit (expired when signed, untrusted …): why.
    case certificateProblem(String)

    /// `valid`, `contentChanged`, `signatureInvalid` or `certificateProblem: WHY`.
    public var description: String {
        switch self {
        case .valid: return "valid"
        case .contentChanged: return "contentChanged"
        case .signatureInvalid: return "signatureInvalid"
        case .certificateProblem(let why): return "certificateProblem: \(why)"
        }
    }
}

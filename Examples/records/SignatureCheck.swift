import ChipChart
import ChipChartSignatures
import Foundation

/// One document signature of a visit, checked: what `records visit` lists for it (the JSON key
/// `signatureChecks` holds these objects).
struct SignatureCheck: Encodable, Equatable {
    /// The document signed: `discharge summary`, `result 0`, `note 2`.
    let document: String
    /// Who signed: `clinician`, or `patient` (a confirmation the entry's author took).
    let signatory: String
    /// `digitalSignature` or `confirmation`.
    let method: String
    /// What confirmed a patient's confirmation (`chip card reading`, `PIN pad`); absent for a
    /// digital signature.
    let confirmedBy: String?
    /// Who signed, or took the patient's confirmation: name and personal ID masked.
    let signer: String
    /// When it was signed.
    let at: Date
    /// Whether it verifies: `valid`, `contentChanged`, `signatureInvalid` or
    /// `certificateProblem: WHY`.
    let status: String

    /// Every signature of `visit` in the order signed, each checked against the document as it is
    /// now and, for a digital signature, its certificate against `policy` as of the signing time.
    static func all(of visit: Visit, trusting policy: CertificatePolicy) throws -> [SignatureCheck] {
        // Checking reads nothing from a store: an empty one stands in for the service's.
        let charting = Charting(store: InMemoryStore(), catalogue: try Catalogue([]))
        let verifier = CertificateDocumentVerifier(policy: policy)
        return charting.signatures(of: visit, verifier: verifier).map { Self(checked: $0.entry, status: $0.status) }
    }

    /// One signature's entry and its status.
    init(checked entry: ChartEntry<DocumentSignature>, status: DocumentSignatureStatus) {
        let signature = entry.content
        if case .confirmation(let what) = signature.method { confirmedBy = what } else { confirmedBy = nil }
        document = signature.document.description
        signatory = signature.signatory.rawValue
        method = confirmedBy == nil ? "digitalSignature" : "confirmation"
        signer = entry.author.description
        at = entry.at
        self.status = status.description
    }

    /// `discharge summary, digital signature of the clinician: valid`, or `discharge summary,
    /// confirmed by the patient (chip card reading): valid`.
    var text: String {
        let how = confirmedBy.map { "confirmed by the \(signatory) (\($0))" } ?? "digital signature of the \(signatory)"
        return "\(document), \(how): \(status)"
    }
}

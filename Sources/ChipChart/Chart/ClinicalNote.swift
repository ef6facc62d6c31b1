/// A dated clinical text of a visit: the presenting complaint, a note on the clinical course,
/// or the treatment given as the discharge paper states it.
public struct ClinicalNote: Hashable, Sendable, Codable {
    /// What the text is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The presenting complaint, in the patient's words as the clinician heard them.
        case complaint
        /// A note on the clinical course (examination findings, progress, a decision).
        case progress
        /// The treatment given, for the discharge paper (`PP_DIEU_TRI`).
        case treatment
    }

    /// What the text is.
    public var kind: Kind
    /// The text.
    public var text: String

    /// A note.
    ///
    /// - Throws: ``ValidationError`` naming `note.text` when it is empty.
    public init(_ kind: Kind, _ text: String) throws(ValidationError) {
        let text = text.trimmingASCIIWhitespace()
        guard !text.isEmpty else {
            throw ValidationError.missing("note.text", "a note has text")
        }
        self.kind = kind
        self.text = text
    }
}

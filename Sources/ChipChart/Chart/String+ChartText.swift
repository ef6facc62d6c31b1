extension String {
    /// The text, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }

    /// The text without surrounding spaces, checked to hold 1 to `maximum` characters, as the
    /// claims field `element` does.
    ///
    /// - Throws: ``ValidationError`` naming `field` (`missing` or `wrongLength`).
    func checkedClaimsText(field: String, element: String, maximum: Int) throws(ValidationError) -> String {
        let text = trimmingASCIIWhitespace()
        guard !text.isEmpty, text.count <= maximum else {
            throw ValidationError(
                field: field,
                reason: text.isEmpty ? .missing : .wrongLength,
                message: "\(element) has 1–\(maximum) characters"
            )
        }
        return text
    }
}

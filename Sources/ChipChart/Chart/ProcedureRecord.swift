public import Foundation

/// A procedure or operation performed during the visit, with its ICD-9-CM code (`MA_PTTT_QT`).
public struct ProcedureRecord: Hashable, Sendable, Codable {
    /// The international procedure code (ICD-9-CM, `MA_PTTT_QT`), such as `86.59`.
    public var code: String
    /// What was done.
    public var name: String
    /// Who performed it.
    public var performer: Staff
    /// When it began.
    public var startedAt: Date
    /// When it ended.
    public var endedAt: Date

    /// A procedure.
    ///
    /// - Throws: ``ValidationError`` naming `procedure.code` (empty or over 125 characters) or
    ///   `procedure.endedAt` (before it began).
    public init(code: String, name: String, performer: Staff, startedAt: Date, endedAt: Date) throws(ValidationError) {
        let code = try code.checkedClaimsText(field: "procedure.code", element: "MA_PTTT_QT", maximum: 125)
        guard endedAt >= startedAt else {
            throw ValidationError.inconsistent("procedure.endedAt", "it ends after it begins")
        }
        self.code = code
        self.name = name
        self.performer = performer
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

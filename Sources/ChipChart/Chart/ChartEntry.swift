public import Foundation

/// One entry of a visit's chart: what was recorded, by whom and when.
///
/// Entries are only ever appended: a correction is a new entry, so the chart of a visit keeps
/// every measurement, note and decision with its author, and ``Charting`` writes each as a new
/// version of the ``Visit`` through a ``ChangeSet``, audited under the same staff member.
public struct ChartEntry<Content: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    /// What was recorded.
    public var content: Content
    /// Who recorded it: the clinician answerable for it.
    public var author: Staff
    /// When it was recorded (or measured, or decided).
    public var at: Date

    /// An entry by a staff member at an instant.
    public init(_ content: Content, by author: Staff, at: Date) {
        self.content = content
        self.author = author
        self.at = at
    }
}

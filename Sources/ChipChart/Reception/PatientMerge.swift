public import Foundation

/// A record of two patient records merged into one: enough to undo it while nothing has
/// changed since.
///
/// The duplicate's visits and coverages move to the survivor; its identifiers are kept on the
/// survivor (active when the survivor had none of that kind, else `merged`) and on the duplicate
/// as `merged`, and the duplicate points to the survivor (``Patient/mergedInto``), so every
/// identifier it had still resolves to the survivor.
public struct PatientMerge: Hashable, Sendable, Codable {
    /// The survivor as it was before the merge.
    public var survivorBefore: Patient
    /// The duplicate as it was before the merge.
    public var duplicateBefore: Patient
    /// The duplicate's coverages as they were before the merge.
    public var coveragesBefore: [Coverage]
    /// The duplicate's visits as they were before the merge.
    public var visitsBefore: [Visit]
    /// The version of each record the merge wrote, by record id: undo requires them unchanged.
    public var versionsAfter: [UUID: Int]
    /// The survivor's coverages and visits right after the merge: undo requires no new ones.
    public var recordsAfter: Set<UUID>
    /// When the merge was committed.
    public var mergedAt: Date

    /// The survivor's id.
    public var survivor: PatientID { survivorBefore.id }
    /// The duplicate's id.
    public var duplicate: PatientID { duplicateBefore.id }
}

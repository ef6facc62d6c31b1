/// One case of a store contract (``RecordStoreConformance``, ``ArchivableStoreConformance``):
/// its name and its check, which the contract's `run` hands what it needs — a fresh store, or a
/// factory of fresh stores.
public struct ConformanceCase<Subject>: Sendable, CustomStringConvertible {
    /// A short name, such as `duplicateIdentifierRejectedAtomically`.
    public let name: String
    let body: @Sendable (Subject, ConformanceCheck) async throws -> Void

    /// The name, which is how a parameterised test lists the case.
    public var description: String { name }
}

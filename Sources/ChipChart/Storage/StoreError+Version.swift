extension StoreError {
    /// Checks one record of a change set against the version stored now, as every backend must.
    ///
    /// A record written at version 0 must not exist yet; a record written at version `n` must
    /// be stored at version `n`.
    ///
    /// - Parameters:
    ///   - given: the version the record was read at (0 for a new record).
    ///   - stored: the version in the store, or `nil` when the record is not there.
    ///   - kind: the kind of record, for the message.
    /// - Throws: ``StoreError`` with code ``Code/versionConflict`` when they disagree.
    public static func checkVersion(_ given: Int, stored: Int?, kind: AuditEvent.RecordKind) throws(StoreError) {
        switch (given, stored) {
        case (0, nil):
            return
        case (0, .some):
            throw StoreError(.versionConflict, "a new \(kind.rawValue) already exists", recordKind: kind)
        case (_, nil):
            throw StoreError(
                .versionConflict,
                "the \(kind.rawValue) at version \(given) does not exist",
                recordKind: kind
            )
        case (let given, .some(let stored)) where given != stored:
            throw StoreError(
                .versionConflict,
                "the \(kind.rawValue) was read at version \(given) but is now at version \(stored)",
                recordKind: kind
            )
        default:
            return
        }
    }
}

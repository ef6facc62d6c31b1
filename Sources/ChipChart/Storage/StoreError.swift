import Foundation

/// An error from a ``RecordStore``: what went wrong, for which record, and why.
///
/// Match on ``code``; new codes are static constants, so adding one never breaks your `switch`
/// (the style of postgres-nio's `PSQLError`).
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// do {
///     try await store.commit(changes)
/// } catch let error as StoreError where error.code == .versionConflict {
///     // re-read and try again
/// }
/// ```
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: StableCode {
        /// The codes. Only the library adds one, as a new static constant, so code that matches on
        /// codes keeps compiling, and no caller can make a code the library does not know.
        private enum Base: String, Sendable {
            case versionConflict
            case duplicateIdentifier
            case openVisitExists
            case missingRecord
            case invalidChangeSet
            case storageFailure
            case incompatibleStorage
            case corruptStorage
            case readOnly
            case notEmpty
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The name written in logs, JSON and the store; it never changes once released.
        public var name: String { base.rawValue }

        /// A record was written with a stale version, or created twice.
        public static let versionConflict = Code(.versionConflict)
        /// An active identifier is already held by another patient.
        public static let duplicateIdentifier = Code(.duplicateIdentifier)
        /// The patient already has an open visit in the same slot (``Visit/openSlot``): the same
        /// facility and kind, and for an outpatient visit the same day.
        public static let openVisitExists = Code(.openVisitExists)
        /// A record the change refers to does not exist.
        public static let missingRecord = Code(.missingRecord)
        /// The change set contradicts itself (the same identifier active twice, a record twice).
        public static let invalidChangeSet = Code(.invalidChangeSet)
        /// The storage engine failed (I/O, disk full, connection lost); nothing was written.
        public static let storageFailure = Code(.storageFailure)
        /// The storage was made by a newer version, or is not a ChipChart store.
        public static let incompatibleStorage = Code(.incompatibleStorage)
        /// The storage is damaged.
        public static let corruptStorage = Code(.corruptStorage)
        /// The storage cannot be written (read-only file or role).
        public static let readOnly = Code(.readOnly)
        /// A restore found the target store holding records or audit events, or a store to be
        /// built from a load found a file at its path.
        public static let notEmpty = Code(.notEmpty)
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for a person; never a full identification number.
    public var message: String
    /// The kind of record concerned, when one is.
    public var recordKind: AuditEvent.RecordKind?
    /// The identifier concerned (masked when printed), for `duplicateIdentifier`.
    public var identifier: PatientIdentifier.Key?
    /// The engine's own error text or result code, when there is one.
    public var underlying: String?

    /// Creates a store error.
    public init(
        _ code: Code,
        _ message: String,
        recordKind: AuditEvent.RecordKind? = nil,
        identifier: PatientIdentifier.Key? = nil,
        underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.recordKind = recordKind
        self.identifier = identifier
        self.underlying = underlying
    }

    /// `code: message`, with the masked identifier and the engine's text when present.
    public var description: String {
        var text = "\(code): \(message)"
        if let identifier { text += " [\(identifier)]" }
        if let underlying { text += " (\(underlying))" }
        return text
    }
}

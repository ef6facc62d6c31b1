public import Foundation

/// One entry of the audit trail: who did what to which record, when, and why.
///
/// Every read and write of patient data produces an event, written in the same transaction as
/// the change. The trail is tamper-evident: each event carries the hash of its predecessor and
/// its own hash over its content, so editing or deleting an event breaks the chain
/// (``AuditChainVerifier``).
///
/// Stores build events from ``Draft``s with ``Draft/sealed(after:)``; they never compute hashes
/// themselves, so every backend produces the same chain.
public struct AuditEvent: Hashable, Sendable, Codable {
    /// What was done.
    public struct Action: NamedKind {
        /// The name written in the store, logs and JSON; it never changes once released.
        public let rawValue: String
        /// The value with this name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A record was read.
        public static let read = Action("read")
        /// A lookup by identifier found no record.
        public static let lookupMissed = Action("lookupMissed")
        /// A search by name listed patients (the detail says how many, never the name).
        public static let search = Action("search")
        /// A record was created.
        public static let create = Action("create")
        /// A record was updated (a new version).
        public static let update = Action("update")
        /// A checkpoint of a trail kept as several chains: its ``AuditEvent/detail`` lists the
        /// head of every chain at that point (``AuditChainHead/checkpointDetail(_:)``).
        public static let checkpoint = Action("checkpoint")
    }

    /// Which kind of record an event concerns.
    public enum RecordKind: String, Hashable, Sendable, Codable {
        /// A patient.
        case patient
        /// A coverage.
        case coverage
        /// A visit.
        case visit
    }

    /// An event before it joins the chain: everything but its position and hashes.
    public struct Draft: Hashable, Sendable {
        /// When it happened (kept to the millisecond).
        public var at: Date
        /// Who acted.
        public var staff: Staff
        /// What was done.
        public var action: Action
        /// The kind of record, when one is concerned.
        public var recordKind: RecordKind?
        /// The record's id, when one is concerned.
        public var recordID: UUID?
        /// The patient concerned, when known.
        public var patientID: PatientID?
        /// Why (the purpose the caller gave, such as `check-in`).
        public var purpose: String
        /// A short, masked detail (an identifier's kind and masked value, a version).
        public var detail: String?

        /// Creates a draft.
        public init(
            at: Date,
            staff: Staff,
            action: Action,
            recordKind: RecordKind? = nil,
            recordID: UUID? = nil,
            patientID: PatientID? = nil,
            purpose: String,
            detail: String? = nil
        ) {
            // What a draft states is what an event states, short of its place in the chain.
            let content = AuditEvent(
                sequence: 0,
                at: Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded(.down) / 1000),
                staff: staff,
                action: action,
                recordKind: recordKind,
                recordID: recordID,
                patientID: patientID,
                purpose: purpose,
                detail: detail,
                previousHash: "",
                hash: ""
            )
            self.init(of: content)
        }

        /// What `event` states, its time exactly as it is.
        init(of event: AuditEvent) {
            at = event.at
            staff = event.staff
            action = event.action
            recordKind = event.recordKind
            recordID = event.recordID
            patientID = event.patientID
            purpose = event.purpose
            detail = event.detail
        }

        /// The event this draft becomes when appended after `previous` (`nil` for the first).
        public func sealed(after previous: AuditEvent?) -> AuditEvent {
            let sequence = (previous?.sequence ?? 0) + 1
            let previousHash = previous?.hash ?? AuditEvent.genesisHash
            return AuditEvent(draft: self, sequence: sequence, previousHash: previousHash)
        }

        /// The event this draft becomes at `sequence`, linked to the event whose hash is
        /// `previousHash`: for a trail kept as several chains, whose sequence numbers come from
        /// elsewhere and may leave gaps.
        public func sealed(sequence: Int64, previousHash: String) -> AuditEvent {
            AuditEvent(draft: self, sequence: sequence, previousHash: previousHash)
        }
    }

    /// The position in the trail, from 1: without gaps in a trail kept as one chain, increasing
    /// with gaps allowed in one kept as several (PostgreSQL).
    public let sequence: Int64
    /// When it happened (to the millisecond).
    public let at: Date
    /// Who acted.
    public let staff: Staff
    /// What was done.
    public let action: Action
    /// The kind of record concerned.
    public let recordKind: RecordKind?
    /// The record concerned.
    public let recordID: UUID?
    /// The patient concerned.
    public let patientID: PatientID?
    /// Why.
    public let purpose: String
    /// A short, masked detail.
    public let detail: String?
    /// The hash of the previous event (64 zeros for the first).
    public let previousHash: String
    /// The SHA-256 of this event's content and `previousHash`, in lowercase hex.
    public let hash: String

    /// The predecessor hash of the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Re-creates a stored event exactly as it was stored (hash included, not recomputed).
    public init(
        sequence: Int64,
        at: Date,
        staff: Staff,
        action: Action,
        recordKind: RecordKind?,
        recordID: UUID?,
        patientID: PatientID?,
        purpose: String,
        detail: String?,
        previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.staff = staff
        self.action = action
        self.recordKind = recordKind
        self.recordID = recordID
        self.patientID = patientID
        self.purpose = purpose
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Re-creates a stored event from what it states and its place in the chain, exactly as it
    /// was stored (hash included, not recomputed).
    public init(_ draft: Draft, sequence: Int64, previousHash: String, hash: String) {
        self.init(
            sequence: sequence,
            at: draft.at,
            staff: draft.staff,
            action: draft.action,
            recordKind: draft.recordKind,
            recordID: draft.recordID,
            patientID: draft.patientID,
            purpose: draft.purpose,
            detail: draft.detail,
            previousHash: previousHash,
            hash: hash
        )
    }

    private init(draft: Draft, sequence: Int64, previousHash: String) {
        let unsealed = AuditEvent(draft, sequence: sequence, previousHash: previousHash, hash: "")
        self = unsealed.withHash(unsealed.computedHash)
    }

    private func withHash(_ hash: String) -> AuditEvent {
        AuditEvent(draft, sequence: sequence, previousHash: previousHash, hash: hash)
    }

    /// What this event states, without its position and hashes, its time exactly as stored:
    /// sealing it again after the same predecessor gives the same event.
    public var draft: Draft { Draft(of: self) }

    /// The milliseconds since 1970 of ``at``: the exact value that is hashed and stored.
    public var epochMilliseconds: Int64 { Int64((at.timeIntervalSince1970 * 1000).rounded()) }

    /// The hash this event's content should have.
    public var computedHash: String {
        var input = AuditHashInput()
        input.field(sequence)
        input.field(epochMilliseconds)
        input.field(staff.name.text)
        input.field(staff.personalID.digits)
        input.field(staff.role.rawValue)
        input.field(action.rawValue)
        input.field(recordKind?.rawValue ?? "")
        input.field(recordID)
        input.field(patientID?.uuid)
        input.field(purpose)
        input.field(detail ?? "")
        input.field(previousHash)
        return SHA256.hex(input.bytes)
    }
}

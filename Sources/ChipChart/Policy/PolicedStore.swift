/// A store that asks an ``AccessPolicy`` before every read and write, then delegates to the
/// store it wraps: it works over any backend.
///
/// A refused read or write throws ``AccessDenied`` and leaves an
/// ``AuditEvent/Action/accessDenied`` event; a chart section the reader may not read is left out
/// of the visit returned (audited as a refusal too); a stored entry a written visit lacks is kept,
/// since the chart only grows. An access allowed only for a stated emergency leaves an
/// ``AuditEvent/Action/emergencyAccess`` event, flagged for review.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let policed = PolicedStore(wrapping: store)
/// let patient = try await policed.patient(identifiedBy: .personalID(id), for: Access(by: receptionist, purpose: "check-in"))
/// ```
public struct PolicedStore: RecordStore {
    /// The store that holds the records.
    public let base: any RecordStore
    /// The policy consulted.
    public let policy: any AccessPolicy
    /// The visits last read or written through this store (shared by copies).
    let memory = VisitMemory()

    /// Wraps `base`, consulting `policy` (``DefaultAccessPolicy`` unless given).
    public init(wrapping base: any RecordStore, policy: any AccessPolicy = DefaultAccessPolicy()) {
        self.base = base
        self.policy = policy
    }

    /// Checks every record and chart section the set writes, then commits it with any emergency
    /// access noted; stored chart entries a visit lacks are kept.
    ///
    /// - Throws: ``AccessDenied`` (nothing is written then, but the refusal's audit event), and
    ///   what the wrapped store throws.
    @discardableResult
    public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
        var checked = changes
        let access = changes.access
        for patient in changes.patients {
            try await check(.write, .patient, access, subject(patient), into: &checked)
        }
        for coverage in changes.coverages {
            try await check(.write, .coverage, access, subject(coverage), into: &checked)
        }
        for visit in changes.visits {
            try await check(.write, .visit, access, subject(visit), into: &checked)
            checked.save(try await checkedChart(of: visit, access, into: &checked))
        }
        var receipt = try await base.commit(checked)
        for visit in receipt.visits { memory.remember(visit) }
        receipt.visits = receipt.visits.map { hidingUnreadable($0, access) }
        return receipt
    }

    /// The patient with this id, if the policy allows reading patients.
    public func patient(_ id: PatientID, for access: Access) async throws -> Patient? {
        try await allowed(.read, .patient, access, (.patient, id.uuid, id))
        return try await base.patient(id, for: access)
    }

    /// The holder of an identifier, if the policy allows reading patients.
    public func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) async throws -> Patient? {
        try await allowed(.read, .patient, access, nil)
        return try await base.patient(identifiedBy: key, for: access)
    }

    /// Patients by name, if the policy allows reading patients.
    public func patients(
        namePrefix: String,
        bornIn birthYear: Int?,
        limit: Int,
        for access: Access
    ) async throws
        -> [Patient]
    {
        try await allowed(.read, .patient, access, nil)
        return try await base.patients(namePrefix: namePrefix, bornIn: birthYear, limit: limit, for: access)
    }

    /// A patient's coverages, if the policy allows reading coverages.
    public func coverages(ofPatient id: PatientID, for access: Access) async throws -> [Coverage] {
        try await allowed(.read, .coverage, access, (.patient, id.uuid, id))
        return try await base.coverages(ofPatient: id, for: access)
    }

    /// The visit, if the policy allows reading visits, without the chart sections it refuses.
    public func visit(_ id: VisitID, for access: Access) async throws -> Visit? {
        try await allowed(.read, .visit, access, (.visit, id.uuid, nil))
        guard let visit = try await base.visit(id, for: access) else { return nil }
        return try await readable(visit, access)
    }

    /// A patient's visits, if the policy allows reading visits, without the chart sections it
    /// refuses.
    public func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit] {
        try await allowed(.read, .visit, access, (.patient, id.uuid, id))
        var visits: [Visit] = []
        for visit in try await base.visits(ofPatient: id, for: access) {
            visits.append(try await readable(visit, access))
        }
        return visits
    }

    /// Asks the policy whether `access` may perform `action` on `resource` outside a record read
    /// or write (reading the claims), auditing a refusal or an emergency access.
    ///
    /// - Throws: ``AccessDenied`` when refused.
    public func require(_ action: AccessAction, _ resource: AccessResource, for access: Access) async throws {
        try await allowed(action, resource, access, nil)
    }

    /// The wrapped store's audit trail (reading it is the reviewer's, outside patient access).
    public func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        try await base.auditEvents(after: sequence, limit: limit)
    }
}

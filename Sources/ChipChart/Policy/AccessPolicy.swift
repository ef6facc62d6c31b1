/// Decides who may read and write what: consulted by the library on every read and write
/// (``PolicedStore``, and the services over it).
///
/// ChipChart ships ``DefaultAccessPolicy``; an embedder supplies its own by conforming a type of
/// its own and passing it to ``PolicedStore/init(wrapping:policy:)`` or to a service.
public protocol AccessPolicy: Sendable {
    /// Whether `access` (its staff member, role, purpose and any emergency reason) may perform
    /// `action` on `resource`.
    func decide(_ action: AccessAction, _ resource: AccessResource, for access: Access) -> AccessDecision
}

/// What an access does to a resource.
public enum AccessAction: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Reads the resource.
    case read
    /// Creates or changes the resource.
    case write

    /// The name, as printed and audited.
    public var description: String { rawValue }
}

/// What an access touches: a kind of record, or a section of a visit's chart, or the claims.
public enum AccessResource: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A patient: demographics and identifiers.
    case patient
    /// A coverage (insurance card).
    case coverage
    /// A visit's administrative part: times, status, line items.
    case visit
    /// Vital signs and measurements (``VisitChart/vitalSigns``).
    case vitalSigns
    /// Clinical notes, diagnoses and procedures (``VisitChart/notes``, ``VisitChart/diagnoses``,
    /// ``VisitChart/procedures``).
    case clinicalNotes
    /// Orders of services, drugs and supplies (``VisitChart/orders``).
    case orders
    /// Test and imaging results (``VisitChart/results``).
    case results
    /// Arrival, transfers and admission (``VisitChart/departments``).
    case movements
    /// The discharge and the cancellation of a visit (``VisitChart/discharge``,
    /// ``VisitChart/cancellation``).
    case discharge
    /// The insurer's claims built from the record.
    case claims

    /// The sections of a visit's chart.
    public static let chartSections: [AccessResource] = [
        .vitalSigns, .clinicalNotes, .orders, .results, .movements, .discharge,
    ]

    /// The name, as printed and audited.
    public var description: String { rawValue }
}

/// What a policy decided.
public enum AccessDecision: Hashable, Sendable {
    /// Allowed.
    case allow
    /// Allowed only because the access states an emergency (break-the-glass): audited as
    /// ``AuditEvent/Action/emergencyAccess`` and flagged for review.
    case allowInEmergency(reason: String)
    /// Refused, with the reason: audited as ``AuditEvent/Action/accessDenied``.
    case deny(reason: String)
}

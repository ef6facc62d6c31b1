/// The access policy ChipChart uses unless given another: a table of what each role may read
/// and write, and break-the-glass for clinicians.
///
/// | Role | Reads | Writes |
/// |---|---|---|
/// | receptionist | patient, coverage, visit, vital signs, movements, claims | patient, coverage, visit |
/// | nurse | all but claims | coverage (a card rechecked), visit, every chart section but the discharge |
/// | physician | everything | visit, every chart section |
/// | laboratoryTechnician | patient, visit, orders, results | visit, results |
/// | claimsOfficer | everything | claims |
/// | administrator | everything | patient, coverage, visit, claims |
/// | system | everything | patient, coverage, visit |
///
/// A role not in ``grants`` may do nothing. A clinician (physician or nurse) whose ``Access``
/// states an emergency (``Access/emergencyReason``) may do what the table refuses: the decision
/// is ``AccessDecision/allowInEmergency(reason:)``, audited and flagged for review. An embedder
/// adapts the table by changing ``grants`` or supplies a policy of its own.
public struct DefaultAccessPolicy: AccessPolicy {
    /// What one role may read and write.
    public struct Grant: Hashable, Sendable {
        /// The resources the role may read.
        public var read: Set<AccessResource>
        /// The resources the role may write.
        public var write: Set<AccessResource>

        /// A grant.
        public init(read: Set<AccessResource>, write: Set<AccessResource>) {
            self.read = read
            self.write = write
        }

        /// The resources for an action.
        public func resources(for action: AccessAction) -> Set<AccessResource> {
            action == .read ? read : write
        }
    }

    /// The table: what each role may read and write.
    public var grants: [Staff.Role: Grant]
    /// The roles that may break the glass in an emergency.
    public var emergencyRoles: Set<Staff.Role>

    /// The default table.
    public init() {
        let all = Set(AccessResource.allCases)
        let clinical = all.subtracting([.claims])
        let records: Set<AccessResource> = [.patient, .coverage, .visit]
        let chart = Set(AccessResource.chartSections).union([.visit])
        grants = [
            .receptionist: Grant(read: records.union([.vitalSigns, .movements, .claims]), write: records),
            .nurse: Grant(read: clinical, write: chart.subtracting([.discharge]).union([.coverage])),
            .laboratoryTechnician: Grant(read: [.patient, .visit, .orders, .results], write: [.visit, .results]),
            .physician: Grant(read: all, write: chart),
            .claimsOfficer: Grant(read: all, write: [.claims]),
            .administrator: Grant(read: all, write: records.union([.claims])),
            .system: Grant(read: all, write: records),
        ]
        emergencyRoles = [.physician, .nurse]
    }

    /// Allows what the role's grant lists; else, for an emergency role stating an emergency,
    /// allows it in emergency; else denies, saying what the role may not do.
    public func decide(_ action: AccessAction, _ resource: AccessResource, for access: Access) -> AccessDecision {
        let role = access.staff.role
        if grants[role]?.resources(for: action).contains(resource) == true { return .allow }
        if emergencyRoles.contains(role), let reason = access.emergencyReason {
            return .allowInEmergency(reason: reason)
        }
        guard grants[role] != nil else { return .deny(reason: "the role \(role) has no access") }
        return .deny(reason: "a \(role) may not \(action) \(resource)")
    }
}

extension Staff.Role {
    /// Performs tests and reports their results.
    public static let laboratoryTechnician = Staff.Role("laboratoryTechnician")
}

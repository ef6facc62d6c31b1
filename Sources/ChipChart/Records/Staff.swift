import Foundation

/// The person acting: every read and write of patient data is attributed to one.
///
/// The insurer's portal requires the looking-up staff member's name and personal ID on every
/// query (`hoTenCb`, `cccdCb`), so a staff member is identified the same way.
public struct Staff: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What the person does.
    public struct Role: NamedKind {
        /// The name written in the store, logs and JSON; it never changes once released.
        public let rawValue: String
        /// The value with this name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Checks people in at a desk.
        public static let receptionist = Role("receptionist")
        /// A physician.
        public static let physician = Role("physician")
        /// A nurse.
        public static let nurse = Role("nurse")
        /// Prepares and sends insurance claims.
        public static let claimsOfficer = Role("claimsOfficer")
        /// Administers the system (merges, migrations, audits).
        public static let administrator = Role("administrator")
        /// An automated job acting on a named person's behalf (a re-verification queue).
        public static let system = Role("system")
    }

    /// The staff member's full name, as registered with the insurer.
    public var name: PersonName
    /// The staff member's personal ID, as registered with the insurer.
    public var personalID: PersonalID
    /// What they do.
    public var role: Role

    /// Creates a staff member.
    public init(name: PersonName, personalID: PersonalID, role: Role = .receptionist) {
        self.name = name
        self.personalID = personalID
        self.role = role
    }

    /// Whether this member is the one stored as these texts, byte for byte: the same name,
    /// personal ID and role. A store reading audit rows takes the member of the row before again
    /// when it is; `==` on strings would also take a name stored decomposed for the same name
    /// composed, and a hash would then be checked over text not stored.
    package func isStored(name: String, personalID: String, role: String) -> Bool {
        self.name.text.utf8.elementsEqual(name.utf8) && self.personalID.digits.utf8.elementsEqual(personalID.utf8)
            && self.role.rawValue.utf8.elementsEqual(role.utf8)
    }

    /// Masked name and ID, for logs.
    public var description: String { "\(name.masked) \(personalID.masked)" }
}

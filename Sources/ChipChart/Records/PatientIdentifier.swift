import Foundation

/// One identifier a patient has held: its kind, value, period of use and status.
///
/// A patient's identifiers form a history: a cancelled personal ID stays `superseded` (and keeps
/// finding the patient), an old CMND stays on record, and a merged patient's identifiers become
/// `merged` on the survivor. Only `active` identifiers are unique across patients; the store
/// enforces that itself.
public struct PatientIdentifier: Hashable, Sendable, Codable {
    /// The kind of identifier.
    public struct Kind: NamedKind {
        /// The name written in the store, logs and JSON; it never changes once released.
        public let rawValue: String
        /// The value with this name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A 12-digit personal ID (CCCD).
        public static let personalID = Kind("personalID")
        /// An old 9- or 12-digit CMND.
        public static let legacyID = Kind("legacyID")
        /// A passport number.
        public static let passport = Kind("passport")
        /// The 10-digit social insurance number.
        public static let socialInsuranceNumber = Kind("socialInsuranceNumber")
        /// The facility's own record number (`MA_BN`).
        public static let facilityRecordNumber = Kind("facilityRecordNumber")
        /// A temporary identifier for an unidentified (emergency) patient.
        public static let temporary = Kind("temporary")
    }

    /// Whether the identifier is in use.
    public enum Status: String, Hashable, Sendable, Codable {
        /// In use; unique among active identifiers of its kind.
        case active
        /// No longer in use (a cancelled number, an old CMND); still finds the patient.
        case superseded
        /// Came from a patient record merged into this one; still finds this patient.
        case merged
    }

    /// The kind.
    public var kind: Kind
    /// The value, normalised by its kind's validation.
    public var value: String
    /// When it was in use, as far as known.
    public var validity: DatePeriod
    /// Whether it is in use.
    public var status: Status

    /// An identifier of a kind, validating the value for the kinds ChipChart knows.
    ///
    /// - Throws: ``ValidationError`` when the value does not fit its kind.
    public init(
        kind: Kind,
        value: String,
        validity: DatePeriod = .unbounded,
        status: Status = .active
    ) throws(ValidationError) {
        self.kind = kind
        self.value = try PatientIdentifier.normalize(value, kind: kind)
        self.validity = validity
        self.status = status
    }

    /// The lookup key: kind and value.
    public var key: Key { Key(kind: kind, normalizedValue: value) }

    /// The value masked for logs.
    public var maskedValue: String { key.maskedValue }

    /// A personal ID as an active identifier.
    public static func personalID(_ id: PersonalID, since start: CalendarDate? = nil) -> PatientIdentifier {
        PatientIdentifier(trusted: .personalID, id.digits, DatePeriod(uncheckedStart: start, end: nil))
    }

    /// A CMND number as an identifier.
    public static func legacyID(_ id: LegacyIDNumber, status: Status = .superseded) -> PatientIdentifier {
        PatientIdentifier(trusted: .legacyID, id.digits, .unbounded, status: status)
    }

    /// A passport number as an active identifier.
    public static func passport(_ number: PassportNumber) -> PatientIdentifier {
        PatientIdentifier(trusted: .passport, number.value, .unbounded)
    }

    /// A social insurance number as an active identifier.
    public static func socialInsuranceNumber(_ number: SocialInsuranceNumber) -> PatientIdentifier {
        PatientIdentifier(trusted: .socialInsuranceNumber, number.digits, .unbounded)
    }

    init(trusted kind: Kind, _ value: String, _ validity: DatePeriod, status: Status = .active) {
        self.kind = kind
        self.value = value
        self.validity = validity
        self.status = status
    }

    static func normalize(_ value: String, kind: Kind) throws(ValidationError) -> String {
        switch kind {
        case .personalID: return try PersonalID(value, field: "identifier.personalID").digits
        case .legacyID: return try LegacyIDNumber(value, field: "identifier.legacyID").digits
        case .passport: return try PassportNumber(value, field: "identifier.passport").value
        case .socialInsuranceNumber:
            return try SocialInsuranceNumber(value, field: "identifier.socialInsuranceNumber").digits
        default:
            return try value.checkedClaimsText(
                field: "identifier.\(kind.rawValue)",
                element: "an identifier",
                maximum: 100
            )
        }
    }
}

extension PatientIdentifier {
    /// What a store looks a patient up by: an identifier's kind and value.
    public struct Key: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The kind.
        public let kind: Kind
        /// The value, normalised.
        public let value: String

        /// A key, validating and normalising the value for its kind.
        ///
        /// - Throws: ``ValidationError`` when the value does not fit its kind.
        public init(kind: Kind, value: String) throws(ValidationError) {
            self.kind = kind
            self.value = try PatientIdentifier.normalize(value, kind: kind)
        }

        init(kind: Kind, normalizedValue: String) {
            self.kind = kind
            self.value = normalizedValue
        }

        /// The key of a personal ID.
        public static func personalID(_ id: PersonalID) -> Key { Key(kind: .personalID, normalizedValue: id.digits) }
        /// The key of a CMND number.
        public static func legacyID(_ id: LegacyIDNumber) -> Key { Key(kind: .legacyID, normalizedValue: id.digits) }
        /// The key of a passport number.
        public static func passport(_ number: PassportNumber) -> Key {
            Key(kind: .passport, normalizedValue: number.value)
        }
        /// The key of a social insurance number.
        public static func socialInsuranceNumber(_ number: SocialInsuranceNumber) -> Key {
            Key(kind: .socialInsuranceNumber, normalizedValue: number.digits)
        }

        /// The value masked for logs: the first three and last two characters at most.
        public var maskedValue: String {
            let keep = value.count > 6 ? 2 : 1
            let head = kind == .personalID ? 3 : 0
            return value.prefix(head) + String(repeating: "*", count: max(0, value.count - head - keep))
                + value.suffix(keep)
        }

        /// `kind:masked`.
        public var description: String { "\(kind.rawValue):\(maskedValue)" }
    }
}

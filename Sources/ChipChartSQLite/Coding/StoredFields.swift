import ChipChart
import Foundation

/// The stored fields of one record type or nested value, in stored order, named as they are
/// stored: what the records' own writers write and readers look for.
///
/// Each list holds exactly the type's stored properties; a test compares it with them, so a
/// property added to a record without its writer and reader learning it fails the build's tests.
protocol StoredFields: RawRepresentable<String>, CaseIterable, Sendable {
    /// The fields found by their stored names.
    static var table: FieldTable<Self> { get }
}

/// Finds a field from the bytes of a stored key. Not generic in its search, so it costs no
/// generic metadata at run time.
struct FieldTable<Field: StoredFields>: Sendable {
    private let fields: [Field]
    private let names: NameTable

    init() {
        fields = Array(Field.allCases)
        names = NameTable(fields.map(\.rawValue))
    }

    /// The field stored under `key`, or `nil` for a key this version does not know.
    func field(_ key: UnsafeRawBufferPointer) -> Field? {
        names.index(of: key).map { fields[$0] }
    }

    /// The field named `name`, or `nil`.
    func field(named name: String) -> Field? { Field(rawValue: name) }
}

/// Names as bytes, found by memory comparison.
struct NameTable: Sendable {
    private let names: [[UInt8]]

    init(_ names: [String]) { self.names = names.map { Array($0.utf8) } }

    /// The index of the name whose bytes are `key`'s.
    func index(of key: UnsafeRawBufferPointer) -> Int? {
        for index in names.indices where names[index].count == key.count {
            let same = names[index].withUnsafeBytes { name -> Bool in
                guard let left = name.baseAddress, let right = key.baseAddress else { return true }
                return memcmp(left, right, key.count) == 0
            }
            if same { return index }
        }
        return nil
    }
}

/// `Patient`'s stored fields.
enum PatientField: String, StoredFields {
    case id, identifiers, idCards, demographics, mergedInto, version
    static let table = FieldTable<Self>()
}

/// `PatientIdentifier`'s stored fields.
enum IdentifierField: String, StoredFields {
    case kind, value, validity, status
    static let table = FieldTable<Self>()
}

/// `IDCardRecord`'s stored fields.
enum IDCardField: String, StoredFields {
    case personalID, issueDate, expiryDate, hasNoExpiry, source
    static let table = FieldTable<Self>()
}

/// `Demographics`' stored fields.
enum DemographicsField: String, StoredFields {
    case name, dateOfBirth, sex, address, nationality, ethnicity, phone
    static let table = FieldTable<Self>()
}

/// `DatePeriod`'s stored fields.
enum PeriodField: String, StoredFields {
    case start, end
    static let table = FieldTable<Self>()
}

/// `Coverage`'s stored fields.
enum CoverageField: String, StoredFields {
    case id, patientID, cardCode, registeredFacility, region, validity, fiveYearDate, status, replaces, replacedBy
    case verification, version
    static let table = FieldTable<Self>()
}

/// The cases of `Coverage.Verification`, each stored as an object's only key.
enum VerificationCase: String, StoredFields {
    case unverified, verified
    static let table = FieldTable<Self>()
}

/// The stored fields of `Coverage.Verification.verified`.
enum VerifiedField: String, StoredFields {
    case at, by, result
    static let table = FieldTable<Self>()
}

/// `Staff`'s stored fields.
enum StaffField: String, StoredFields {
    case name, personalID, role
    static let table = FieldTable<Self>()
}

/// `Visit`'s stored fields. A new field of a nested type off the hot path is one line in
/// ``VisitField/generic`` instead: it is written and read by the generic keyed coder.
enum VisitField: String, StoredFields {
    case id, key, patientID, facility, kind, route, admittedAt, dischargedAt, reason, diagnoses, appliedCoverages
    case lineItems, status, version, awaitsCoverageVerification
    static let table = FieldTable<Self>()

    /// The fields of `Visit` written and read through their `Codable` conformance, after the
    /// others, in this order.
    static let generic: [GenericField<Visit>] = [GenericField("chart", \Visit.storedChartIfAny)]
}

/// `Visit.AppliedCoverage`'s stored fields.
enum AppliedCoverageField: String, StoredFields {
    case coverageID, cardCode, registeredFacility, cardValidity, from, until, unverified
    static let table = FieldTable<Self>()
}

/// `LineItem`'s stored fields.
enum LineItemField: String, StoredFields {
    case kind, code, name, quantity, unitPrice, insurancePrice, inScope, paymentRatePercent, orderedAt
    static let table = FieldTable<Self>()
}

extension Visit {
    /// The chart as stored: absent while empty, so a visit without a chart keeps its bytes.
    var storedChartIfAny: VisitChart? {
        get { chart.isEmpty ? nil : chart }
        set { chart = newValue ?? VisitChart() }
    }
}

import Foundation

/// A patient: a stable id, an identifier history, ID-card records and demographics.
///
/// The current ``PersonalID`` is the lookup key, not the primary key: ``id`` never changes, while
/// ``identifiers`` records every number the person has held (personal IDs, an old CMND, passport,
/// social insurance number, the facility's record number) with its period and status.
///
/// ``version`` is the optimistic-concurrency version the store last wrote (0 for a patient never
/// stored). Pass the patient back unchanged in that field; the store rejects a write whose
/// version is stale.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var patient = Patient(demographics: Demographics(name: name, dateOfBirth: dob, sex: .male))
/// patient.addIdentifier(.personalID(id))
/// var changes = ChangeSet(Access(by: staff, purpose: "registration"))
/// changes.save(patient)
/// try await store.commit(changes)
/// ```
public struct Patient: Identifiable, Hashable, Sendable, Codable, EvolvableRecord {
    /// The stable internal id.
    public var id: PatientID
    /// Every identifier the patient has held.
    public var identifiers: [PatientIdentifier]
    /// Every ID card the patient has shown.
    public var idCards: [IDCardRecord]
    /// Name, birth date, sex, address.
    public var demographics: Demographics
    /// When this record was merged into another, the survivor's id.
    public var mergedInto: PatientID?
    /// The version the store last wrote; 0 before the first commit.
    public var version: Int
    /// Fields a newer version of ChipChart stored that this version does not know, written back
    /// unchanged when the record is rewritten; empty for a record made in memory.
    public var unknownFields = UnknownFields()

    /// The stored fields, in stored order; ``unknownFields`` is kept by the store itself.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, identifiers, idCards, demographics, mergedInto, version
    }

    /// Creates a patient that has not been stored yet.
    public init(
        id: PatientID = PatientID(),
        identifiers: [PatientIdentifier] = [],
        idCards: [IDCardRecord] = [],
        demographics: Demographics,
        mergedInto: PatientID? = nil,
        version: Int = 0
    ) {
        self.id = id
        self.identifiers = identifiers
        self.idCards = idCards
        self.demographics = demographics
        self.mergedInto = mergedInto
        self.version = version
    }

    /// The active personal ID, when the patient has one.
    public var personalID: PersonalID? {
        identifiers.first { $0.kind == .personalID && $0.status == .active }.flatMap { try? PersonalID($0.value) }
    }

    /// The active identifiers of a kind.
    public func activeIdentifiers(of kind: PatientIdentifier.Kind) -> [PatientIdentifier] {
        identifiers.filter { $0.kind == kind && $0.status == .active }
    }

    /// True when any identifier (active, superseded or merged) has this key.
    public func holds(_ key: PatientIdentifier.Key) -> Bool {
        identifiers.contains { $0.kind == key.kind && $0.value == key.value }
    }

    /// Adds an identifier unless the patient already holds the same kind and value.
    ///
    /// - Returns: true when the identifier was added.
    @discardableResult
    public mutating func addIdentifier(_ identifier: PatientIdentifier) -> Bool {
        guard !holds(identifier.key) else { return false }
        identifiers.append(identifier)
        return true
    }

    /// Makes `id` the active personal ID; any other active personal ID becomes superseded,
    /// closed the day before `day`.
    public mutating func adoptPersonalID(_ id: PersonalID, on day: CalendarDate) {
        for index in identifiers.indices
        where identifiers[index].kind == .personalID && identifiers[index].status == .active
            && identifiers[index].value != id.digits
        {
            identifiers[index].status = .superseded
            identifiers[index].validity = identifiers[index].validity.closed(before: day)
        }
        if let index = identifiers.firstIndex(where: { $0.kind == .personalID && $0.value == id.digits }) {
            identifiers[index].status = .active
        } else {
            identifiers.append(.personalID(id, since: day))
        }
    }

    /// Records an ID card unless the same card (number and issue date) is already on record.
    ///
    /// - Returns: true when the card was new.
    @discardableResult
    public mutating func recordCard(_ card: IDCardRecord) -> Bool {
        guard !idCards.contains(where: { $0.isSameCard(as: card) }) else { return false }
        idCards.append(card)
        return true
    }
}

extension Patient {
    /// The names of the fields this version stores.
    public static let storedFieldNames = Set(CodingKeys.allCases.map(\.stringValue))
}

public import ChipChart
import Foundation

/// The contract every ``RecordStore`` must keep, as runnable cases.
///
/// Run every case against a factory that makes a fresh, empty store; a case throws
/// ``ConformanceFailure`` (or the store's own error) when the store breaks the contract.
///
/// <!-- snippet: mode=declarations -->
/// ```swift
/// @Test(arguments: RecordStoreConformance.cases)
/// func conformance(_ check: RecordStoreConformance.Case) async throws {
///     try await check.run { InMemoryStore() }
/// }
/// ```
public enum RecordStoreConformance {
    /// Makes a fresh, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any RecordStore

    /// One contract case, run on a fresh store.
    public typealias Case = ConformanceCase<any RecordStore>

    /// Every case of the contract.
    public static let cases: [Case] = [
        Case(name: "patientRoundTrip", body: patientRoundTrip),
        Case(name: "coverageRoundTrip", body: coverageRoundTrip),
        Case(name: "visitRoundTrip", body: visitRoundTrip),
        Case(name: "lookupByEachIdentifierKind", body: lookupByEachIdentifierKind),
        Case(name: "missingRecordsReadAsNil", body: missingRecordsReadAsNil),
        Case(name: "searchByNameIgnoresCaseAndDiacritics", body: searchByNameIgnoresCaseAndDiacritics),
        Case(name: "duplicateIdentifierRejectedAtomically", body: duplicateIdentifierRejectedAtomically),
        Case(name: "identifierMovesWithinOneChangeSet", body: identifierMovesWithinOneChangeSet),
        Case(name: "versionConflictDetected", body: versionConflictDetected),
        Case(name: "danglingReferenceRejected", body: danglingReferenceRejected),
        Case(name: "supersededIdentifierStillFindsPatient", body: supersededIdentifierStillFindsPatient),
        Case(name: "recordsMoveToAnotherPatient", body: recordsMoveToAnotherPatient),
        Case(name: "auditChainIntactAndComplete", body: auditChainIntactAndComplete),
        Case(name: "concurrentWritersLoseNoUpdate", body: concurrentWritersLoseNoUpdate),
        Case(name: "concurrentRegistrationsMakeOnePatient", body: concurrentRegistrationsMakeOnePatient),
        Case(name: "oneOpenVisitPerSlot", body: oneOpenVisitPerSlot),
        Case(name: "concurrentVisitOpeningsMakeOneVisit", body: concurrentVisitOpeningsMakeOneVisit),
        Case(name: "notesAloneAreKeptAsTheyWere", body: notesAloneAreKeptAsTheyWere),
    ]

    // MARK: - Fixtures

    static func staff() throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"), role: .receptionist)
    }

    static func access(_ purpose: String = "conformance") throws -> Access { Access(by: try staff(), purpose: purpose) }

    static func samplePatient(_ id: String = "001099012345") throws -> Patient {
        var patient = Patient(
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: try DateOfBirth(parsing: "01011999"),
                sex: .male,
                address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                ethnicity: "Kinh",
                phone: "0912345678"
            )
        )
        let personalID = try PersonalID(id)
        patient.identifiers = [
            .personalID(personalID, since: try CalendarDate(year: 2021, month: 4, day: 15)),
            .legacyID(try LegacyIDNumber(String(id.suffix(9)))),
        ]
        patient.idCards = [
            IDCardRecord(
                personalID: personalID,
                issueDate: try CalendarDate(year: 2021, month: 4, day: 15),
                expiryDate: try CalendarDate(year: 2039, month: 1, day: 1),
                source: .chip
            )
        ]
        return patient
    }

    static func sampleCoverage(for patient: Patient, code: String = "DN4010123456789") throws -> Coverage {
        Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode(code),
            registeredFacility: try FacilityCode("01001"),
            region: .k1,
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            fiveYearDate: try CalendarDate(year: 2024, month: 6, day: 1),
            verification: .verified(
                at: Date(timeIntervalSince1970: 1_772_409_600.123),
                by: try staff(),
                result: .valid
            )
        )
    }

    static func sampleVisit(
        for patient: Patient,
        coverage: Coverage?,
        key: String = "01001-20260302-0001"
    ) throws
        -> Visit
    {
        try RecordSamples.closedStay(
            key: key,
            patientID: patient.id,
            appliedCoverages: coverage.map { [Visit.AppliedCoverage($0, from: RecordSamples.admitted)] } ?? [],
            serviceInScope: true
        )
    }

    /// Commits new records in one change set: the patients, their coverages, their visits.
    static func commit(
        _ patients: [Patient],
        _ coverages: [Coverage],
        _ visits: [Visit],
        to store: any RecordStore
    ) async throws {
        var changes = ChangeSet(try access())
        for patient in patients { changes.save(patient) }
        for coverage in coverages { changes.save(coverage) }
        for visit in visits { changes.save(visit) }
        try await store.commit(changes)
    }

    @discardableResult
    static func register(_ patient: Patient, in store: any RecordStore) async throws -> Patient {
        var changes = ChangeSet(try access("registration"))
        changes.save(patient)
        let receipt = try await store.commit(changes)
        return receipt.patients[0]
    }
}

extension ConformanceCase where Subject == any RecordStore {
    /// Runs the case on a fresh store from `makeStore`.
    ///
    /// - Throws: ``ConformanceFailure`` when the store breaks the contract.
    public func run(_ makeStore: RecordStoreConformance.StoreFactory) async throws {
        let store = try await makeStore()
        try await body(store, ConformanceCheck(caseName: name))
    }
}

public import ChipChart
import Foundation

/// The contract every ``RecordStore`` must keep, as runnable cases.
///
/// Run every case against a factory that makes a fresh, empty store; a case throws
/// ``ConformanceFailure`` (or the store's own error) when the store breaks the contract.
///
/// ```swift
/// @Test(arguments: RecordStoreConformance.cases)
/// func conformance(_ check: RecordStoreConformance.Case) async throws {
///     try await check.run { InMemoryStore() }
/// }
/// ```
public enum RecordStoreConformance {
    /// Makes a fresh, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any RecordStore

    /// One contract case.
    public struct Case: Sendable, CustomStringConvertible {
        /// A short name, such as `duplicateIdentifierRejectedAtomically`.
        public let name: String
        let body: @Sendable (any RecordStore, ConformanceCheck) async throws -> Void

        /// Runs the case on a fresh store from `makeStore`.
        ///
        /// - Throws: ``ConformanceFailure`` when the store breaks the contract.
        public func run(_ makeStore: StoreFactory) async throws {
            let store = try await makeStore()
            try await body(store, ConformanceCheck(caseName: name))
        }

        /// The name.
        public var description: String { name }
    }

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
        let admitted = Date(timeIntervalSince1970: 1_772_409_600.5)
        return try Visit(
            key: key,
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            kind: .inpatient,
            route: try Route(code: "1.1"),
            admittedAt: admitted,
            dischargedAt: admitted.addingTimeInterval(3 * 86_400),
            reason: "Sốt cao, ho",
            diagnoses: [try ICD10Code("J18.9"), try ICD10Code("A09")],
            appliedCoverages: coverage.map { [Visit.AppliedCoverage($0, from: admitted)] } ?? [],
            lineItems: [
                try LineItem(
                    kind: .drug,
                    code: "40.17",
                    name: "Paracetamol 500mg",
                    quantity: Decimal(string: "1.5") ?? 1,
                    unitPrice: try Money(parsing: "1250.50"),
                    insurancePrice: try Money(parsing: "1200"),
                    paymentRatePercent: 100,
                    orderedAt: admitted
                ),
                try LineItem(
                    kind: .service,
                    code: "02.1900.0195",
                    name: "Chụp X-quang ngực thẳng",
                    quantity: 1,
                    unitPrice: try Money(parsing: "65400"),
                    insurancePrice: try Money(parsing: "65400"),
                    inScope: true
                ),
            ],
            status: .closed
        )
    }

    @discardableResult
    static func register(_ patient: Patient, in store: any RecordStore) async throws -> Patient {
        var changes = ChangeSet(try access("registration"))
        changes.save(patient)
        let receipt = try await store.commit(changes)
        return receipt.patients[0]
    }

    // MARK: - Cases

    static func patientRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        var patient = try samplePatient()
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-000123"))
        patient.demographics.dateOfBirth = .monthYear(year: 1999, month: 1)
        let stored = try await register(patient, in: store)
        try check.expect(stored.version == 1, "a new patient is stored at version 1, got \(stored.version)")
        let read = try check.unwrap(try await store.patient(patient.id, for: access()), "the patient reads back")
        var expected = patient
        expected.version = 1
        try check.expect(read == expected, "the patient reads back field for field")
    }

    static func coverageRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        var old = try sampleCoverage(for: patient)
        var new = try sampleCoverage(for: patient, code: "HT3010123456789")
        old.status = .replaced
        old.replacedBy = new.id
        old.validity = old.validity.closed(before: try CalendarDate(year: 2026, month: 6, day: 1))
        new.replaces = old.id
        new.verification = .unverified
        var changes = ChangeSet(try access())
        changes.save(patient)
        changes.save(old)
        changes.save(new)
        try await store.commit(changes)
        let read = try await store.coverages(ofPatient: patient.id, for: access())
        old.version = 1
        new.version = 1
        try check.expect(read.count == 2, "both coverages read back, got \(read.count)")
        try check.expect(Set(read) == Set([old, new]), "the coverages read back field for field, links included")
    }

    static func visitRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var visit = try sampleVisit(for: patient, coverage: coverage)
        var changes = ChangeSet(try access())
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        try await store.commit(changes)
        visit.version = 1
        let read = try check.unwrap(try await store.visit(visit.id, for: access()), "the visit reads back")
        try check.expect(read == visit, "the visit reads back field for field (money, quantities, instants)")
        let listed = try await store.visits(ofPatient: patient.id, for: access())
        try check.expect(listed == [visit], "the patient's visits list it")
    }

    static func lookupByEachIdentifierKind(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        var patient = try samplePatient()
        patient.addIdentifier(.passport(try PassportNumber("C1234567")))
        patient.addIdentifier(.socialInsuranceNumber(try SocialInsuranceNumber("0123456789")))
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-000123"))
        patient.addIdentifier(try PatientIdentifier(kind: .temporary, value: "TMP-2026-0001"))
        try await register(patient, in: store)
        let other = try samplePatient("079201000002")
        try await register(other, in: store)
        for identifier in patient.identifiers {
            let found = try await store.patient(identifiedBy: identifier.key, for: access())
            try check.expect(found?.id == patient.id, "lookup by \(identifier.kind) finds the patient")
        }
        let byOther = try await store.patient(identifiedBy: .personalID(try PersonalID("079201000002")), for: access())
        try check.expect(byOther?.id == other.id, "each ID finds its own patient")
        let none = try await store.patient(identifiedBy: .personalID(try PersonalID("001099999999")), for: access())
        try check.expect(none == nil, "an unknown ID finds nobody")
    }

    static func missingRecordsReadAsNil(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try await store.patient(PatientID(), for: access())
        let visit = try await store.visit(VisitID(), for: access())
        let coverages = try await store.coverages(ofPatient: PatientID(), for: access())
        try check.expect(patient == nil && visit == nil && coverages.isEmpty, "unknown ids read as nothing")
    }

    static func searchByNameIgnoresCaseAndDiacritics(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let names = [
            ("001099012345", "Nguyễn Văn A", "01011999"), ("001099012346", "Nguyễn Văn An", "02021999"),
            ("001098012347", "Nguyễn Văn A", "03031998"), ("079201000002", "Đặng Thị Đào", "04042001"),
            ("001099012348", "Trần Văn A", "05051999"),
        ]
        for (id, name, birth) in names {
            var patient = try samplePatient(id)
            patient.identifiers = [.personalID(try PersonalID(id))]
            patient.demographics.name = try PersonName(name)
            patient.demographics.dateOfBirth = try DateOfBirth(parsing: birth)
            try await register(patient, in: store)
        }
        func search(_ prefix: String, _ year: Int?, limit: Int = 10) async throws -> [String] {
            try await store.patients(namePrefix: prefix, bornIn: year, limit: limit, for: access("search"))
                .map { $0.demographics.name.text + " " + String($0.demographics.dateOfBirth.year) }
        }
        let nguyen1999 = try await search("nguyen van a", 1999)
        try check.expect(nguyen1999 == ["Nguyễn Văn A 1999", "Nguyễn Văn An 1999"], "prefix and year: \(nguyen1999)")
        let anyYear = try await search("NGUYEN  VĂN A", nil)
        try check.expect(anyYear.count == 3, "case, spacing and diacritics are ignored: \(anyYear)")
        let stroke = try await search("dang thi dao", nil)
        try check.expect(stroke == ["Đặng Thị Đào 2001"], "đ matches d: \(stroke)")
        let limited = try await search("nguyen", nil, limit: 2)
        try check.expect(limited.count == 2, "the limit holds")
        let none = try await search("le", nil)
        try check.expect(none.isEmpty, "no match lists nothing")
        let events = try await store.auditEvents(after: 0, limit: 1000)
        try check.expect(events.contains { $0.action == .search }, "a search is audited")
        try check.expect(
            !events.contains { ($0.detail ?? "").lowercased().contains("nguyen") },
            "the audit never holds the name"
        )
    }

    static func duplicateIdentifierRejectedAtomically(_ store: any RecordStore, _ check: ConformanceCheck) async throws
    {
        let first = try await register(try samplePatient(), in: store)
        let eventsBefore = try await store.verifyAuditTrail().eventCount
        var duplicate = try samplePatient()
        duplicate.identifiers = [.personalID(try PersonalID("001099012345"))]
        let coverage = try sampleCoverage(for: duplicate)
        let bystander = try samplePatient("079201000002")
        var changes = ChangeSet(try access())
        changes.save(bystander)
        changes.save(duplicate)
        changes.save(coverage)
        try await check.expectStoreError(.duplicateIdentifier) { try await store.commit(changes) }
        let bystanderRead = try await store.patient(bystander.id, for: access())
        try check.expect(bystanderRead == nil, "nothing of the rejected set is written (other patient)")
        let coverages = try await store.coverages(ofPatient: duplicate.id, for: access())
        try check.expect(coverages.isEmpty, "nothing of the rejected set is written (coverage)")
        let holder = try await store.patient(identifiedBy: .personalID(try PersonalID("001099012345")), for: access())
        try check.expect(holder?.id == first.id && holder?.version == 1, "the first holder is unchanged")
        let trail = try await store.auditEvents(after: 0, limit: 10_000)
        let writes = trail.filter { $0.action == .create || $0.action == .update }
        try check.expect(
            writes.count == 1 && trail.count > eventsBefore,
            "the rejected set wrote no audit event of a write (found \(writes.count) writes)"
        )
        var legacyClash = try samplePatient("079201000003")
        legacyClash.identifiers = [
            .personalID(try PersonalID("079201000003")), .legacyID(try LegacyIDNumber("099012345"), status: .active),
        ]
        var first2 = first
        first2.identifiers = first.identifiers.map {
            var i = $0
            i.status = .active
            return i
        }
        var activate = ChangeSet(try access())
        activate.save(first2)
        try await store.commit(activate)
        var clash = ChangeSet(try access())
        clash.save(legacyClash)
        try await check.expectStoreError(.duplicateIdentifier) { try await store.commit(clash) }
    }

    static func identifierMovesWithinOneChangeSet(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        var holder = try await register(try samplePatient(), in: store)
        var receiver = try samplePatient("079201000002")
        let moved = PatientIdentifier.personalID(try PersonalID("001099012345"))
        holder.identifiers = holder.identifiers.map {
            var identifier = $0
            if identifier.key == moved.key { identifier.status = .merged }
            return identifier
        }
        receiver.addIdentifier(moved)
        var changes = ChangeSet(try access("merge"))
        changes.save(holder)
        changes.save(receiver)
        try await store.commit(changes)
        let found = try await store.patient(identifiedBy: moved.key, for: access())
        try check.expect(
            found?.id == receiver.id,
            "an identifier released and taken in one set moves to the new holder"
        )
        var twice = ChangeSet(try access())
        var copy = try samplePatient("001099000777")
        copy.identifiers.append(.personalID(try PersonalID("001099000777")))
        twice.save(copy)
        try await check.expectStoreError(.invalidChangeSet) { try await store.commit(twice) }
    }

    static func versionConflictDetected(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let stored = try await register(try samplePatient(), in: store)
        var first = stored
        first.demographics.phone = "0900000001"
        var second = stored
        second.demographics.phone = "0900000002"
        var winning = ChangeSet(try access())
        winning.save(first)
        let receipt = try await store.commit(winning)
        try check.expect(receipt.patients.first?.version == 2, "an update bumps the version to 2")
        var losing = ChangeSet(try access())
        losing.save(second)
        try await check.expectStoreError(.versionConflict) { try await store.commit(losing) }
        var recreate = ChangeSet(try access())
        var fresh = stored
        fresh.version = 0
        recreate.save(fresh)
        try await check.expectStoreError(.versionConflict) { try await store.commit(recreate) }
        let read = try await store.patient(stored.id, for: access())
        try check.expect(
            read?.demographics.phone == "0900000001" && read?.version == 2,
            "the stale write changed nothing"
        )
        var ghost = try samplePatient("079201000009")
        ghost.version = 3
        var phantom = ChangeSet(try access())
        phantom.save(ghost)
        try await check.expectStoreError(.versionConflict) { try await store.commit(phantom) }
    }

    static func danglingReferenceRejected(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var orphan = ChangeSet(try access())
        orphan.save(coverage)
        try await check.expectStoreError(.missingRecord) { try await store.commit(orphan) }
        try await register(patient, in: store)
        let visit = try sampleVisit(for: patient, coverage: coverage)
        var unknownCoverage = ChangeSet(try access())
        unknownCoverage.save(visit)
        try await check.expectStoreError(.missingRecord) { try await store.commit(unknownCoverage) }
        let visits = try await store.visits(ofPatient: patient.id, for: access())
        try check.expect(visits.isEmpty, "a rejected visit is not written")
    }

    static func supersededIdentifierStillFindsPatient(_ store: any RecordStore, _ check: ConformanceCheck) async throws
    {
        var patient = try await register(try samplePatient(), in: store)
        let oldID = try PersonalID("001099012345")
        let newID = try PersonalID("001099054321")
        patient.adoptPersonalID(newID, on: try CalendarDate(year: 2026, month: 3, day: 2))
        var changes = ChangeSet(try access("new personal ID"))
        changes.save(patient)
        try await store.commit(changes)
        let byOld = try await store.patient(identifiedBy: .personalID(oldID), for: access())
        let byNew = try await store.patient(identifiedBy: .personalID(newID), for: access())
        try check.expect(byOld?.id == patient.id, "the superseded number still finds the patient")
        try check.expect(byNew?.id == patient.id, "the new number finds the patient")
        try check.expect(byNew?.personalID == newID, "the new number is the active one")
        let byLegacy = try await store.patient(identifiedBy: .legacyID(try LegacyIDNumber("099012345")), for: access())
        try check.expect(byLegacy?.id == patient.id, "a superseded CMND finds the patient")
        var other = try samplePatient("079201000002")
        other.identifiers.append(.personalID(oldID))
        other.identifiers = other.identifiers.map {
            var i = $0
            if i.value == oldID.digits { i.status = .superseded }
            return i
        }
        try await register(other, in: store)
        let stillActiveHolder = try await store.patient(identifiedBy: .personalID(newID), for: access())
        try check.expect(
            stillActiveHolder?.id == patient.id,
            "superseded identifiers may repeat without stealing lookups"
        )
    }

    static func recordsMoveToAnotherPatient(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let from = try samplePatient()
        let to = try samplePatient("079201000002")
        var coverage = try sampleCoverage(for: from)
        var visit = try sampleVisit(for: from, coverage: coverage)
        var changes = ChangeSet(try access())
        changes.save(from)
        changes.save(to)
        changes.save(coverage)
        changes.save(visit)
        try await store.commit(changes)
        coverage.version = 1
        visit.version = 1
        coverage.patientID = to.id
        visit.patientID = to.id
        var move = ChangeSet(try access("merge"))
        move.save(coverage)
        move.save(visit)
        try await store.commit(move)
        let fromVisits = try await store.visits(ofPatient: from.id, for: access())
        let fromCoverages = try await store.coverages(ofPatient: from.id, for: access())
        let toVisits = try await store.visits(ofPatient: to.id, for: access())
        let toCoverages = try await store.coverages(ofPatient: to.id, for: access())
        try check.expect(fromVisits.isEmpty && fromCoverages.isEmpty, "moved records leave the first patient's lists")
        try check.expect(toVisits.map(\.id) == [visit.id], "a moved visit lists under its new patient")
        try check.expect(toCoverages.map(\.id) == [coverage.id], "a moved coverage lists under its new patient")
    }

    static func auditChainIntactAndComplete(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var changes = ChangeSet(try access("check-in"))
        changes.save(patient)
        changes.save(coverage)
        let receipt = try await store.commit(changes)
        try check.expect(receipt.auditEvents.count == 2, "one audit event per record written")
        try check.expect(
            receipt.auditEvents.allSatisfy { $0.action == .create && $0.purpose == "check-in" },
            "creates carry the purpose"
        )
        _ = try await store.patient(patient.id, for: access("reading"))
        _ = try await store.patient(identifiedBy: .personalID(try PersonalID("001099099999")), for: access("miss"))
        let events = try await store.auditEvents(after: 0, limit: 100)
        try check.expect(events.count == 4, "writes and reads are audited, got \(events.count) events")
        try check.expect(events.map(\.sequence) == [1, 2, 3, 4], "sequences count from 1 without gaps")
        try check.expect(events[2].action == .read && events[2].patientID == patient.id, "a read names the patient")
        try check.expect(events[3].action == .lookupMissed && events[3].patientID == nil, "a miss is audited too")
        try check.expect(events.allSatisfy { $0.staff == (try? staff()) }, "every event names the staff member")
        try check.expect(events[0] == receipt.auditEvents[0], "the stored events equal those returned by commit")
        try check.expect(
            !events.contains { ($0.detail ?? "").contains("001099099999") },
            "audit details carry masked identifiers only"
        )
        let verification = try await store.verifyAuditTrail()
        try check.expect(verification.isIntact && verification.eventCount == 4, "the chain verifies: \(verification)")
        try check.expect(verification.lastHash == events.last?.hash, "the verifier reports the head hash")
        let page = try await store.auditEvents(after: 2, limit: 1)
        try check.expect(page.map(\.sequence) == [3], "audit events page by sequence")
    }

    static func concurrentWritersLoseNoUpdate(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        var visit = try sampleVisit(for: patient, coverage: nil)
        visit.lineItems = []
        visit.status = .open
        var changes = ChangeSet(try access())
        changes.save(patient)
        changes.save(visit)
        try await store.commit(changes)
        let visitID = visit.id
        let writers = 16
        let conflicts = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var conflicts = 0
                    while true {
                        guard var current = try await store.visit(visitID, for: access("order")) else {
                            return conflicts
                        }
                        current.lineItems.append(
                            try LineItem(
                                kind: .service,
                                code: "SV\(writer)",
                                name: "service \(writer)",
                                quantity: 1,
                                unitPrice: Money(dong: 1000),
                                insurancePrice: Money(dong: 1000)
                            )
                        )
                        var write = ChangeSet(try access("order"))
                        write.save(current)
                        do {
                            try await store.commit(write)
                            return conflicts
                        } catch let error as StoreError where error.code == .versionConflict {
                            conflicts += 1
                        }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let final = try check.unwrap(try await store.visit(visit.id, for: access()), "the visit reads back")
        try check.expect(
            final.lineItems.count == writers,
            "every writer's line is kept: \(final.lineItems.count) of \(writers)"
        )
        try check.expect(Set(final.lineItems.map(\.code)).count == writers, "no line is lost or doubled")
        try check.expect(final.version == writers + 1, "each successful write bumps the version once")
        _ = conflicts
        let verification = try await store.verifyAuditTrail()
        try check.expect(verification.isIntact, "the chain survives concurrent writers: \(verification)")
    }

    static func concurrentRegistrationsMakeOnePatient(_ store: any RecordStore, _ check: ConformanceCheck) async throws
    {
        let attempts = 12
        let successes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<attempts {
                group.addTask {
                    var changes = ChangeSet(try access("check-in"))
                    changes.save(try samplePatient())
                    do {
                        try await store.commit(changes)
                        return 1
                    } catch let error as StoreError where error.code == .duplicateIdentifier {
                        return 0
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        try check.expect(
            successes == 1,
            "exactly one of \(attempts) concurrent registrations of one ID succeeds, got \(successes)"
        )
        let found = try await store.patient(identifiedBy: .personalID(try PersonalID("001099012345")), for: access())
        try check.expect(found != nil, "the registered patient is found")
    }
}

import ChipChart
import Foundation

// Lookups by every identifier kind, name search, and the uniqueness of active identifiers.
extension RecordStoreConformance {
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
}

import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// The matching rules of a check-in (the table in the MatchingRules article), row by row, and the
/// records that were taken over or duplicated before the rules existed.
@Suite("Reception: which record is the person at the desk")
struct ReceptionMatchingTests {
    /// One row of the matching rules: what is stored, what the card says, and what must happen.
    struct Row: Sendable, CustomStringConvertible {
        let description: String
        /// The stored record's identifiers: personal ID, old CMND (active when the record has no
        /// personal ID), social insurance number.
        let storedPersonalID: String?
        let storedCMND: String?
        let storedInsurance: String?
        let storedName: String
        let storedBirth: DateOfBirth
        /// The card at the desk.
        let cardID: String
        let cardCMND: String?
        let cardName: String
        let cardBirth: String
        /// The insurer knows the card's holder by this insurance card (its social insurance number
        /// is the last 10 digits).
        let insurerCard: String
        /// `nil`: a new record is registered; otherwise how the stored record is found.
        let expected: CheckInReceipt.Match?
        let warning: CheckInWarning.Code?
    }

    static let rows: [Row] = [
        Row(
            description: "personal ID: found, even when name and birth date differ",
            storedPersonalID: "001099012345",
            storedCMND: nil,
            storedInsurance: nil,
            storedName: "Lê Thị C",
            storedBirth: .year(1950),
            cardID: "001099012345",
            cardCMND: nil,
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: .personalID,
            warning: .identityDiffers
        ),
        Row(
            description: "old CMND, record without a personal ID, name and birth date agree: found",
            storedPersonalID: nil,
            storedCMND: "012345678",
            storedInsurance: nil,
            storedName: "Nguyen Van A",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: "012345678",
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: .legacyID,
            warning: nil
        ),
        Row(
            description: "old CMND, record without a personal ID, another name: a new record",
            storedPersonalID: nil,
            storedCMND: "012345678",
            storedInsurance: nil,
            storedName: "Trần Thị B",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: "012345678",
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: nil,
            warning: .possibleDuplicate
        ),
        Row(
            description: "old CMND, record without a personal ID, another birth date: a new record",
            storedPersonalID: nil,
            storedCMND: "012345678",
            storedInsurance: nil,
            storedName: "Nguyễn Văn A",
            storedBirth: .year(1988),
            cardID: "001099012345",
            cardCMND: "012345678",
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: nil,
            warning: .possibleDuplicate
        ),
        Row(
            description: "old CMND, record with another personal ID, name and birth date agree: a new record",
            storedPersonalID: "079099000321",
            storedCMND: "012345678",
            storedInsurance: nil,
            storedName: "Nguyễn Văn A",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: "012345678",
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: nil,
            warning: .possibleDuplicate
        ),
        Row(
            description: "insurance number, record without a personal ID, name and birth date agree: found",
            storedPersonalID: nil,
            storedCMND: nil,
            storedInsurance: "0123456789",
            storedName: "Nguyễn Văn A",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: nil,
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: .socialInsuranceNumber,
            warning: nil
        ),
        Row(
            description: "insurance number, record with another personal ID: a new record",
            storedPersonalID: "079099000321",
            storedCMND: nil,
            storedInsurance: "0123456789",
            storedName: "Nguyễn Văn A",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: nil,
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: nil,
            warning: .possibleDuplicate
        ),
        Row(
            description: "insurance number, record with another name: a new record",
            storedPersonalID: nil,
            storedCMND: nil,
            storedInsurance: "0123456789",
            storedName: "Phạm Văn D",
            storedBirth: .year(1999),
            cardID: "001099012345",
            cardCMND: nil,
            cardName: "Nguyễn Văn A",
            cardBirth: "01011999",
            insurerCard: "DN4010123456789",
            expected: nil,
            warning: .possibleDuplicate
        ),
    ]

    @Test("each row of the matching rules", arguments: rows)
    func matchingRule(_ row: Row) async throws {
        let desk = try ReceptionFixture()
        var stored = Patient(
            demographics: Demographics(name: try PersonName(row.storedName), dateOfBirth: row.storedBirth, sex: .male)
        )
        if let id = row.storedPersonalID { stored.identifiers.append(.personalID(try PersonalID(id))) }
        if let cmnd = row.storedCMND {
            let status: PatientIdentifier.Status = row.storedPersonalID == nil ? .active : .superseded
            stored.identifiers.append(.legacyID(try LegacyIDNumber(cmnd), status: status))
        }
        if let number = row.storedInsurance {
            stored.addIdentifier(.socialInsuranceNumber(try SocialInsuranceNumber(number)))
        }
        var changes = ChangeSet(desk.access)
        changes.save(stored)
        try await desk.store.commit(changes)

        let reading = try ReceptionFixture.reading(
            id: row.cardID,
            legacy: row.cardCMND,
            name: row.cardName,
            born: row.cardBirth
        )
        try desk.enrol(reading, card: row.insurerCard)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)

        if let expected = row.expected {
            #expect(receipt.match == expected && receipt.patient.id == stored.id, "found by \(expected)")
        } else {
            #expect(receipt.match == .registered && receipt.patient.id != stored.id, "a record of their own")
            let untouched = try #require(try await desk.store.patient(stored.id, for: desk.access))
            #expect(untouched.version == 1, "the other record is left as it was")
            #expect(untouched.demographics.name.text == row.storedName)
            #expect(try await desk.store.visits(ofPatient: stored.id, for: desk.access).isEmpty)
        }
        let codes = receipt.warnings.map(\.code)
        if let warning = row.warning {
            #expect(codes.contains(warning), "\(codes)")
        } else {
            #expect(!codes.contains(.possibleDuplicate) && !codes.contains(.identityDiffers), "\(codes)")
        }
        let byCard = try await desk.patient(row.cardID)
        #expect(byCard?.id == receipt.patient.id, "the card's personal ID finds the record the visit went to")
    }

    @Test("another person who shares an old CMND does not take over the record")
    func sharedCMNDIsAnotherPerson() async throws {
        let desk = try ReceptionFixture()
        let personA = try ReceptionFixture.reading(id: "001099012345", legacy: "012345678", born: "01011999")
        try desk.enrol(personA)
        let a = try await desk.reception.checkIn(personA, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 120)
        let personB = try ReceptionFixture.reading(
            id: "079088000321",
            legacy: "012345678",
            name: "Trần Văn Bình",
            born: "05061988"
        )
        try desk.enrol(personB, card: "GD4790880003210")
        let b = try await desk.reception.checkIn(personB, for: VisitRequest(), by: desk.staff)

        #expect(b.match == .registered && b.patient.id != a.patient.id)
        #expect(!b.isRepeatScan && b.visit.id != a.visit.id, "B is not handed A's open visit")
        #expect(b.warnings.map(\.code).contains(.possibleDuplicate))
        let stillA = try #require(try await desk.patient("001099012345"))
        #expect(stillA.id == a.patient.id && stillA.demographics.name.text == "Nguyễn Văn A")
        #expect(stillA.personalID == personA.personalID, "A's personal ID stays active")
        #expect(try await desk.patient("079088000321")?.id == b.patient.id)
        let visitsOfA = try await desk.store.visits(ofPatient: a.patient.id, for: desk.access)
        #expect(visitsOfA.map(\.id) == [a.visit.id], "B's visit is not on A's record")
    }

    @Test("a new registration with a namesake that has no personal ID is warned, never merged")
    func namesakeWithoutPersonalIDIsWarned() async throws {
        let desk = try ReceptionFixture()
        let old = Patient(
            identifiers: [.legacyID(try LegacyIDNumber("025123456"), status: .active)],
            demographics: Demographics(name: try PersonName("Nguyen Van A"), dateOfBirth: .year(1999), sex: .male)
        )
        var changes = ChangeSet(desk.access)
        changes.save(old)
        try await desk.store.commit(changes)
        // The card carries no CMND (an MRZ, or a person whose CMND was never recorded).
        let reading = try ReceptionFixture.reading(legacy: nil)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .registered && receipt.patient.id != old.id)
        #expect(receipt.warnings.map(\.code).contains(.possibleDuplicate), "\(receipt.warnings)")
        let other = try await desk.reception.checkIn(
            try ReceptionFixture.reading(id: "001099054321", legacy: nil, name: "Nguyễn Văn Bình"),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(!other.warnings.map(\.code).contains(.possibleDuplicate), "another name: no warning")
    }
}

import ChipChart
import Foundation
import Testing

@Suite("Patients, identifiers and card readings")
struct RecordTests {
    static func reading(id: String = "001099012345", born: String = "01011999", sex: Sex = .male) throws -> CardReading
    {
        CardReading(
            source: .qr,
            personalID: try PersonalID(id),
            legacyID: try LegacyIDNumber("012345678"),
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: born),
            sex: sex,
            address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
            issueDate: try CalendarDate(year: 2021, month: 4, day: 15)
        )
    }

    @Test func aConsistentReadingValidates() throws {
        #expect(throws: Never.self) { try Self.reading().validate() }
    }

    @Test func aReadingWhoseIDContradictsItsBirthYearIsRejected() throws {
        #expect {
            try Self.reading(born: "01012001").validate()
        } throws: { ($0 as? ValidationError)?.reason == .inconsistent }
        #expect(throws: ValidationError.self) { try Self.reading(sex: .female).validate() }
    }

    @Test func identifierValuesAreValidatedByKind() throws {
        #expect(throws: ValidationError.self) { try PatientIdentifier(kind: .personalID, value: "003099012345") }
        #expect(throws: ValidationError.self) { try PatientIdentifier(kind: .socialInsuranceNumber, value: "12") }
        #expect(try PatientIdentifier(kind: .passport, value: "c1234567").value == "C1234567")
        #expect(
            try PatientIdentifier.Key(kind: .personalID, value: "001099012345").description == "personalID:001*******45"
        )
    }

    @Test func adoptingANewPersonalIDSupersedesTheOld() throws {
        var patient = Patient(
            identifiers: [.personalID(try PersonalID("001099012345"))],
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
        let day = try CalendarDate(year: 2026, month: 3, day: 2)
        patient.adoptPersonalID(try PersonalID("001099054321"), on: day)
        #expect(patient.personalID == (try PersonalID("001099054321")))
        #expect(patient.identifiers.count == 2)
        #expect(patient.identifiers[0].status == .superseded)
        #expect(patient.identifiers[0].validity.end == day.adding(days: -1))
        let added = patient.addIdentifier(.personalID(try PersonalID("001099054321")))
        #expect(!added)
    }

    @Test func aRenewedCardIsANewRecordButARescanIsNot() throws {
        var patient = Patient(
            demographics: Demographics(name: try PersonName("A B"), dateOfBirth: .year(1999), sex: .male)
        )
        var reading = try Self.reading()
        let first = patient.recordCard(IDCardRecord(reading)!)
        let rescan = patient.recordCard(IDCardRecord(reading)!)
        reading.issueDate = try CalendarDate(year: 2024, month: 1, day: 1)
        let renewed = patient.recordCard(IDCardRecord(reading)!)
        #expect(first && !rescan && renewed)
        #expect(patient.idCards.count == 2)
    }

    @Test func recordsSurviveJSON() throws {
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let patient = Patient(
            identifiers: [.personalID(try PersonalID("001099012345")), .legacyID(try LegacyIDNumber("012345678"))],
            idCards: [IDCardRecord(try Self.reading())!],
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: .monthYear(year: 1999, month: 1),
                sex: .male
            )
        )
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            validity: .from(try CalendarDate(year: 2026, month: 1, day: 1)),
            verification: .verified(at: Date(timeIntervalSince1970: 1_772_409_600), by: staff, result: .valid)
        )
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Patient.self, from: encoder.encode(patient)) == patient)
        #expect(try decoder.decode(Coverage.self, from: encoder.encode(coverage)) == coverage)
        let json = String(decoding: try encoder.encode(patient), as: UTF8.self)
        #expect(json.contains("\"1999-01\""))
    }
}

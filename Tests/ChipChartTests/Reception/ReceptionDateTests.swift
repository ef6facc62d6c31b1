import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// A reception desk refuses a reading whose dates lie in the future of its own clock, and stores
/// nothing.
@Suite("Reception: dates in the future")
struct ReceptionDateTests {
    /// The desk's clock reads 2026-03-02 07:00 in Vietnam.
    @Test(
        arguments: [
            ("001899012345", "01012399", "15042021", "dateOfBirth"),
            ("001227012345", "2027", nil, "dateOfBirth"),
            ("001226012345", "04032026", nil, "dateOfBirth"),
            ("001099012345", "01011999", "04032026", "issueDate"),
            ("001099012345", "01011999", "01012399", "issueDate"),
        ] as [(String, String, String?, String)]
    )
    func aDateInTheFutureIsRejectedAndNothingIsStored(
        id: String,
        born: String,
        issued: String?,
        field: String
    )
        async throws
    {
        let desk = try ReceptionFixture()
        let reading = CardReading(
            source: .qr,
            personalID: try PersonalID(id),
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: born),
            sex: try PersonalID(id).sex,
            issueDate: try issued.map { try CalendarDate(parsing: $0) }
        )
        await #expect {
            try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == field && error?.reason == .outOfRange
        }
        #expect(try await desk.patient(id) == nil)
    }

    /// Vietnam is ahead of most of the world: a date one day ahead of the desk's clock passes.
    @Test func aBirthTodayOrTomorrowIsAccepted() async throws {
        let desk = try ReceptionFixture()
        for (id, born) in [("001226012345", "02032026"), ("001226012346", "03032026")] {
            let reading = CardReading(
                source: .qr,
                personalID: try PersonalID(id),
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: try DateOfBirth(parsing: born),
                sex: .male
            )
            #expect(throws: Never.self) {
                try reading.validate(today: try CalendarDate(year: 2026, month: 3, day: 2))
            }
            _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        }
    }

    @Test func aTypedBirthDateInTheFutureIsRejected() async throws {
        let desk = try ReceptionFixture()
        await #expect {
            try await desk.reception.checkIn(
                typed: .insurance(
                    .cardCode(try InsuranceCardCode("DN4010123456789")),
                    name: try PersonName("Nguyễn Văn A"),
                    dateOfBirth: .year(2399),
                    sex: .male
                ),
                for: VisitRequest(),
                by: desk.staff
            )
        } throws: { ($0 as? ValidationError)?.field == "dateOfBirth" }
    }

    @Test func anEmergencyPatientBornInTheFutureIsRejected() async throws {
        let desk = try ReceptionFixture()
        await #expect {
            try await desk.reception.registerUnidentified(
                UnidentifiedPatient(estimatedBirthYear: 2399),
                for: VisitRequest(),
                by: desk.staff
            )
        } throws: { ($0 as? ValidationError)?.field == "dateOfBirth" }
    }
}
